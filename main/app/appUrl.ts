// Which URLs are the app's own page, which files its scheme may serve, and which links may
// leave it for the user's browser. No Electron here, so these security decisions are
// unit-tested without an Electron binary.
import path from 'node:path';

export const APP_SCHEME = 'zkdesk';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The app's own page, whatever hash route it shows; nothing else may call the contract or be navigated to. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === '/index.html';
  } catch {
    return false;
  }
}

/** Links the UI may open in the user's browser. Nothing else leaves the app. */
export const EXTERNAL_ALLOW_LIST = [/^https:\/\/github\.com\/iden3\//, /^https:\/\/docs\.circom\.io\//, /^https:\/\/www\.electronjs\.org\/docs\//];

export function isAllowedExternal(url: string): boolean {
  return EXTERNAL_ALLOW_LIST.some((pattern) => pattern.test(url));
}

/** A file the zkdesk:// handler may serve: inside the built renderer, nowhere else. */
export function rendererFileFor(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname}`);
  return file.startsWith(root + path.sep) ? file : null;
}
