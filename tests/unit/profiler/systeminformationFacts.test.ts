import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import type { Systeminformation } from 'systeminformation';
import { parseNvidiaSmiCsv } from '../../../main/services/profiler/nvidiaSmi.js';
import {
  cpuFactsFrom,
  cpuFlagsFrom,
  gpuFactsFrom,
  loadFactsFrom,
  memoryFactsFrom,
  osFactsFrom,
  powerFactsFrom,
  systemFactsFrom,
} from '../../../main/services/profiler/systeminformationFacts.js';
import {
  cpuSectionSchema,
  gpuSectionSchema,
  osSectionSchema,
  powerSectionSchema,
  systemSectionSchema,
} from '../../../common/profiler/systemProfile.js';

// Recorded from systeminformation 5.33 on the development VM; the identifying values replaced
// by recognisable stand-ins so the test can look for them.
const osInfo: Systeminformation.OsData = {
  platform: 'linux',
  distro: 'Debian GNU/Linux',
  release: '12',
  codename: 'bookworm',
  kernel: '6.18.44-fc-v669',
  arch: 'x64',
  hostname: 'alices-laptop',
  fqdn: 'alices-laptop.corp.example',
  codepage: 'UTF-8',
  logofile: 'debian',
  serial: '3d1219c7c4c5404aaa1f6d2a48adfda4',
  build: '',
  servicepack: '',
  uefi: false,
};

const system: Systeminformation.SystemData = {
  manufacturer: 'LENOVO',
  model: '20XXS3JC00',
  version: 'ThinkPad X1 Carbon Gen 9',
  serial: 'PF2ABCDE',
  uuid: '4c4c4544-0042-3510-8051-b2c04f4a4d32',
  sku: 'LENOVO_MT_20XX_BU_Think_FM_ThinkPad X1 Carbon Gen 9',
  virtual: false,
};

const battery: Systeminformation.BatteryData = {
  hasBattery: true,
  cycleCount: 211,
  isCharging: false,
  voltage: 15.4,
  designedCapacity: 57000,
  maxCapacity: 50120,
  currentCapacity: 17040,
  capacityUnit: 'mWh',
  percent: 34,
  timeRemaining: 96,
  acConnected: false,
  type: 'Li-poly',
  model: '5B10W13975',
  manufacturer: 'SMP',
  serial: 'BAT-SERIAL-0042',
};

const cpu: Systeminformation.CpuData = {
  manufacturer: 'AMD',
  brand: 'EPYC',
  vendor: 'AMD',
  family: '25',
  model: '17',
  stepping: '1',
  revision: '',
  voltage: '',
  speed: 0,
  speedMin: 0,
  speedMax: 0,
  governor: '',
  cores: 2,
  physicalCores: 2,
  performanceCores: 2,
  efficiencyCores: 0,
  processors: 1,
  socket: '',
  flags: 'fpu vme de pse tsc msr pae avx f16c rdrand hypervisor lahf_lm bmi1 avx2 smep bmi2 erms adx avx512f sha_ni',
  virtualization: false,
  cache: { l1d: 65536, l1i: 65536, l2: 2097152, l3: 33554432 },
};

const json = (value: unknown) => JSON.stringify(value);

