// The calibration worker: times the operations a Groth16 proof is made of (G1 and G2
// multi-scalar multiplications, FFTs, a pairing, witness generation) with the same library
// snarkjs uses, in its own process so a slow or crashing run harms nothing else.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { WitnessCalculatorBuilder } from 'circom_runtime';
import { ZkError } from '../common/errors.js';
import { selectNativeProver } from './nativeGroth16.js';
import { buildBn128Curve } from './bn128Curve.js';
import { connectToParent } from './workerPort.js';
import { PROTOCOL_VERSION, type CalibrateRequest, type Timing } from '../common/workerProtocol.js';

// ffjavascript's curve object is untyped; these are the members used here.
interface Group {
  g: unknown;
  F: { n8: number };
  add(a: unknown, b: unknown): unknown;
  toAffine(p: unknown): unknown;
  toRprLEM(buff: Uint8Array, offset: number, p: unknown): void;
  multiExpAffine(bases: Uint8Array, scalars: Uint8Array): Promise<unknown>;
}
interface Curve {
  G1: Group;
  G2: Group;
  Fr: { e(v: number): unknown; toRprLE(buff: Uint8Array, offset: number, v: unknown): void; fft(b: Uint8Array): Promise<Uint8Array>; ifft(b: Uint8Array): Promise<Uint8Array> };
  pairing(a: unknown, b: unknown): unknown;
}

const port = connectToParent();

/** A log record for main's log file, as the prover worker sends them (main redacts on write). */
function log(level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields: Record<string, string | number | boolean> = {}): void {
  port.post({ type: 'log', level, msg, fields });
}

/** Distinct points g, 2g, 3g, ... in the affine Montgomery form zkey sections use. */
function bases(group: Group, n: number): Uint8Array {
  const size = group.F.n8 * 2;
  const buffer = new Uint8Array(n * size);
  let point = group.g;
  for (let i = 0; i < n; i++) {
    group.toRprLEM(buffer, i * size, group.toAffine(point));
    point = group.add(point, group.g);
  }
  return buffer;
}

/** Random scalars below the field size (top bits cleared), little-endian like a witness. */
function scalars(n: number): Uint8Array {
  const buffer = new Uint8Array(randomBytes(n * 32));
  for (let i = 0; i < n; i++) buffer[i * 32 + 31] = (buffer[i * 32 + 31] ?? 0) & 0x1f;
  return buffer;
}

/** Median of three runs after one warm-up. */
async function median3(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1] as number;
}

async function calibrate(curve: Curve, request: CalibrateRequest): Promise<void> {
  const started = performance.now();
  log('info', 'calibration started', {
    g1Powers: request.g1Powers.join(','),
    g2Powers: request.g2Powers.join(','),
    fftPowers: request.fftPowers.join(','),
    witness: request.witness !== null && request.witness !== undefined,
    threads: os.availableParallelism(),
  });
  const g1Msm: Timing[] = [];
  for (const power of request.g1Powers) {
    const b = bases(curve.G1, 2 ** power);
    const s = scalars(2 ** power);
    g1Msm.push({ power, ms: await median3(() => curve.G1.multiExpAffine(b, s)) });
  }
  const g2Msm: Timing[] = [];
  for (const power of request.g2Powers) {
    const b = bases(curve.G2, 2 ** power);
    const s = scalars(2 ** power);
    g2Msm.push({ power, ms: await median3(() => curve.G2.multiExpAffine(b, s)) });
  }
  const fft: Timing[] = [];
  for (const power of request.fftPowers) {
    const n = 2 ** power;
    const values = new Uint8Array(n * 32);
    for (let i = 0; i < n; i++) curve.Fr.toRprLE(values, i * 32, curve.Fr.e(i + 1));
    fft.push({ power, ms: await median3(async () => curve.Fr.fft(await curve.Fr.ifft(values))) });
  }
  const pairingMs = await median3(async () => curve.pairing(curve.G1.g, curve.G2.g));
  log('debug', 'curve operations timed', {
    g1MsmMs: g1Msm.map((t) => Math.round(t.ms)).join(','),
    g2MsmMs: g2Msm.map((t) => Math.round(t.ms)).join(','),
    fftMs: fft.map((t) => Math.round(t.ms)).join(','),
    pairingMs: Math.round(pairingMs),
  });

  let witness: { wires: number; ms: number } | null = null;
  if (request.witness) {
    const calculator = await WitnessCalculatorBuilder(await readFile(request.witness.wasmPath));
    const input = request.witness.input;
    witness = { wires: request.witness.wires, ms: await median3(() => calculator.calculateWTNSBin(input, true)) };
  }
  log('info', 'calibration finished', { totalMs: Math.round(performance.now() - started), ...(witness ? { witnessMs: Math.round(witness.ms), wires: witness.wires } : {}) });
  port.post({ type: 'calibration', g1Msm, g2Msm, fft, pairingMs, witness, threads: os.availableParallelism() });
}

// With its threads, as snarkjs proves; from the code generated at build time where it fits.
const curve = (await buildBn128Curve(true)) as unknown as Curve;
port.onMessage((message) => {
  if (message.type === 'calibrate') {
    calibrate(curve, message).catch((error: unknown) => {
      const zk = ZkError.wrap(error);
      log('error', 'calibration failed in the worker', { code: zk.code, reason: zk.message.slice(0, 300) });
      port.post({ type: 'calibration-error', error: zk.toPayload() });
    });
  } else if (message.type === 'shutdown') {
    // process.exit ends ffjavascript's threads too, without curve.terminate()'s fixed 200 ms sleep.
    process.exit(0);
  }
});
port.onParentGone(() => process.exit(0));
log('debug', 'calibration worker ready', { node: process.versions.node });
port.post({
  type: 'ready',
  pid: process.pid,
  protocolVersion: PROTOCOL_VERSION,
  versions: { node: process.versions.node, snarkjs: 'ffjavascript' },
  backend: selectNativeProver().report,
});
