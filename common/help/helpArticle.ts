// What a help article is: its front matter (checked by a zod schema, so a typo in a key or an
// id fails the build rather than a link in the app) and the parsed article the UI shows at three
// depths — the summary first, then Details, then Expert. Pure: the renderer imports it too.
import { z } from 'zod';

export const helpSections = ['guides', 'warnings', 'errors'] as const;
export type HelpSection = (typeof helpSections)[number];

/** `guides/what-is-a-zk-proof`, `warnings/on-battery`, `errors/E_OUT_OF_MEMORY`: also the file's path under resources/help. */
export const helpIdSchema = z
  .string()
  .regex(/^(?:guides|warnings|errors)\/[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id is guides/, warnings/ or errors/ then a name of letters, digits, - and _');

export const helpAudiences = ['tester', 'support', 'developer'] as const;
export type HelpAudience = (typeof helpAudiences)[number];

/** A summary is read at a glance: at most two sentences. Decimals ("0.7 s") do not end one. */
function sentenceCount(text: string): number {
  return (text.trim().match(/[.!?](?=\s|$)/g) ?? []).length;
}

export const helpFrontMatterSchema = z.strictObject({
  id: helpIdSchema,
  title: z.string().trim().min(1, 'the title is empty').max(100, 'the title is longer than 100 characters'),
  summary: z
    .string()
    .trim()
    .min(1, 'the summary is empty')
    .max(320, 'the summary is longer than 320 characters')
    .refine((s) => sentenceCount(s) <= 2, 'the summary is more than two sentences'),
  tags: z.array(z.string().trim().min(1).max(40)).min(1, 'at least one tag is needed'),
  related: z.array(helpIdSchema).default([]),
  audience: z.array(z.enum(helpAudiences)).min(1).optional(),
});

export type HelpFrontMatter = z.infer<typeof helpFrontMatterSchema>;

/** One article at its three depths; the shape preload/contract.ts's HelpArticle names, plus the audience. */
export interface HelpArticle {
  id: string;
  title: string;
  summary: string;
  tags: string[];
  related: string[];
  audience?: HelpAudience[];
  /** Markdown, for a tester: what it means, why, what to do. */
  details: string;
  /** Markdown, for support engineers and developers: mechanism, thresholds, evidence, commands. */
  expert: string;
}

export function sectionOf(id: string): HelpSection | null {
  const head = id.split('/', 1)[0];
  return (helpSections as readonly string[]).includes(head ?? '') ? (head as HelpSection) : null;
}

export function warningHelpId(warningId: string): string {
  return `warnings/${warningId}`;
}

export function errorHelpId(code: string): string {
  return `errors/${code}`;
}
