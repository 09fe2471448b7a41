// Runs nvidia-smi where it may exist and turns the outcome into a NvidiaSmiResult: 'absent'
// when there is no such program (most machines), 'unavailable' with nvidia-smi's own words
// when it exists but fails (driver not loaded, too old), the GPUs otherwise.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { NvidiaSmiResult } from '../../../common/profiler/systemProfile.js';
import {
  NVIDIA_SMI_FIELDS,
  NVIDIA_SMI_LEGACY_FIELDS,
  isUnknownFieldError,
  nvidiaSmiArgs,
  parseNvidiaSmiCsv,
  type NvidiaSmiField,
} from './nvidiaSmi.js';

/** nvidia-smi wakes the driver when persistence mode is off, which takes about a second on big cards. */
const NVIDIA_SMI_TIMEOUT_MS = 2_000;

/** Where nvidia-smi lives: on PATH on Linux, in System32 on current Windows drivers; never on macOS. */
export function nvidiaSmiPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string | null {
  if (platform === 'darwin') return null;
  if (platform === 'win32') {
    const system32 = path.join(env.SystemRoot ?? env.WINDIR ?? 'C:\\Windows', 'System32', 'nvidia-smi.exe');
    return fs.existsSync(system32) ? system32 : 'nvidia-smi.exe';
  }
  return 'nvidia-smi';
}

interface RunOutcome {
  ok: boolean;
  stdout: string;
  message: string;
  missing: boolean;
}

function run(file: string, args: string[], timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, windowsHide: true, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ ok: true, stdout, message: '', missing: false });
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      // nvidia-smi prints its failures on stdout, not stderr.
      const said = `${stdout}\n${stderr}`.trim().split(/\r?\n/)[0] ?? '';
      resolve({
        ok: false,
        stdout,
        message: error.killed ? `nvidia-smi did not answer within ${timeoutMs} ms` : said || error.message,
        missing: code === 'ENOENT',
      });
    });
  });
}

/** `timeoutMs` bounds the whole probe, the retry for an old driver included. */
export async function probeNvidiaSmi(file: string | null = nvidiaSmiPath(), timeoutMs = NVIDIA_SMI_TIMEOUT_MS): Promise<NvidiaSmiResult> {
  if (file === null) return { status: 'absent' };
  const deadline = performance.now() + timeoutMs;
  let fields: readonly NvidiaSmiField[] = NVIDIA_SMI_FIELDS;
  let outcome = await run(file, nvidiaSmiArgs(fields), timeoutMs);
  const left = Math.round(deadline - performance.now());
  if (!outcome.ok && isUnknownFieldError(`${outcome.message}\n${outcome.stdout}`)) {
    if (left <= 0) return { status: 'unavailable', reason: `nvidia-smi did not answer within ${timeoutMs} ms` };
    fields = NVIDIA_SMI_LEGACY_FIELDS;
    outcome = await run(file, nvidiaSmiArgs(fields), left);
  }
  if (outcome.missing) return { status: 'absent' };
  if (!outcome.ok) return { status: 'unavailable', reason: outcome.message };
  try {
    return { status: 'ok', gpus: parseNvidiaSmiCsv(outcome.stdout, fields) };
  } catch (error) {
    return { status: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
}
