// Listens to the contract's events for the whole life of the window: job progress, update
// state, and the menu asking for a view; and to the URL's hash (links, back button).
import { useEffect } from 'react';
import { zkdesk } from '../api/zkdesk.js';
import { useAppStore } from '../stores/appStore.js';
import { parseRoute } from './route.js';

export function useHostEvents(): void {
  useEffect(() => {
    const { receiveJobSnapshot, receiveUpdateState, receiveProfile, navigate, applyRoute } = useAppStore.getState();
    const offJob = zkdesk.on('prover.job', receiveJobSnapshot);
    const offUpdates = zkdesk.on('updates.state', receiveUpdateState);
    const offProfile = zkdesk.on('profile.updated', (profile) => void receiveProfile(profile));
    const offNavigate = zkdesk.on('app.navigate', ({ view }) => navigate(view));
    const onHash = () => applyRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => {
      offJob();
      offUpdates();
      offNavigate();
      offProfile();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
}
