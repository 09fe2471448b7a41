// Beta feedback: a message, optionally with a bundle, kept in the outbox until it is delivered
// to the feedback address set in Settings. A tester usually has no address: then nothing is
// lost either. What waits goes into the next diagnostics bundle, and can be saved as a file
// (a download in the browser host, main's save dialog in the app) to hand over another way.
import { useEffect, useState, type FormEvent } from 'react';
import { zkdesk } from '../../api/zkdesk.js';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { routeHash } from '../../app/route.js';
import { downloadText } from '../../app/downloadFile.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';

function messages(n: number): string {
  return n === 1 ? '1 message' : `${n} messages`;
}

/** Saves what waits in the outbox as one file; says what happened. */
function SaveFeedbackFile({ waiting }: { waiting: number }) {
  const nativeDialogs = useAppStore((s) => s.info?.capabilities.nativeDialogs ?? false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<ErrorView | null>(null);
  const save = async () => {
    setError(null);
    try {
      if (nativeDialogs) {
        const { saved } = await zkdesk.diagnostics.saveFeedbackFile();
        setSaid(saved ? 'Saved the feedback file.' : '');
        return;
      }
      const file = await zkdesk.diagnostics.feedbackFile();
      downloadText(file.name, file.text);
      setSaid(`${file.name} downloaded (${messages(file.count)}).`);
    } catch (reason) {
      setSaid('');
      setError(toErrorView(reason));
    }
  };
  return (
    <div className="feedback-file">
      <button type="button" onClick={() => void save()}>
        Save feedback as a file
      </button>{' '}
      <span className="hint">{messages(waiting)} waiting, as sent: send the file by e-mail or attach it to your bug report.</span>
      <p role="status" className="hint">
        {said}
      </p>
      <ErrorNotice error={error} />
    </div>
  );
}

export function FeedbackForm() {
  const sending = useAppStore((s) => s.feedbackSending);
  const outcome = useAppStore((s) => s.feedbackOutcome);
  const error = useAppStore((s) => s.feedbackError);
  const waiting = useAppStore((s) => s.feedbackWaiting);
  const loadWaiting = useAppStore((s) => s.loadFeedbackWaiting);
  const endpoint = useAppStore((s) => s.settings?.feedbackEndpoint ?? null);
  const sendFeedback = useAppStore((s) => s.sendFeedback);
  const [message, setMessage] = useState('');
  const [attachBundle, setAttachBundle] = useState(false);
  useEffect(() => {
    void loadWaiting();
  }, [loadWaiting]);
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
      <p className="hint" id="feedback-where">
        {endpoint ? (
          <>
            Sent to <code>{endpoint}</code>. If it does not answer, the message waits in the outbox and goes into the next diagnostics bundle.
          </>
        ) : (
          <>
            No feedback address is set, and testers usually have none: nothing is lost. Your message is kept in the outbox on this machine, goes into the next
            diagnostics bundle you write, and can be saved as a file to send by e-mail or attach to a bug report. If an address is set in{' '}
            <a href={routeHash({ view: 'settings', helpId: null })}>Settings</a> later, it is sent from there.
          </>
        )}
      </p>
      <div className="field">
        <label htmlFor="feedback-message">Your message</label>
        <textarea id="feedback-message" rows={5} value={message} onChange={(e) => setMessage(e.target.value)} aria-describedby="feedback-where" />
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
              ? 'Thank you: your feedback is saved in the outbox; the feedback address did not answer, so it will be sent with the next message. Until then it goes into the next diagnostics bundle, and you can save it as a file below.'
              : 'Thank you: your feedback is saved in the outbox. It goes into the next diagnostics bundle you write, and you can save it as a file below.'}
        </p>
      )}
      {waiting !== null && waiting > 0 && <SaveFeedbackFile waiting={waiting} />}
      <ErrorNotice error={error} />
    </form>
  );
}
