// The running job stage by stage (witness, prove, verify), with a progress bar, the time it has
// taken and the time left by the estimate it was started with, and its outcome: a stage that was
// running when the job was cancelled or failed says so. Events drive it; a slow poll catches up
// if one was missed while the connection blinked.
import { useEffect, useState } from 'react';
import type { JobSnapshot } from '../../../../common/prover/proverTypes.js';
import type { ProofStage } from '../../../../common/workerProtocol.js';
import { useAppStore } from '../../stores/appStore.js';
import { isFinished } from './proverSlice.js';
import { HelpLink } from '../help/HelpLink.js';
import { formatDuration } from '../../format/formatDuration.js';

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

type StageStatus = 'done' | 'current' | 'pending' | 'cancelled' | 'failed' | 'skipped';

export function stageStatus(job: JobSnapshot, index: number): StageStatus {
  if (job.state === 'verified') return 'done';
  const current = job.stage ? stages.findIndex((s) => s.stage === job.stage) : -1;
  if (index < current) return 'done';
  if (index === current) return job.state === 'cancelled' ? 'cancelled' : job.state === 'failed' ? 'failed' : 'current';
  // After a cancel or a failure the later stages will not run.
  return isFinished(job) ? 'skipped' : 'pending';
}

const statusWords: Record<StageStatus, string> = {
  done: 'done',
  current: 'in progress',
  pending: 'not started',
  cancelled: 'cancelled',
  failed: 'failed',
  skipped: 'not run',
};

/** Elapsed since this view saw the job start, ticking while it runs; frozen once it finishes. */
function useElapsedMs(job: JobSnapshot | null): number {
  const [startedAt, setStartedAt] = useState<{ jobId: string; at: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const running = job !== null && !isFinished(job);
  useEffect(() => {
    if (job && startedAt?.jobId !== job.jobId) setStartedAt({ jobId: job.jobId, at: Date.now() });
  }, [job, startedAt]);
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [running]);
  useEffect(() => {
    if (!running) setNow(Date.now());
  }, [running]);
  return startedAt ? Math.max(0, now - startedAt.at) : 0;
}

function timeLeftText(job: JobSnapshot, elapsedMs: number): string {
  if (job.predictedMs === null) return 'Time left: unknown until this machine is calibrated';
  const left = job.predictedMs - elapsedMs;
  return left > 0 ? `About ${formatDuration(left)} left (estimate ${formatDuration(job.predictedMs)})` : `Taking longer than the estimate of ${formatDuration(job.predictedMs)}`;
}

export function JobProgress() {
  const job = useAppStore((s) => s.currentJob);
  const refreshCurrentJob = useAppStore((s) => s.refreshCurrentJob);
  const finished = isFinished(job);
  const elapsedMs = useElapsedMs(job);

  useEffect(() => {
    if (!job || finished) return;
    const timer = window.setInterval(() => void refreshCurrentJob(), 2000);
    return () => window.clearInterval(timer);
  }, [job, finished, refreshCurrentJob]);

  if (!job) return null;
  return (
    <section aria-labelledby="progress-title" className="job">
      <h2 id="progress-title">Progress</h2>
      <p className={`job-state job-${job.state}`} role="status" aria-live="polite">
        {job.title}: {stateWords[job.state]}
      </p>
      <progress className="job-progress" aria-label="Proof progress" max={1} value={job.progress} />
      {/* Not a live region: it ticks twice a second. */}
      <p className="job-times">
        <span className="job-elapsed">
          {finished ? 'Took' : 'Elapsed'} {formatDuration(elapsedMs)}
        </span>
        {!finished && <span className="job-left"> · {timeLeftText(job, elapsedMs)}</span>}
      </p>
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
