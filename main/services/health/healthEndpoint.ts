// Where an install's health reports go when the user set no address of their own: the update
// feed they already trust for updates. `release serve --reports` serves the feed and receives
// reports on one port (reports at /v1/health-reports beside the channel files), and a feed behind
// a proxy keeps that layout under its own path, so the address is the feed URL's
// `v1/health-reports`. A build with no feed (a developer's) has no default: reports wait in the
// outbox until an address is set, and Settings says so.
import { HEALTH_REPORTS_PATH } from '../../../common/health/healthReportSchema.js';

export type HealthEndpointSource = 'settings' | 'update feed';

export interface HealthEndpoint {
  url: string | null;
  /** Who chose it: the user's Report address, or the update feed; null when neither gives one. */
  source: HealthEndpointSource | null;
}

/** The report address that comes with an update feed, or null when the feed URL is not http(s). */
export function healthEndpointForFeed(feedUrl: string | null | undefined): string | null {
  if (!feedUrl) return null;
  let base: URL;
  try {
    base = new URL(feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`);
  } catch {
    return null;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
  base.search = '';
  base.hash = '';
  return new URL(HEALTH_REPORTS_PATH.slice(1), base).href;
}

/** The user's address wins; else the feed's; else none (reports wait). */
export function chooseHealthEndpoint(setting: string | null, feedEndpoint: string | null): HealthEndpoint {
  if (setting) return { url: setting, source: 'settings' };
  if (feedEndpoint) return { url: feedEndpoint, source: 'update feed' };
  return { url: null, source: null };
}
