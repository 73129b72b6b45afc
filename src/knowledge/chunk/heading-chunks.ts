// Splits legal and plan text at its headings (Phần, Chương, Mục, Điều N., I./II., 1., 1.1., a)) into
// passages of a useful size, each labelled with its heading path ("II. NỘI DUNG › 3. Trách nhiệm…").
import type { Aspect, ChunkDraft } from '../types.js';

export interface HeadingChunkOptions {
  /** Section label for text before the first heading (usually the document title). */
  rootSection: string;
  /** Longest passage, in characters; longer ones are split at paragraph then sentence boundaries. */
  maxChars?: number;
  /** Passages shorter than this are merged into a neighbour under the same parent. */
  minChars?: number;
  /** Treat `#`…`######` lines as headings (Markdown, converted HTML). */
  markdownHeadings?: boolean;
}

export const DEFAULT_MAX_CHARS = 1200;
export const DEFAULT_MIN_CHARS = 250;
const SECTION_SEPARATOR = ' › ';
const LABEL_MAX = 90;

interface HeadingPattern {
  rank: number;
  pattern: RegExp;
  /** "Chương I" alone on its line: its name is on the next line. */
  nameOnNextLine?: boolean;
}

// Rank orders the levels: a heading closes every open heading of the same or a lower level (higher rank).
const HEADINGS: HeadingPattern[] = [
  { rank: -1, pattern: /^Phần\s+(thứ\s+\S+|[IVXLC]+|\d+)\b/iu, nameOnNextLine: true },
  { rank: 0, pattern: /^Chương\s+([IVXLC]+|\d+)\b/iu, nameOnNextLine: true },
  { rank: 1, pattern: /^Mục\s+\d+\b/u, nameOnNextLine: true },
  { rank: 2, pattern: /^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})[.)]\s+\S/u },
  { rank: 3, pattern: /^Điều\s+\d+[a-zđ]?\s*[.:]/u },
  { rank: 4, pattern: /^\d{1,2}[.)]\s+\S/u },
  { rank: 4.5, pattern: /^\d{1,2}\.\d{1,2}\.?\s+\S/u },
  { rank: 4.7, pattern: /^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+\S/u },
  { rank: 5, pattern: /^[a-zđ]\)\s+\S/u },
];
const MARKDOWN_RANK = [-1, 0.5, 2.5, 4.5, 5.5, 6];

interface Heading {
  rank: number;
  nameOnNextLine: boolean;
}

function matchHeading(line: string): Heading | undefined {
  for (const h of HEADINGS) {
    if (h.pattern.test(line)) return { rank: h.rank, nameOnNextLine: h.nameOnNextLine === true };
  }
  return undefined;
}

/** A short label for a heading line: up to the first colon, or the first words. */
function headingLabel(line: string): string {
  // "2. Công khai, minh bạch: Thực hiện …" is labelled by what comes before the colon.
  const colon = line.search(/[:：]/);
  if (colon > 2 && colon <= LABEL_MAX) return line.slice(0, colon).trim();
  if (line.length <= LABEL_MAX) return line;
  const cut = line.lastIndexOf(' ', LABEL_MAX - 1);
  return `${line.slice(0, cut > 20 ? cut : LABEL_MAX - 1).trimEnd()}…`;
}

function isUpperCaseLine(line: string): boolean {
  return /\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line);
}

interface Node {
  rank: number;
  path: string[];
  lines: string[];
  children: Node[];
}

