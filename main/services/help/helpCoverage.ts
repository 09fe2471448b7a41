// Whether the help content covers the app: every warning the advisor can raise and every error
// code in the catalogue has its article, every related link lands somewhere, and no article
// describes a warning or error that no longer exists. The build-time check and the unit test run
// this same function over the real tree.
import type { HelpArticle } from '../../../common/help/helpArticle.js';
import { errorHelpId, warningHelpId } from '../../../common/help/helpArticle.js';

export interface CoverageInput {
  articles: readonly HelpArticle[];
  /** Every warning id the advisor can produce. */
  warningIds: readonly string[];
  /** Every error code in common/errors.ts. */
  errorCodes: readonly string[];
}

export function checkHelpCoverage(input: CoverageInput): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const article of input.articles) {
    if (ids.has(article.id)) problems.push(`${article.id}: two articles have this id`);
    ids.add(article.id);
  }
  for (const warning of [...new Set(input.warningIds)].sort()) {
    if (!ids.has(warningHelpId(warning))) problems.push(`warning "${warning}" has no article (expected ${warningHelpId(warning)}.md)`);
  }
  for (const code of [...new Set(input.errorCodes)].sort()) {
    if (!ids.has(errorHelpId(code))) problems.push(`error code ${code} has no article (expected ${errorHelpId(code)}.md)`);
  }
  const warnings = new Set(input.warningIds.map(warningHelpId));
  const errors = new Set(input.errorCodes.map(errorHelpId));
  for (const article of input.articles) {
    if (article.id.startsWith('warnings/') && !warnings.has(article.id)) {
      problems.push(`${article.id}: no advisor rule raises this warning (renamed or removed?)`);
    }
    if (article.id.startsWith('errors/') && !errors.has(article.id)) {
      problems.push(`${article.id}: no such code in common/errors.ts (renamed or removed?)`);
    }
    for (const related of article.related) {
      if (related === article.id) problems.push(`${article.id}: lists itself as related`);
      else if (!ids.has(related)) problems.push(`${article.id}: related "${related}" points to no article`);
    }
  }
  return problems;
}
