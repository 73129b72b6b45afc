// Saves and restores a built search index under DATA_DIR, keyed by the knowledge revision, so start-up does
// not re-tokenise tens of thousands of chunks.
import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Aspect, IndexedChunk, Level } from '../types.js';
import { stopWords } from '../vietnamese/index.js';
import type { FieldPostings, IndexParts } from './lexical-index.js';

/** Bump when the file layout or the analysis (tokeniser, bigrams, trigrams) changes. 8: term frequencies as u16. */
const FORMAT = 8;
const MAGIC = 'TIEPDAN-SEARCH-INDEX';

/** Identifies everything that decides what the index contains besides the chunks themselves. */
export function analyzerFingerprint(): string {
  return createHash('sha256')
    .update(`${FORMAT}\n${stopWords().sort().join(' ')}`)
    .digest('hex')
    .slice(0, 16);
}

interface Header {
  magic: string;
  format: number;
  fingerprint: string;
  revision: number;
  chunkCount: number;
  /** Byte ranges of the sections after the header, in file order. */
  sections: Array<{ name: string; kind: 'json' | 'i32' | 'f32' | 'u16' | 'utf16'; offset: number; bytes: number }>;
}

type Section =
  | { name: string; kind: 'json'; value: unknown }
  | { name: string; kind: 'utf16'; value: string }
  | { name: string; kind: 'i32' | 'f32' | 'u16'; value: Int32Array | Float32Array | Uint16Array };

function sectionsOf(parts: IndexParts): Section[] {
  const field = (name: string, f: FieldPostings): Section[] => [
    { name: `${name}.offsets`, kind: 'i32', value: f.offsets },
    { name: `${name}.ids`, kind: 'i32', value: f.ids },
    { name: `${name}.tfs`, kind: 'u16', value: f.tfs },
  ];
  // A document's code, title, kind, level(s) and url are stored once, not with each of its chunks.
  const docs: Array<[string, string, string, string | null, string | null, Level[] | null]> = [];
  const chunkDocs: number[] = [];
  const rows: Array<[number, string, string, number]> = [];
  // chunk texts as one UTF-16 string with offsets: restored without decoding, as slices of one string
  const textEnds = new Int32Array(parts.chunks.length);
  let textLength = 0;
  for (const [i, c] of parts.chunks.entries()) {
    const last = docs.at(-1);
    if (!last || last[0] !== c.code)
      docs.push([c.code, c.title, c.kind, c.level ?? null, c.url ?? null, c.levels ?? null]);
    chunkDocs.push(docs.length - 1);
    rows.push([c.chunkId, c.section, c.aspect, c.ordinal]);
    textLength += c.text.length;
    textEnds[i] = textLength;
  }
  return [
    { name: 'docs', kind: 'json', value: docs },
    { name: 'chunkDocs', kind: 'i32', value: Int32Array.from(chunkDocs) },
    { name: 'chunks', kind: 'json', value: rows },
    { name: 'textEnds', kind: 'i32', value: textEnds },
    { name: 'texts', kind: 'utf16', value: parts.chunks.map((c) => c.text).join('') },
    { name: 'terms', kind: 'json', value: parts.terms },
    { name: 'folded', kind: 'json', value: parts.folded ?? [] },
    ...field('title', parts.title),
    ...field('section', parts.section),
    ...field('text', parts.text),
    { name: 'titleLen', kind: 'f32', value: parts.titleLen },
    { name: 'sectionLen', kind: 'f32', value: parts.sectionLen },
    { name: 'textLen', kind: 'f32', value: parts.textLen },
  ];
}

