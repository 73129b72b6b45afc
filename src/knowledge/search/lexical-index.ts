// The lexical index: BM25F over title / section / text of every chunk, with documents as the unit of ranking.
import type { Aspect, DocumentKind, IndexedChunk, Level } from '../types.js';
import { foldToken, isStopWord, tokenize } from '../vietnamese/index.js';
import { type AliasField, type AliasTable, buildAliasField } from './aliases.js';
import { legalHeadingsOf } from './legal-heading.js';

/** Tunable constants of the ranker (defaults calibrated on the dev sets; see bench/README.md). */
export interface RankingParams {
  k1: number;
  /** Length normalisation per field. */
  bTitle: number;
  bSection: number;
  bText: number;
  /** Field weights (BM25F: term frequencies are weighted before saturation). */
  wTitle: number;
  wSection: number;
  wText: number;
  /** Weight of the second-best chunk in a document's score (the best counts fully). */
  secondChunkWeight: number;
  /** A document loses up to this share of its score for title words the question did not mention. */
  titleMissPenalty: number;
  /** Title words further than this from the start count half as much in the title-precision penalty. */
  titleMissDecay: number;
  /** Share of the score that depends on how much of the question the document covers. */
  coverageWeight: number;
  /**
   * Extra weight for procedures carried out at commune (xã) or province level: residents mostly ask about
   * those, and many procedures exist at several levels with near-identical titles.
   */
  communeLevelBoost: number;
  provinceLevelBoost: number;
  /** Extra weight for documents at the level the question names ("tại Công an tỉnh"). */
  namedLevelBoost: number;
  /**
   * Weight of the aliases field (sample questions and everyday names of a procedure, knowledge/aliases/): a
   * separate saturated BM25 part added to every chunk of the document, with the field's own idf. 0 turns it off.
   */
  wAlias: number;
  /** Length normalisation of the aliases field. */
  bAlias: number;
  /**
   * Share of the title-precision penalty forgiven in proportion to how much of the question the aliases
   * matched: a resident who names a procedure in everyday words does not repeat the record's title.
   */
  aliasMissRelief: number;
  /** Query groups found in more than this share of chunks are not scored (speed; see `search`). */
  pruneShare: number;
  /** Extra weight for a legal article whose number the question cites. */
  articleBoost: number;
  /** Extra weight for a standard legal article the question asks for ("… là gì?" → "Giải thích từ ngữ"). */
  headingBoost: number;
  /**
   * Per document kind: a procedure's title names exactly what it is about, so it weighs much and a title
   * naming other things costs; a legal article's heading ("Luật X – Điều 5. Phạm vi") says less, and the
   * article's words covering the question matter more.
   */
  byKind: Partial<Record<DocumentKind, Partial<Pick<RankingParams, 'wTitle' | 'titleMissPenalty' | 'coverageWeight'>>>>;
}

export const DEFAULT_RANKING: RankingParams = {
  k1: 1.2,
  bTitle: 0.6,
  bSection: 0.3,
  bText: 0.75,
  wTitle: 8,
  wSection: 1,
  wText: 1,
  secondChunkWeight: 0.1,
  titleMissPenalty: 0.5,
  titleMissDecay: 2,
  coverageWeight: 0.5,
  communeLevelBoost: 0.1,
  provinceLevelBoost: 0,
  namedLevelBoost: 0.2,
  wAlias: 3,
  bAlias: 0.5,
  aliasMissRelief: 0.5,
  pruneShare: 0.25,
  articleBoost: 1,
  headingBoost: 0.5,
  byKind: {
    legal: { wTitle: 3, coverageWeight: 0.75 },
    text: { wTitle: 3, coverageWeight: 0.75 },
  },
};

export interface IndexedDocument {
  code: string;
  title: string;
  kind: IndexedChunk['kind'];
  level?: IndexedChunk['level'];
  url?: string | undefined;
  firstChunk: number;
  chunkCount: number;
}

/** One weighted group of query terms scored as a single term (a syllable and its accent variants, say). */
export interface QueryTermGroup {
  terms: string[];
  weight: number;
  /** For explanations and debugging. */
  label: string;
  /** Counts toward the "how much of the question matched" coverage (false for bigrams and replaced words). */
  isCore: boolean;
}

export interface ChunkScore {
  /** Index into `LexicalIndex.chunks`. */
  chunk: number;
  score: number;
}

export interface DocumentHit {
  /** Index into `LexicalIndex.docs`. */
  doc: number;
  score: number;
  /** Chunks of the document that scored, best first. */
  chunks: ChunkScore[];
  /** idf-weighted share of the core query groups that occur anywhere in the document (0..1). */
  coverage: number;
  /** idf-weighted share of the core query groups found in the title. */
  titleCoverage: number;
  /** idf-weighted share of the title's syllables the question did not mention. */
  titleMiss: number;
}

export interface SearchResult {
  /** Best documents first. */
  hits: DocumentHit[];
  /**
   * Σ weight × idf over the query groups, matched or not: the score a document matching every group
   * fully would approach. `hits[0].score / queryWeight` is a length-independent relevance (abstain decision).
   */
  queryWeight: number;
}

