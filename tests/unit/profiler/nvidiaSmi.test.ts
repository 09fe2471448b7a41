import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  NVIDIA_SMI_FIELDS,
  NVIDIA_SMI_LEGACY_FIELDS,
  isUnknownFieldError,
  nvidiaSmiArgs,
  parseNvidiaSmiCsv,
} from '../../../main/services/profiler/nvidiaSmi.js';
import { nvidiaGpuSchema } from '../../../common/profiler/systemProfile.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/nvidia-smi');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('nvidia-smi query', () => {
  it('asks for named fields only, never a serial or UUID', () => {
    const args = nvidiaSmiArgs(NVIDIA_SMI_FIELDS);
    expect(args).toEqual([expect.stringMatching(/^--query-gpu=/), '--format=csv,noheader,nounits']);
    expect(args[0]).not.toMatch(/serial|uuid/i);
    expect(NVIDIA_SMI_LEGACY_FIELDS).not.toContain('compute_cap');
  });

  it('recognises an old driver refusing an unknown field', () => {
    expect(isUnknownFieldError(read('legacy-unknown-field.txt'))).toBe(true);
    expect(isUnknownFieldError(read('driver-not-loaded.txt'))).toBe(false);
  });
});

describe('parseNvidiaSmiCsv', () => {
  it('reads an H100: model, VRAM, driver, compute capability, PCIe', () => {
    const [gpu, ...rest] = parseNvidiaSmiCsv(read('h100-sxm.csv'));
    expect(rest).toEqual([]);
    expect(gpu).toEqual({
      name: 'NVIDIA H100 80GB HBM3',
      driverVersion: '550.54.15',
      memoryTotalMiB: 81559,
      memoryUsedMiB: 1,
      utilizationPct: 0,
      temperatureC: 29,
      powerDrawW: 71.23,
      powerLimitW: 700,
      computeCapability: '9.0',
      pcieGenMax: 5,
      pcieWidthMax: 16,
    });
  });

  it('reads a real H200 recording (driver 580): model, 141 GB of VRAM in MiB, compute 9.0', () => {
    const [gpu, ...rest] = parseNvidiaSmiCsv(read('h200-real.csv'));
    expect(rest).toEqual([]);
    expect(gpu).toMatchObject({ name: 'NVIDIA H200', driverVersion: '580.159.04', memoryTotalMiB: 143771, computeCapability: '9.0', pcieGenMax: 5, pcieWidthMax: 16 });
  });

  it('reads Windows output with CRLF line endings', () => {
    const gpus = parseNvidiaSmiCsv(read('rtx-4090-windows.csv'));
    expect(gpus.map((g) => [g.name, g.memoryTotalMiB, g.driverVersion])).toEqual([['NVIDIA GeForce RTX 4090', 24564, '551.86']]);
  });

  it('turns [N/A] into null instead of NaN or a string', () => {
    const [gpu] = parseNvidiaSmiCsv(read('rtx-3060-laptop.csv'));
    expect(gpu?.powerDrawW).toBeNull();
    expect(gpu?.powerLimitW).toBeNull();
    expect(gpu?.memoryTotalMiB).toBe(6144);
  });

  it('reads one row per GPU', () => {
    const gpus = parseNvidiaSmiCsv(read('a100-x2-busy.csv'));
    expect(gpus).toHaveLength(2);
    expect(gpus.map((g) => g.utilizationPct)).toEqual([100, 0]);
    expect(gpus[0]?.memoryUsedMiB).toBe(78213);
  });

  it('reads the legacy field list, leaving compute capability unknown', () => {
    const [gpu] = parseNvidiaSmiCsv(read('v100-legacy-no-compute-cap.csv'), NVIDIA_SMI_LEGACY_FIELDS);
    expect(gpu?.name).toBe('Tesla V100-SXM2-16GB');
    expect(gpu?.computeCapability).toBeNull();
    expect(gpu?.pcieGenMax).toBe(3);
  });

  it('refuses a row whose columns do not match the query rather than misplace values', () => {
    expect(() => parseNvidiaSmiCsv(read('v100-legacy-no-compute-cap.csv'), NVIDIA_SMI_FIELDS)).toThrow(/10 columns, expected 11/);
  });

  it('gives no GPUs for empty output', () => {
    expect(parseNvidiaSmiCsv('\n')).toEqual([]);
  });

  it('produces GPUs the profile schema accepts', () => {
    for (const file of ['h200-real.csv', 'h100-sxm.csv', 'rtx-4090-windows.csv', 'rtx-3060-laptop.csv', 'a100-x2-busy.csv']) {
      for (const gpu of parseNvidiaSmiCsv(read(file))) expect(nvidiaGpuSchema.safeParse(gpu).success).toBe(true);
    }
  });
});
