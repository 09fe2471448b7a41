// Every article, grouped: guides first, then one per warning and one per error code.
import type { HelpArticle } from '../../../../preload/contract.js';
import { helpSections, sectionOf, type HelpSection } from '../../../../common/help/helpArticle.js';
import { HelpLink } from './HelpLink.js';

const sectionTitles: Record<HelpSection, string> = { guides: 'Guides', warnings: 'Warnings', errors: 'Errors' };

export function ArticleIndex({ articles }: { articles: HelpArticle[] }) {
  return (
    <div className="article-index">
      {helpSections.map((section) => {
        const inSection = articles.filter((a) => sectionOf(a.id) === section).sort((a, b) => a.title.localeCompare(b.title));
        if (inSection.length === 0) return null;
        return (
          <section key={section} aria-labelledby={`help-section-${section}`}>
            <h2 id={`help-section-${section}`}>{sectionTitles[section]}</h2>
            <ul>
              {inSection.map((a) => (
                <li key={a.id}>
                  <HelpLink helpId={a.id}>{a.title}</HelpLink>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
