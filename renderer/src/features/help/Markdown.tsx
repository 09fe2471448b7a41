// An article's markdown as HTML: parsed by marked, then sanitised by DOMPurify before it
// reaches the page (articles are ours, but a bundle or a package could one day carry text too).
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  // No style attributes either: the page's CSP would refuse them anyway.
  return DOMPurify.sanitize(html, { FORBID_ATTR: ['style'] });
}

export function Markdown({ text, className }: { text: string; className?: string }) {
  return <div className={className ?? 'markdown'} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
