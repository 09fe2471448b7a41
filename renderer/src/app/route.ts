// Where the user is, kept in the URL's hash (`#/help/warnings/few-cores`) so a reload, the back
// button and the Electron shell all land on the same view and article. The token stays in the
// query string, untouched.
import { views, type View } from '../../../preload/contract.js';

export interface Route {
  view: View;
  /** The open help article, on the help view. */
  helpId: string | null;
}

export function parseRoute(hash: string): Route {
  const [head, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const view = (views as readonly string[]).includes(head ?? '') ? (head as View) : 'overview';
  const helpId = view === 'help' && rest.length >= 2 ? decodeURIComponent(rest.join('/')) : null;
  return { view, helpId };
}

export function routeHash(route: Route): string {
  return route.view === 'help' && route.helpId ? `#/help/${route.helpId}` : `#/${route.view}`;
}

/** Adds a history entry only when the place really changed. */
export function writeRoute(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}
