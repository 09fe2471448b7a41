import { describe, expect, it } from 'vitest';
import { HelpArticleError, parseHelpArticle } from '../../../main/services/help/parseArticle.js';

const FILE = 'warnings/on-battery.md';

function article(parts: { front?: string; body?: string } = {}): string {
  const front =
    parts.front ??
    [
      'id: warnings/on-battery',
      'title: Running on battery',
      'summary: The computer is not plugged in. Proofs take longer.',
      'tags: [battery, power]',
      'related: [guides/hardware-requirements]',
    ].join('\n');
  const body = parts.body ?? '## Details\n\nPlug it in.\n\n## Expert\n\nRule: batteryRule.ts.\n';
  return `---\n${front}\n---\n\n${body}`;
}

function refusal(source: string): HelpArticleError {
  try {
    parseHelpArticle(source, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(HelpArticleError);
    return error as HelpArticleError;
  }
  throw new Error('the article was accepted');
}

describe('parseHelpArticle', () => {
  it('reads the front matter and the two sections of a well-formed article', () => {
    const parsed = parseHelpArticle(article(), FILE);
    expect(parsed).toEqual({
      id: 'warnings/on-battery',
      title: 'Running on battery',
      summary: 'The computer is not plugged in. Proofs take longer.',
      tags: ['battery', 'power'],
      related: ['guides/hardware-requirements'],
      details: 'Plug it in.',
      expert: 'Rule: batteryRule.ts.',
    });
  });

  it('defaults related to none and keeps an audience when given', () => {
    const front = 'id: guides/x\ntitle: X\nsummary: One sentence.\ntags: [a]\naudience: [tester, support]';
    const parsed = parseHelpArticle(article({ front }), 'guides/x.md');
    expect(parsed.related).toEqual([]);
    expect(parsed.audience).toEqual(['tester', 'support']);
  });

  it('parses a file saved with Windows line endings and a byte-order mark the same way', () => {
    const unix = parseHelpArticle(article(), FILE);
    const windows = parseHelpArticle(`\uFEFF${article().replace(/\n/g, '\r\n')}`, FILE);
    expect(windows).toEqual(unix);
  });

  it('does not take a "##" line inside a code block for a section', () => {
    const body = '## Details\n\n```sh\n## not a heading\n```\n\n## Expert\n\nText.\n';
    const parsed = parseHelpArticle(article({ body }), FILE);
    expect(parsed.details).toContain('## not a heading');
    expect(parsed.expert).toBe('Text.');
  });

  it('keeps level-3 headings inside a section', () => {
    const body = '## Details\n\n### Step 1\n\nDo it.\n\n## Expert\n\n### Evidence\n\nLook.\n';
    expect(parseHelpArticle(article({ body }), FILE).expert).toBe('### Evidence\n\nLook.');
  });

  it('refuses a file without front matter, naming the file', () => {
    const error = refusal('## Details\n\nx\n\n## Expert\n\ny\n');
    expect(error.file).toBe(FILE);
    expect(error.message).toMatch(/^warnings\/on-battery\.md: no front matter/);
  });

  it('refuses front matter that is not YAML', () => {
    expect(refusal(article({ front: 'id: [unclosed\ntitle: x' })).message).toMatch(/front matter is not valid YAML/);
  });

  it('names each invalid front matter field', () => {
    const front = 'id: on-battery\ntitle: ""\nsummary: Fine.\ntags: []';
    const message = refusal(article({ front })).message;
    expect(message).toContain('invalid front matter');
    expect(message).toMatch(/id: an id is guides\/, warnings\/ or errors\//);
    expect(message).toContain('title: the title is empty');
    expect(message).toContain('tags: at least one tag is needed');
  });

  it('says which required keys are missing', () => {
    expect(refusal(article({ front: 'id: guides/x' })).message).toBe(
      'warnings/on-battery.md: invalid front matter (title: missing; summary: missing; tags: missing)',
    );
  });

  it('refuses a misspelt key rather than ignoring it', () => {
    const front = 'id: guides/x\ntitle: X\nsummary: Fine.\ntags: [a]\nrelate: [guides/y]';
    expect(refusal(article({ front })).message).toMatch(/relate/);
  });

  it('refuses a related id that is not an article id', () => {
    const front = 'id: guides/x\ntitle: X\nsummary: Fine.\ntags: [a]\nrelated: [on-battery]';
    expect(refusal(article({ front })).message).toMatch(/related\.0: an id is/);
  });

  it('refuses a summary of more than two sentences', () => {
    const front = 'id: guides/x\ntitle: X\nsummary: One. Two. Three.\ntags: [a]';
    expect(refusal(article({ front })).message).toContain('summary: the summary is more than two sentences');
  });

  it('refuses an article without an Expert section', () => {
    expect(refusal(article({ body: '## Details\n\nOnly this.\n' })).message).toContain('exactly two level-2 sections, "## Details" then "## Expert" (found: "## Details")');
  });

  it('refuses sections in the wrong order, a third section, or a misnamed one', () => {
    expect(refusal(article({ body: '## Expert\n\na\n\n## Details\n\nb\n' })).message).toContain('(found: "## Expert", "## Details")');
    expect(refusal(article({ body: '## Details\n\na\n\n## Expert\n\nb\n\n## More\n\nc\n' })).message).toContain('"## More"');
    expect(refusal(article({ body: '## Detail\n\na\n\n## Expert\n\nb\n' })).message).toContain('"## Detail"');
  });

  it('refuses an empty section', () => {
    expect(refusal(article({ body: '## Details\n\n## Expert\n\nb\n' })).message).toContain('the "## Details" section is empty');
  });

  it('refuses text before the Details section and a level-1 heading in the body', () => {
    expect(refusal(article({ body: 'Intro.\n\n## Details\n\na\n\n## Expert\n\nb\n' })).message).toContain('text before "## Details"');
    expect(refusal(article({ body: '# Title\n\n## Details\n\na\n\n## Expert\n\nb\n' })).message).toContain('level-1 heading');
  });

  it('refuses a code block that is never closed', () => {
    expect(refusal(article({ body: '## Details\n\n```\ncode\n\n## Expert\n\nb\n' })).message).toContain('never closed');
  });
});
