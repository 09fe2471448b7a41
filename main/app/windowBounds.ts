// The main window's size and position, remembered between starts in <dataDir>/window-state.json.
// A saved place is used only while it is still on one of the screens (a monitor unplugged since
// must not open the window off-screen); otherwise the window opens at its default size, centred.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

const savedSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});
export type SavedWindowState = z.infer<typeof savedSchema>;

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 };
export const MIN_WINDOW_SIZE = { width: 640, height: 480 };

export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, 'window-state.json');
}

/** What was saved, or null for none or a damaged file (the window then opens at its default). */
export async function readWindowState(dataDir: string): Promise<SavedWindowState | null> {
  try {
    const parsed = savedSchema.safeParse(JSON.parse(await readFile(windowStateFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Written synchronously as the window closes: the app quits right after, and an asynchronous
 * write could be cut off. A temporary file renamed over the old one, so a crash leaves either.
 */
export function writeWindowState(dataDir: string, state: SavedWindowState): void {
  const file = windowStateFile(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** At least this much of the window's title bar must lie on a screen for the saved place to count. */
const VISIBLE_PX = 100;

function overlaps(a: Rectangle, b: Rectangle): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= VISIBLE_PX && height > 0;
}

/**
 * Where to open the window: the saved bounds when their top strip is on a screen's work area
 * (sizes clamped to the minimum and to that screen), else the default size with no position.
 */
export function restoredBounds(saved: SavedWindowState | null, workAreas: Rectangle[]): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false };
  const titleStrip = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
  const screen = workAreas.find((area) => overlaps(titleStrip, area));
  if (!screen) return { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: saved.maximized };
  const width = Math.min(Math.max(saved.width, MIN_WINDOW_SIZE.width), screen.width);
  const height = Math.min(Math.max(saved.height, MIN_WINDOW_SIZE.height), screen.height);
  return { bounds: { x: saved.x, y: saved.y, width, height }, maximized: saved.maximized };
}
