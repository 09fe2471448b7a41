// The running job stage by stage (witness, prove, verify), with a progress bar and its outcome.
// Events drive it; a slow poll catches up if one was missed while the connection blinked.
import { useEffect } from 'react';
import type { JobSnapshot } from '../../../../common/prover/proverTypes.js';
import type { ProofStage } from '../../../../common/workerProtocol.js';
import { useAppStore } from '../../stores/appStore.js';
import { isFinished } from './proverSlice.js';
import { HelpLink } from '../help/HelpLink.js';

const stages: Array<{ stage: ProofStage; label: string }> = [
  { stage: 'witness', label: 'Compute the witness' },
  { stage: 'prove', label: 'Build the proof' },
  { stage: 'verify', label: 'Verify the proof' },
];

const stateWords: Record<JobSnapshot['state'], string> = {
  queued: 'Waiting for a free worker',
  running: 'Running',
  verified: 'Verified ✓',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function stageStatus(job: JobSnapshot, index: number): 'done' | 'current' | 'pending' {
  if (job.state === 'verified') return 'done';
  const current = job.stage ? stages.findIndex((s) => s.stage === job.stage) : -1;
  if (index < current) return 'done';
  if (index === current) return isFinished(job) ? 'pending' : 'current';
  return 'pending';
}

const statusWords = { done: 'done', current: 'in progress', pending: 'not started' } as const;

export function JobProgress() {
  const job = useAppStore((s) => s.currentJob);
  const refreshCurrentJob = useAppStore((s) => s.refreshCurrentJob);
  const finished = isFinished(job);

  useEffect(() => {
    if (!job || finished) return;
    const timer = window.setInterval(() => void refreshCurrentJob(), 2000);
    return () => window.clearInterval(timer);
  }, [job, finished, refreshCurrentJob]);

  if (!job) return null;
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">Progress</h2>
      <p className={`job-state job-${job.state}`} role="status" aria-live="polite">
        {job.title}: {stateWords[job.state]}
      </p>
      <progress className="job-progress" aria-label="Proof progress" max={1} value={job.progress} />
      <ol className="stages">
        {stages.map(({ stage, label }, index) => {
          const status = stageStatus(job, index);
          return (
            <li key={stage} className={`stage stage-${status}`}>
              {label}: {statusWords[status]}
            </li>
          );
        })}
      </ol>
      {job.historyError && (
        <div className="notice notice-warning" role="status">
          <p>
            This proof is not in the history below: {job.historyError.message} <code className="error-code">{job.historyError.code}</code>
          </p>
          <p>
            <HelpLink helpId={job.historyError.helpId}>What {job.historyError.code} means and what to do</HelpLink>
          </p>
        </div>
      )}
    </section>
  );
}
