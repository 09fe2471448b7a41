// nvidia-smi's CSV output, read into typed GPUs. The query names its fields one by one, so a
// serial or UUID is never even asked for; the parser is pure so it is tested on recorded output.
import type { NvidiaGpu } from '../../../common/profiler/systemProfile.js';

/** The fields queried, in column order. `compute_cap` needs a driver from 2022 or later (510+). */
export const NVIDIA_SMI_FIELDS = [
  'name',
  'driver_version',
  'memory.total',
  'memory.used',
  'utilization.gpu',
  'temperature.gpu',
  'power.draw',
  'power.limit',
  'pcie.link.gen.max',
  'pcie.link.width.max',
  'compute_cap',
] as const;

/** Older drivers refuse the whole query when one field is unknown: retry without compute_cap. */
export const NVIDIA_SMI_LEGACY_FIELDS = NVIDIA_SMI_FIELDS.filter((f) => f !== 'compute_cap');

export type NvidiaSmiField = (typeof NVIDIA_SMI_FIELDS)[number];

export function nvidiaSmiArgs(fields: readonly NvidiaSmiField[]): string[] {
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];
}

/** True when nvidia-smi's complaint says one queried field is unknown to this driver. */
export function isUnknownFieldError(output: string): boolean {
  return /is not a valid field to query/i.test(output);
}

/** "[N/A]", "[Not Supported]", "N/A" and empty cells all mean "this GPU does not report it". */
function cell(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (v === '' || /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions|Requested functionality has been deprecated)\]?$/i.test(v)) {
    return null;
  }
  return v;
}

function num(value: string | undefined): number | null {
  const v = cell(value);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function int(value: string | undefined): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * Parses `nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits`: one line per GPU,
 * cells separated by ", ". A line with the wrong number of cells throws: a shifted column
 * would put a temperature where the VRAM belongs, which is worse than no GPU details at all.
 */
export function parseNvidiaSmiCsv(stdout: string, fields: readonly NvidiaSmiField[] = NVIDIA_SMI_FIELDS): NvidiaGpu[] {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.map((line, index) => {
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== fields.length) {
      throw new Error(`nvidia-smi line ${index + 1} has ${cells.length} columns, expected ${fields.length}`);
    }
    const byField = new Map<NvidiaSmiField, string>();
    fields.forEach((f, i) => byField.set(f, cells[i] ?? ''));
    const name = cell(byField.get('name'));
    if (name === null) throw new Error(`nvidia-smi line ${index + 1} has no GPU name`);
    const utilization = num(byField.get('utilization.gpu'));
    return {
      name,
      driverVersion: cell(byField.get('driver_version')),
      memoryTotalMiB: num(byField.get('memory.total')),
      memoryUsedMiB: num(byField.get('memory.used')),
      utilizationPct: utilization === null ? null : Math.min(100, Math.max(0, utilization)),
      temperatureC: num(byField.get('temperature.gpu')),
      powerDrawW: num(byField.get('power.draw')),
      powerLimitW: num(byField.get('power.limit')),
      computeCapability: cell(byField.get('compute_cap')),
      pcieGenMax: int(byField.get('pcie.link.gen.max')),
      pcieWidthMax: int(byField.get('pcie.link.width.max')),
    };
  });
}
