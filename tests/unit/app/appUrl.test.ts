import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_URL, isAllowedExternal, isAppUrl, rendererFileFor } from '../../../main/app/appUrl.js';

describe("the app's own page", () => {
  it('is zkdesk://app/index.html with any hash route, and nothing else', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}#/help/warnings/few-cores`)).toBe(true);
    expect(isAppUrl('zkdesk://app/index.html?x=1#/prove')).toBe(true);
    expect(isAppUrl('zkdesk://evil/index.html')).toBe(false);
    expect(isAppUrl('zkdesk://app/other.html')).toBe(false);
    expect(isAppUrl('file:///opt/zkdesk/renderer/dist/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('files the zkdesk:// scheme serves', () => {
  const dir = path.resolve('/opt/zkdesk/renderer/dist');

  it('serves files inside the built renderer', () => {
    expect(rendererFileFor(dir, 'zkdesk://app/index.html')).toBe(path.join(dir, 'index.html'));
    expect(rendererFileFor(dir, 'zkdesk://app/assets/index-abc.js')).toBe(path.join(dir, 'assets', 'index-abc.js'));
  });

  it('never yields a file outside the renderer, however the path climbs or is escaped', () => {
    for (const url of ['zkdesk://app/../../../etc/passwd', 'zkdesk://app/%2e%2e/%2e%2e/secret', 'zkdesk://app/..%2f..%2f..%2fsecret', 'zkdesk://app/assets/..%5c..%5csecret']) {
      const file = rendererFileFor(dir, url);
      expect(file === null || file.startsWith(dir + path.sep), `${url} -> ${file}`).toBe(true);
    }
  });

  it('refuses other hosts and schemes, and malformed escapes', () => {
    expect(rendererFileFor(dir, 'zkdesk://other/index.html')).toBeNull();
    expect(rendererFileFor(dir, 'file:///opt/zkdesk/renderer/dist/index.html')).toBeNull();
    expect(rendererFileFor(dir, 'zkdesk://app/%E0%A4%A')).toBeNull();
  });
});

describe('links that may leave the app', () => {
  it('opens only the allow-listed https documentation in the browser', () => {
    expect(isAllowedExternal('https://docs.circom.io/getting-started/')).toBe(true);
    expect(isAllowedExternal('https://github.com/iden3/snarkjs')).toBe(true);
    expect(isAllowedExternal('http://docs.circom.io/')).toBe(false);
    expect(isAllowedExternal('https://docs.circom.io.evil.example/')).toBe(false);
    expect(isAllowedExternal('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });
});