export interface SearchRequest {
  groups: QueryTermGroup[];
  /** Number of documents to return. */
  limit: number;
  /** Only this document (follow-up questions). */
  code?: string | undefined;
  /** Levels the question names: documents at those levels are preferred instead of the default (xã). */
  levels?: readonly Level[] | undefined;
  /** An article number the question cites ("Điều 6 của Luật …"): documents titled "… Điều 6." are preferred. */
  article?: number | undefined;
  /** Standard legal articles the question asks for (bit set from `legalHeadingCues`). */
  headings?: number | undefined;
  /** Chunks of these aspects (what the question asks about) score `1 + aspectBoost` times more. */
  boostAspects?: readonly Aspect[] | undefined;
  aspectBoost?: number | undefined;
}

/** Below this many chunks every group is scored (pruning only pays, and only makes sense, on large indexes). */
const PRUNE_MIN_CHUNKS = 2000;

const ASPECT_BITS: Record<Aspect, number> = {
  ho_so: 1,
  thoi_han: 2,
  le_phi: 4,
  trinh_tu: 8,
  co_quan: 16,
  dieu_kien: 32,
  ket_qua: 64,
  can_cu: 128,
  doi_tuong: 256,
  tong_quan: 512,
  text: 1024,
};

function aspectBits(aspects: readonly Aspect[]): number {
  let bits = 0;
  for (const a of aspects) bits |= ASPECT_BITS[a] ?? 0;
  return bits;
}

/**
 * Postings of one field in compressed-row form: the postings of term t are `ids/tfs[offsets[t] ..
 * offsets[t + 1])`, ids being chunk indexes (document indexes for the title field), in increasing order.
 * Term frequencies are counts, so 16 bits hold them exactly (a count above 65,535 is kept at 65,535, where BM25
 * saturation has long made the difference vanish): half the memory of 32-bit floats, the same scores.
 */
export interface FieldPostings {
  offsets: Int32Array;
  ids: Int32Array;
  tfs: Uint16Array;
}

/** The largest term frequency a posting holds. */
export const MAX_TF = 0xffff;

/** Everything an index is made of: what `toParts` saves in a snapshot and `fromParts` restores. */
export interface IndexParts {
  /** Chunks sorted by document code then ordinal. */
  chunks: IndexedChunk[];
  /** The vocabulary; a term's position is its id in the postings. */
  terms: string[];
  title: FieldPostings;
  section: FieldPostings;
  text: FieldPostings;
  titleLen: Float32Array;
  sectionLen: Float32Array;
  textLen: Float32Array;
  /** Accent-folded form of each term (computed when absent; kept in snapshots to save the work at start-up). */
  folded?: string[] | undefined;
}

interface TitleTerm {
  term: number;
  idf: number;
  /** Rank among the title's content syllables: the head of a title names the procedure. */
  position: number;
}

/** Sorts chunks by document then ordinal, which the index relies on (a document's chunks are contiguous). */
function sortChunks(chunks: readonly IndexedChunk[]): IndexedChunk[] {
  return [...chunks].sort((a, b) => (a.code === b.code ? a.ordinal - b.ordinal : a.code < b.code ? -1 : 1));
}

/** A growable typed array (doubling), so a builder's lists hold 4 bytes a posting, not a JS array's 8 or more. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Builder state: per field, a growing list of (term, id, tf) triples, turned into CSR at the end. */
class FieldBuilder {
  private terms = new IntList();
  private ids = new IntList();
  private tfs = new IntList();

  add(term: number, id: number, tf: number): void {
    this.terms.push(term);
    this.ids.push(id);
    this.tfs.push(Math.min(tf, MAX_TF));
  }

