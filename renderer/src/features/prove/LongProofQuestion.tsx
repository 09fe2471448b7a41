// Asked when Prove is pressed on a proof predicted to take longer than the user's limit
// (Settings → predictedTimeWarnSec): nothing starts until they say yes.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { formatDuration } from '../../format/formatDuration.js';
import { HelpLink } from '../help/HelpLink.js';
import { routeHash } from '../../app/route.js';

export function LongProofQuestion() {
  const question = useAppStore((s) => s.longProofQuestion);
  const confirm = useAppStore((s) => s.confirmLongProof);
  const decline = useAppStore((s) => s.declineLongProof);
  const startButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (question) startButton.current?.focus();
  }, [question]);

  if (!question) return null;
  // The question goes away either way: the keyboard's place goes back to Prove, not to the page.
  const answer = (action: () => unknown) => () => {
    void action();
    document.getElementById('prove-button')?.focus();
  };
  return (
    <div className="notice notice-warning long-proof" role="alertdialog" aria-labelledby="long-proof-title" aria-describedby="long-proof-text">
      <p id="long-proof-title">
        <strong>This proof is predicted to take {formatDuration(question.predictedMs)}</strong>
      </p>
      <p id="long-proof-text">
        That is over “Ask before proofs predicted to take longer than” ({formatDuration(question.limitSec * 1000)}) in{' '}
        <a href={routeHash({ view: 'settings', helpId: null })}>Settings</a>. You can cancel it at any time once it runs.{' '}
        <HelpLink helpId="warnings/predicted-time-long">Why zkdesk asks</HelpLink>
      </p>
      <div className="actions">
        <button ref={startButton} type="button" className="primary" onClick={answer(confirm)}>
          Start it anyway
        </button>
        <button type="button" onClick={answer(decline)}>
          Not now
        </button>
      </div>
    </div>
  );
}
