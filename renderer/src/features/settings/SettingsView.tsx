// Settings: updates and channel, proving and logs, the feedback address, appearance.
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { UpdatesPanel } from './UpdatesPanel.js';
import { ProverSettingsForm } from './ProverSettingsForm.js';
import { ThemeChooser } from './ThemeChooser.js';
import { DataDirectoryPanel } from './DataDirectoryPanel.js';
import { FeedbackEndpointForm } from './FeedbackEndpointForm.js';
import { HealthReportsPanel } from '../health/HealthReportsPanel.js';
import './settings.css';

export function SettingsView() {
  const settings = useAppStore((s) => s.settings);
  const error = useAppStore((s) => s.settingsError);
  return (
    <div className="view settings">
      <h1>Settings</h1>
      {!settings && <ErrorNotice error={error} />}
      {!settings && !error && <p role="status">Reading the settings…</p>}
      <UpdatesPanel />
      {settings && <ProverSettingsForm key={JSON.stringify([settings.workerCount, settings.workerMemoryCapMb, settings.jobTimeoutSec, settings.logRetentionDays, settings.predictedTimeWarnSec])} settings={settings} />}
      {settings && <FeedbackEndpointForm key={settings.feedbackEndpoint ?? ''} endpoint={settings.feedbackEndpoint} />}
      {settings && <HealthReportsPanel />}
      {settings && <ThemeChooser current={settings.theme} />}
      <DataDirectoryPanel />
    </div>
  );
}
