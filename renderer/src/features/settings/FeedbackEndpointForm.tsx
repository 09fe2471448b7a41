// Where beta feedback goes. Empty keeps messages in the outbox on this machine; an address
// sends them (and everything waiting) with the next message.
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { feedbackEndpointProblem } from './feedbackEndpoint.js';

export function FeedbackEndpointForm({ endpoint }: { endpoint: string | null }) {
  const saveSettings = useAppStore((s) => s.saveSettings);
  const mine = useAppStore((s) => s.settingsSavedBy === 'feedback');
  const settingsError = useAppStore((s) => s.settingsError);
  const savedAt = useAppStore((s) => s.settingsSavedAt);
  const secretStorage = useAppStore((s) => s.info?.secretStorage ?? 'plain-file');
  const [text, setText] = useState(endpoint ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = feedbackEndpointProblem(text);
    setProblem(found);
    if (found) return;
    void saveSettings({ feedbackEndpoint: text.trim() === '' ? null : text.trim() }, 'feedback');
  };

  return (
    <form onSubmit={submit} aria-labelledby="feedback-settings-title" noValidate>
      <h2 id="feedback-settings-title">Feedback</h2>
      <div className="field">
        <label htmlFor="feedback-endpoint">Feedback address (http or https)</label>
        <input
          id="feedback-endpoint"
          type="url"
          value={text}
          placeholder="https://feedback.example.com/zkdesk"
          aria-describedby="feedback-endpoint-hint"
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="hint" id="feedback-endpoint-hint">
          Where the Diagnostics view sends feedback. Empty: messages wait in the outbox on this machine.{' '}
          {secretStorage === 'os-encrypted'
            ? 'A user name and password in the address are kept apart from the settings, sealed by the system keychain.'
            : 'A user name and password in the address are kept apart from the settings but stored in clear (feedback-credentials.json in the data directory): this host has no system keychain.'}
        </p>
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
      <button type="submit">Save the feedback address</button>
      {mine && savedAt !== null && !settingsError && <p role="status">Saved.</p>}
      {mine && <ErrorNotice error={settingsError} />}
    </form>
  );
}
