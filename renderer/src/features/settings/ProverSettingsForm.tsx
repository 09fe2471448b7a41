// How proving and logging behave: workers, memory cap, time limit, when to ask before a long
// proof, log retention. Saved together; the host's settings schema has the last word, and its
// refusal is shown here.
import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../common/settings/settingsSchema.js';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';

function NumberField(props: { id: string; label: string; hint: string; value: string; onChange(value: string): void; min: number; max: number; step?: number; placeholder?: string }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode={props.step !== undefined && props.step < 1 ? 'decimal' : 'numeric'}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={props.value}
        placeholder={props.placeholder}
        aria-describedby={`${props.id}-hint`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p className="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}

export function ProverSettingsForm({ settings }: { settings: Settings }) {
  const saveSettings = useAppStore((s) => s.saveSettings);
  const mine = useAppStore((s) => s.settingsSavedBy === 'proving');
  const settingsError = useAppStore((s) => s.settingsError);
  const settingsSavedAt = useAppStore((s) => s.settingsSavedAt);
  const error = mine ? settingsError : null;
  const savedAt = mine ? settingsSavedAt : null;
  const [workers, setWorkers] = useState(settings.workerCount === 'auto' ? '' : String(settings.workerCount));
  const [memoryCap, setMemoryCap] = useState(settings.workerMemoryCapMb === null ? '' : String(settings.workerMemoryCapMb));
  const [timeout, setTimeoutSec] = useState(String(settings.jobTimeoutSec));
  const [retention, setRetention] = useState(String(settings.logRetentionDays));
  const [warnAfter, setWarnAfter] = useState(String(settings.predictedTimeWarnSec));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saveSettings({
      workerCount: workers.trim() === '' ? 'auto' : Number(workers),
      workerMemoryCapMb: memoryCap.trim() === '' ? null : Number(memoryCap),
      jobTimeoutSec: Number(timeout),
      logRetentionDays: Number(retention),
      predictedTimeWarnSec: Number(warnAfter),
    }, 'proving');
  };

  return (
    <form onSubmit={submit} aria-labelledby="proving-title">
      <h2 id="proving-title">Proving and logs</h2>
      <NumberField id="worker-count" label="Worker processes" hint="Empty: as many as memory and cores allow." value={workers} onChange={setWorkers} min={1} max={64} placeholder="automatic" />
      <NumberField id="memory-cap" label="Memory cap per worker (MiB)" hint="Empty: sized from free memory. A proof over the cap is stopped with E_OUT_OF_MEMORY." value={memoryCap} onChange={setMemoryCap} min={64} max={1048576} placeholder="automatic" />
      <NumberField id="job-timeout" label="Time limit per proof (seconds)" hint="A proof running longer is stopped with E_TIMEOUT." value={timeout} onChange={setTimeoutSec} min={1} max={86400} />
      <NumberField
        id="predicted-time-warn"
        label="Ask before proofs predicted to take longer than (seconds)"
        hint="Prove asks you to confirm first when the estimate is longer than this."
        value={warnAfter}
        onChange={setWarnAfter}
        // The native prover makes a small proof in a fraction of a second: tenths are a real choice.
        min={0.1}
        step={0.1}
        max={86400}
      />
      <NumberField id="log-retention" label="Keep logs for (days)" hint="Older log files are deleted. Applies from the next start." value={retention} onChange={setRetention} min={1} max={365} />
      <button type="submit" className="primary">
        Save
      </button>
      {savedAt !== null && !error && <p role="status">Saved.</p>}
      <ErrorNotice error={error} />
    </form>
  );
}
