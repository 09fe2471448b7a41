// `--percent` as people type it. electron-updater reads stagingPercentage with parseInt as a
// whole percentage, so "0.1" would silently become 0 % there; refusing it here, with the
// reason, is the difference between a 10 % rollout and none.
import { ZkError } from '../../../../common/errors.js';

export function parseStagingPercent(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const value = Number(trimmed);
    if (value <= 100) return value;
    throw new ZkError('E_RELEASE_REFUSED', `--percent ${trimmed} is above 100; give a whole percentage from 0 to 100.`, {
      percent: trimmed,
    });
  }
  const asNumber = Number(trimmed);
  if (Number.isFinite(asNumber) && asNumber > 0 && asNumber < 1) {
    throw new ZkError(
      'E_RELEASE_REFUSED',
      `--percent ${trimmed} would mean ${trimmed} %, not ${Math.round(asNumber * 100)} %: percentages are whole numbers from 0 to 100 (for ${Math.round(asNumber * 100)} % pass --percent ${Math.round(asNumber * 100)}).`,
      { percent: trimmed },
    );
  }
  throw new ZkError('E_RELEASE_REFUSED', `--percent ${trimmed} is not a whole percentage from 0 to 100.`, { percent: trimmed });
}
