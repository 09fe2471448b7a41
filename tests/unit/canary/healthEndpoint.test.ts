// Where health reports go when the user set no address: the update feed's own …/v1/health-reports
// (what `release serve --reports` answers beside the channel files), kept under the feed's path
// when a proxy serves it below one; the user's address always wins; no feed, no default.
import { describe, it, expect } from 'vitest';
import { chooseHealthEndpoint, healthEndpointForFeed } from '../../../main/services/health/healthEndpoint.js';

describe('the report address that comes with the update feed', () => {
  it('is the feed URL’s v1/health-reports, under the feed’s own path', () => {
    expect(healthEndpointForFeed('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/v1/health-reports');
    expect(healthEndpointForFeed('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/v1/health-reports');
    // A feed in a folder of the update server: with or without the trailing slash electron-builder may write.
    expect(healthEndpointForFeed('https://updates.example.org/zkdesk/')).toBe('https://updates.example.org/zkdesk/v1/health-reports');
    expect(healthEndpointForFeed('https://updates.example.org/zkdesk')).toBe('https://updates.example.org/zkdesk/v1/health-reports');
    // A query (a signed CDN URL, say) is the feed's, not the receiver's.
    expect(healthEndpointForFeed('https://cdn.example.org/feed/?sig=abc#x')).toBe('https://cdn.example.org/feed/v1/health-reports');
  });

  it('is none without a feed, or for a feed that is not http(s)', () => {
    expect(healthEndpointForFeed(null)).toBeNull();
    expect(healthEndpointForFeed(undefined)).toBeNull();
    expect(healthEndpointForFeed('')).toBeNull();
    expect(healthEndpointForFeed('file:///home/alice/feed/')).toBeNull();
    expect(healthEndpointForFeed('not a url')).toBeNull();
  });

  it('gives way to the address the user set, and says who chose it', () => {
    const feed = 'https://updates.example.org/zkdesk/v1/health-reports';
    expect(chooseHealthEndpoint('https://health.example.com/v1/health-reports', feed)).toEqual({ url: 'https://health.example.com/v1/health-reports', source: 'settings' });
    expect(chooseHealthEndpoint(null, feed)).toEqual({ url: feed, source: 'update feed' });
    expect(chooseHealthEndpoint(null, null)).toEqual({ url: null, source: null });
  });
});