  finish(termCount: number): FieldPostings {
    const count = this.terms.length;
    const terms = this.terms.data;
    const offsets = new Int32Array(termCount + 1);
    for (let i = 0; i < count; i++) {
      const t = terms[i] as number;
      offsets[t + 1] = (offsets[t + 1] as number) + 1;
    }
    for (let t = 0; t < termCount; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const next = offsets.slice(0, termCount);
    const ids = new Int32Array(count);
    const tfs = new Uint16Array(count);
    // triples were added in increasing id order, so each term's postings stay sorted
    for (let i = 0; i < count; i++) {
      const t = terms[i] as number;
      const at = next[t] as number;
      next[t] = at + 1;
      ids[at] = this.ids.data[i] as number;
      tfs[at] = this.tfs.data[i] as number;
    }
    this.terms = new IntList(1);
    this.ids = new IntList(1);
    this.tfs = new IntList(1);
    return { offsets, ids, tfs };
  }
}

/** An immutable in-memory index over the chunks of a knowledge base. */
export class LexicalIndex {
  readonly chunks: IndexedChunk[];
  readonly docs: IndexedDocument[];
  params: RankingParams;
  private readonly parts: IndexParts;
  private readonly termIds: Map<string, number>;
  /** folded term → the terms that fold to it ("dang ky" → ["đăng ký", …]). */
  private readonly folded: Map<string, string[]>;
  private readonly docByCode: Map<string, number>;
  private readonly chunkDoc: Int32Array;
  private readonly avgTitle: number;
  private readonly avgSection: number;
  private readonly avgText: number;
  private readonly chunkAspect: Uint16Array;
  /** Aspects present among a document's chunks (bit set). */
  private readonly docAspects: Uint16Array;
  /** Content syllables of each title with their idf, for the title-precision penalty. */
  private readonly titleTerms: TitleTerm[][];
  // Per-chunk (per-document for titles) field weight ÷ BM25 length normalisation, for the current params.
  private readonly textFactor: Float64Array;
  private readonly sectionFactor: Float64Array;
  private readonly titleFactor: Float64Array;
  private factorsFor: RankingParams | undefined;
  // Scratch buffers reused by every search (the process is single-threaded and search is synchronous).
  private readonly acc: Float64Array;
  private readonly delta: Float64Array;
  private readonly groupMark: Int32Array;
  private readonly chunkSeen: Uint8Array;
  private readonly groupChunks: Int32Array;
  private readonly docGroupMark: Int32Array;
  private readonly coreMark: Int32Array;
  private readonly docSeen: Uint8Array;
  private readonly docTouchedChunks: Int32Array;
  private readonly titleAcc: Float64Array;
  private readonly docBase: Float64Array;
  private readonly docCore: Float64Array;
  private readonly docTitleCore: Float64Array;
  private readonly best1: Float64Array;
  private readonly best2: Float64Array;
  private readonly touchedChunkBuf: Int32Array;
  private readonly touchedDocBuf: Int32Array;
  private readonly docChunkCount: Int32Array;
  /** The article number in a legal document's title ("… – Điều 12. …"), or -1. */
  private readonly docArticle: Int32Array;
  /** Standard headings of each legal article (bit set from `legalHeadingsOf`). */
  private readonly docHeadings: Uint8Array;
  /** The aliases field (absent when no document has aliases). */
  private readonly alias: AliasField | undefined;
  private readonly aliasAcc: Float64Array;
  private readonly aliasMark: Int32Array;
  private readonly docAliasCore: Float64Array;

  private constructor(parts: IndexParts, params: RankingParams, aliases?: AliasTable) {
    this.parts = parts;
    this.params = params;
    this.chunks = parts.chunks;
    const C = this.chunks.length;
    this.docs = [];
    this.chunkDoc = new Int32Array(C);
    this.chunks.forEach((chunk, i) => {
      const last = this.docs.at(-1);
      if (!last || last.code !== chunk.code) {
        this.docs.push({
          code: chunk.code,
          title: chunk.title,
          kind: chunk.kind,
          level: chunk.level,
          url: chunk.url,
          firstChunk: i,
          chunkCount: 0,
        });
      }
      (this.docs.at(-1) as IndexedDocument).chunkCount++;
      this.chunkDoc[i] = this.docs.length - 1;
    });
    const D = this.docs.length;
    this.termIds = new Map();
    this.folded = new Map();
    parts.folded ??= parts.terms.map((t) => foldToken(t));
    for (let i = 0; i < parts.terms.length; i++) {
      const term = parts.terms[i] as string;
      this.termIds.set(term, i);
      const key = parts.folded[i] as string;
      const list = this.folded.get(key);
      if (list) list.push(term);
      else this.folded.set(key, [term]);
    }
    this.docByCode = new Map(this.docs.map((d, i) => [d.code, i]));
    const mean = (a: Float32Array) => (a.length === 0 ? 1 : Math.max(1, a.reduce((s, v) => s + v, 0) / a.length));
    this.avgTitle = mean(parts.titleLen);
    this.avgSection = mean(parts.sectionLen);
    this.avgText = mean(parts.textLen);
    this.chunkAspect = Uint16Array.from(this.chunks, (c) => ASPECT_BITS[c.aspect] ?? 0);
    this.docAspects = new Uint16Array(D);
    for (let c = 0; c < C; c++) {
      const d = this.chunkDoc[c] as number;
      this.docAspects[d] = (this.docAspects[d] as number) | (this.chunkAspect[c] as number);
    }
    this.textFactor = new Float64Array(C);
    this.sectionFactor = new Float64Array(C);
    this.titleFactor = new Float64Array(D);
    this.acc = new Float64Array(C);
    this.delta = new Float64Array(C);
    this.groupMark = new Int32Array(C).fill(-1);
    this.chunkSeen = new Uint8Array(C);
    this.groupChunks = new Int32Array(C);
    this.docGroupMark = new Int32Array(D).fill(-1);
    this.coreMark = new Int32Array(D).fill(-1);
    this.docSeen = new Uint8Array(D);
    this.docTouchedChunks = new Int32Array(D);
    this.titleAcc = new Float64Array(D);
    this.docBase = new Float64Array(D);
    this.docCore = new Float64Array(D);
    this.docTitleCore = new Float64Array(D);
    this.best1 = new Float64Array(D);
    this.best2 = new Float64Array(D);
    this.touchedChunkBuf = new Int32Array(C);
    this.touchedDocBuf = new Int32Array(D);
    this.docChunkCount = Int32Array.from(this.docs, (d) => d.chunkCount);
    this.docArticle = Int32Array.from(this.docs, (d) =>
      Number(/(?<![\p{L}\p{N}])Điều (\d{1,4})\./u.exec(d.title)?.[1] ?? -1),
    );
    this.docHeadings = Uint8Array.from(this.docs, (d) => (d.kind === 'legal' ? legalHeadingsOf(d.title) : 0));
    this.titleTerms = this.buildTitleTerms();
    this.alias =
      aliases && aliases.size > 0
        ? buildAliasField(
            this.docs.map((d) => d.code),
            aliases,
          )
        : undefined;
    this.aliasAcc = new Float64Array(this.alias ? D : 0);
    this.aliasMark = new Int32Array(this.alias ? D : 0).fill(-1);
    this.docAliasCore = new Float64Array(this.alias ? D : 0);
  }

