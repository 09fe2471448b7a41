// settings.json in the data directory: parsed through the schema, written atomically with the
// previous good file kept as settings.json.bak. A damaged file never stops the app: it is moved
// aside, the backup (or the defaults) is used, and a warning says so.
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ZkError, type ErrorPayload } from '../../../common/errors.js';
import { writeFileAtomic, type WriteData } from '../files/atomicWrite.js';
import { parseSettingsPatch, settingsSchema, settingsFieldsSchema, type Settings, type SettingsPatch } from '../../../common/settings/settingsSchema.js';

export interface SettingsStoreOptions {
  dataDir: string;
  now?: () => Date;
  newInstallId?: () => string;
  /** Injected in tests to fail like a full disk. */
  writeData?: WriteData;
}

export interface SettingsLoadResult {
  settings: Settings;
  /** Recoveries the app should show once (E_SETTINGS_CORRUPT), never thrown. */
  warnings: ErrorPayload[];
}

type ReadOutcome = { kind: 'missing' } | { kind: 'valid'; settings: Settings; raw: unknown } | { kind: 'invalid'; reason: string };

export class SettingsStore {
  readonly file: string;
  readonly backupFile: string;
  private readonly now: () => Date;
  private readonly newInstallId: () => string;
  private readonly writeData: WriteData | undefined;
  private current: Settings | undefined;

  constructor(options: SettingsStoreOptions) {
    this.file = path.join(options.dataDir, 'settings.json');
    this.backupFile = `${this.file}.bak`;
    this.now = options.now ?? (() => new Date());
    this.newInstallId = options.newInstallId ?? randomUUID;
    this.writeData = options.writeData;
  }

  /** Reads settings.json, recovering from damage. Creates the file (and the install id) on first run. */
  async load(): Promise<SettingsLoadResult> {
    const warnings: ErrorPayload[] = [];
    const main = await this.read(this.file);
    let settings: Settings;
    if (main.kind === 'valid') {
      settings = main.settings;
      // Unknown keys or a missing install id: rewrite once so the file on disk is clean.
      if (JSON.stringify(main.raw) !== JSON.stringify(settings)) await this.writeAtLoad(settings, warnings);
    } else if (main.kind === 'missing') {
      settings = this.fresh();
      await this.writeAtLoad(settings, warnings);
    } else {
      const movedTo = await this.moveAside().catch(() => null);
      const backup = await this.read(this.backupFile);
      settings = backup.kind === 'valid' ? backup.settings : this.fresh();
      warnings.push(
        new ZkError(
          'E_SETTINGS_CORRUPT',
          backup.kind === 'valid'
            ? 'The settings file was damaged; the last good settings were restored and the damaged file kept.'
            : undefined,
          { reason: main.reason, movedTo: movedTo && path.basename(movedTo), restoredFrom: backup.kind === 'valid' ? 'backup' : 'defaults' },
        ).toPayload(),
      );
      await this.writeAtLoad(settings, warnings);
    }
    this.current = settings;
    return { settings, warnings };
  }

  get(): Settings {
    if (!this.current) throw new ZkError('E_INTERNAL', 'Settings were read before they were loaded.');
    return this.current;
  }

  /** Applies a checked change and writes it; on failure the file and the settings in memory stay as they were. */
  async update(input: unknown): Promise<Settings> {
    const parsed = parseSettingsPatch(input);
    if (!parsed.ok) throw new ZkError('E_SETTINGS_INVALID', undefined, { issues: parsed.issues.join(' | ') });
    const next = settingsSchema.parse({ ...this.get(), ...parsed.patch });
    await this.write(next, { backup: true });
    this.current = next;
    return next;
  }

  /** Back to the defaults, keeping the install id (it identifies the install, not a preference). */
  async reset(): Promise<Settings> {
    const next = settingsSchema.parse({ installId: this.get().installId });
    await this.write(next, { backup: true });
    this.current = next;
    return next;
  }

  private fresh(): Settings {
    return settingsSchema.parse({ installId: this.newInstallId() });
  }

  private async read(file: string): Promise<ReadOutcome> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'invalid', reason: `unreadable: ${(error as Error).message}` };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { kind: 'invalid', reason: 'not valid JSON' };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'invalid', reason: 'not a JSON object' };
    // A file from before the install id existed is still a good file: give it one.
    const withId = 'installId' in raw ? raw : { ...raw, installId: this.newInstallId() };
    const parsed = settingsSchema.safeParse(withId);
    if (!parsed.success) {
      const fields = settingsFieldsSchema.safeParse(withId);
      const issues = (fields.success ? parsed.error : fields.error).issues;
      return { kind: 'invalid', reason: issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
    }
    return { kind: 'valid', settings: parsed.data, raw };
  }

  private async moveAside(): Promise<string> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const target = path.join(path.dirname(this.file), `settings.corrupt-${stamp}.json`);
    await rename(this.file, target);
    return target;
  }

  private async write(settings: Settings, options: { backup: boolean }): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const writeOptions = this.writeData ? { writeData: this.writeData } : {};
    // What is on disk now was loaded or written by us, so it is good: it becomes the backup.
    if (options.backup && this.current) await writeFileAtomic(this.backupFile, serialize(this.current), writeOptions);
    await writeFileAtomic(this.file, serialize(settings), writeOptions);
  }

  /** At start-up a failed write must not stop the app: the settings still hold in memory. */
  private async writeAtLoad(settings: Settings, warnings: ErrorPayload[]): Promise<void> {
    try {
      await this.write(settings, { backup: false });
    } catch (error) {
      warnings.push(ZkError.wrap(error, 'E_IO').toPayload());
    }
  }
}

/**
 * The settings as they are on disk, without repairing or creating anything: for readers such as
 * the bundle writer, which must capture a damaged file as it is. null when absent or invalid.
 */
export async function peekSettings(dataDir: string): Promise<Settings | null> {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function serialize(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

export type { Settings, SettingsPatch };
