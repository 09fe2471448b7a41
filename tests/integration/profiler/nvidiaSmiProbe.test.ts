// nvidia-smi run as a real process. No GPU here, so stand-in executables replay the recorded
// output of tests/fixtures/nvidia-smi (and its failures) the way nvidia-smi prints them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeNvidiaSmi } from '../../../main/services/profiler/nvidiaSmiProbe.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/nvidia-smi');
let tmp: string;

/** An executable that behaves like nvidia-smi: `body` is JavaScript run with argv and the fixtures dir. */
async function fakeSmi(name: string, body: string): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(
    file,
    `#!${process.execPath}\nconst fs = require('node:fs');\nconst args = process.argv.slice(2);\nconst fixture = (f) => fs.readFileSync(${JSON.stringify(fixtures)} + '/' + f, 'utf8');\nfs.writeFileSync(${JSON.stringify(file)} + '.args', JSON.stringify(args));\n${body}\n`,
  );
  await chmod(file, 0o755);
  return file;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zkdesk-smi-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('nvidia-smi probe', () => {
  it('is absent where nvidia-smi is not installed', async () => {
    expect(await probeNvidiaSmi(path.join(tmp, 'no-such-nvidia-smi'))).toEqual({ status: 'absent' });
  });

  it('reads the GPUs, asking only for the named fields', async () => {
    const smi = await fakeSmi('smi-h100', "process.stdout.write(fixture('h100-sxm.csv'));");
    const result = await probeNvidiaSmi(smi);
    expect(result.status === 'ok' && result.gpus.map((g) => [g.name, g.memoryTotalMiB, g.driverVersion, g.computeCapability])).toEqual([
      ['NVIDIA H100 80GB HBM3', 81559, '550.54.15', '9.0'],
    ]);
    const args = JSON.parse(await readFile(`${smi}.args`, 'utf8')) as string[];
    expect(args[0]).toMatch(/^--query-gpu=name,driver_version,memory\.total/);
    expect(args.join(' ')).not.toMatch(/serial|uuid/i);
  });

  it("reports the driver's own words when nvidia-smi cannot reach it", async () => {
    const smi = await fakeSmi('smi-nodriver', "process.stdout.write(fixture('driver-not-loaded.txt')); process.exit(9);");
    expect(await probeNvidiaSmi(smi)).toEqual({
      status: 'unavailable',
      reason: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    });
  });

  it('asks an old driver again without compute_cap', async () => {
    const smi = await fakeSmi(
      'smi-legacy',
      "if (args[0].includes('compute_cap')) { process.stdout.write(fixture('legacy-unknown-field.txt')); process.exit(2); }\nprocess.stdout.write(fixture('v100-legacy-no-compute-cap.csv'));",
    );
    const result = await probeNvidiaSmi(smi);
    expect(result.status === 'ok' && result.gpus[0]).toMatchObject({ name: 'Tesla V100-SXM2-16GB', computeCapability: null, memoryTotalMiB: 16160 });
  });

  it('gives up on an nvidia-smi that hangs', async () => {
    const smi = await fakeSmi('smi-hang', 'setTimeout(() => {}, 60_000);');
    expect(await probeNvidiaSmi(smi, 300)).toEqual({ status: 'unavailable', reason: 'nvidia-smi did not answer within 300 ms' });
  });
});