describe('facts picked from systeminformation', () => {
  it('keeps the OS description but neither hostname nor OS serial', () => {
    const facts = osFactsFrom(osInfo);
    expect(facts).toEqual({ platform: 'linux', distro: 'Debian GNU/Linux', release: '12', codename: 'bookworm', kernel: '6.18.44-fc-v669', arch: 'x64', build: '' });
    expect(json(facts)).not.toContain('alices-laptop');
    expect(json(facts)).not.toContain(osInfo.serial);
    expect(osSectionSchema.safeParse({ status: 'ok', ...facts }).success).toBe(true);
  });

  it("names Windows the way Node does, so the OS and runtime sections agree", () => {
    expect(osFactsFrom({ ...osInfo, platform: 'Windows' }).platform).toBe('win32');
  });

  it('keeps the machine model but neither serial, UUID nor SKU', () => {
    const facts = systemFactsFrom(system);
    expect(facts).toEqual({ manufacturer: 'LENOVO', model: '20XXS3JC00', virtual: false, virtualHost: null });
    for (const secret of [system.serial, system.uuid, 'ThinkPad X1 Carbon Gen 9']) expect(json(facts)).not.toContain(secret);
    expect(systemSectionSchema.safeParse({ status: 'ok', ...facts }).success).toBe(true);
  });

  it('reports a VM with its hypervisor', () => {
    expect(systemFactsFrom({ ...system, model: 'Docker Container', virtual: true, virtualHost: 'KVM' })).toMatchObject({ virtual: true, virtualHost: 'KVM' });
  });

  it('keeps the battery state but not its serial', () => {
    const facts = powerFactsFrom(battery);
    expect(facts).toEqual({ hasBattery: true, acConnected: false, isCharging: false, percent: 34, timeRemainingMin: 96 });
    expect(json(facts)).not.toContain('BAT-SERIAL');
    expect(powerSectionSchema.safeParse({ status: 'ok', ...facts }).success).toBe(true);
  });

  it('treats a machine without a battery as on mains, whatever acConnected says', () => {
    const facts = powerFactsFrom({ ...battery, hasBattery: false, acConnected: false, percent: 0, timeRemaining: -1 });
    expect(facts).toEqual({ hasBattery: false, acConnected: true, isCharging: false, percent: null, timeRemainingMin: null });
  });

  it('joins the CPU name systeminformation splits, and reads an unknown clock as null', () => {
    const facts = cpuFactsFrom(cpu);
    expect(facts.brand).toBe('AMD EPYC');
    expect(facts.baseSpeedGHz).toBeNull();
    expect(facts.logicalCores).toBe(2);
    expect(facts.flags).toEqual({ avx2: true, bmi2: true, adx: true, sha: true, avx512f: true, hypervisor: true });
    expect(cpuSectionSchema.safeParse({ status: 'ok', ...facts }).success).toBe(true);
  });

  it('reads CPU flags as Linux x86, Linux arm64 and macOS spell them', () => {
    expect(cpuFlagsFrom('fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics')).toMatchObject({ avx2: false, sha: true });
    expect(cpuFlagsFrom('FPU VME SSE4.2 AVX1.0 AVX2 BMI1 BMI2 ADX SHA')).toMatchObject({ avx2: true, bmi2: true, adx: true, sha: true, hypervisor: false });
    expect(cpuFlagsFrom('')).toBeNull();
  });

  it('keeps memory as raw bytes', () => {
    const mem = { total: 100, free: 10, used: 90, active: 50, available: 40, buffcache: 5, buffers: 1, cached: 4, slab: 1, reclaimable: 1, swaptotal: 20, swapused: 7, swapfree: 13, writeback: 0, dirty: 0 };
    expect(memoryFactsFrom(mem)).toEqual({ totalBytes: 100, availableBytes: 40, swapTotalBytes: 20, swapUsedBytes: 7 });
  });

  it('lists GPUs from the OS, and from nvidia-smi when the OS listing is empty', () => {
    const controller: Systeminformation.GraphicsControllerData = {
      vendor: 'NVIDIA',
      model: 'GeForce RTX 3060',
      bus: 'PCIe',
      busAddress: '01:00.0',
      vram: 12288,
      vramDynamic: false,
      subDeviceId: '0x397D1462',
      driverVersion: '535.183.01',
    };
    const fromOs = gpuFactsFrom({ controllers: [controller], displays: [] }, { status: 'absent' });
    expect(fromOs.controllers).toEqual([{ vendor: 'NVIDIA', model: 'GeForce RTX 3060', vramMiB: 12288, vramDynamic: false, driverVersion: '535.183.01', bus: 'PCIe' }]);
    const nvidiaGpus = parseNvidiaSmiCsv(fs.readFileSync(new URL('../../fixtures/nvidia-smi/h100-sxm.csv', import.meta.url), 'utf8'));
    const fromSmi = gpuFactsFrom({ controllers: [], displays: [] }, { status: 'ok', gpus: nvidiaGpus });
    expect(fromSmi.controllers).toEqual([{ vendor: 'NVIDIA', model: 'NVIDIA H100 80GB HBM3', vramMiB: 81559, vramDynamic: false, driverVersion: '550.54.15', bus: 'PCIe' }]);
    expect(gpuSectionSchema.safeParse({ status: 'ok', ...fromSmi }).success).toBe(true);
    expect(gpuFactsFrom(null, { status: 'absent' }).controllers).toEqual([]);
  });

  it('refuses a load figure that is not a number rather than report NaN', () => {
    const load = { avgLoad: 0, currentLoad: Number.NaN, currentLoadUser: 0, currentLoadSystem: 0, currentLoadNice: 0, currentLoadIdle: 0, currentLoadIrq: 0, currentLoadSteal: 0, currentLoadGuest: 0, rawCurrentLoad: 0, rawCurrentLoadUser: 0, rawCurrentLoadSystem: 0, rawCurrentLoadNice: 0, rawCurrentLoadIdle: 0, rawCurrentLoadIrq: 0, rawCurrentLoadSteal: 0, rawCurrentLoadGuest: 0, cpus: [] };
    expect(() => loadFactsFrom(load, 0.5)).toThrow(/current load/);
    expect(loadFactsFrom({ ...load, currentLoad: 13, currentLoadUser: 4, currentLoadSystem: 9 }, 0.12)).toEqual({ currentLoadPct: 13, userPct: 4, systemPct: 9, stealPct: 0, loadAverage1m: 0.12 });
  });
});
