// Help: the articles, their search index, the open article, and the depth each topic is read
// at (kept in settings.helpDepth, so it survives a reload and a restart).
import { zkdesk } from '../../api/zkdesk.js';
import type { HelpArticle } from '../../../../preload/contract.js';
import type { HelpDepth } from '../../../../common/settings/settingsSchema.js';
import { HelpIndex } from '../../../../common/help/helpIndex.js';
import type { SliceCreator } from '../../stores/storeTypes.js';
import { toErrorView, type ErrorView } from '../../stores/errorView.js';
import { writeRoute } from '../../app/route.js';

export interface HelpSlice {
  helpArticles: HelpArticle[];
  helpIndex: HelpIndex | null;
  helpError: ErrorView | null;
  openArticleId: string | null;
  helpQuery: string;
  loadHelp(): Promise<void>;
  /** Shows an article in the Help view (from a warning, an error, a link in another article). */
  openArticle(id: string): void;
  closeArticle(): void;
  setHelpQuery(query: string): void;
  setHelpDepth(id: string, depth: HelpDepth): Promise<void>;
}

export const createHelpSlice: SliceCreator<HelpSlice> = (set, get) => ({
  helpArticles: [],
  helpIndex: null,
  helpError: null,
  openArticleId: null,
  helpQuery: '',

  async loadHelp() {
    if (get().helpIndex) return;
    try {
      const articles = await zkdesk.help.articles();
      set({ helpArticles: articles, helpIndex: new HelpIndex(articles), helpError: null });
    } catch (error) {
      set({ helpError: toErrorView(error) });
    }
  },

  openArticle(id) {
    set({ view: 'help', openArticleId: id });
    writeRoute({ view: 'help', helpId: id });
  },

  closeArticle() {
    set({ openArticleId: null });
    writeRoute({ view: 'help', helpId: null });
  },

  setHelpQuery(query) {
    set({ helpQuery: query });
  },

  async setHelpDepth(id, depth) {
    const settings = get().settings;
    if (!settings) return;
    const helpDepth = { ...settings.helpDepth, [id]: depth };
    // Shown at once; the saved settings replace it when the host answers.
    set({ settings: { ...settings, helpDepth } });
    try {
      set({ settings: await zkdesk.settings.update({ patch: { helpDepth } }) });
    } catch (error) {
      set({ helpError: toErrorView(error) });
    }
  },
});
