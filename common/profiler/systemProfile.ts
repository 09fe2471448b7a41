// The machine as zkdesk sees it: one typed snapshot that the advisor reasons over, calibration
// keys on (through `fingerprint`), support bundles carry and fixtures record.
//
// Every object is strict: a key this schema does not name is refused, so a field picked by
// mistake from systeminformation (a serial, a hostname, a UUID, a MAC address) fails
// validation instead of travelling silently into a bundle. Each probed section is either
// `{ status: 'ok', ...facts }` or `{ status: 'unavailable', reason }`; one slow or failing
// probe never costs the rest of the profile.
import { z } from 'zod';

export const PROFILE_SCHEMA_VERSION = 1;

export const unavailableSectionSchema = z.strictObject({
  status: z.literal('unavailable'),
  /** Why the probe gave nothing: its error message or the time limit it ran past. */
  reason: z.string(),
});
export type UnavailableSection = z.infer<typeof unavailableSectionSchema>;

function section<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion('status', [
    z.strictObject({ status: z.literal('ok'), ...shape }),
    unavailableSectionSchema,
  ]);
}

const bytes = z.number().int().nonnegative();
const percent = z.number().min(0).max(100);

export const cpuFactsShape = {
  vendor: z.string(),
  brand: z.string(),
  physicalCores: z.number().int().nonnegative(),
  logicalCores: z.number().int().nonnegative(),
  /** Big.LITTLE designs (Apple silicon, Intel 12th gen+); null where the OS does not say. */
  performanceCores: z.number().int().nonnegative().nullable(),
  efficiencyCores: z.number().int().nonnegative().nullable(),
  /** GHz; null where the OS does not report a clock (common in VMs and on Apple silicon). */
  baseSpeedGHz: z.number().positive().nullable(),
  maxSpeedGHz: z.number().positive().nullable(),
  /**
   * The instruction-set extensions that matter to big-integer and hash-heavy proving code
   * (native backends use them; WebAssembly does not). null when the OS gives no flag list.
   */
  flags: z
    .strictObject({
      avx2: z.boolean(),
      bmi2: z.boolean(),
      adx: z.boolean(),
      sha: z.boolean(),
      avx512f: z.boolean(),
      /** The CPU says it runs under a hypervisor: a virtual-machine signal of its own. */
      hypervisor: z.boolean(),
    })
    .nullable(),
};

export const memoryFactsShape = {
  totalBytes: bytes,
  /** What a new process can get without pushing others to swap (MemAvailable on Linux). */
  availableBytes: bytes,
  swapTotalBytes: bytes,
  swapUsedBytes: bytes,
};

export const gpuControllerSchema = z.strictObject({
  vendor: z.string(),
  model: z.string(),
  /** MiB as the OS reports it; null when unknown. Shared-memory GPUs report a small or dynamic figure. */
  vramMiB: z.number().nonnegative().nullable(),
  vramDynamic: z.boolean(),
  driverVersion: z.string().nullable(),
  /** The bus kind (PCIe, Onboard, Built-In…), as the OS words it. */
  bus: z.string(),
});
export type GpuController = z.infer<typeof gpuControllerSchema>;

/** One GPU as `nvidia-smi --query-gpu` reports it (no serial, no UUID is ever queried). */
export const nvidiaGpuSchema = z.strictObject({
  name: z.string(),
  driverVersion: z.string().nullable(),
  memoryTotalMiB: z.number().nonnegative().nullable(),
  memoryUsedMiB: z.number().nonnegative().nullable(),
  utilizationPct: percent.nullable(),
  temperatureC: z.number().nullable(),
  powerDrawW: z.number().nonnegative().nullable(),
  powerLimitW: z.number().nonnegative().nullable(),
  /** e.g. "9.0" for Hopper; null on drivers too old to report it. */
  computeCapability: z.string().nullable(),
  pcieGenMax: z.number().int().positive().nullable(),
  pcieWidthMax: z.number().int().positive().nullable(),
});
export type NvidiaGpu = z.infer<typeof nvidiaGpuSchema>;

