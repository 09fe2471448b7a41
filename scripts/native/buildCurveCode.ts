// Writes the bn128 curve's WebAssembly code, as ffjavascript generates it, beside the compiled
// worker scripts (dist/native-workers/bn128-curve.wasm, with bn128-curve.json: the versions that
// generated it, its sha256 and its layout), so that workers build the curve from it instead of
// generating it in every process (native-workers/bn128Curve.ts). Runs in `npm run build`; without
// it, or after ffjavascript, wasmcurves or wasmbuilder change, workers generate the code themselves.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { curveCodeFiles, generateCurveCode } from '../../native-workers/bn128Curve.js';

const { code, stamp } = await generateCurveCode();
mkdirSync(path.dirname(curveCodeFiles.code), { recursive: true });
writeFileSync(curveCodeFiles.code, code);
writeFileSync(curveCodeFiles.stamp, `${JSON.stringify(stamp, null, 2)}\n`);
console.log(`bn128 curve code: ${code.byteLength} bytes for ffjavascript ${stamp.versions.ffjavascript}, wasmcurves ${stamp.versions.wasmcurves}, wasmbuilder ${stamp.versions.wasmbuilder}`);
