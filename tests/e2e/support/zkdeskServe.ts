// Starts a real `zkdesk serve` on a fresh data directory and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface ServeProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`zkdesk serve printed no URL in 60 s\n${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      try {
        const { url } = JSON.parse(stdout) as { url: string };
        clearTimeout(timer);
        resolve(url);
      } catch {
        // The JSON is not complete yet.
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`zkdesk serve exited (${code}) before printing a URL\n${stderr}`));
    });
  });
}

/**
 * On a fresh temporary data directory, or on the one given (which is then left in place).
 * `extraEnv` adds to the environment (another resources folder, where ptau files are looked for).
 */
export async function startServe(givenDataDir?: string, extraEnv: Record<string, string> = {}): Promise<ServeProcess> {
  const dataDir = givenDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'zkdesk-e2e-')));
  // XDG_CONFIG_HOME holds the default folder, where a data directory chosen in Settings is recorded: kept inside the temporary one.
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(dataDir, '.config-home'), ...extraEnv };
  const child = spawn(process.execPath, ['bin/zkdesk.js', '--data-dir', dataDir, '--json', 'serve'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await waitForUrl(child);
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!givenDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
