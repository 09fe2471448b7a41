// One article with progressive disclosure: the summary first, "More" opens the details,
// "Expert" the expert depth. The depth reached is saved per topic and restored next time.
import { useEffect, useRef } from 'react';
import type { HelpArticle } from '../../../../preload/contract.js';
import type { HelpDepth } from '../../../../common/settings/settingsSchema.js';
import { useAppStore } from '../../stores/appStore.js';
import { HelpLink } from './HelpLink.js';
import { Markdown } from './Markdown.js';

export function ArticleView({ article }: { article: HelpArticle }) {
  const depth: HelpDepth = useAppStore((s) => s.settings?.helpDepth[article.id] ?? 'summary');
  const setHelpDepth = useAppStore((s) => s.setHelpDepth);
  const closeArticle = useAppStore((s) => s.closeArticle);
  const articles = useAppStore((s) => s.helpArticles);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  // Opening an article (from a warning, an error, a search hit) lands on its summary.
  useEffect(() => {
    summaryRef.current?.focus();
  }, [article.id]);

  const related = article.related.map((id) => articles.find((a) => a.id === id)).filter((a): a is HelpArticle => a !== undefined);
  const showDetails = depth === 'details' || depth === 'expert';
  const showExpert = depth === 'expert';

  return (
    <article className="help-article" aria-labelledby="article-title" data-article-id={article.id} data-depth={depth}>
      <p>
        <button type="button" className="link-button" onClick={closeArticle}>
          ← All help articles
        </button>
      </p>
      <h2 id="article-title">{article.title}</h2>
      <p className="article-summary" ref={summaryRef} tabIndex={-1}>
        {article.summary}
      </p>
      {showDetails && (
        <section aria-labelledby="article-details-title" id="article-details">
          <h3 id="article-details-title">Details</h3>
          <Markdown text={article.details} />
        </section>
      )}
      {showExpert && (
        <section aria-labelledby="article-expert-title" id="article-expert">
          <h3 id="article-expert-title">Expert</h3>
          <Markdown text={article.expert} />
        </section>
      )}
      <div className="actions">
        {!showDetails && (
          <button type="button" onClick={() => void setHelpDepth(article.id, 'details')}>
            More
          </button>
        )}
        {showDetails && !showExpert && (
          <button type="button" onClick={() => void setHelpDepth(article.id, 'expert')}>
            Expert
          </button>
        )}
        {showDetails && (
          <button type="button" onClick={() => void setHelpDepth(article.id, 'summary')}>
            Less
          </button>
        )}
      </div>
      {related.length > 0 && (
        <section aria-labelledby="article-related-title">
          <h3 id="article-related-title">Related</h3>
          <ul>
            {related.map((a) => (
              <li key={a.id}>
                <HelpLink helpId={a.id}>{a.title}</HelpLink>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
