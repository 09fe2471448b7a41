// Measures how fast this machine proves and keeps the result under the profile's fingerprint:
// the operation costs come from a calibration worker process, the tie to reality from one
// real proof of a bundled circuit through the prover. Measured again when the fingerprint
// changes (another machine, more memory, a new CPU) or when the user asks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ZkError } from '../../../common/errors.js';
import type { CalibrationMessage, CircuitInput } from '../../../common/workerProtocol.js';
import { writeFileAtomic } from '../files/atomicWrite.js';
import type { ProverService } from '../prover/proverService.js';
import type { CircuitCatalogue } from '../prover/circuitCatalogue.js';
import type { WorkerLauncher } from '../prover/workerLauncher.js';
import { calibrationSchema, type Calibration } from '../../../common/profiler/calibrationTypes.js';
import { appendCalibrationHistory } from './calibrationHistory.js';

export interface CalibrationServiceOptions {
  dataDir: string;
  launcher: WorkerLauncher;
  workerScript: string;
  prover: ProverService;
  circuits: Pick<CircuitCatalogue, 'resolve' | 'sampleInput'>;
  /** The bundled circuit proved for real at calibration. */
  referenceCircuitId?: string;
  now?: () => Date;
}

/** Sizes timed: around the bundled circuits (2^8 to 2^16), quick enough for a first run (~10 s). */
const G1_POWERS = [10, 12, 14];
const G2_POWERS = [10, 12];
const FFT_POWERS = [12, 14, 16];
const CALIBRATION_TIMEOUT_MS = 5 * 60_000;

export function calibrationFile(dataDir: string): string {
  return path.join(dataDir, 'calibration.json');
}

/** The calibration kept in a data directory, whichever machine measured it; a damaged file counts as none. */
export async function readStoredCalibration(dataDir: string): Promise<Calibration | null> {
  try {
    const parsed = calibrationSchema.safeParse(JSON.parse(await readFile(calibrationFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A stored calibration counts only where it was measured on this machine (same fingerprint) with
 * the prover its workers use now (calibrations from before the native prover were of snarkjs).
 */
export async function calibrationIfCurrent(stored: Calibration | null, fingerprint: string, backend: () => Promise<string>): Promise<Calibration | null> {
  // The fingerprint first: asking the workers' backend may wait for a worker to start.
  if (stored?.fingerprint !== fingerprint) return null;
  return (stored.backend ?? 'snarkjs') === (await backend()) ? stored : null;
}

export class CalibrationService {
  readonly file: string;

  constructor(private readonly options: CalibrationServiceOptions) {
    this.file = calibrationFile(options.dataDir);
  }

  /** The stored calibration if it is current on this machine (calibrationIfCurrent), else null. */
  async current(fingerprint: string): Promise<Calibration | null> {
    return calibrationIfCurrent(await this.stored(), fingerprint, async () => (await this.options.prover.backend.current()).backend);
  }

  /** Whatever is stored, for bundles: a stale one is still evidence. */
  async stored(): Promise<Calibration | null> {
    return readStoredCalibration(this.options.dataDir);
  }

  private async measureOperations(witness: { wasmPath: string; input: CircuitInput; wires: number } | null): Promise<CalibrationMessage> {
    const worker = this.options.launcher.launch({ script: this.options.workerScript, name: 'zkdesk-calibration' });
    try {
      return await new Promise<CalibrationMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new ZkError('E_TIMEOUT', 'Calibration took longer than five minutes and was stopped.')), CALIBRATION_TIMEOUT_MS);
        worker.onExit((exit) => {
          clearTimeout(timer);
          reject(new ZkError('E_WORKER_CRASHED', 'The calibration process stopped unexpectedly.', { exitCode: exit.code, signal: exit.signal }));
        });
        worker.onMessage((message) => {
          if (message.type === 'ready') {
            worker.post({ type: 'calibrate', g1Powers: G1_POWERS, g2Powers: G2_POWERS, fftPowers: FFT_POWERS, witness });
          } else if (message.type === 'calibration') {
            clearTimeout(timer);
            resolve(message);
          } else if (message.type === 'calibration-error') {
            clearTimeout(timer);
            reject(ZkError.fromPayload(message.error));
          }
        });
      });
    } finally {
      worker.post({ type: 'shutdown' });
      setTimeout(() => worker.kill(), 2000).unref();
    }
  }

  async run(fingerprint: string): Promise<Calibration> {
    const started = performance.now();
    const referenceId = this.options.referenceCircuitId ?? 'stress-12';
    // Its proofs would be refused at admission anyway: refuse before the operations are measured.
    this.options.prover.refuseIfSwitchedOff(referenceId);
    const reference = await this.options.circuits.resolve(referenceId);
    const input = (await this.options.circuits.sampleInput(referenceId)) as CircuitInput;
    const manifest = reference.manifest;
    if (!manifest) throw new ZkError('E_ARTIFACT_MISSING', `The reference circuit ${referenceId} has no manifest.`);

    const operations = await this.measureOperations({ wasmPath: reference.files.wasmPath, input, wires: manifest.wires });
    // Two proofs, the first unmeasured: a warm worker is what the estimate is for.
    await (await this.options.prover.submit({ circuit: reference, input, kind: 'calibration' })).result;
    const proof = await (await this.options.prover.submit({ circuit: reference, input, kind: 'calibration' })).result;

    const calibration: Calibration = {
      formatVersion: 1,
      fingerprint,
      measuredAt: (this.options.now?.() ?? new Date()).toISOString(),
      durationMs: performance.now() - started,
      threads: operations.threads,
      g1Msm: operations.g1Msm,
      g2Msm: operations.g2Msm,
      fft: operations.fft,
      pairingMs: operations.pairingMs,
      backend: proof.backend,
      witnessSpeed: operations.witness,
      reference: {
        circuitId: referenceId,
        wires: manifest.wires,
        domainPower: manifest.domainPower,
        publicSignals: manifest.publicSignals.length,
        zkeyBytes: manifest.artifacts.zkey.bytes,
        witnessMs: proof.timings.witnessMs,
        proveMs: proof.timings.proveMs,
        verifyMs: proof.timings.verifyMs,
        peakRssBytes: proof.peakRssBytes,
      },
    };
    await writeFileAtomic(this.file, `${JSON.stringify(calibration, null, 2)}\n`);
    // The Benchmarks view charts how calibrations moved over time; calibration.json keeps only the latest.
    await appendCalibrationHistory(this.options.dataDir, calibration);
    return calibration;
  }

  /** The current calibration, measuring one first if this machine has none. */
  async ensure(fingerprint: string): Promise<{ calibration: Calibration; measured: boolean }> {
    const existing = await this.current(fingerprint);
    if (existing) return { calibration: existing, measured: false };
    return { calibration: await this.run(fingerprint), measured: true };
  }
}
