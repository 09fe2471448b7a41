// What the Electron app can do that the browser host cannot: its own file dialogs and the file
// manager. A path the page sends is refused in the app (apiHandlers' pageOrPicked): every file
// or folder main opens, reads or moves data to is one the user picked here, in main's dialog.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, shell, type OpenDialogOptions } from 'electron';
import type { HostCapabilities } from '../api/apiHandlers.js';

type Purpose = Parameters<NonNullable<HostCapabilities['pickFile']>>[0];

const dialogs: Record<Purpose, OpenDialogOptions> = {
  'circuit-package': { properties: ['openFile', 'openDirectory'], filters: [{ name: 'Circuit package', extensions: ['zip'] }] },
  bundle: { properties: ['openFile'], filters: [{ name: 'Diagnostics bundle', extensions: ['zip'] }] },
  'data-dir': { title: 'Choose where zkdesk keeps its data', properties: ['openDirectory', 'createDirectory'] },
};

const saveFilters: Record<'json' | 'zip', { name: string; extensions: string[] }> = {
  json: { name: 'JSON', extensions: ['json'] },
  zip: { name: 'Diagnostics bundle', extensions: ['zip'] },
};

export function electronHostCapabilities(options: Omit<HostCapabilities, 'kind' | 'pickFile' | 'revealInFolder' | 'saveFile'> & { window: () => BrowserWindow | null }): HostCapabilities {
  const { window, ...rest } = options;
  return {
    ...rest,
    kind: 'electron',
    revealInFolder: (file) => shell.showItemInFolder(file),
    pickFile: async (purpose) => {
      const parent = window();
      const picked = parent ? await dialog.showOpenDialog(parent, dialogs[purpose]) : await dialog.showOpenDialog(dialogs[purpose]);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    // A proof file, a bundle or the feedback file goes where the user says in main's own save
    // dialog; the content comes from what main holds or wrote, never from the page.
    saveFile: async (suggestedName, content, kind) => {
      const parent = window();
      const options = { defaultPath: path.join(app.getPath('downloads'), suggestedName), filters: [saveFilters[kind]] };
      const picked = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (picked.canceled || !picked.filePath) return false;
      await writeFile(picked.filePath, content, { mode: 0o600 });
      return true;
    },
  };
}
