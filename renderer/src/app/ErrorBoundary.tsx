// Keeps one broken view from blanking the whole window: the view shows what went wrong, with its
// help link, and a way to try again; the navigation stays usable.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice.js';
import { toErrorView, type ErrorView } from '../stores/errorView.js';

interface Props {
  children: ReactNode;
}

interface State {
  error: ErrorView | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: toErrorView(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('zkdesk view failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section aria-labelledby="view-failed-title">
        <h1 id="view-failed-title">This view stopped working</h1>
        <ErrorNotice error={this.state.error} />
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