  /** Number of documents with aliases in this index. */
  get aliasedDocuments(): number {
    return this.alias?.docCount ?? 0;
  }

  /** Builds the index from chunks (in any order). */
  static build(
    chunks: readonly IndexedChunk[],
    params: RankingParams = DEFAULT_RANKING,
    aliases?: AliasTable,
  ): LexicalIndex {
    const builder = LexicalIndex.builder(chunks);
    for (let i = 0; i < builder.total; i++) builder.step(i);
    return new LexicalIndex(builder.finish(), params, aliases);
  }

  /**
   * Builds the index without blocking the event loop for seconds: yields between batches of chunks, so a
   * running service keeps answering while a changed knowledge base is re-indexed.
   */
  static async buildAsync(
    chunks: readonly IndexedChunk[],
    params: RankingParams = DEFAULT_RANKING,
    batch = 500,
    aliases?: AliasTable,
  ): Promise<LexicalIndex> {
    const builder = LexicalIndex.builder(chunks);
    for (let i = 0; i < builder.total; i++) {
      builder.step(i);
      if (i % batch === batch - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return new LexicalIndex(builder.finish(), params, aliases);
  }

  /** Restores an index saved with `toParts` (see snapshot.ts). */
  static fromParts(parts: IndexParts, params: RankingParams = DEFAULT_RANKING, aliases?: AliasTable): LexicalIndex {
    return new LexicalIndex(parts, params, aliases);
  }

  /** The same index with other aliases (staff edited the files): the records' postings are shared, not copied. */
  withAliases(aliases: AliasTable | undefined): LexicalIndex {
    return new LexicalIndex(this.parts, this.params, aliases);
  }

  private static builder(input: readonly IndexedChunk[]) {
    const chunks = sortChunks(input);
    const terms: string[] = [];
    const termIds = new Map<string, number>();
    const isStop: boolean[] = [];
    // bigram and trigram ids keyed by the numeric ids of their parts: no string is built for a phrase
    // seen before, which is most of the indexing time saved
    const pairIds = new Map<number, number>();
    const tripleIds = new Map<string, number>();
    const unigram = (token: string) => {
      let t = termIds.get(token);
      if (t === undefined) {
        t = terms.length;
        termIds.set(token, t);
        terms.push(token);
        isStop[t] = isStopWord(token);
      }
      return t;
    };
    const phrase = (text: string) => {
      let t = termIds.get(text);
      if (t === undefined) {
        t = terms.length;
        termIds.set(text, t);
        terms.push(text);
        isStop[t] = false;
      }
      return t;
    };
    const PAIR = 2 ** 22;
    /** Term frequencies of one text (ids) and its length in content syllables. */
    const analyze = (textToIndex: string, trigrams: boolean): { tf: Map<number, number>; length: number } => {
      const tf = new Map<number, number>();
      const ids = tokenize(textToIndex).map(unigram);
      const content: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        const a = ids[i] as number;
        if (isStop[a]) continue;
        content.push(a);
        tf.set(a, (tf.get(a) ?? 0) + 1);
        const b = ids[i + 1];
        if (b === undefined || isStop[b]) continue;
        const key = a * PAIR + b;
        let pair = pairIds.get(key);
        if (pair === undefined) {
          pair = phrase(`${terms[a]} ${terms[b]}`);
          pairIds.set(key, pair);
        }
        tf.set(pair, (tf.get(pair) ?? 0) + 1);
      }
      if (trigrams) {
        for (let i = 0; i + 2 < content.length; i++) {
          const key = `${content[i]},${content[i + 1]},${content[i + 2]}`;
          let triple = tripleIds.get(key);
          if (triple === undefined) {
            triple = phrase(
              `${terms[content[i] as number]} ${terms[content[i + 1] as number]} ${terms[content[i + 2] as number]}`,
            );
            tripleIds.set(key, triple);
          }
          tf.set(triple, (tf.get(triple) ?? 0) + 1);
        }
      }
      return { tf, length: content.length };
    };
    const title = new FieldBuilder();
    const section = new FieldBuilder();
    const text = new FieldBuilder();
    const titleLen: number[] = [];
    const sectionLen = new Float32Array(chunks.length);
    const textLen = new Float32Array(chunks.length);
    const sectionCache = new Map<string, ReturnType<typeof analyze>>();
    let lastCode: string | undefined;
    return {
      total: chunks.length,
      step(i: number) {
        const chunk = chunks[i] as IndexedChunk;
        // legal and plain texts also index content trigrams: questions about them quote whole phrases
        const trigrams = chunk.kind !== 'procedure';
        if (chunk.code !== lastCode) {
          lastCode = chunk.code;
          const analyzed = analyze(chunk.title, trigrams);
          for (const [term, tf] of analyzed.tf) title.add(term, titleLen.length, tf);
          titleLen.push(analyzed.length);
        }
        let analyzedSection = sectionCache.get(chunk.section);
        if (!analyzedSection) {
          analyzedSection = analyze(chunk.section, false);
          if (sectionCache.size < 10_000) sectionCache.set(chunk.section, analyzedSection);
        }
        sectionLen[i] = analyzedSection.length;
        for (const [term, tf] of analyzedSection.tf) section.add(term, i, tf);
        // an FAQ entry is found by its question (the title) only: its answer's words are staff's, not the asker's
        const analyzedText = analyze(chunk.kind === 'faq' ? '' : chunk.text, trigrams);
        textLen[i] = analyzedText.length;
        for (const [term, tf] of analyzedText.tf) text.add(term, i, tf);
      },
      finish(): IndexParts {
        return {
          chunks,
          terms,
          title: title.finish(terms.length),
          section: section.finish(terms.length),
          text: text.finish(terms.length),
          titleLen: Float32Array.from(titleLen),
          sectionLen,
          textLen,
        };
      },
    };
  }

  /** The index's data, for a snapshot. */
  toParts(): IndexParts {
    return this.parts;
  }

  get size(): { documents: number; chunks: number; terms: number } {
    return { documents: this.docs.length, chunks: this.chunks.length, terms: this.parts.terms.length };
  }

  /** The chunks of one document, in order (empty when the code is unknown). */
  chunksOf(code: string): IndexedChunk[] {
    const d = this.docByCode.get(code);
    if (d === undefined) return [];
    const doc = this.docs[d] as IndexedDocument;
    return this.chunks.slice(doc.firstChunk, doc.firstChunk + doc.chunkCount);
  }

  /** True when the exact (accented) term occurs somewhere in the knowledge base or its aliases. */
  hasTerm(term: string): boolean {
    return this.termIds.has(term) || (this.alias?.termIds.has(term) ?? false);
  }

  /** Every indexed term whose accent-folded form is `folded` (how a query typed without accents is matched). */
  variantsOf(folded: string): string[] {
    const own = this.folded.get(folded) ?? [];
    const aliased = this.alias?.folded.get(folded);
    if (!aliased) return own;
    return own.length === 0 ? aliased : [...new Set([...own, ...aliased])];
  }

  /**
   * True when the document's title or its aliases contain the term (a syllable or a bigram): the document is
   * named by that word, not merely mentions it somewhere in its text.
   */
  namesTerm(code: string, term: string): boolean {
    const d = this.docByCode.get(code);
    if (d === undefined) return false;
    const inPostings = (offsets: Int32Array, ids: Int32Array, t: number) => {
      let lo = offsets[t] as number;
      let hi = (offsets[t + 1] as number) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = ids[mid] as number;
        if (v === d) return true;
        if (v < d) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    };
    const t = this.termIds.get(term);
    if (t !== undefined && inPostings(this.parts.title.offsets, this.parts.title.ids, t)) return true;
    const a = this.alias?.termIds.get(term);
    return a !== undefined && inPostings((this.alias as AliasField).offsets, (this.alias as AliasField).ids, a);
  }

  /** Number of documents whose title, section or text contain the term. */
  documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.docFrequencyOf(t);
  }

