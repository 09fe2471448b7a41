// The security gate's own decision, on a SARIF fixture in electronegativity's shape and a source
// file beside it: a finding passes only with an `electronegativity-ok <its check>` comment on its
// line or just above; anything else, a global finding included, fails the build.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsFromSarif, unexplainedFindings, type SarifLog } from '../../../scripts/security/sarifFindings.js';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'eneg');

async function fixtureSarif(stage: string): Promise<SarifLog> {
  const text = await readFile(path.join(fixtures, 'findings.sarif.json'), 'utf8');
  return JSON.parse(text.replaceAll('STAGE', stage)) as SarifLog;
}

describe('the security gate', () => {
  it('reads file findings relative to the scanned tree, and global ones as having no file', async () => {
    const stage = '/tmp/zkdesk-eneg-x/src';
    const findings = findingsFromSarif(await fixtureSarif(stage), stage);
    expect(findings.map((f) => [f.check, f.file, f.line])).toEqual([
      ['PRELOAD_JS_CHECK', path.join('main', 'app', 'window.ts'), 4],
      ['CONTEXT_ISOLATION_JS_CHECK', path.join('main', 'app', 'window.ts'), 7],
      ['AUXCLICK_JS_CHECK', path.join('main', 'app', 'window.ts'), 4],
      ['AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', null, 0],
    ]);
  });

  it('fails on every finding not explained beside it for its own check', async () => {
    const stage = '/tmp/zkdesk-eneg-x/src';
    const open = await unexplainedFindings(findingsFromSarif(await fixtureSarif(stage), stage), fixtures);
    expect(open.map((f) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'AUXCLICK_JS_CHECK', 'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK']);
  });

  it('passes once only explained findings remain', async () => {
    const stage = '/tmp/zkdesk-eneg-x/src';
    const findings = findingsFromSarif(await fixtureSarif(stage), stage).filter((f) => f.check === 'PRELOAD_JS_CHECK');
    expect(await unexplainedFindings(findings, fixtures)).toEqual([]);
  });

  it('does not count an explanation further than four lines above', async () => {
    const far = { check: 'PRELOAD_JS_CHECK', level: 'warning', file: path.join('main', 'app', 'window.ts'), line: 9, description: '' };
    expect(await unexplainedFindings([far], fixtures)).toHaveLength(1);
  });
});