function buildTree(text: string, markdownHeadings: boolean): Node {
  const root: Node = { rank: Number.NEGATIVE_INFINITY, path: [], lines: [], children: [] };
  const stack: Node[] = [root];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    // Rules drawn with dashes under letterheads ("-------") carry no words.
    .filter((l) => l.length > 0 && !/^[-_=*~.…\s]+$/.test(l));
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    let heading: Heading | undefined;
    const markdown = markdownHeadings ? /^(#{1,6})\s+(.*)$/.exec(line) : null;
    if (markdown) {
      line = (markdown[2] as string).trim();
      heading = matchHeading(line) ?? {
        rank: MARKDOWN_RANK[(markdown[1] as string).length - 1] as number,
        nameOnNextLine: false,
      };
    } else {
      heading = matchHeading(line);
    }
    if (!heading) {
      (stack.at(-1) as Node).lines.push(line);
      continue;
    }
    let label = headingLabel(line);
    const headingLines = [line];
    const next = lines[i + 1];
    if (heading.nameOnNextLine && line.length <= 20 && next && next.length <= 200 && isUpperCaseLine(next)) {
      label = `${label}. ${headingLabel(next)}`;
      headingLines.push(next);
      i++;
    }
    while ((stack.at(-1) as Node).rank >= heading.rank) stack.pop();
    const parent = stack.at(-1) as Node;
    const node: Node = { rank: heading.rank, path: [...parent.path, label], lines: headingLines, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function subtreeLines(node: Node): string[] {
  return [...node.lines, ...node.children.flatMap(subtreeLines)];
}

function textLength(lines: string[]): number {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}

/** Splits one over-long paragraph at sentence ends, then at spaces. */
function splitParagraph(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const sentences = line.split(/(?<=[.;!?])\s+(?=[\p{Lu}\d(+-])/u);
  const parts: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && current.length + 1 + sentence.length > max) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current} ${sentence}` : sentence;
    while (current.length > max) {
      const cut = current.lastIndexOf(' ', max);
      const at = cut > max / 2 ? cut : max;
      parts.push(current.slice(0, at).trimEnd());
      current = current.slice(at).trimStart();
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** Packs paragraphs into passages of at most `max` characters, never cutting inside a paragraph if avoidable. */
export function packParagraphs(lines: string[], max: number): string[] {
  const passages: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const paragraph of lines.flatMap((l) => splitParagraph(l, max))) {
    if (current.length > 0 && size + paragraph.length + 1 > max) {
      passages.push(current.join('\n'));
      current = [];
      size = 0;
    }
    current.push(paragraph);
    size += paragraph.length + 1;
  }
  if (current.length > 0) passages.push(current.join('\n'));
  return passages;
}

interface RawChunk {
  path: string[];
  lines: string[];
  /** Labels of sibling passages merged into this one; `path` is then their parent's. */
  merged?: string[];
}

/** Longest section label made of merged siblings' labels; longer ones show the parent path only. */
const MERGED_LABEL_MAX = 120;

function emit(node: Node, max: number, min: number, out: RawChunk[], prefix: string[]): void {
  const all = subtreeLines(node);
  if (node.children.length === 0 || textLength(all) <= max) {
    // A wrapper with nothing of its own ("Chương I" holding one "Điều 1.") is named by what it wraps.
    let named = node;
    while (prefix.length === 0 && named.lines.length === 0 && named.children.length === 1)
      named = named.children[0] as Node;
    out.push({ path: named.path, lines: [...prefix, ...all] });
    return;
  }
  let carry = prefix;
  const own = [...prefix, ...node.lines];
  if (own.length > 0) {
    // A heading with a one-line intro reads better glued to its first sub-item than alone.
    if (textLength(own) >= min) {
      out.push({ path: node.path, lines: own });
      carry = [];
    } else {
      carry = own;
    }
  }
  for (const child of node.children) {
    emit(child, max, min, out, carry);
    carry = [];
  }
}

function commonPath(a: string[], b: string[]): string[] {
  const path: string[] = [];
  for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) path.push(a[i] as string);
  return path;
}

/** Where a passage sits, for merging: a merged passage stands where its first sibling stood. */
function keyPath(chunk: RawChunk): string[] {
  return chunk.merged ? [...chunk.path, chunk.merged[0] as string] : chunk.path;
}

function labelsAt(chunk: RawChunk, depth: number): string[] {
  const path = keyPath(chunk);
  if (path.length <= depth) return [];
  return chunk.merged && path.length === depth + 1 ? chunk.merged : [path[depth] as string];
}

/** Two passages as one: their common parent, and the labels of both ("3. …; 4. …"). */
function merge(a: RawChunk, b: RawChunk): RawChunk {
  const common = commonPath(keyPath(a), keyPath(b));
  const labels = [...labelsAt(a, common.length), ...labelsAt(b, common.length)];
  const lines = [...a.lines, ...b.lines];
  if (labels.length === 0) return { path: common, lines };
  if (labels.length === 1) return { path: [...common, labels[0] as string], lines };
  return { path: common, lines, merged: labels };
}

function sectionPath(chunk: RawChunk): string[] {
  if (!chunk.merged) return chunk.path;
  const joined = chunk.merged.join('; ');
  return joined.length <= MERGED_LABEL_MAX ? [...chunk.path, joined] : chunk.path;
}

function areSiblings(a: RawChunk, b: RawChunk): boolean {
  const pa = keyPath(a);
  const pb = keyPath(b);
  return pa.length === pb.length && pa.length > 0 && commonPath(pa, pb).length === pa.length - 1;
}

function areNeighbours(a: RawChunk, b: RawChunk): boolean {
  const pa = keyPath(a);
  const pb = keyPath(b);
  return commonPath(pa, pb).length >= Math.min(pa.length, pb.length) - 1;
}

/** Merges passages shorter than `min` into the one before while the result fits and `related` holds. */
function mergeSmall(
  chunks: RawChunk[],
  max: number,
  min: number,
  related: (a: RawChunk, b: RawChunk) => boolean,
): RawChunk[] {
  const out: RawChunk[] = [];
  for (const chunk of chunks) {
    const previous = out.at(-1);
    if (
      previous &&
      (textLength(previous.lines) < min || textLength(chunk.lines) < min) &&
      textLength(previous.lines) + textLength(chunk.lines) <= max &&
      related(previous, chunk)
    ) {
      out[out.length - 1] = merge(previous, chunk);
    } else {
      out.push(chunk);
    }
  }
  return out;
}

function aspectOf(lines: string[]): Aspect {
  const basis = lines.filter((l) => /^Căn cứ\s/u.test(l)).length;
  return basis > 0 && basis >= lines.length / 2 ? 'can_cu' : 'text';
}

/** Heading-aware chunks of a legal or plan text. Empty text gives no chunks. */
export function chunkByHeadings(text: string, options: HeadingChunkOptions): ChunkDraft[] {
  const max = options.maxChars ?? DEFAULT_MAX_CHARS;
  const min = options.minChars ?? DEFAULT_MIN_CHARS;
  const raw: RawChunk[] = [];
  emit(buildTree(text, options.markdownHeadings === true), max, min, raw, []);
  const chunks: ChunkDraft[] = [];
  // Tiny items join their siblings first ("3. …; 4. …"), then whatever neighbour is left.
  const merged = mergeSmall(mergeSmall(raw, max, min, areSiblings), max, min, areNeighbours);
  for (const chunk of merged) {
    const path = sectionPath(chunk);
    const section = path.length > 0 ? path.join(SECTION_SEPARATOR) : options.rootSection;
    for (const passage of packParagraphs(chunk.lines, max)) {
      chunks.push({ section, aspect: aspectOf(passage.split('\n')), text: passage });
    }
  }
  return chunks;
}
