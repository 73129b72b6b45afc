// Shared vocabulary of the knowledge context: documents, chunks, passages, answers, and the ports between them.

/** What a question (or a chunk) is about. Mirrors `aspect` in the eval question files. */
export type Aspect =
  | 'ho_so' // documents to submit
  | 'thoi_han' // processing time
  | 'le_phi' // fee
  | 'trinh_tu' // steps
  | 'co_quan' // where / which agency
  | 'dieu_kien' // conditions
  | 'ket_qua' // result
  | 'can_cu' // legal basis
  | 'doi_tuong' // who may use it
  | 'tong_quan' // overview (title, level, field)
  | 'text'; // any other passage (legal articles, plans)

/** faq: a question staff answered in the console's queue, published as a reviewed answer (`FAQ-<id>`). */
export type DocumentKind = 'procedure' | 'legal' | 'plan' | 'text' | 'faq';

/** Administrative level that carries out a procedure. */
export type Level = 'xã' | 'tỉnh' | 'trung ương';

/** A passage ready to be stored, produced by a loader + chunker. */
export interface ChunkDraft {
  /** Heading path or field label shown to people, e.g. "Điều 5. Phạm vi" or "Phí, lệ phí". */
  section: string;
  aspect: Aspect;
  text: string;
}

/** A parsed document before it is stored. */
export interface DocumentDraft {
  code: string;
  title: string;
  kind: DocumentKind;
  /** The lowest level that carries a procedure out (ranking prefers commune, then province). */
  level?: Level | undefined;
  /** Every level a procedure record names, lowest first (kept in the document's meta; no column). */
  levels?: Level[] | undefined;
  issuer?: string | undefined;
  issuedDate?: string | undefined;
  field?: string | undefined;
  url?: string | undefined;
  /** Where it came from, relative to the import root when possible. */
  sourcePath: string;
  /** sha-256 of the source content; equal hash ⇒ nothing to do. */
  contentHash: string;
  meta: Record<string, unknown>;
  chunks: ChunkDraft[];
}

/** A stored chunk together with its document's identity: the unit the search index works on. */
export interface IndexedChunk {
  chunkId: number;
  code: string;
  title: string;
  kind: DocumentKind;
  /** The lowest level that carries the procedure out: the one ranking prefers. */
  level?: Level | undefined;
  /** Every level the record names, lowest first, when it names more than one (what answers say). */
  levels?: Level[] | undefined;
  url?: string | undefined;
  section: string;
  aspect: Aspect;
  ordinal: number;
  text: string;
}

/** A chunk returned for a query, with its score. */
export interface Passage extends IndexedChunk {
  score: number;
}

export interface RetrieveOptions {
  /** How many passages (default 10). */
  k?: number;
  /** Restrict to one document (follow-up questions about the procedure just discussed). */
  code?: string;
}

export interface RetrievalResult {
  passages: Passage[];
  /** True when nothing relevant was found: the caller must say so instead of answering. */
  abstained: boolean;
  /** Aspect the question asks about, as detected from its words. */
  aspect: Aspect | 'none';
}

/** Port: anything that finds passages for a question (lexical index, vector store, hybrid). */
export interface Retriever {
  retrieve(question: string, options?: RetrieveOptions): Promise<RetrievalResult>;
}

export interface SourceRef {
  code: string;
  title: string;
  url?: string | undefined;
  section?: string | undefined;
}

