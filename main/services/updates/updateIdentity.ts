// Who this install is to the updater, from its saved settings: the channel it reads and whether
// it is one of the team's own installs (the `internal` cohort flags and kill switches can aim at).
// Read before the services open, because the updater is built first; the Electron app and
// `zkdesk serve` both read it here, so the two hosts cannot disagree about it.
import { peekSettings } from '../settings/settingsStore.js';
import type { UpdateChannel } from '../../../common/updates/updateChannel.js';

export interface UpdateIdentity {
  channel: UpdateChannel;
  internal: boolean;
}

/** A missing or damaged settings file reads as a stable, non-internal install (open() repairs the file later). */
export async function readUpdateIdentity(dataDir: string): Promise<UpdateIdentity> {
  const saved = await peekSettings(dataDir);
  return { channel: saved?.updateChannel ?? 'stable', internal: saved?.internalCohort ?? false };
}
