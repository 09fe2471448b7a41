// Overview: the machine, the readiness verdict, and the warnings worst first.
import { useEffect } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { WarningList } from '../warnings/WarningList.js';
import { MachineFacts } from './MachineFacts.js';
import { ReadinessVerdict } from './ReadinessVerdict.js';
import { FirstRunGuide } from '../../app/FirstRunGuide.js';
import './overview.css';

export function OverviewView() {
  const profile = useAppStore((s) => s.profile);
  const advice = useAppStore((s) => s.machineAdvice);
  const loading = useAppStore((s) => s.profileLoading);
  const error = useAppStore((s) => s.profileError);
  const loadProfile = useAppStore((s) => s.loadProfile);

  useEffect(() => {
    if (!useAppStore.getState().profile) void loadProfile();
  }, [loadProfile]);

  return (
    <div className="view overview">
      <h1>Overview</h1>
      <FirstRunGuide />
      <ErrorNotice error={error} />
      {loading && !profile && <p role="status">Reading this machine…</p>}
      {advice && <ReadinessVerdict verdict={advice.verdict} />}
      {profile && <MachineFacts profile={profile} />}
      {profile && (
        <p>
          <button type="button" onClick={() => void loadProfile(true)} disabled={loading}>
            {loading ? 'Measuring…' : 'Measure again'}
          </button>
        </p>
      )}
      {advice && (
        <section aria-labelledby="warnings-title">
          <h2 id="warnings-title">Warnings ({advice.warnings.length})</h2>
          <WarningList warnings={advice.warnings} />
        </section>
      )}
    </div>
  );
}
