// The help articles in memory: look one up by id, follow its related links, and search them
// all. Search is MiniSearch (a maintained, dependency-free full-text index that runs the same in
// Node and the renderer): BM25 ranking over title, summary, tags and both depths of the body,
// with the title and summary weighted up so the article *about* a word beats one that only
// mentions it, prefix matching for search-as-you-type, and fuzzy matching for typos.
import MiniSearch, { type SearchResult } from 'minisearch';
import type { HelpArticle } from './helpArticle.js';

export interface HelpSearchHit {
  id: string;
  title: string;
  summary: string;
  score: number;
  /** The indexed words that matched (after prefix and fuzzy expansion). */
  terms: string[];
}

export interface HelpSearchOptions {
  /** At most this many hits; default 20. */
  limit?: number;
  /** Only articles under this section (guides, warnings, errors). */
  section?: string;
}

/** Boosts: a word in the title counts four times one in the body. */
export const SEARCH_BOOST = { title: 4, name: 3, summary: 2, tags: 2, details: 1, expert: 0.7 } as const;

// Words that would match almost every article and drown real matches in an OR query.
const STOP_WORDS = new Set(
  'a an and are as at be but by can do does for from has have how i if in is it its my no not of on or so than that the their then there these this to was what when where which why will with you your'.split(' '),
);

/**
 * Words are runs of letters and digits. MiniSearch's default splits on spaces and punctuation
 * only, and markdown's backticks are not punctuation to Unicode: `dmesg` would be indexed with
 * its backticks and found by nobody.
 */
function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
}

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return STOP_WORDS.has(lower) ? null : lower;
}

/**
 * One edit for a short word, two from six letters (a swapped pair, "memroy", is two edits), none
 * below four letters, where almost every word is one edit from another.
 */
function fuzziness(term: string): number | false {
  if (term.length < 4) return false;
  return term.length < 6 ? 1 : 2;
}

type IndexedField = keyof typeof SEARCH_BOOST;

/** MiniSearch asks this for the id field too, not only the indexed ones. */
function fieldText(article: HelpArticle, field: string): string {
  if (field === 'id') return article.id;
  switch (field as IndexedField) {
    case 'title':
      return article.title;
    // The id's last part: searching "E_OUT_OF_MEMORY" or "on-battery" finds its article.
    case 'name':
      return article.id.slice(article.id.indexOf('/') + 1);
    case 'summary':
      return article.summary;
    case 'tags':
      return article.tags.join(' ');
    case 'details':
      return article.details;
    case 'expert':
      return article.expert;
    default:
      return '';
  }
}

export class HelpIndex {
  private readonly byId: Map<string, HelpArticle>;
  private readonly search_: MiniSearch<HelpArticle>;

  constructor(articles: readonly HelpArticle[]) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
    this.search_ = new MiniSearch<HelpArticle>({
      idField: 'id',
      fields: Object.keys(SEARCH_BOOST),
      storeFields: [],
      extractField: fieldText,
      tokenize,
      processTerm,
      // A prefix is what someone types on the way to the word they mean, so it outweighs a
      // fuzzy neighbour (MiniSearch's defaults weigh them the other way round).
      searchOptions: { boost: { ...SEARCH_BOOST }, prefix: true, fuzzy: fuzziness, weights: { prefix: 0.6, fuzzy: 0.3 }, tokenize, processTerm },
    });
    this.search_.addAll([...this.byId.values()]);
  }

  get articles(): HelpArticle[] {
    return [...this.byId.values()];
  }

  get(id: string): HelpArticle | undefined {
    return this.byId.get(id);
  }

  /** The related articles that exist, in the order the article lists them. */
  related(id: string): HelpArticle[] {
    const article = this.byId.get(id);
    if (!article) return [];
    return article.related.map((r) => this.byId.get(r)).filter((a): a is HelpArticle => a !== undefined);
  }

  /** Best first. An empty or stop-word-only query finds nothing. */
  search(query: string, options: HelpSearchOptions = {}): HelpSearchHit[] {
    const section = options.section;
    const results: SearchResult[] = this.search_.search(query, section ? { filter: (r) => String(r.id).startsWith(`${section}/`) } : {});
    return results.slice(0, options.limit ?? 20).flatMap((r) => {
      const article = this.byId.get(String(r.id));
      return article ? [{ id: article.id, title: article.title, summary: article.summary, score: r.score, terms: r.terms }] : [];
    });
  }
}
