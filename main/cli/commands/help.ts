// `zkdesk help <article>`: the help article every CLI error points to ("help: zkdesk help
// errors/E_IO"), at the depth asked for; `zkdesk help --search <words>` finds articles. A
// command name (`zkdesk help prove`) or nothing at all still gives commander's usage, as the
// built-in help command this one replaces did.
import type { Command } from 'commander';
import { ZkError } from '../../../common/errors.js';
import { makeContext } from '../cliContext.js';
import type { HelpArticle } from '../../../common/help/helpArticle.js';
import { HelpIndex } from '../../../common/help/helpIndex.js';
import { loadHelpArticles } from '../../services/help/helpLoader.js';

const depths = ['summary', 'details', 'expert'] as const;
type Depth = (typeof depths)[number];

interface HelpOptions {
  depth: string;
  search?: string[];
}

function render(article: HelpArticle, depth: Depth): string {
  const parts = [article.title, '='.repeat(Math.min(article.title.length, 80)), '', article.summary];
  if (depth !== 'summary') parts.push('', 'Details', '-------', '', article.details);
  if (depth === 'expert') parts.push('', 'Expert', '------', '', article.expert);
  if (article.related.length > 0) parts.push('', `Related: ${article.related.join(', ')}`);
  if (depth !== 'expert') parts.push('', `More: zkdesk help ${article.id} --depth ${depth === 'summary' ? 'details' : 'expert'}`);
  return parts.join('\n');
}

export function registerHelpCommand(program: Command): void {
  program
    .command('help')
    .description('show a help article (e.g. errors/E_OUT_OF_MEMORY, warnings/on-battery), search them, or show usage')
    .argument('[topic]', 'an article id, or a command name for its usage')
    .option('--depth <depth>', `how much to show: ${depths.join(', ')}`, 'details')
    .option('--search <words...>', 'find articles by words, typos forgiven')
    .action(async (topic: string | undefined, opts: HelpOptions, cmd: Command) => {
      const ctx = makeContext(cmd.optsWithGlobals());
      const root = cmd.parent ?? program;
      const command = topic ? root.commands.find((c) => c.name() === topic) : undefined;
      if (!opts.search && (!topic || command)) {
        ctx.out((command ?? root).helpInformation());
        return;
      }
      const depth = opts.depth as Depth;
      if (!depths.includes(depth)) throw new ZkError('E_INPUT_INVALID', `--depth must be one of ${depths.join(', ')}.`, { depth: opts.depth });

      const index = new HelpIndex(await loadHelpArticles());
      if (opts.search) {
        const hits = index.search(opts.search.join(' '), { limit: 10 });
        if (ctx.json) ctx.printJson({ ok: true, hits });
        else if (hits.length === 0) ctx.out('No article matches.');
        else for (const hit of hits) ctx.out(`${hit.id}\n    ${hit.title}: ${hit.summary}`);
        return;
      }
      const article = index.get(topic ?? '');
      if (!article) {
        const guesses = index.search((topic ?? '').replace(/^[a-z]+\//, ''), { limit: 3 }).map((h) => h.id);
        throw new ZkError('E_INPUT_INVALID', `There is no help article "${topic}".${guesses.length ? ` Did you mean ${guesses.join(', ')}?` : ''}`, { topic });
      }
      if (ctx.json) ctx.printJson({ ok: true, article });
      else ctx.out(render(article, depth));
    });
}