  private docStamp: Int32Array | undefined;
  private stamp = 0;

  private docFrequencyOf(t: number): number {
    // a stamp per document instead of a Set: this runs for every title word when an index is loaded
    this.docStamp ??= new Int32Array(this.docs.length);
    const mark = this.docStamp;
    const stamp = ++this.stamp;
    let count = 0;
    const { title, section, text } = this.parts;
    for (let i = title.offsets[t] as number; i < (title.offsets[t + 1] as number); i++) {
      const d = title.ids[i] as number;
      if (mark[d] !== stamp) {
        mark[d] = stamp;
        count++;
      }
    }
    for (const field of [section, text])
      for (let i = field.offsets[t] as number; i < (field.offsets[t + 1] as number); i++) {
        const d = this.chunkDoc[field.ids[i] as number] as number;
        if (mark[d] !== stamp) {
          mark[d] = stamp;
          count++;
        }
      }
    return count;
  }

  private buildTitleTerms(): TitleTerm[][] {
    const D = this.docs.length;
    const idfCache = new Map<number, number>();
    return this.docs.map((doc) => {
      const seen = new Set<number>();
      const out: TitleTerm[] = [];
      for (const token of tokenize(doc.title)) {
        if (isStopWord(token)) continue;
        const t = this.termIds.get(token);
        if (t === undefined || seen.has(t)) continue;
        seen.add(t);
        let idf = idfCache.get(t);
        if (idf === undefined) {
          const df = this.docFrequencyOf(t);
          idf = Math.log(1 + (D - df + 0.5) / (df + 0.5));
          idfCache.set(t, idf);
        }
        out.push({ term: t, idf, position: out.length });
      }
      return out;
    });
  }

