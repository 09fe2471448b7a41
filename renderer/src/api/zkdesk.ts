// The one door to zkdesk from the UI: the preload's window.zkdesk under Electron, or the
// browser transport when the page was opened from `zkdesk serve`'s URL.
import type { ZkdeskApi } from '../../../preload/contract.js';
import { buildApiObject } from '../../../preload/apiObject.js';
import { browserTransport } from './browserTransport.js';

declare global {
  interface Window {
    zkdesk?: ZkdeskApi;
  }
}

function resolveApi(): ZkdeskApi {
  if (window.zkdesk) return window.zkdesk;
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) throw new Error('zkdesk: open the URL that `zkdesk serve` printed (it carries the access token).');
  return buildApiObject(browserTransport(token));
}

export const zkdesk: ZkdeskApi = resolveApi();
