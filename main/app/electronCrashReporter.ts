// Electron's crashReporter, local only: minidumps go into <dataDir>/crashes (where the bundle
// writer finds them) and are never uploaded. Call before the app is ready, so that crashes in
// early start-up are caught too.
import { app, crashReporter } from 'electron';
import path from 'node:path';

export function startLocalCrashReporter(dataDir: string, extra: Record<string, string> = {}): string {
  const dir = path.join(dataDir, 'crashes');
  app.setPath('crashDumps', dir);
  crashReporter.start({ uploadToServer: false, compress: true, ignoreSystemCrashHandler: true, globalExtra: extra });
  return dir;
}
