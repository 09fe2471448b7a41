// The advisor's evidence in words: each measured fact under a label a tester understands and a
// value in units (MiB, seconds, %), instead of the rule's own keys ("fewCores: 4"). A key with no
// label here still reads sensibly: its camelCase split into words.
import type { AdvisorWarning } from '../../../../common/advisor/advisorTypes.js';
import { formatBytes } from '../../format/formatBytes.js';
import { formatDuration } from '../../format/formatDuration.js';

type EvidenceValue = AdvisorWarning['evidence'][string];

const labels: Record<string, string> = {
  availableParallelism: 'Cores zkdesk can use',
  logicalCores: 'Logical cores',
  fewCores: 'Warned below (cores)',
  currentLoadPct: 'CPU in use',
  loadAverage1m: 'Load average (1 min)',
  thresholdPct: 'Warned above',
  virtual: 'Virtual machine',
  hypervisorCpuFlag: 'CPU reports a hypervisor',
  virtualHost: 'Hypervisor',
  stealPct: 'CPU time taken by the host',
  highStealPct: 'Warned above',
  controllers: 'Graphics adapters',
  nvidiaSmi: 'NVIDIA driver tool (nvidia-smi)',
  glRenderer: 'OpenGL renderer',
  acConnected: 'Plugged in',
  percent: 'Battery charge',
  timeRemainingMin: 'Battery time left',
  lowBatteryPercent: 'Low battery below',
  circuitId: 'Circuit',
  needBytes: 'Memory this proof needs',
  needSource: 'Memory need from',
  usableBytes: 'Memory zkdesk may use',
  limitedBy: 'Limited by',
  totalBytes: 'Total',
  availableBytes: 'Available now',
  thresholdBytes: 'Warned below',
  freeBytes: 'Free',
  circuitZkeyBytes: "This circuit's proving key",
  swapUsedBytes: 'Swap in use',
  swapTotalBytes: 'Swap in all',
  predictedMs: 'Predicted time',
  limitSec: 'Ask-first limit',
  appVersion: 'This version',
  channelLatest: 'Newest on your channel',
  behindBy: 'Behind by',
  arch: 'Runtime architecture',
  osArch: 'System architecture',
  bits: 'Runtime bits',
  emulationEvidence: 'Sign of emulation',
  wasmAvailable: 'WebAssembly',
  wasmSimd: 'WebAssembly SIMD',
  wasmThreads: 'WebAssembly threads',
  node: 'Node.js',
  v8: 'V8',
  electron: 'Electron',
  cpu: 'CPU',
  memory: 'Memory',
  gpu: 'GPU',
  os: 'Operating system',
  power: 'Power',
  disk: 'Disk',
  system: 'System',
  runtime: 'Runtime',
  load: 'CPU load',
};

/** Values that are words from the probe, said as a person would. */
const valueWords: Record<string, Record<string, string>> = {
  nvidiaSmi: { absent: 'not installed', ok: 'working', unavailable: 'could not be read' },
};

/** What a missing value means for keys where "unknown" would mislead. */
const nullWords: Record<string, string> = { controllers: 'none found' };

function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function evidenceLabel(key: string): string {
  return labels[key] ?? words(key);
}

export function evidenceValue(key: string, value: EvidenceValue): string {
  if (value === null) return nullWords[key] ?? 'unknown';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (/Bytes$/.test(key)) return formatBytes(value);
    if (/Ms$/.test(key)) return formatDuration(value);
    if (/Sec$/.test(key)) return formatDuration(value * 1000);
    if (/Min$/.test(key)) return `${Math.round(value)} min`;
    if (/(Pct|Percent)$/.test(key) || key === 'percent') return `${Math.round(value)} %`;
    return Number.isInteger(value) ? value.toLocaleString() : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  }
  return valueWords[key]?.[value] ?? String(value);
}
