// Beta feedback: a message, optionally with a bundle; kept in the outbox until it is delivered
// to the feedback address set in Settings. The box empties once the message is safely queued.
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { routeHash } from '../../app/route.js';

export function FeedbackForm() {
  const sending = useAppStore((s) => s.feedbackSending);
  const outcome = useAppStore((s) => s.feedbackOutcome);
  const error = useAppStore((s) => s.feedbackError);
  const endpoint = useAppStore((s) => s.settings?.feedbackEndpoint ?? null);
  const sendFeedback = useAppStore((s) => s.sendFeedback);
  const [message, setMessage] = useState('');
  const [attachBundle, setAttachBundle] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!message.trim()) return;
    if (await sendFeedback(message.trim(), attachBundle)) {
      setMessage('');
      setAttachBundle(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <p className="hint">
        {endpoint ? (
          <>
            Sent to <code>{endpoint}</code>.
          </>
        ) : (
          <>
            No feedback address is set yet: messages wait in the outbox until one is set in <a href={routeHash({ view: 'settings', helpId: null })}>Settings</a>.
          </>
        )}
      </p>
      <div className="field">
        <label htmlFor="feedback-message">Your message</label>
        <textarea id="feedback-message" rows={5} value={message} onChange={(e) => setMessage(e.target.value)} />
      </div>
      <div className="checkbox">
        <input id="feedback-attach" type="checkbox" checked={attachBundle} onChange={(e) => setAttachBundle(e.target.checked)} />
        <label htmlFor="feedback-attach">Attach a diagnostics bundle (everything the preview above shows)</label>
      </div>
      <button type="submit" disabled={sending || !message.trim()}>
        {sending ? 'Sending…' : 'Send feedback'}
      </button>
      {outcome && (
        <p role="status">
          {outcome.sent
            ? 'Thank you: your feedback was sent.'
            : endpoint
              ? 'Thank you: your feedback is saved in the outbox; the feedback address did not answer, so it will be sent with the next message.'
              : 'Thank you: your feedback is saved in the outbox and will be sent once a feedback address is set in Settings.'}
        </p>
      )}
      <ErrorNotice error={error} />
    </form>
  );
}
