// The signed circuit kill switch, as the prover's admission asks it: is this circuit switched
// off for this install? It answers from the update service's flags once a check has fetched
// them, and until then (or in a run without a feed: the CLI, calibration) from the last good
// flags.json held in the data directory, verified again. Every host builds it the same way in
// the composition root, so no host can prove around it.
import path from 'node:path';
import { ZkError } from '../../../../common/errors.js';
import { resourcesDir } from '../../../../node/resourcePaths.js';
import { readStagingId } from '../stagingBucket.js';
import type { UpdateService } from '../updateService.js';
import { flagsCacheFile, readHeldFlags, type FlagsSnapshot } from './flagsClient.js';
import type { InstallIdentity } from './flagTargeting.js';
import { readTrustedKeys } from '../keys/trustedKeys.js';

/** Throws E_CIRCUIT_DISABLED for a circuit the flags in force switch off; nothing otherwise. */
export type CircuitKillSwitch = (circuitId: string) => void;

export interface KillSwitchOptions {
  dataDir: string;
  install: Omit<InstallIdentity, 'stagingId'>;
  /** The app's or the host's updater, when there is one: its fetched flags win over the held copy. */
  updates?: UpdateService | null;
  /** Public keys trusted to sign flags.json; default: the shipped resources/keys. */
  trustedPublicKeysPem?: readonly string[];
}

export async function openCircuitKillSwitch(options: KillSwitchOptions): Promise<CircuitKillSwitch> {
  const trusted = options.trustedPublicKeysPem ?? readTrustedKeys(path.join(resourcesDir(), 'keys'), 'flags').pems;
  // An unreadable id only leaves this install out of percentage-targeted switches, as in the updater.
  const stagingId = await readStagingId(options.dataDir).catch(() => null);
  const held = await readHeldFlags({ cacheFile: flagsCacheFile(options.dataDir), trustedPublicKeysPem: trusted, install: { ...options.install, stagingId } });
  const inForce = (): FlagsSnapshot => {
    const fetched = options.updates?.flags();
    return fetched && fetched.source !== 'none' ? fetched : held;
  };
  return (circuitId) => {
    const disabled = inForce().resolved.disabledCircuits.find((c) => c.circuitId === circuitId);
    if (disabled) throw new ZkError('E_CIRCUIT_DISABLED', `This circuit has been switched off by the zkdesk team: ${disabled.reason}`, { circuit: circuitId });
  };
}
