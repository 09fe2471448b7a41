// The machine profile as terminal tables: one small table per section, a missing section shown
// with the reason it is missing, numbers in the units people read.
import type { SystemProfile } from '../../common/profiler/systemProfile.js';
import { formatMs } from './textFormat.js';
import { formatBytes } from '../../common/format/byteUnits.js';

type Row = [string, string];

function yesNo(value: boolean | null): string {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}

function pct(value: number): string {
  return `${Math.round(value)}%`;
}

/** A section title, then its facts as an indented two-column table. */
function keyValueTable(title: string, rows: Row[]): string {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return [title, ...rows.map(([key, value]) => `  ${key.padEnd(width)}  ${value}`)].join('\n');
}

function sectionTable(title: string, section: { status: 'ok' } | { status: 'unavailable'; reason: string }, rows: () => Row[]): string {
  return keyValueTable(title, section.status === 'ok' ? rows() : [['unavailable', section.reason]]);
}

export function renderProfile(profile: SystemProfile): string {
  const { cpu, memory, gpu, os, system, power, load, disk, runtime } = profile;
  const tables: string[] = [];

  tables.push(
    sectionTable('CPU', cpu, () => {
      if (cpu.status !== 'ok') return [];
      const split =
        cpu.performanceCores !== null && cpu.efficiencyCores !== null && cpu.efficiencyCores > 0
          ? ` (${cpu.performanceCores} performance + ${cpu.efficiencyCores} efficiency)`
          : '';
      const speed = [cpu.baseSpeedGHz, cpu.maxSpeedGHz].some((s) => s !== null)
        ? `${cpu.baseSpeedGHz ?? '?'} GHz base, ${cpu.maxSpeedGHz ?? '?'} GHz max`
        : 'not reported';
      const flags = cpu.flags
        ? (['avx2', 'bmi2', 'adx', 'sha', 'avx512f'] as const).map((f) => `${f} ${cpu.flags?.[f] ? 'yes' : 'no'}`).join(', ')
        : 'not reported';
      return [
        ['model', cpu.brand || 'unknown'],
        ['vendor', cpu.vendor || 'unknown'],
        ['cores', `${cpu.physicalCores} physical, ${cpu.logicalCores} logical${split}`],
        ['speed', speed],
        ['flags', flags],
      ];
    }),
  );

  tables.push(
    sectionTable('Memory', memory, () =>
      memory.status !== 'ok'
        ? []
        : [
            ['total', formatBytes(memory.totalBytes)],
            ['available', formatBytes(memory.availableBytes)],
            ['swap used', memory.swapTotalBytes === 0 ? 'no swap' : `${formatBytes(memory.swapUsedBytes)} of ${formatBytes(memory.swapTotalBytes)}`],
          ],
    ),
  );

  tables.push(
    sectionTable('GPU', gpu, () => {
      if (gpu.status !== 'ok') return [];
      const rows: Row[] = gpu.controllers.map((c, i) => [
        `gpu ${i}`,
        [
          `${c.vendor} ${c.model}`.trim() || 'unknown',
          c.vramMiB !== null ? `${formatBytes(c.vramMiB * 1024 * 1024)}${c.vramDynamic ? ' shared' : ''} VRAM` : null,
          c.driverVersion ? `driver ${c.driverVersion}` : null,
          c.bus || null,
        ]
          .filter(Boolean)
          .join(', '),
      ]);
      if (rows.length === 0) rows.push(['gpu', 'none found']);
      if (gpu.nvidia.status === 'ok') {
        gpu.nvidia.gpus.forEach((g, i) => {
          rows.push([
            `nvidia ${i}`,
            [
              g.name,
              g.memoryTotalMiB !== null ? `${formatBytes(g.memoryTotalMiB * 1024 * 1024)} VRAM` : null,
              g.memoryUsedMiB !== null ? `${formatBytes(g.memoryUsedMiB * 1024 * 1024)} used` : null,
              g.driverVersion ? `driver ${g.driverVersion}` : null,
              g.computeCapability ? `compute ${g.computeCapability}` : null,
              g.utilizationPct !== null ? `${g.utilizationPct}% busy` : null,
              g.temperatureC !== null ? `${g.temperatureC} °C` : null,
            ]
              .filter(Boolean)
              .join(', '),
          ]);
        });
      } else {
        rows.push(['nvidia-smi', gpu.nvidia.status === 'absent' ? 'not installed' : `failed: ${gpu.nvidia.reason}`]);
      }
      return rows;
    }),
  );

  if (profile.chromiumGpu) {
    const cg = profile.chromiumGpu;
    const rows: Row[] = Object.entries(cg.featureStatus).map(([k, v]) => [k, v]);
    if (cg.glRenderer) rows.push(['GL renderer', cg.glRenderer]);
    if (cg.webgpu) rows.push(['WebGPU', cg.webgpu.adapter ? [cg.webgpu.vendor, cg.webgpu.architecture, cg.webgpu.description].filter(Boolean).join(' ') || 'adapter' : 'no adapter']);
    tables.push(keyValueTable('Chromium GPU', rows));
  }

  tables.push(
    sectionTable('System', os, () =>
      os.status !== 'ok'
        ? []
        : [
            ['os', `${os.distro} ${os.release}${os.codename ? ` (${os.codename})` : ''}`.trim()],
            ['platform', `${os.platform} ${os.arch}`],
            ['kernel', os.kernel],
          ],
    ),
  );
  tables.push(
    sectionTable('Machine', system, () =>
      system.status !== 'ok'
        ? []
        : [
            ['model', `${system.manufacturer} ${system.model}`.trim() || 'unknown'],
            ['virtual machine', system.virtual ? `yes${system.virtualHost ? ` (${system.virtualHost})` : ''}` : 'no'],
          ],
    ),
  );
  tables.push(
    sectionTable('Power', power, () => {
      if (power.status !== 'ok') return [];
      if (!power.hasBattery) return [['battery', 'none (mains power)']];
      return [
        ['battery', `${power.percent ?? '?'}%${power.isCharging ? ', charging' : ''}`],
        ['plugged in', yesNo(power.acConnected)],
        ...(power.timeRemainingMin !== null ? ([['time left', `${power.timeRemainingMin} min`]] as Row[]) : []),
      ];
    }),
  );
  tables.push(
    sectionTable('Load', load, () =>
      load.status !== 'ok'
        ? []
        : [
            ['cpu busy', `${pct(load.currentLoadPct)} (user ${pct(load.userPct)}, system ${pct(load.systemPct)}, steal ${pct(load.stealPct)})`],
            ['load average', load.loadAverage1m.toFixed(2)],
          ],
    ),
  );
  tables.push(
    sectionTable('Disk (data directory)', disk, () =>
      disk.status !== 'ok'
        ? []
        : [
            ['free', `${formatBytes(disk.freeBytes)} of ${formatBytes(disk.totalBytes)}`],
            ...(disk.measuredAt === 'ancestor' ? ([['note', 'data directory not created yet; its parent was measured']] as Row[]) : []),
          ],
    ),
  );
  tables.push(
    sectionTable('Runtime', runtime, () =>
      runtime.status !== 'ok'
        ? []
        : [
            ['node', runtime.node],
            ['v8', runtime.v8],
            ['electron', runtime.electron ?? 'not running in Electron'],
            ['process', `${runtime.platform} ${runtime.arch}, ${runtime.bits}-bit`],
            ['emulated', `${yesNo(runtime.emulated)} (${runtime.emulationEvidence})`],
            ['webassembly', runtime.wasm.available ? `simd ${yesNo(runtime.wasm.simd)}, threads ${yesNo(runtime.wasm.threads)}` : 'not available'],
            ['parallelism', String(runtime.availableParallelism)],
            ['prover', runtime.proverBackend === 'native' ? 'native (dist/native/zkdesk-groth16)' : runtime.proverBackend === 'snarkjs' ? 'snarkjs (no native prover for this machine)' : 'unknown'],
          ],
    ),
  );

  const header = `Machine profile, collected in ${formatMs(profile.collectMs)}; fingerprint ${profile.fingerprint.sha256.slice(0, 12)}${profile.fingerprint.complete ? '' : ' (incomplete)'}`;
  return [header, ...tables].join('\n\n');
}
