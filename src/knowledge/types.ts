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

export type DocumentKind = 'procedure' | 'legal' | 'plan' | 'text';

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
  level?: Level | undefined;
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
  level?: Level | undefined;
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
}

/** Port: turns retrieved passages into the reply text (extractive by default, LLM optionally). */
export interface AnswerWriter {
  write(input: { question: string; retrieval: RetrievalResult }): Promise<Answer>;
}
