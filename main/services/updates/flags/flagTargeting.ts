// Which flags and kill switches apply to this install. A percentage is taken per flag
// (a hash of flag name and the install's staging id), so the same few installs are not the
// first to get every experiment and every staged release at once.
import { createHash } from 'node:crypto';
import type { Cohort, FlagsPayload, Targeting } from './flagsDocument.js';

export interface InstallIdentity {
  channel: 'stable' | 'beta';
  internal: boolean;
  /** electron-updater's staging id; null before the first update check created it. */
  stagingId: string | null;
}

export interface ResolvedFlags {
  enabled: string[];
  disabledCircuits: { circuitId: string; reason: string }[];
  autoUpdateDisabled: { reason: string } | null;
}

export const noFlags: ResolvedFlags = { enabled: [], disabledCircuits: [], autoUpdateDisabled: null };

export function cohortsOf(install: InstallIdentity): Cohort[] {
  return install.internal ? ['internal', install.channel] : [install.channel];
}

export function percentBucket(key: string, stagingId: string): number {
  const digest = createHash('sha256').update(`${key}\n${stagingId.toLowerCase()}`).digest();
  return (digest.readUInt32BE(0) / 0x100000000) * 100;
}

export function isTargeted(target: Targeting, key: string, install: InstallIdentity): boolean {
  const mine = cohortsOf(install);
  if (target.cohorts && !target.cohorts.some((c) => mine.includes(c))) return false;
  if (target.percentage === undefined || target.percentage >= 100) return true;
  // Without an id the install cannot be placed; it stays out of partial rollouts.
  if (install.stagingId === null) return false;
  return percentBucket(key, install.stagingId) < target.percentage;
}

export function resolveFlags(payload: FlagsPayload, install: InstallIdentity): ResolvedFlags {
  const enabled = Object.entries(payload.flags)
    .filter(([name, flag]) => flag.enabled && isTargeted(flag, `flag:${name}`, install))
    .map(([name]) => name)
    .sort();
  const disabledCircuits = payload.killSwitches.circuits
    .filter((k) => isTargeted(k, `kill:circuit:${k.circuitId}`, install))
    .map((k) => ({ circuitId: k.circuitId, reason: k.reason }));
  const auto = payload.killSwitches.autoUpdate;
  const autoUpdateDisabled = auto && isTargeted(auto, 'kill:auto-update', install) ? { reason: auto.reason } : null;
  return { enabled, disabledCircuits, autoUpdateDisabled };
}
