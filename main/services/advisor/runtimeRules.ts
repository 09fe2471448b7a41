// The runtime zkdesk was installed as, rather than the hardware: a 32-bit or emulated build on
// capable hardware is slow for reasons the user cannot see, and fixed by installing the right one.
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

export function thirtyTwoBitRuntimeRule(input: AdvisorInput): AdvisorWarning | null {
  const runtime = input.profile.runtime;
  if (runtime.status !== 'ok' || runtime.bits !== 32) return null;
  return makeWarning('runtime-32-bit', 'warning', {
    title: '32-bit build of zkdesk',
    detail: `This is a 32-bit (${runtime.arch}) build: it can use at most about 2 GiB of memory, so larger circuits cannot be proved, and big-number arithmetic is slower.`,
    evidence: { arch: runtime.arch, bits: runtime.bits, osArch: input.profile.os.status === 'ok' ? input.profile.os.arch : null },
    fix: 'Install the 64-bit build of zkdesk.',
  });
}

export function emulatedRuntimeRule(input: AdvisorInput): AdvisorWarning | null {
  const runtime = input.profile.runtime;
  if (runtime.status !== 'ok' || runtime.emulated !== true) return null;
  const osArch = input.profile.os.status === 'ok' ? input.profile.os.arch : null;
  return makeWarning('runtime-emulated', 'warning', {
    title: 'zkdesk is running under emulation',
    detail: `This ${runtime.arch} build runs translated on ${osArch ?? 'a different'} hardware, which makes proving several times slower than a native build.`,
    evidence: { arch: runtime.arch, osArch, emulationEvidence: runtime.emulationEvidence },
    fix: `Install the zkdesk build for ${osArch ?? 'this machine\'s architecture'}.`,
  });
}

export function webAssemblyRule(input: AdvisorInput): AdvisorWarning | null {
  const runtime = input.profile.runtime;
  if (runtime.status !== 'ok') return null;
  if (!runtime.wasm.available) {
    return makeWarning('no-webassembly', 'blocker', {
      title: 'WebAssembly is turned off',
      detail: 'The proving code (snarkjs) and every circuit\'s witness calculator are WebAssembly: without it no proof can run.',
      evidence: { wasmAvailable: false, node: runtime.node, electron: runtime.electron },
      fix: 'Start zkdesk without flags that disable WebAssembly (such as --jitless), or ask your administrator whether a policy blocks it.',
    });
  }
  if (runtime.wasm.simd) return null;
  return makeWarning('no-wasm-simd', 'info', {
    title: 'No WebAssembly SIMD',
    detail: 'This runtime does not accept WebAssembly SIMD instructions. Today\'s prover does not need them, but faster proving backends do; it usually means an old or restricted runtime.',
    evidence: { wasmSimd: false, wasmThreads: runtime.wasm.threads, node: runtime.node, v8: runtime.v8, electron: runtime.electron },
    fix: 'Update zkdesk; if it persists, check for flags or policies that restrict WebAssembly.',
  });
}