export const nvidiaSmiResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ok'), gpus: z.array(nvidiaGpuSchema) }),
  /** No nvidia-smi on this machine: the normal case without an NVIDIA driver. */
  z.strictObject({ status: z.literal('absent') }),
  unavailableSectionSchema,
]);
export type NvidiaSmiResult = z.infer<typeof nvidiaSmiResultSchema>;

export const osFactsShape = {
  platform: z.string(),
  distro: z.string(),
  release: z.string(),
  codename: z.string(),
  kernel: z.string(),
  arch: z.string(),
  /** The OS build number (Windows, macOS); '' where there is none. */
  build: z.string(),
};

export const systemFactsShape = {
  manufacturer: z.string(),
  model: z.string(),
  virtual: z.boolean(),
  /** The hypervisor's name when `virtual` (KVM, VMware, Hyper-V…); null otherwise or unknown. */
  virtualHost: z.string().nullable(),
};

export const powerFactsShape = {
  hasBattery: z.boolean(),
  /** Mains power: false means running on the battery. */
  acConnected: z.boolean(),
  isCharging: z.boolean(),
  /** Charge in percent; null without a battery. */
  percent: percent.nullable(),
  /** Minutes of battery left as the OS estimates it; null when unknown or on mains. */
  timeRemainingMin: z.number().nonnegative().nullable(),
};

export const loadFactsShape = {
  /** All cores together, over the probe's sampling interval. */
  currentLoadPct: percent,
  userPct: percent,
  systemPct: percent,
  /** Time the hypervisor gave this VM's CPUs to someone else: a noisy-neighbour signal. */
  stealPct: percent,
  /** The 1-minute load average (0 on Windows, which has none). */
  loadAverage1m: z.number().nonnegative(),
};

export const diskFactsShape = {
  /** Free bytes available to this user on the file system holding the data directory. */
  freeBytes: bytes,
  totalBytes: bytes,
  /** 'ancestor' when the data directory does not exist yet and its nearest existing parent was measured. */
  measuredAt: z.enum(['dataDir', 'ancestor']),
};

export const runtimeFactsShape = {
  node: z.string(),
  v8: z.string(),
  /** null outside Electron (the CLI, tests). */
  electron: z.string().nullable(),
  chrome: z.string().nullable(),
  platform: z.string(),
  /** The architecture this process was built for, which can differ from the OS's (emulation). */
  arch: z.string(),
  bits: z.union([z.literal(32), z.literal(64)]),
  /**
   * true when this process runs translated (x64 Node on arm64 macOS under Rosetta, x64 on
   * Windows on Arm); null when it cannot be told.
   */
  emulated: z.boolean().nullable(),
  /** How `emulated` was decided, so a support engineer can trust or doubt it. */
  emulationEvidence: z.string(),
  wasm: z.strictObject({
    /** snarkjs and circom witness code need WebAssembly at all; `node --jitless` has none. */
    available: z.boolean(),
    simd: z.boolean(),
    threads: z.boolean(),
  }),
  availableParallelism: z.number().int().positive(),
  /**
   * The prover this machine's workers use: the native one where it was built and the CPU has
   * BMI2 and ADX, snarkjs otherwise. Absent in profiles recorded before there were two.
   */
  proverBackend: z.enum(['native', 'snarkjs']).optional(),
};

export const chromiumGpuSchema = z.strictObject({
  /** `app.getGPUFeatureStatus()`: feature → 'enabled' | 'disabled_software' | 'unavailable_off' … */
  featureStatus: z.record(z.string(), z.string()),
  /** From `app.getGPUInfo('basic')`, picked field by field. */
  devices: z.array(
    z.strictObject({
      active: z.boolean(),
      vendorId: z.number().int().nonnegative(),
      deviceId: z.number().int().nonnegative(),
      vendorString: z.string().nullable(),
      deviceString: z.string().nullable(),
      driverVendor: z.string().nullable(),
      driverVersion: z.string().nullable(),
    }),
  ),
  glRenderer: z.string().nullable(),
  glVendor: z.string().nullable(),
  /** What the renderer's `navigator.gpu.requestAdapter()` gave, when the renderer reported it. */
  webgpu: z
    .strictObject({
      adapter: z.boolean(),
      vendor: z.string().nullable(),
      architecture: z.string().nullable(),
      description: z.string().nullable(),
    })
    .optional(),
});
export type ChromiumGpu = z.infer<typeof chromiumGpuSchema>;

