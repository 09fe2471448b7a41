// Beta feedback: a message, optionally with a bundle; kept in the outbox until it is delivered.
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../stores/appStore.js';

export function FeedbackForm() {
  const sending = useAppStore((s) => s.feedbackSending);
  const outcome = useAppStore((s) => s.feedbackOutcome);
  const sendFeedback = useAppStore((s) => s.sendFeedback);
  const [message, setMessage] = useState('');
  const [attachBundle, setAttachBundle] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (message.trim()) void sendFeedback(message.trim(), attachBundle);
  };
  return (
    <form onSubmit={submit}>
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
          {outcome.sent ? 'Thank you: your feedback was sent.' : 'Thank you: your feedback is saved in the outbox and will be sent once a feedback address is set and reachable.'}
        </p>
      )}
    </form>
  );
}
