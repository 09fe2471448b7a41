// A circuit listed but not built in this install is not a dead end: it says why, and builds here
// where this install can (a source checkout with a prepared powers-of-tau file), with each step's
// progress; where it cannot, it says why and what to do instead.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { formatDuration } from '../../format/formatDuration.js';
import type { CircuitSummary } from '../../../../preload/contract.js';

const stepWords = { waiting: 'waiting', running: 'running…', done: 'done', failed: 'failed', stopped: 'stopped' } as const;

function NotBuiltCircuit({ circuit }: { circuit: CircuitSummary }) {
  const plan = useAppStore((s) => s.buildPlans[circuit.id]);
  const build = useAppStore((s) => s.circuitBuilds[circuit.id]);
  const loadBuildPlan = useAppStore((s) => s.loadBuildPlan);
  const startCircuitBuild = useAppStore((s) => s.startCircuitBuild);
  const cancelCircuitBuild = useAppStore((s) => s.cancelCircuitBuild);
  const progressRef = useRef<HTMLDivElement>(null);
  const lastState = useRef<string | null>(null);

  useEffect(() => {
    void loadBuildPlan(circuit.id);
  }, [circuit.id, loadBuildPlan]);

  // Build, Stop and Build again each go when pressed (the build starts, stops or ends): a focus
  // left on nothing moves to the progress, which says what happened, not to the page's top.
  useEffect(() => {
    const now = build?.state ?? null;
    if (now !== lastState.current && (document.activeElement === document.body || document.activeElement === null)) progressRef.current?.focus();
    lastState.current = now;
  }, [build?.state]);

  const why = `${circuit.title} is not built in this install: its proving key is tens of megabytes, so it is not shipped.`;
  if (build) {
    const done = build.steps.filter((s) => s.state === 'done').length;
    return (
      <div className="circuit-build" ref={progressRef} tabIndex={-1} aria-labelledby={`build-${circuit.id}-title`}>
        <p id={`build-${circuit.id}-title`} role="status">
          {build.state === 'running' && `Building ${circuit.title}: step ${Math.min(done + 1, build.steps.length)} of ${build.steps.length}.`}
          {build.state === 'built' && `${circuit.title} is built: choose it in the list above.`}
          {build.state === 'failed' && `The build of ${circuit.title} failed.`}
          {build.state === 'cancelled' && `The build of ${circuit.title} was stopped.`}
        </p>
        <progress max={build.steps.length} value={done} aria-label={`Building ${circuit.title}`} />
        <ol className="build-steps">
          {build.steps.map((s) => (
            <li key={s.step} className={`build-step build-step-${s.state}`}>
              {s.label}: {stepWords[s.state]}
              {s.ms !== null && s.state === 'done' ? ` (${formatDuration(s.ms)})` : ''}
            </li>
          ))}
        </ol>
        {build.state === 'running' && (
          <button type="button" onClick={() => void cancelCircuitBuild(circuit.id)}>
            Stop the build
          </button>
        )}
        {build.state === 'failed' && <ErrorNotice error={build.error} />}
        {(build.state === 'failed' || build.state === 'cancelled') && plan?.possible && (
          <button type="button" onClick={() => void startCircuitBuild(circuit.id)}>
            Build {circuit.title} again
          </button>
        )}
      </div>
    );
  }
  if (!plan) return <p className="hint">{why}</p>;
  if (!plan.possible) {
    return (
      <p className="hint not-buildable">
        {why} It cannot be built here: {plan.reason} {plan.remedy}
      </p>
    );
  }
  return (
    <div className="circuit-build">
      <p className="hint">
        {why} This install can build it here, from the prepared powers-of-tau file <code>{plan.ptauFile}</code>: it takes {plan.duration}, and the proving key
        stays on this machine.
      </p>
      <button type="button" onClick={() => void startCircuitBuild(circuit.id)}>
        Build {circuit.title}
      </button>
    </div>
  );
}

export function NotBuiltCircuits({ circuits }: { circuits: CircuitSummary[] }) {
  const error = useAppStore((s) => s.buildError);
  const builds = useAppStore((s) => s.circuitBuilds);
  // A circuit built this session stays here to say so; the rest are the ones still unbuilt.
  const shown = circuits.filter((c) => !c.built || builds[c.id]?.state === 'built');
  if (shown.length === 0) return null;
  return (
    <div id="not-built-note" className="not-built">
      {shown.map((c) => (
        <NotBuiltCircuit key={c.id} circuit={c} />
      ))}
      <ErrorNotice error={error} />
    </div>
  );
}
