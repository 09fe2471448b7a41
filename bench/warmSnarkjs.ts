// Benchmark contestant (b): plain snarkjs.groth16.fullProve in one long-lived Node process,
// asked for one proof at a time over IPC so its rounds interleave with the other contestants.
import { performance } from 'node:perf_hooks';
import * as snarkjs from 'snarkjs';

interface Ask {
  wasm: string;
  zkey: string;
  input: unknown;
}

process.on('message', (message: Ask | 'exit') => {
  if (message === 'exit') {
    void (globalThis as { curve_bn128?: { terminate(): Promise<void> } | null }).curve_bn128?.terminate().then(() => process.exit(0));
    return;
  }
  const t0 = performance.now();
  snarkjs.groth16.fullProve(message.input, message.wasm, message.zkey).then(
    () => process.send?.({ ms: performance.now() - t0, maxRssBytes: process.resourceUsage().maxRSS * 1024 }),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
process.send?.({ ready: true });
