// Listens to the contract's events for the whole life of the window: job and circuit build
// progress, update state, and the menu asking for a view; and to the URL's hash (links, back button).
import { useEffect } from 'react';
import { zkdesk } from '../api/zkdesk.js';
import { useAppStore } from '../stores/appStore.js';
import { parseRoute } from './route.js';

export function useHostEvents(): void {
  useEffect(() => {
    const { receiveJobSnapshot, receiveCircuitBuild, receiveUpdateState, receiveProfile, navigate, applyRoute } = useAppStore.getState();
    const offJob = zkdesk.on('prover.job', receiveJobSnapshot);
    const offBuild = zkdesk.on('circuits.build', receiveCircuitBuild);
    const offUpdates = zkdesk.on('updates.state', receiveUpdateState);
    const offProfile = zkdesk.on('profile.updated', (profile) => void receiveProfile(profile));
    const offNavigate = zkdesk.on('app.navigate', ({ view }) => navigate(view));
    const onHash = () => applyRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => {
      offJob();
      offBuild();
      offUpdates();
      offNavigate();
      offProfile();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
}
