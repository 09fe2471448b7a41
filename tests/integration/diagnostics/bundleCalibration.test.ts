// A support engineer needs to know how fast the machine measured: after `zkdesk calibrate`,
// `zkdesk bundle` carries the calibration, whole and valid.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleJson, openBundle } from '../../../main/services/diagnostics/bundleReader.js';
import { calibrationSchema } from '../../../common/profiler/calibrationTypes.js';
import { projectRoot } from '../../../node/resourcePaths.js';

const run = promisify(execFile);
const zkdesk = path.join(projectRoot(), 'bin', 'zkdesk.js');
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-bundle-cal-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe('zkdesk bundle after calibration', () => {
  it('includes the calibration section, and its file is a valid calibration', async () => {
    await run(process.execPath, [zkdesk, '--data-dir', dataDir, 'calibrate']);
    const out = path.join(dataDir, 'bundle.zip');
    await run(process.execPath, [zkdesk, '--data-dir', dataDir, '--json', 'bundle', '--out', out]);
    const bundle = await openBundle(out);
    expect(bundle.integrity.ok).toBe(true);
    const section = bundle.manifest?.sections.find((s) => s.id === 'calibration');
    expect(section?.included).toBe(true);
    const file = bundle.manifest?.files.find((f) => f.section === 'calibration');
    expect(file).toBeDefined();
    const calibration = calibrationSchema.parse(bundleJson(bundle, file?.path ?? ''));
    expect(calibration.reference?.circuitId).toBe('stress-12');
  });
});
