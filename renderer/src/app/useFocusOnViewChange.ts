// Moves focus to the new view's heading when the view changes (not at start, where the browser
// or the skip link decides). An open help article takes focus itself (its summary), so a route
// to an article is left to it.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../stores/appStore.js';
import { focusViewHeading } from './viewHeading.js';

export function useFocusOnViewChange(): void {
  const view = useAppStore((s) => s.view);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (view === 'help' && useAppStore.getState().openArticleId) return;
    focusViewHeading();
  }, [view]);
}
