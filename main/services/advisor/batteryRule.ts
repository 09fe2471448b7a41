// On battery, laptops lower CPU clocks (and some OSes park cores), so proofs take longer and
// drain the battery; on a low battery the OS may sleep mid-proof.
import { makeWarning, type AdvisorInput, type AdvisorWarning } from '../../../common/advisor/advisorTypes.js';

/** Below this charge a long proof can run the battery into the OS's low-power sleep. */
export const LOW_BATTERY_PERCENT = 20;

export function onBatteryRule(input: AdvisorInput): AdvisorWarning | null {
  const power = input.profile.power;
  if (power.status !== 'ok' || !power.hasBattery || power.acConnected) return null;
  const low = power.percent !== null && power.percent < LOW_BATTERY_PERCENT;
  return makeWarning('on-battery', 'warning', {
    title: low ? 'Running on a low battery' : 'Running on battery',
    detail:
      'The machine is not plugged in: the OS slows the CPU to save power, so proofs take longer' +
      (low ? ` and the battery (${power.percent}%) may run out before a long proof finishes.` : '.'),
    evidence: {
      acConnected: power.acConnected,
      percent: power.percent,
      timeRemainingMin: power.timeRemainingMin,
      lowBatteryPercent: LOW_BATTERY_PERCENT,
    },
    fix: 'Plug the machine in for full speed.',
  });
}
