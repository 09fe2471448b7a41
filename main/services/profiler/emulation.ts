// Whether this process runs on its own architecture or translated, and how wide it is. An x64
// Node under Rosetta 2 on an arm64 Mac, or x64 on Windows on Arm, proves several times slower
// than a native build on the same machine; a 32-bit process cannot address the memory that
// larger circuits need. Both are easy to install by mistake and invisible to the user.
import { execFile } from 'node:child_process';
import os from 'node:os';

export interface EmulationEnv {
  platform: NodeJS.Platform;
  /** process.arch: what this Node/Electron binary was built for. */
  arch: string;
  /** os.machine(): what the kernel says the hardware is; emulators often repeat the guest's. */
  machine: string;
  env: NodeJS.ProcessEnv;
  /** Runs `sysctl -in <name>` (macOS) and gives its trimmed output. */
  sysctl(name: string): Promise<string>;
}

export interface EmulationFacts {
  bits: 32 | 64;
  emulated: boolean | null;
  evidence: string;
}

const THIRTY_TWO_BIT_ARCHES = new Set(['ia32', 'arm', 'mips', 'mipsel', 'ppc', 's390', 'x32']);

type Family = 'x86' | 'arm' | 'other';

function familyOf(name: string): Family {
  const n = name.toLowerCase();
  if (/^(x64|x86_64|amd64|ia32|i[3-6]86|x86)$/.test(n)) return 'x86';
  if (/^(arm64|aarch64|arm|armv\d.*)$/.test(n)) return 'arm';
  return 'other';
}

export function defaultEmulationEnv(): EmulationEnv {
  return {
    platform: process.platform,
    arch: process.arch,
    machine: os.machine(),
    env: process.env,
    sysctl: (name) =>
      new Promise((resolve, reject) => {
        execFile('sysctl', ['-in', name], { timeout: 1_000, encoding: 'utf8' }, (error, stdout) => {
          if (error) reject(error);
          else resolve(stdout.trim());
        });
      }),
  };
}

export async function detectEmulation(env: EmulationEnv = defaultEmulationEnv()): Promise<EmulationFacts> {
  const bits: 32 | 64 = THIRTY_TWO_BIT_ARCHES.has(env.arch) ? 32 : 64;

  if (env.platform === 'darwin') {
    try {
      // 1 under Rosetta, 0 native on Apple silicon; Intel Macs do not have the key (-i: empty output).
      const translated = await env.sysctl('sysctl.proc_translated');
      if (translated === '1') return { bits, emulated: true, evidence: 'sysctl.proc_translated=1 (Rosetta 2)' };
      return { bits, emulated: false, evidence: `sysctl.proc_translated=${translated === '' ? 'absent' : translated}` };
    } catch (error) {
      return { bits, emulated: null, evidence: `sysctl failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  if (env.platform === 'win32') {
    // Windows on Arm keeps the real CPU in PROCESSOR_IDENTIFIER even for an emulated process.
    const identifier = env.env.PROCESSOR_IDENTIFIER ?? '';
    if (/\bARM/i.test(identifier) && familyOf(env.arch) === 'x86') {
      return { bits, emulated: true, evidence: `PROCESSOR_IDENTIFIER names an Arm CPU, process.arch=${env.arch}` };
    }
    if (env.env.PROCESSOR_ARCHITEW6432) {
      return { bits, emulated: false, evidence: `WOW64: a ${env.arch} process on a ${env.env.PROCESSOR_ARCHITEW6432} Windows` };
    }
  }

  const hw = familyOf(env.machine);
  const proc = familyOf(env.arch);
  if (hw !== 'other' && proc !== 'other' && hw !== proc) {
    return { bits, emulated: true, evidence: `os.machine()=${env.machine}, process.arch=${env.arch}` };
  }
  return { bits, emulated: false, evidence: `os.machine()=${env.machine}, process.arch=${env.arch}` };
}
