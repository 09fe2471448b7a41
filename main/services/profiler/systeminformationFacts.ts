// systeminformation's answers, reduced to the facts zkdesk keeps. Every field is picked by
// name and no systeminformation object is ever spread: osInfo carries the hostname and an OS
// serial, system() a serial and UUID, battery() a serial, and none of them may leave here.
import type { Systeminformation } from 'systeminformation';
import type {
  CpuFacts,
  GpuController,
  GpuFacts,
  MemoryFacts,
  NvidiaSmiResult,
  OsFacts,
  PowerFacts,
  SystemFacts,
  LoadFacts,
} from '../../../common/profiler/systemProfile.js';

function positiveOrNull(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

function countOrNull(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * The CPU flags proving code cares about. Linux names SHA as sha_ni (x86) or sha2 (arm64),
 * macOS sysctl as SHA; an empty list (Windows without the registry key, some VMs) says nothing.
 */
export function cpuFlagsFrom(flagList: string): CpuFacts['flags'] {
  const flags = new Set(flagList.toLowerCase().split(/[\s,]+/).filter(Boolean));
  if (flags.size === 0) return null;
  return {
    avx2: flags.has('avx2'),
    bmi2: flags.has('bmi2'),
    adx: flags.has('adx'),
    sha: flags.has('sha_ni') || flags.has('sha') || flags.has('sha2'),
    avx512f: flags.has('avx512f'),
    hypervisor: flags.has('hypervisor'),
  };
}

export function cpuFactsFrom(cpu: Systeminformation.CpuData): CpuFacts {
  return {
    vendor: cpu.vendor || cpu.manufacturer,
    // systeminformation splits "AMD EPYC 7B13" into manufacturer and brand; keep the whole name.
    brand: [cpu.manufacturer, cpu.brand].filter((s) => s && s.trim() !== '').join(' ').trim(),
    physicalCores: cpu.physicalCores,
    logicalCores: cpu.cores,
    performanceCores: countOrNull(cpu.performanceCores),
    efficiencyCores: countOrNull(cpu.efficiencyCores),
    baseSpeedGHz: positiveOrNull(cpu.speed),
    maxSpeedGHz: positiveOrNull(cpu.speedMax),
    flags: cpuFlagsFrom(cpu.flags ?? ''),
  };
}

export function memoryFactsFrom(mem: Systeminformation.MemData): MemoryFacts {
  return {
    totalBytes: mem.total,
    availableBytes: mem.available,
    swapTotalBytes: mem.swaptotal,
    swapUsedBytes: mem.swapused,
  };
}

export function gpuControllerFrom(c: Systeminformation.GraphicsControllerData): GpuController {
  return {
    vendor: c.vendor ?? '',
    model: c.model || c.name || '',
    vramMiB: typeof c.vram === 'number' && Number.isFinite(c.vram) && c.vram >= 0 ? c.vram : null,
    vramDynamic: Boolean(c.vramDynamic),
    driverVersion: c.driverVersion && c.driverVersion.trim() !== '' ? c.driverVersion : null,
    bus: c.bus ?? '',
  };
}

/**
 * Controllers from systeminformation, or from nvidia-smi when the OS listing came back empty
 * (containers and servers without lspci still have the driver), so an NVIDIA card is never
 * missing from the GPU list just because one of the two tools could not see it.
 */
export function gpuFactsFrom(graphics: Systeminformation.GraphicsData | null, nvidia: NvidiaSmiResult): GpuFacts {
  let controllers = (graphics?.controllers ?? []).map(gpuControllerFrom);
  if (controllers.length === 0 && nvidia.status === 'ok') {
    controllers = nvidia.gpus.map((g) => ({
      vendor: 'NVIDIA',
      model: g.name,
      vramMiB: g.memoryTotalMiB,
      vramDynamic: false,
      driverVersion: g.driverVersion,
      bus: 'PCIe',
    }));
  }
  return { controllers, nvidia };
}

/** systeminformation says 'Windows' where Node says 'win32'; keep Node's names so sections agree. */
function nodePlatformName(platform: string): string {
  const lower = platform.toLowerCase();
  if (lower === 'windows') return 'win32';
  return lower;
}

export function osFactsFrom(os: Systeminformation.OsData): OsFacts {
  return {
    platform: nodePlatformName(os.platform),
    distro: os.distro,
    release: os.release,
    codename: os.codename,
    kernel: os.kernel,
    arch: os.arch,
    build: os.build ?? '',
  };
}

export function systemFactsFrom(sys: Systeminformation.SystemData): SystemFacts {
  return {
    manufacturer: sys.manufacturer,
    model: sys.model,
    virtual: Boolean(sys.virtual),
    virtualHost: sys.virtual && sys.virtualHost ? sys.virtualHost : null,
  };
}

export function powerFactsFrom(battery: Systeminformation.BatteryData): PowerFacts {
  const hasBattery = Boolean(battery.hasBattery);
  // Without a battery a machine is on mains, whatever the OS left in acConnected.
  const acConnected = hasBattery ? Boolean(battery.acConnected) : true;
  const percent = hasBattery && Number.isFinite(battery.percent) ? Math.min(100, Math.max(0, battery.percent)) : null;
  const remaining = battery.timeRemaining;
  return {
    hasBattery,
    acConnected,
    isCharging: hasBattery && Boolean(battery.isCharging),
    percent,
    timeRemainingMin: hasBattery && !acConnected && typeof remaining === 'number' && remaining >= 0 ? remaining : null,
  };
}

function pct(n: number | undefined, what: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`systeminformation gave no ${what} figure`);
  return Math.min(100, Math.max(0, n));
}

export function loadFactsFrom(load: Systeminformation.CurrentLoadData, loadAverage1m: number): LoadFacts {
  return {
    currentLoadPct: pct(load.currentLoad, 'current load'),
    userPct: pct(load.currentLoadUser, 'user load'),
    systemPct: pct(load.currentLoadSystem, 'system load'),
    stealPct: pct(load.currentLoadSteal ?? 0, 'steal'),
    loadAverage1m: Number.isFinite(loadAverage1m) && loadAverage1m > 0 ? loadAverage1m : 0,
  };
}
