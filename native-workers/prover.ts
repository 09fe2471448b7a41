// The proving worker: its own OS process, one job at a time, warm between jobs. Started by a
// launcher (Electron utilityProcess or Node child_process); speaks only native-workers/protocol.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ZkError } from '../common/errors.js';
import { ProofEngine } from './proofEngine.js';
import { NativeGroth16, selectNativeProver } from './nativeGroth16.js';
import { connectToParent } from './workerPort.js';
import { loadSnarkjsProver, loadVerifier } from './verifierLoader.js';
import { PROTOCOL_VERSION, type ProveRequest, type WorkerToMain } from '../common/workerProtocol.js';

const port = connectToParent();
const cacheMb = Number(process.env.ZKDESK_WORKER_CACHE_MB ?? '256');
// Decided once, here: the ready message tells main which prover this worker uses and why.
const selection = selectNativeProver();
const engine = new ProofEngine({
  cacheBytes: (Number.isFinite(cacheMb) ? cacheMb : 256) * 1024 * 1024,
  native: selection.binary ? new NativeGroth16(selection.binary, selection.launcher) : null,
});

let currentJob: string | null = null;
const cancelled = new Set<string>();

function post(message: WorkerToMain): void {
  port.post(message);
}

/** A log record for main's log file (main redacts it on write); never the inputs. */
function log(level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields: Record<string, string | number | boolean> = {}): void {
  post({ type: 'log', level, msg, fields });
}

function maxRssBytes(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS * 1024;
}

async function runJob(request: ProveRequest): Promise<void> {
  const { jobId } = request;
  currentJob = jobId;
  log('debug', 'job started', { jobId, zkeySha256: request.artifacts.zkeySha256.slice(0, 16) });
  try {
    const result = await engine.prove(request.artifacts, request.input, {
      progress: (stage, fraction, note) => post({ type: 'progress', jobId, stage, fraction, note }),
      checkCancelled: () => {
        if (cancelled.has(jobId)) throw new ZkError('E_CANCELLED');
      },
      log: (level, msg, fields) => log(level, msg, { jobId, ...fields }),
    });
    post({ type: 'result', jobId, ...result, rssBytes: process.memoryUsage.rss(), maxRssBytes: maxRssBytes() });
    log('info', 'job proved and verified', {
      jobId,
      witnessMs: Math.round(result.timings.witnessMs),
      proveMs: Math.round(result.timings.proveMs),
      backend: result.backend,
      zkeyCache: result.cache.zkey,
      cachedKeys: engine.cachedKeys.count,
    });
  } catch (error) {
    const zk = ZkError.wrap(error);
    post({ type: 'error', jobId, error: zk.toPayload() });
    log(zk.code === 'E_CANCELLED' ? 'info' : 'warn', 'job failed in the worker', { jobId, code: zk.code, reason: String(zk.details.reason ?? zk.message).slice(0, 300) });
  } finally {
    cancelled.delete(jobId);
    currentJob = null;
  }
}

function readSnarkjsVersion(): string {
  // snarkjs's exports map hides package.json; find it beside the resolved entry.
  const require = createRequire(import.meta.url);
  const entry = require.resolve('snarkjs');
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function shutdown(code: number): never {
  // ffjavascript's worker threads would keep the process alive; process.exit ends them with it.
  // Awaiting curve.terminate() first would only add its fixed 200 ms sleep to every exit (and
  // to every CLI run), with nothing left to flush: the worker is idle when told to stop.
  process.exit(code);
}

port.onMessage((message) => {
  switch (message.type) {
    case 'prove':
      if (currentJob) {
        const error = new ZkError('E_INTERNAL', 'This worker is already proving another job.', { busyWith: currentJob });
        post({ type: 'error', jobId: message.jobId, error: error.toPayload() });
        return;
      }
      void runJob(message);
      return;
    case 'cancel':
      if (message.jobId === currentJob) cancelled.add(message.jobId);
      return;
    case 'ping': {
      const { count, bytes } = engine.cachedKeys;
      post({
        type: 'pong',
        nonce: message.nonce,
        rssBytes: process.memoryUsage.rss(),
        heapUsedBytes: process.memoryUsage().heapUsed,
        cachedKeys: count,
        cachedKeyBytes: bytes,
      });
      return;
    }
    case 'shutdown':
      shutdown(0);
      return;
  }
});
port.onParentGone(() => shutdown(0));

// snarkjs and the curve with its threads: before saying ready where snarkjs proves, so the first
// job does not wait for them. Where the native prover proves, only the verifier and a curve
// without threads, after ready: verification comes last and they load while the witness and the
// proof are made.
const snarkjsVersion = readSnarkjsVersion();
if (selection.binary) {
  loadVerifier().then(
    () => log('debug', 'verifier loaded', { curve: 'bn128', threads: false }),
    () => {},
  );
} else {
  await loadSnarkjsProver();
  log('debug', 'verifier loaded', { curve: 'bn128', threads: true });
}
post({
  type: 'ready',
  pid: process.pid,
  protocolVersion: PROTOCOL_VERSION,
  versions: { node: process.versions.node, snarkjs: snarkjsVersion },
  backend: selection.report,
});
