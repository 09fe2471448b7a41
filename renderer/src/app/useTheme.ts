// Applies the theme setting to the page: light, dark, or the system's choice (followed live).
// The CSS keys on <html data-theme>, so no inline styles are needed under the strict CSP.
import { useEffect } from 'react';
import { useAppStore } from '../stores/appStore.js';

export function useTheme(): void {
  const theme = useAppStore((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'system') {
      root.dataset.theme = theme;
      return;
    }
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      root.dataset.theme = query.matches ? 'dark' : 'light';
    };
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}
