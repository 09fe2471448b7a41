// A virtual machine is fine for proving, but its speed depends on neighbours it cannot see:
// a hypervisor handing the vCPUs to someone else (steal time) slows proofs unpredictably.
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

/** Above this share of CPU time taken by the hypervisor, timings here stop being repeatable. */
export const HIGH_STEAL_PERCENT = 10;

export function virtualMachineRule(input: AdvisorInput): AdvisorWarning | null {
  const { system, cpu, load } = input.profile;
  const bySystem = system.status === 'ok' && system.virtual;
  const byCpuFlag = cpu.status === 'ok' && cpu.flags?.hypervisor === true;
  if (!bySystem && !byCpuFlag) return null;
  const steal = load.status === 'ok' ? load.stealPct : null;
  const stealing = steal !== null && steal > HIGH_STEAL_PERCENT;
  const host = system.status === 'ok' && system.virtualHost ? ` (${system.virtualHost})` : '';
  return makeWarning('virtual-machine', stealing ? 'warning' : 'info', {
    title: stealing ? 'Virtual machine with busy neighbours' : 'Running in a virtual machine',
    detail: stealing
      ? `This is a virtual machine${host} and the hypervisor is taking ${Math.round(steal)}% of its CPU time for others: proof times will vary.`
      : `This is a virtual machine${host}. Proofs work, but their speed depends on the host and can vary from run to run.`,
    evidence: {
      virtual: bySystem,
      hypervisorCpuFlag: byCpuFlag,
      virtualHost: system.status === 'ok' ? system.virtualHost : null,
      stealPct: steal,
      highStealPct: HIGH_STEAL_PERCENT,
    },
    fix: stealing
      ? 'Ask for dedicated vCPUs, or prove at a quieter time.'
      : 'Nothing to do; for steady timings use dedicated vCPUs.',
  });
}
