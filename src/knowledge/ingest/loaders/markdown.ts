// Loader for Markdown: optional YAML front matter (code, title, issuer, issued date, field, url), then
// headings (#…) and legal headings both split the text.
import { parse as parseYaml } from 'yaml';
import { cleanText, decodeUtf8, failed, type Loader, oneLine, sha256 } from '../source-file.js';
import { type StatedFacts, textDocument } from './text-document.js';

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

function pick(data: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return oneLine(value);
    if (typeof value === 'number') return String(value);
    // YAML turns an unquoted 2022-07-01 into a Date.
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  }
  return undefined;
}

/** Markdown inline marks that would pollute passages: emphasis, links, images, code fences. */
function plainMarkdown(body: string): string {
  return body
    .replace(/^```.*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/^\s*>\s?/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '- ')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, '');
}

export const loadMarkdownFile: Loader = async (file) => {
  const decoded = decodeUtf8(file);
  if (!('text' in decoded)) return decoded;
  let text = cleanText(decoded.text);
  let stated: StatedFacts = {};
  const match = FRONT_MATTER.exec(text);
  if (match) {
    let data: unknown;
    try {
      data = parseYaml(match[1] as string);
    } catch (error) {
      return failed(file, `phần đầu YAML (front matter) không hợp lệ: ${(error as Error).message.split('\n')[0]}`);
    }
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const d = data as Record<string, unknown>;
      stated = {
        code: pick(d, 'code', 'so_hieu', 'số hiệu'),
        title: pick(d, 'title', 'tieu_de'),
        issuer: pick(d, 'issuer', 'co_quan_ban_hanh'),
        issuedDate: pick(d, 'issued', 'issued_date', 'issuedDate', 'date', 'ngay_ban_hanh'),
        field: pick(d, 'field', 'linh_vuc'),
        url: pick(d, 'url', 'link'),
        kind: pick(d, 'kind'),
      };
    }
    text = text.slice(match[0].length);
  }
  const body = plainMarkdown(text);
  if (!stated.title) {
    const heading = /^#\s+(.+)$/m.exec(body);
    if (heading) stated.title = oneLine(heading[1] as string);
  }
  return textDocument({ file, text: body, contentHash: sha256(file.bytes), stated, markdownHeadings: true });
};