  /** Recomputes the per-chunk field factors when the ranking params were replaced (tuning, tests). */
  private ensureFactors(): void {
    const p = this.params;
    if (this.factorsFor === p) return;
    const { textLen, sectionLen, titleLen } = this.parts;
    for (let c = 0; c < this.chunks.length; c++) {
      this.textFactor[c] = p.wText / (1 - p.bText + (p.bText * (textLen[c] as number)) / this.avgText);
      this.sectionFactor[c] =
        p.wSection / (1 - p.bSection + (p.bSection * (sectionLen[c] as number)) / this.avgSection);
    }
    for (let d = 0; d < this.docs.length; d++)
      this.titleFactor[d] =
        this.kindParams(d).wTitle / (1 - p.bTitle + (p.bTitle * (titleLen[d] as number)) / this.avgTitle);
    this.factorsFor = p;
  }

  /**
   * Scores documents for weighted query groups. A chunk is scored by BM25F over its text, its section and
   * its document's title (term frequencies weighted per field, then saturated once); a document scores its
   * best chunk plus a little of the second, times a title-precision factor (titles naming things the
   * question did not mention lose), a coverage factor and a level preference.
   *
   * The title part is added per document (`docBase`), not per chunk, so a common title word costs one
   * addition per document instead of one per chunk; a chunk with a text match adds the difference its
   * text makes to the saturated value (`delta`). That is exact BM25F, just computed lazily.
   */
  search(request: SearchRequest): SearchResult {
    const p = this.params;
    const N = this.chunks.length;
    const D = Math.max(1, this.docs.length);
    const k1 = p.k1;
    const { title, section, text } = this.parts;
    const acc = this.acc;
    const delta = this.delta;
    const mark = this.groupMark;
    const docMark = this.docGroupMark;
    const coreMark = this.coreMark;
    const titleAcc = this.titleAcc;
    const docBase = this.docBase;
    const docCore = this.docCore;
    const docTitleCore = this.docTitleCore;
    const chunkDoc = this.chunkDoc;
    const groupChunks = this.groupChunks;
    const alias = this.alias;
    const onlyDoc = request.code === undefined ? undefined : this.docByCode.get(request.code);
    if (request.code !== undefined && onlyDoc === undefined) return { hits: [], queryWeight: 0 };
    this.ensureFactors();
    // touched chunks and documents, in preallocated buffers (no garbage per search)
    const touchedChunks = this.touchedChunkBuf;
    const touchedDocs = this.touchedDocBuf;
    let chunkTouches = 0;
    let docTouches = 0;
    const chunkSeen = this.chunkSeen;
    const docSeen = this.docSeen;
    const docTouchedChunks = this.docTouchedChunks;
    const docChunkCount = this.docChunkCount;
    const matched = new Set<number>();
    let totalCoreIdf = 0;
    let queryWeight = 0;

    for (let g = 0; g < request.groups.length; g++) {
      const group = request.groups[g] as QueryTermGroup;
      const ids: number[] = [];
      let postingCount = 0;
      for (const term of group.terms) {
        const t = this.termIds.get(term);
        if (t === undefined) continue;
        ids.push(t);
        postingCount += (text.offsets[t + 1] as number) - (text.offsets[t] as number);
        postingCount += (section.offsets[t + 1] as number) - (section.offsets[t] as number);
        postingCount += (((title.offsets[t + 1] as number) - (title.offsets[t] as number)) * N) / D;
      }
      if (group.weight >= 0.5) for (const t of ids) matched.add(t);
      // A group found in a large share of all chunks ("hồ sơ", "cấp") barely moves scores (idf ≈ 0.5) but
      // costs most of the time: it only counts in the query weight (and as mentioned, for titles).
      if (N >= PRUNE_MIN_CHUNKS && postingCount > p.pruneShare * N) {
        const df = Math.min(N, postingCount);
        queryWeight += group.weight * Math.log(1 + (N - df + 0.5) / (df + 0.5));
        continue;
      }
      let chunkCount = 0;
      const docsOfGroup: number[] = [];
      for (const t of ids) {
        for (let field = 0; field < 2; field++) {
          const postings = field === 0 ? text : section;
          const factor = field === 0 ? this.textFactor : this.sectionFactor;
          const end = postings.offsets[t + 1] as number;
          for (let i = postings.offsets[t] as number; i < end; i++) {
            const c = postings.ids[i] as number;
            if (onlyDoc !== undefined && chunkDoc[c] !== onlyDoc) continue;
            const v = (postings.tfs[i] as number) * (factor[c] as number);
            if (mark[c] !== g) {
              mark[c] = g;
              acc[c] = v;
              groupChunks[chunkCount++] = c;
            } else acc[c] = (acc[c] as number) + v;
          }
        }
        const end = title.offsets[t + 1] as number;
        for (let i = title.offsets[t] as number; i < end; i++) {
          const d = title.ids[i] as number;
          if (onlyDoc !== undefined && d !== onlyDoc) continue;
          const v = (title.tfs[i] as number) * (this.titleFactor[d] as number);
          if (docMark[d] !== g) {
            docMark[d] = g;
            titleAcc[d] = v;
            docsOfGroup.push(d);
          } else titleAcc[d] = (titleAcc[d] as number) + v;
        }
      }
      // document frequency in chunks: chunks with the term in their text or section, plus every chunk of a
      // document with the term in its title
      let df = 0;
      for (let i = 0; i < chunkCount; i++) if (docMark[chunkDoc[groupChunks[i] as number] as number] !== g) df++;
      for (const d of docsOfGroup) df += docChunkCount[d] as number;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      const w = group.weight * idf;
      queryWeight += w;
      if (group.isCore) totalCoreIdf += idf;
      const withAliases = alias !== undefined && p.wAlias > 0;
      if (df === 0) {
        if (withAliases) docTouches = this.scoreAliases(group, g, idf, onlyDoc, docTouches);
        continue;
      }
      for (const d of docsOfGroup) {
        if (!docSeen[d]) {
          docSeen[d] = 1;
          touchedDocs[docTouches++] = d;
        }
        const t = titleAcc[d] as number;
        docBase[d] = (docBase[d] as number) + (w * t) / (k1 + t);
        if (group.isCore) {
          coreMark[d] = g;
          docCore[d] = (docCore[d] as number) + idf;
          docTitleCore[d] = (docTitleCore[d] as number) + idf;
        }
      }
      for (let i = 0; i < chunkCount; i++) {
        const c = groupChunks[i] as number;
        const d = chunkDoc[c] as number;
        const t = docMark[d] === g ? (titleAcc[d] as number) : 0;
        const a = (acc[c] as number) + t;
        if (!chunkSeen[c]) {
          chunkSeen[c] = 1;
          touchedChunks[chunkTouches++] = c;
          docTouchedChunks[d] = (docTouchedChunks[d] as number) + 1;
        }
        delta[c] = (delta[c] as number) + w * (a / (k1 + a) - t / (k1 + t));
        if (!docSeen[d]) {
          docSeen[d] = 1;
          touchedDocs[docTouches++] = d;
        }
        if (group.isCore && coreMark[d] !== g) {
          coreMark[d] = g;
          docCore[d] = (docCore[d] as number) + idf;
        }
      }
      if (withAliases) docTouches = this.scoreAliases(group, g, idf, onlyDoc, docTouches);
    }

    // preliminary document scores: best chunk + a little of the second best
    const aspectMask = request.boostAspects ? aspectBits(request.boostAspects) : 0;
    const boostFactor = 1 + (request.aspectBoost ?? 0);
    const boostOf = (c: number) => (aspectMask !== 0 && (this.chunkAspect[c] as number) & aspectMask ? boostFactor : 1);
    const best1 = this.best1;
    const best2 = this.best2;
    const offer = (d: number, s: number) => {
      if (s > (best1[d] as number)) {
        best2[d] = best1[d] as number;
        best1[d] = s;
      } else if (s > (best2[d] as number)) best2[d] = s;
    };
    for (let i = 0; i < chunkTouches; i++) {
      const c = touchedChunks[i] as number;
      const d = chunkDoc[c] as number;
      offer(d, ((docBase[d] as number) + (delta[c] as number)) * boostOf(c));
    }
    const headings = request.headings ?? 0;
    const prelimScores = new Float64Array(docTouches);
    for (let i = 0; i < docTouches; i++) {
      const d = touchedDocs[i] as number;
      const base = docBase[d] as number;
      if (base > 0 && (docTouchedChunks[d] as number) < (docChunkCount[d] as number)) {
        // chunks without a text match score the title part alone
        offer(d, base * (aspectMask !== 0 && (this.docAspects[d] as number) & aspectMask ? boostFactor : 1));
      }
      prelimScores[i] =
        ((best1[d] as number) + p.secondChunkWeight * (best2[d] as number)) *
        (request.article !== undefined && this.docArticle[d] === request.article ? 1 + p.articleBoost : 1) *
        (headings !== 0 && (this.docHeadings[d] as number) & headings ? 1 + p.headingBoost : 1);
    }
    // the leading documents by preliminary score (a numeric sort finds the cut-off without a comparator)
    const keep = Math.max(request.limit * 5, 50);
    const sorted = prelimScores.slice().sort();
    const cutoff = docTouches > keep ? (sorted[docTouches - keep] as number) : Number.NEGATIVE_INFINITY;
    const prelim: Array<{ d: number; s: number }> = [];
    for (let i = 0; i < docTouches; i++) {
      const score = prelimScores[i] as number;
      if (score >= cutoff) prelim.push({ d: touchedDocs[i] as number, s: score });
    }

    // final scores for the leading documents
    const totalIdf = totalCoreIdf || 1;
    const named = request.levels ?? [];
    const hits: DocumentHit[] = [];
    for (const { d, s } of prelim) {
      if (s <= 0) continue;
      const aliasCoverage = alias ? (this.docAliasCore[d] as number) / totalIdf : 0;
      const titleMiss = this.titleMiss(d, matched) * (1 - p.aliasMissRelief * Math.min(1, aliasCoverage));
      const coverage = (docCore[d] as number) / totalIdf;
      const own = this.kindParams(d);
      const score =
        s *
        this.levelFactor(d, named) *
        (1 - own.titleMissPenalty * titleMiss) *
        (1 - own.coverageWeight + own.coverageWeight * coverage);
      hits.push({
        doc: d,
        score,
        chunks: [],
        coverage,
        titleCoverage: (docTitleCore[d] as number) / totalIdf,
        titleMiss,
      });
    }
    hits.sort((a, b) => b.score - a.score);
    const top = hits.slice(0, request.limit);
    for (const hit of top) {
      const doc = this.docs[hit.doc] as IndexedDocument;
      const base = docBase[hit.doc] as number;
      for (let c = doc.firstChunk; c < doc.firstChunk + doc.chunkCount; c++) {
        const s = (base + (chunkSeen[c] ? (delta[c] as number) : 0)) * boostOf(c);
        if (s > 0) hit.chunks.push({ chunk: c, score: s });
      }
      hit.chunks.sort((a, b) => b.score - a.score);
    }

    // reset the scratch state for the next search
    for (let i = 0; i < chunkTouches; i++) {
      const c = touchedChunks[i] as number;
      delta[c] = 0;
      chunkSeen[c] = 0;
    }
    for (let i = 0; i < docTouches; i++) {
      const d = touchedDocs[i] as number;
      docBase[d] = 0;
      docCore[d] = 0;
      docTitleCore[d] = 0;
      best1[d] = 0;
      best2[d] = 0;
      docSeen[d] = 0;
      docTouchedChunks[d] = 0;
      if (alias) this.docAliasCore[d] = 0;
    }
    if (alias) this.aliasMark.fill(-1);
    mark.fill(-1);
    docMark.fill(-1);
    coreMark.fill(-1);
    return { hits: top, queryWeight };
  }