export const fingerprintSchema = z.strictObject({
  /** sha256 (hex) over `facts` in a fixed order: calibration results are kept under it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** false when a section it reads was unavailable: such a fingerprint should not replace a complete one. */
  complete: z.boolean(),
  /** The stable hardware facts that were hashed, shown so a changed fingerprint can be explained. */
  facts: z.strictObject({
    cpuBrand: z.string().nullable(),
    physicalCores: z.number().int().nullable(),
    logicalCores: z.number().int().nullable(),
    /** Rounded to half a GiB: firmware and kernels reserve slightly different amounts between boots. */
    totalMemoryBytes: z.number().int().nullable(),
    platform: z.string().nullable(),
    arch: z.string().nullable(),
    runtimeArch: z.string(),
  }),
});
export type Fingerprint = z.infer<typeof fingerprintSchema>;

export const cpuSectionSchema = section(cpuFactsShape);
export const memorySectionSchema = section(memoryFactsShape);
export const gpuSectionSchema = section({
  controllers: z.array(gpuControllerSchema),
  nvidia: nvidiaSmiResultSchema,
});
export const osSectionSchema = section(osFactsShape);
export const systemSectionSchema = section(systemFactsShape);
export const powerSectionSchema = section(powerFactsShape);
export const loadSectionSchema = section(loadFactsShape);
export const diskSectionSchema = section(diskFactsShape);
export const runtimeSectionSchema = section(runtimeFactsShape);

export const systemProfileSchema = z.strictObject({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  collectedAt: z.iso.datetime(),
  /** How long the whole collection took, in milliseconds. */
  collectMs: z.number().nonnegative(),
  fingerprint: fingerprintSchema,
  cpu: cpuSectionSchema,
  memory: memorySectionSchema,
  gpu: gpuSectionSchema,
  os: osSectionSchema,
  system: systemSectionSchema,
  power: powerSectionSchema,
  load: loadSectionSchema,
  disk: diskSectionSchema,
  runtime: runtimeSectionSchema,
  /** Chromium's own view of the GPU; only the Electron app can fill it (main/app/electronGpuInfo.ts). */
  chromiumGpu: chromiumGpuSchema.optional(),
});

export type SystemProfile = z.infer<typeof systemProfileSchema>;
export type CpuSection = z.infer<typeof cpuSectionSchema>;
export type MemorySection = z.infer<typeof memorySectionSchema>;
export type GpuSection = z.infer<typeof gpuSectionSchema>;
export type OsSection = z.infer<typeof osSectionSchema>;
export type SystemSection = z.infer<typeof systemSectionSchema>;
export type PowerSection = z.infer<typeof powerSectionSchema>;
export type LoadSection = z.infer<typeof loadSectionSchema>;
export type DiskSection = z.infer<typeof diskSectionSchema>;
export type RuntimeSection = z.infer<typeof runtimeSectionSchema>;

/** The facts of a section once it was read: what a probe returns, before `status` is added. */
export type Facts<S> = Omit<Extract<S, { status: 'ok' }>, 'status'>;
export type CpuFacts = Facts<CpuSection>;
export type MemoryFacts = Facts<MemorySection>;
export type GpuFacts = Facts<GpuSection>;
export type OsFacts = Facts<OsSection>;
export type SystemFacts = Facts<SystemSection>;
export type PowerFacts = Facts<PowerSection>;
export type LoadFacts = Facts<LoadSection>;
export type DiskFacts = Facts<DiskSection>;
export type RuntimeFacts = Facts<RuntimeSection>;
