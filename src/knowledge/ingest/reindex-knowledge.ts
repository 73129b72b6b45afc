// Use case: re-read every document from its source file and re-chunk it (the chunker may have changed),
// then bump the revision so the search index snapshot is rebuilt.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IngestFailure, KnowledgeStore } from '../types.js';
import { loadDocuments } from './load-documents.js';

export interface ReindexKnowledgeOptions {
  store: KnowledgeStore;
  /** Folder the stored source paths are relative to (default: the working directory). */
  root?: string;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface ReindexKnowledgeResult {
  /** Documents re-read and re-chunked. */
  reindexed: number;
  /** Documents found in a source file that were not in the knowledge base yet. */
  added: number;
  /** Documents kept as they were: source file gone, or the document no longer in it. */
  kept: Array<{ code: string; sourcePath: string; reason: string }>;
  failed: IngestFailure[];
  revision: number;
}

const FILES_PER_ROUND = 250;

export async function reindexKnowledge({
  store,
  root,
  onProgress,
}: ReindexKnowledgeOptions): Promise<ReindexKnowledgeResult> {
  const base = path.resolve(root ?? process.cwd());
  const stored = await store.listDocuments();
  const result: ReindexKnowledgeResult = { reindexed: 0, added: 0, kept: [], failed: [], revision: 0 };
  const codesBySource = new Map<string, string[]>();
  for (const document of stored) {
    const codes = codesBySource.get(document.sourcePath) ?? [];
    codes.push(document.code);
    codesBySource.set(document.sourcePath, codes);
  }
  const sources = [...codesBySource.keys()].filter((sourcePath) => {
    if (existsSync(path.resolve(base, sourcePath))) return true;
    for (const code of codesBySource.get(sourcePath) ?? []) {
      result.kept.push({ code, sourcePath, reason: 'tệp nguồn không còn, giữ nguyên bản đã lưu' });
    }
    return false;
  });
  const seen = new Set<string>();
  for (let offset = 0; offset < sources.length; offset += FILES_PER_ROUND) {
    const round = sources.slice(offset, offset + FILES_PER_ROUND);
    const loaded = await loadDocuments(
      round.map((s) => path.resolve(base, s)),
      { root: base, onProgress: (done, _total, file) => onProgress?.(offset + done, sources.length, file) },
    );
    result.failed.push(...loaded.failures);
    const drafts = loaded.documents.filter((d) => !seen.has(d.code));
    for (const d of drafts) seen.add(d.code);
    const outcomes = await store.upsertDocuments(drafts, { force: true });
    for (const outcome of outcomes) {
      if (outcome === 'added') result.added++;
      else result.reindexed++;
    }
  }
  for (const document of stored) {
    if (!seen.has(document.code) && !result.kept.some((k) => k.code === document.code)) {
      result.kept.push({
        code: document.code,
        sourcePath: document.sourcePath,
        reason: 'không đọc lại được từ tệp nguồn, giữ nguyên bản đã lưu',
      });
    }
  }
  result.revision = await store.bumpRevision();
  return result;
}