/** The bot's answer to one question. */
export interface Answer {
  /** Vietnamese text for the resident: the fact first, then the source. */
  text: string;
  abstained: boolean;
  aspect: Aspect | 'none';
  /** Document codes in rank order (for eval and feedback). */
  docCodes: string[];
  sources: SourceRef[];
  /** The procedure (or document) the answer is about, for follow-up questions. */
  focus?: { code: string; title: string; level?: Level | undefined } | undefined;
  /**
   * Set when the bot asks back instead of answering: the best documents are variants of one procedure
   * (lần đầu / cấp lại, cấp tỉnh / cấp xã…) and the question does not say which. `text` is the question.
   */
  clarify?: { question: string; options: Array<{ code: string; label: string }> } | undefined;
  /**
   * Set when the answer quoted only the lines that answer the question: the section (`aspect`) of the document
   * (`code`) holds more, which the conversation offers under a "Xem đủ" button.
   */
  more?: { code: string; aspect: Aspect } | undefined;
  /** The ranked passages the answer was drawn from, only when asked for (`explain`: the console's "Thử câu hỏi"). */
  passages?: RankedPassage[] | undefined;
}

/** A passage as the console shows it: its document, section, score and text. */
export interface RankedPassage {
  code: string;
  title: string;
  section: string;
  score: number;
  text: string;
}

/** Port: turns retrieved passages into the reply text (extractive by default, LLM optionally). */
export interface AnswerWriter {
  write(input: { question: string; retrieval: RetrievalResult }): Promise<Answer>;
}

// ───────────── ingestion: results and the KnowledgeStore port ─────────────

/** A file (or a line of a JSONL file) that could not be loaded, with a Vietnamese reason for staff. */
export interface IngestFailure {
  path: string;
  reason: string;
}

export interface LoadDocumentsResult {
  documents: DocumentDraft[];
  failures: IngestFailure[];
}

/** What happened to one draft handed to the store. */
export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

/** A stored document as listed to staff (no chunk text). */
export interface StoredDocument {
  code: string;
  title: string;
  kind: DocumentKind;
  level?: Level | undefined;
  issuer?: string | undefined;
  issuedDate?: string | undefined;
  field?: string | undefined;
  url?: string | undefined;
  sourcePath: string;
  contentHash: string;
  chunkCount: number;
  updatedAt: Date;
}

export interface UpsertOptions {
  /** Rewrite the chunks even when the content hash is unchanged (re-indexing after a chunker change). */
  force?: boolean;
  /**
   * Source files re-read whole: in the same transaction as the upsert, the documents stored from `sourcePath`
   * whose code is neither in `keepCodes` nor among the drafts are removed (a JSONL line deleted, a số hiệu
   * changed).
   */
  replaceSources?: ReadonlyArray<{ sourcePath: string; keepCodes: readonly string[] }> | undefined;
}

/**
 * Port: where documents and their chunks live. Implemented over Prisma in `src/db/stores/knowledge-store.ts`
 * and in memory by `createMemoryKnowledgeStore()` (eval, tests). Every change bumps the revision so a
 * search index snapshot knows it is stale.
 */
export interface KnowledgeStore {
  /**
   * Same contentHash and sourcePath ⇒ 'unchanged' and nothing written; otherwise old chunks are replaced
   * atomically.
   */
  upsertDocument(draft: DocumentDraft, options?: UpsertOptions): Promise<UpsertOutcome>;
  /** Batched upsert (one outcome per draft, same order); the fast path for large imports. */
  upsertDocuments(drafts: DocumentDraft[], options?: UpsertOptions): Promise<UpsertOutcome[]>;
  /** True when a document with that code existed and is gone. */
  removeDocument(code: string): Promise<boolean>;
  listDocuments(): Promise<StoredDocument[]>;
  countDocuments(): Promise<number>;
  /** Every chunk joined with its document's identity, ordered by document code then ordinal. */
  loadChunks(): Promise<IndexedChunk[]>;
  /**
   * The same, a page at a time: the chunks of at most `documents` documents whose code sorts after `after`
   * (from the start when undefined); `last` is the code to continue after, undefined on the last page.
   */
  loadChunkPage(
    after: string | undefined,
    documents: number,
  ): Promise<{ chunks: IndexedChunk[]; last?: string | undefined }>;
  getRevision(): Promise<number>;
  /** Marks the knowledge base as changed without a document change (after a re-index). */
  bumpRevision(): Promise<number>;
}
