// A worker that only says which prover a worker on this machine would use (the same choice
// prover.ts makes, nativeGroth16.ts), then exits: for main when it needs that before any proving
// worker has reported it (zkdesk profile, an estimate before the first job). No snarkjs loaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { selectNativeProver } from './nativeGroth16.js';
import { connectToParent } from './workerPort.js';
import { PROTOCOL_VERSION } from '../common/workerProtocol.js';

const port = connectToParent();
const require = createRequire(import.meta.url);
const snarkjs = (JSON.parse(readFileSync(path.join(path.dirname(require.resolve('snarkjs')), '..', 'package.json'), 'utf8')) as { version: string }).version;
port.post({ type: 'ready', pid: process.pid, protocolVersion: PROTOCOL_VERSION, versions: { node: process.versions.node, snarkjs }, backend: selectNativeProver().report });
port.onMessage((message) => {
  if (message.type === 'shutdown') process.exit(0);
});
port.onParentGone(() => process.exit(0));