  /**
   * Adds group g's match in the aliases field to the documents' base score (every chunk of the document gets
   * it), with the field's own idf over the documents that have aliases, saturated separately from the title
   * and text; counts the group as covered for those documents.
   */
  private scoreAliases(
    group: QueryTermGroup,
    g: number,
    recordIdf: number,
    onlyDoc: number | undefined,
    docTouches: number,
  ): number {
    const alias = this.alias as AliasField;
    const p = this.params;
    const acc = this.aliasAcc;
    const aliasMark = this.aliasMark;
    const touched: number[] = [];
    for (const term of group.terms) {
      const t = alias.termIds.get(term);
      if (t === undefined) continue;
      const end = alias.offsets[t + 1] as number;
      for (let i = alias.offsets[t] as number; i < end; i++) {
        const d = alias.ids[i] as number;
        if (onlyDoc !== undefined && d !== onlyDoc) continue;
        const norm = 1 - p.bAlias + (p.bAlias * (alias.lengths[d] as number)) / alias.avgLength;
        const v = (alias.tfs[i] as number) / norm;
        if (aliasMark[d] !== g) {
          aliasMark[d] = g;
          acc[d] = v;
          touched.push(d);
        } else acc[d] = (acc[d] as number) + v;
      }
    }
    if (touched.length === 0) return docTouches;
    let touches = docTouches;
    const A = alias.docCount;
    const idf = Math.log(1 + (A - touched.length + 0.5) / (touched.length + 0.5));
    const w = group.weight * idf * p.wAlias;
    const k1 = p.k1;
    for (const d of touched) {
      if (!this.docSeen[d]) {
        this.docSeen[d] = 1;
        this.touchedDocBuf[touches++] = d;
      }
      const a = acc[d] as number;
      this.docBase[d] = (this.docBase[d] as number) + (w * a) / (k1 + a);
      if (group.isCore) {
        this.docAliasCore[d] = (this.docAliasCore[d] as number) + recordIdf;
        if (this.coreMark[d] !== g) {
          this.coreMark[d] = g;
          this.docCore[d] = (this.docCore[d] as number) + recordIdf;
        }
      }
    }
    return touches;
  }

