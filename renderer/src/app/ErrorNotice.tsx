// An error as the user sees it: the sentence, the code a support engineer asks for, and the
// article that explains it.
import { HelpLink } from '../features/help/HelpLink.js';
import type { ErrorView } from '../stores/errorView.js';

export function ErrorNotice({ error }: { error: ErrorView | null }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{error.message}</strong> <code className="error-code">{error.code}</code>
      </p>
      <p>
        <HelpLink helpId={error.helpId}>What {error.code} means and what to do</HelpLink>
      </p>
    </div>
  );
}
