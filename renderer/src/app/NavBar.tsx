// The main navigation: one link per view, the current one marked for assistive technology.
import type { View } from '../../../preload/contract.js';
import { useAppStore } from '../stores/appStore.js';
import { routeHash } from './route.js';

const items: Array<{ view: View; label: string }> = [
  { view: 'overview', label: 'Overview' },
  { view: 'prove', label: 'Prove' },
  { view: 'benchmarks', label: 'Benchmarks' },
  { view: 'help', label: 'Help' },
  { view: 'diagnostics', label: 'Diagnostics' },
  { view: 'settings', label: 'Settings' },
];

export function NavBar() {
  const current = useAppStore((s) => s.view);
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {items.map(({ view, label }) => (
          <li key={view}>
            <a href={routeHash({ view, helpId: null })} aria-current={view === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
