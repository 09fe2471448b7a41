// Build-time check of the help content: every article parses (front matter and the two
// sections), every warning the advisor raises and every error code has its article, every
// related link resolves. Prints each problem and exits 1 if there is any.
//   node dist/scripts/help/checkHelp.js [--help-dir <dir>]
import path from 'node:path';
import { errorCodes } from '../../common/errors.js';
import { checkHelpCoverage } from '../../main/services/help/helpCoverage.js';
import { helpDir, readHelpTree } from '../../main/services/help/helpLoader.js';
import { projectRoot } from '../../node/resourcePaths.js';
import { advisorWarningIds } from './advisorWarningIds.js';

async function main(): Promise<number> {
  const flag = process.argv.indexOf('--help-dir');
  const root = flag !== -1 && process.argv[flag + 1] ? path.resolve(process.argv[flag + 1] as string) : helpDir();
  const tree = await readHelpTree(root);
  const warnings = await advisorWarningIds(path.join(projectRoot(), 'main', 'services', 'advisor'));
  const problems = [
    ...tree.problems,
    ...warnings.problems,
    ...checkHelpCoverage({ articles: tree.articles, warningIds: warnings.ids, errorCodes }),
  ];
  if (problems.length > 0) {
    process.stderr.write(`help check: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${root}\n`);
    for (const problem of problems) process.stderr.write(`  ${problem}\n`);
    return 1;
  }
  const count = (section: string) => tree.articles.filter((a) => a.id.startsWith(`${section}/`)).length;
  process.stdout.write(
    `help check: ${tree.articles.length} articles OK (${count('guides')} guides, ${count('warnings')} warnings covering ${warnings.ids.length} ids, ${count('errors')} errors covering ${errorCodes.length} codes)\n`,
  );
  return 0;
}

process.exitCode = await main();
