// Help: search, the open article, or the index of all articles (hidden while search results show).
import { useEffect } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { ErrorNotice } from '../../app/ErrorNotice.js';
import { HelpSearch } from './HelpSearch.js';
import { ArticleIndex } from './ArticleIndex.js';
import { ArticleView } from './ArticleView.js';
import './help.css';

export function HelpView() {
  const articles = useAppStore((s) => s.helpArticles);
  const error = useAppStore((s) => s.helpError);
  const openId = useAppStore((s) => s.openArticleId);
  const loadHelp = useAppStore((s) => s.loadHelp);
  const searching = useAppStore((s) => s.helpQuery.trim() !== '');
  const guideDismissed = useAppStore((s) => s.settings?.firstRunDismissed ?? false);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const navigate = useAppStore((s) => s.navigate);
  // The getting-started guide, once dismissed, comes back from here (it lives on Overview).
  const showGuide = () => {
    void saveSettings({ firstRunDismissed: false });
    navigate('overview');
  };

  useEffect(() => {
    void loadHelp();
  }, [loadHelp]);

  const article = openId ? articles.find((a) => a.id === openId) : undefined;
  return (
    <div className="view help">
      <h1>Help</h1>
      <ErrorNotice error={error} />
      <HelpSearch />
      {openId && articles.length > 0 && !article && <p role="status">There is no help article “{openId}” (yet).</p>}
      {/* While a search is typed, its results stand in for the index. */}
      {article ? <ArticleView article={article} /> : !searching && <ArticleIndex articles={articles} />}
      {!article && guideDismissed && (
        <p>
          <button type="button" onClick={showGuide}>
            Show the getting-started guide
          </button>
        </p>
      )}
    </div>
  );
}
