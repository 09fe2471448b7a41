// The machine at a glance: CPU, memory, GPU, OS, power, and which prover runs. A section the probe could not read
// says why instead of showing a blank.
import type { SystemProfile } from '../../../../common/profiler/systemProfile.js';
import { formatBytes } from '../../format/formatBytes.js';
import { FactList } from '../../app/FactList.js';

type Section = { status: 'ok' } | { status: 'unavailable'; reason: string };

function read<S extends Section>(section: S, describe: (facts: Extract<S, { status: 'ok' }>) => string): string {
  return section.status === 'ok' ? describe(section as Extract<S, { status: 'ok' }>) : `Unavailable (${(section as { reason: string }).reason})`;
}

function gpuText(profile: SystemProfile): string {
  return read(profile.gpu, (gpu) => {
    const nvidia = gpu.nvidia.status === 'ok' ? gpu.nvidia.gpus.map((g) => `${g.name}${g.memoryTotalMiB ? ` (${formatBytes(g.memoryTotalMiB * 1024 * 1024)})` : ''}`) : [];
    const others = gpu.controllers.map((c) => `${c.vendor} ${c.model}`.trim());
    const all = nvidia.length > 0 ? nvidia : others;
    return all.length > 0 ? all.join(', ') : 'None detected';
  });
}

function proverText(profile: SystemProfile): string {
  return read(profile.runtime, (runtime) =>
    runtime.proverBackend === 'native'
      ? 'Native prover (fast)'
      : runtime.proverBackend === 'snarkjs'
        ? 'snarkjs (no native prover for this machine)'
        : 'Unknown',
  );
}

function powerText(profile: SystemProfile): string {
  return read(profile.power, (power) => {
    if (!power.hasBattery) return 'Mains power (no battery)';
    const charge = power.percent === null ? '' : `, ${Math.round(power.percent)}% charged`;
    return `${power.acConnected ? 'Plugged in' : 'On battery'}${charge}`;
  });
}

export function MachineFacts({ profile }: { profile: SystemProfile }) {
  const rows: Array<[string, string]> = [
    ['CPU', read(profile.cpu, (cpu) => `${cpu.brand} · ${cpu.physicalCores} cores, ${cpu.logicalCores} threads`)],
    ['Memory', read(profile.memory, (m) => `${formatBytes(m.totalBytes)} total, ${formatBytes(m.availableBytes)} available`)],
    ['GPU', gpuText(profile)],
    ['Operating system', read(profile.os, (os) => `${os.distro} ${os.release} (${os.arch})`)],
    ['Power', powerText(profile)],
    ['Free disk', read(profile.disk, (d) => `${formatBytes(d.freeBytes)} of ${formatBytes(d.totalBytes)}`)],
    ['Virtual machine', read(profile.system, (s) => (s.virtual ? `Yes${s.virtualHost ? ` (${s.virtualHost})` : ''}` : 'No'))],
    ['Proofs made by', proverText(profile)],
  ];
  return (
    <section aria-labelledby="machine-title">
      <h2 id="machine-title">This machine</h2>
      <FactList rows={rows} />
    </section>
  );
}
