// Loader for HTML pages: scripts, styles and navigation dropped; headings kept as their own lines.
import { type HTMLElement, NodeType, parse } from 'node-html-parser';
import { cleanText, type Loader, oneLine, sha256 } from '../source-file.js';
import { textDocument } from './text-document.js';

const DROPPED = 'script, style, noscript, nav, header, footer, aside, form, iframe, svg, template, button';
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'br',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'dd',
  'dt',
  'dl',
  'figure',
  'figcaption',
  'td',
  'th',
  'hr',
  'body',
]);

/** Text with one block per line and headings marked as Markdown (`## …`) so the chunker sees them. */
function toText(node: HTMLElement, out: string[]): void {
  for (const child of node.childNodes) {
    if (child.nodeType === NodeType.TEXT_NODE) {
      out.push(child.text);
      continue;
    }
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const element = child as HTMLElement;
    const tag = element.tagName.toLowerCase();
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      out.push(`\n${'#'.repeat(Number(heading[1]))} ${oneLine(element.text)}\n`);
      continue;
    }
    const isBlock = BLOCKS.has(tag);
    if (isBlock) out.push('\n');
    toText(element, out);
    if (tag === 'td' || tag === 'th') out.push(' ');
    if (isBlock) out.push('\n');
  }
}

export const loadHtmlFile: Loader = async (file) => {
  const root = parse(file.bytes.toString('utf8'), { comment: false });
  const title = oneLine(root.querySelector('title')?.text ?? '') || undefined;
  const url =
    root.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    root.querySelector('meta[property="og:url"]')?.getAttribute('content');
  for (const element of root.querySelectorAll(DROPPED)) element.remove();
  const body = root.querySelector('body') ?? root;
  const parts: string[] = [];
  toText(body, parts);
  const text = cleanText(parts.join(''))
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  const h1 = /^#\s+(.+)$/m.exec(text)?.[1];
  return textDocument({
    file,
    text,
    contentHash: sha256(file.bytes),
    stated: { title: h1 ?? title, url: url && /^https?:\/\//.test(url) ? url : undefined },
    markdownHeadings: true,
  });
};