/** Writes the snapshot atomically (temporary file, then rename): a crash never leaves half a file. */
export async function saveIndexSnapshot(file: string, parts: IndexParts, revision: number): Promise<void> {
  const bodies: Buffer[] = [];
  const header: Header = {
    magic: MAGIC,
    format: FORMAT,
    fingerprint: analyzerFingerprint(),
    revision,
    chunkCount: parts.chunks.length,
    sections: [],
  };
  let offset = 0;
  for (const section of sectionsOf(parts)) {
    const body =
      section.kind === 'json'
        ? Buffer.from(JSON.stringify(section.value), 'utf8')
        : section.kind === 'utf16'
          ? Buffer.from(section.value, 'utf16le')
          : Buffer.from(section.value.buffer, section.value.byteOffset, section.value.byteLength);
    header.sections.push({ name: section.name, kind: section.kind, offset, bytes: body.length });
    bodies.push(body);
    // keep typed arrays 4-byte aligned
    const pad = (4 - (body.length % 4)) % 4;
    if (pad > 0) bodies.push(Buffer.alloc(pad));
    offset += body.length + pad;
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const headerPad = Buffer.alloc((4 - ((4 + headerBytes.length) % 4)) % 4);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, Buffer.concat([length, headerBytes, headerPad, ...bodies]));
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Reads a snapshot; undefined when there is none, or it was made for another revision, another analyzer
 * or is damaged (the caller then rebuilds from the database).
 */
export async function loadIndexSnapshot(file: string, revision: number): Promise<IndexParts | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    // read section by section (never the whole file at once: start-up memory peaks stay lower), typed
    // arrays straight into their own aligned buffers
    const read = async (position: number, length: number, into?: ArrayBuffer): Promise<Buffer> => {
      const buffer = into ? Buffer.from(into) : Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      if (bytesRead !== length) throw new Error('snapshot truncated');
      return buffer;
    };
    const headerLength = (await read(0, 4)).readUInt32LE(0);
    const header = JSON.parse((await read(4, headerLength)).toString('utf8')) as Header;
    if (
      header.magic !== MAGIC ||
      header.format !== FORMAT ||
      header.fingerprint !== analyzerFingerprint() ||
      header.revision !== revision
    )
      return undefined;
    const base = 4 + headerLength + ((4 - ((4 + headerLength) % 4)) % 4);
    const sections = new Map<string, unknown>();
    for (const s of header.sections) {
      const position = base + s.offset;
      if (s.kind === 'json') sections.set(s.name, JSON.parse((await read(position, s.bytes)).toString('utf8')));
      else if (s.kind === 'utf16') sections.set(s.name, (await read(position, s.bytes)).toString('utf16le'));
      else {
        const memory = new ArrayBuffer(s.bytes);
        await read(position, s.bytes, memory);
        sections.set(
          s.name,
          s.kind === 'i32'
            ? new Int32Array(memory)
            : s.kind === 'u16'
              ? new Uint16Array(memory)
              : new Float32Array(memory),
        );
      }
    }
    const get = (name: string) => {
      if (!sections.has(name)) throw new Error(`missing section ${name}`);
      return sections.get(name);
    };
    const field = (name: string): FieldPostings => ({
      offsets: get(`${name}.offsets`) as Int32Array,
      ids: get(`${name}.ids`) as Int32Array,
      tfs: get(`${name}.tfs`) as Uint16Array,
    });
    const docs = get('docs') as Array<
      [string, string, IndexedChunk['kind'], Level | null, string | null, Level[] | null]
    >;
    const chunkDocs = get('chunkDocs') as Int32Array;
    const rows = get('chunks') as Array<[number, string, Aspect, number]>;
    const textEnds = get('textEnds') as Int32Array;
    const texts = get('texts') as string;
    const chunks: IndexedChunk[] = rows.map(([chunkId, section, aspect, ordinal], i) => {
      const [code, title, kind, level, url, levels] = docs[chunkDocs[i] as number] as (typeof docs)[number];
      const text = texts.slice(i === 0 ? 0 : (textEnds[i - 1] as number), textEnds[i] as number);
      return {
        chunkId,
        code,
        title,
        kind,
        level: level ?? undefined,
        levels: levels ?? undefined,
        url: url ?? undefined,
        section,
        aspect,
        ordinal,
        text,
      };
    });
    const parts: IndexParts = {
      chunks,
      terms: get('terms') as string[],
      folded: get('folded') as string[],
      title: field('title'),
      section: field('section'),
      text: field('text'),
      titleLen: get('titleLen') as Float32Array,
      sectionLen: get('sectionLen') as Float32Array,
      textLen: get('textLen') as Float32Array,
    };
    if (
      parts.chunks.length !== header.chunkCount ||
      parts.title.offsets.length !== parts.terms.length + 1 ||
      parts.folded?.length !== parts.terms.length
    )
      return undefined;
    return parts;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
