import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { HelpArticle } from '../../../../common/help/helpArticle.js';
import { testHost } from '../../testing/testHost.js';
import { useAppStore } from '../../stores/appStore.js';
import { HelpSearch } from './HelpSearch.js';

function article(id: string, title: string, details: string): HelpArticle {
  return { id, title, summary: `${title}.`, tags: [], related: [], details, expert: '' };
}

const articles = [
  article('warnings/on-battery', 'Running on battery', 'Plug in the charger: proofs slow down on battery power.'),
  article('errors/E_TIMEOUT', 'The proof took too long', 'Raise the time limit in Settings.'),
  article('warnings/few-cores', 'Few CPU cores available', 'Proofs use every core the machine has.'),
];

describe('help search', () => {
  it('finds articles as the user types, says how many, and opens one in the Help view', async () => {
    testHost.answer({ 'help.articles': () => articles });
    await useAppStore.getState().loadHelp();
    render(<HelpSearch />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help' }), 'batter');
    expect(screen.getByRole('status')).toHaveTextContent('1 article found.');
    const results = screen.getByRole('list', { name: 'Search results' });
    await userEvent.click(within(results).getByRole('link', { name: 'Running on battery' }));
    expect(useAppStore.getState()).toMatchObject({ view: 'help', openArticleId: 'warnings/on-battery' });
    expect(window.location.hash).toBe('#/help/warnings/on-battery');
  });

  it('says so when nothing matches rather than showing an empty list', async () => {
    testHost.answer({ 'help.articles': () => articles });
    await useAppStore.getState().loadHelp();
    render(<HelpSearch />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help' }), 'zebra');
    expect(screen.getByRole('status')).toHaveTextContent('No article matches.');
  });

  it('loads the articles once, and shows why when they cannot be loaded', async () => {
    testHost.answer({ 'help.articles': () => articles });
    await useAppStore.getState().loadHelp();
    await useAppStore.getState().loadHelp();
    expect(testHost.calls.filter((c) => c.method === 'help.articles')).toHaveLength(1);
    useAppStore.setState(useAppStore.getInitialState(), true);
    testHost.answer({
      'help.articles': () => {
        throw new Error('socket closed');
      },
    });
    await useAppStore.getState().loadHelp();
    expect(useAppStore.getState().helpError?.code).toBe('E_INTERNAL');
  });
});
