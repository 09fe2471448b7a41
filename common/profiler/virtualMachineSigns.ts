// Whether this is a virtual machine, from the two places that can say so: the firmware
// (systeminformation's `system.virtual`) and the CPU's hypervisor flag. Either is enough. The
// Overview's fact and the advisor's note both read it from here, so they cannot disagree.
// Pure: the renderer imports it too.
import type { SystemProfile } from './systemProfile.js';

export interface VirtualMachineSigns {
  bySystem: boolean;
  byCpuFlag: boolean;
  /** The hypervisor's name when the firmware gives one ("KVM", "VMware"…). */
  host: string | null;
}

export function virtualMachineSigns(profile: Pick<SystemProfile, 'system' | 'cpu'>): VirtualMachineSigns {
  const { system, cpu } = profile;
  return {
    bySystem: system.status === 'ok' && system.virtual,
    byCpuFlag: cpu.status === 'ok' && cpu.flags?.hypervisor === true,
    host: system.status === 'ok' && system.virtualHost ? system.virtualHost : null,
  };
}

export function isVirtualMachine(signs: VirtualMachineSigns): boolean {
  return signs.bySystem || signs.byCpuFlag;
}