  /** The params that vary by document kind, for document d. */
  private kindParams(d: number): Pick<RankingParams, 'wTitle' | 'titleMissPenalty' | 'coverageWeight'> {
    const p = this.params;
    const own = p.byKind[(this.docs[d] as IndexedDocument).kind];
    return own ? { ...p, ...own } : p;
  }

  private levelFactor(d: number, named: readonly Level[]): number {
    const p = this.params;
    const level = (this.docs[d] as IndexedDocument).level;
    if (named.length > 0) return level !== undefined && named.includes(level) ? 1 + p.namedLevelBoost : 1;
    if (level === 'xã') return 1 + p.communeLevelBoost;
    if (level === 'tỉnh') return 1 + p.provinceLevelBoost;
    return 1;
  }

  /** idf-weighted share of the document's title syllables the question did not mention (0 = all mentioned). */
  private titleMiss(doc: number, matched: ReadonlySet<number>): number {
    const terms = this.titleTerms[doc] as TitleTerm[];
    const decay = this.params.titleMissDecay;
    let total = 0;
    let missed = 0;
    for (const t of terms) {
      const w = t.idf / (1 + t.position / decay);
      total += w;
      if (!matched.has(t.term)) missed += w;
    }
    return total === 0 ? 0 : missed / total;
  }
}
