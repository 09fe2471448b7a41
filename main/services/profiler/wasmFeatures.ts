// Which WebAssembly features this runtime accepts, asked the only reliable way: by validating
// the smallest module that uses each one (the technique of GoogleChromeLabs/wasm-feature-detect).
// Node run with --jitless, and some locked-down builds, have no WebAssembly at all.

/** (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)) — popcnt rules out the pre-standard SIMD prototype. */
const SIMD_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00, 0x0a,
  0x0a, 0x01, 0x08, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0xfd, 0x62, 0x0b,
]);

/** (module (memory 1 1 shared) (func i32.const 0 i32.atomic.load drop)) */
const THREADS_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x04,
  0x01, 0x03, 0x01, 0x01, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x41, 0x00, 0xfe, 0x10, 0x02, 0x00, 0x1a, 0x0b,
]);

interface WasmValidator {
  validate(bytes: Uint8Array): boolean;
}

export interface WasmFeatures {
  available: boolean;
  simd: boolean;
  /** Shared memory and atomics, plus a SharedArrayBuffer to share: what multi-threaded wasm needs. */
  threads: boolean;
}

export function detectWasmFeatures(): WasmFeatures {
  const wasm = (globalThis as { WebAssembly?: WasmValidator }).WebAssembly;
  if (!wasm || typeof wasm.validate !== 'function') return { available: false, simd: false, threads: false };
  const accepts = (bytes: Uint8Array): boolean => {
    try {
      return wasm.validate(bytes);
    } catch {
      return false;
    }
  };
  return {
    available: true,
    simd: accepts(SIMD_MODULE),
    threads: accepts(THREADS_MODULE) && typeof SharedArrayBuffer === 'function',
  };
}
