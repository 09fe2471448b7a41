// A web address saved as one setting (where feedback goes, where health reports go): checked
// here so the form can say what is wrong, then saved through the host, whose settings schema
// checks it again. Empty saves null: things wait in the outbox on this machine.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { feedbackEndpointProblem } from './feedbackEndpoint.js';
import type { SettingsForm } from './settingsSlice.js';

export interface AddressFormProps {
  id: string;
  setting: 'feedbackEndpoint' | 'healthEndpoint';
  form: SettingsForm;
  value: string | null;
  label: string;
  placeholder: string;
  hint: ReactNode;
  saveLabel: string;
  /** A heading above the field, when the form stands alone. */
  title?: string;
  onSaved?: () => void;
}

export function AddressForm({ id, setting, form, value, label, placeholder, hint, saveLabel, title, onSaved }: AddressFormProps) {
  const saveSettings = useAppStore((s) => s.saveSettings);
  const mine = useAppStore((s) => s.settingsSavedBy === form);
  const settingsError = useAppStore((s) => s.settingsError);
  const savedAt = useAppStore((s) => s.settingsSavedAt);
  const [text, setText] = useState(value ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = feedbackEndpointProblem(text, setting === 'healthEndpoint' ? 'health reports' : 'feedback');
    setProblem(found);
    if (found) return;
    void saveSettings({ [setting]: text.trim() === '' ? null : text.trim() }, form).then((ok) => {
      if (ok) onSaved?.();
    });
  };

  return (
    <form onSubmit={submit} {...(title ? { 'aria-labelledby': `${id}-title` } : {})} noValidate>
      {title && <h2 id={`${id}-title`}>{title}</h2>}
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="url"
          value={text}
          placeholder={placeholder}
          aria-describedby={`${id}-hint`}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
      <button type="submit">{saveLabel}</button>
      {mine && savedAt !== null && !settingsError && <p role="status">Saved.</p>}
      {mine && <ErrorNotice error={settingsError} />}
    </form>
  );
}
