// Use case: add files and folders to the knowledge base; unchanged files are skipped, bad ones reported.
import path from 'node:path';
import type { IngestFailure, KnowledgeStore } from '../types.js';
import { collectFiles } from './collect-files.js';
import { loadDocuments } from './load-documents.js';

export interface AddDocumentsOptions {
  store: KnowledgeStore;
  /** Files or folders; relative ones are resolved against `root`. */
  paths: string[];
  /** Folder paths are stored relative to (default: the working directory). */
  root?: string;
  /** Called after each file is read: files done, files in all, the file's stored path. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface AddDocumentsResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Files (or JSONL lines) that were skipped, each with a Vietnamese reason. */
  failed: IngestFailure[];
}

/** Files read and stored per round: memory stays flat and progress moves during long imports. */
const FILES_PER_ROUND = 100;

export async function addDocuments({
  store,
  paths,
  root,
  onProgress,
}: AddDocumentsOptions): Promise<AddDocumentsResult> {
  const base = path.resolve(root ?? process.cwd());
  const { files, failures } = await collectFiles(paths, base);
  const result: AddDocumentsResult = { added: 0, updated: 0, unchanged: 0, failed: failures };
  const firstSeen = new Map<string, string>();
  for (let offset = 0; offset < files.length; offset += FILES_PER_ROUND) {
    const round = files.slice(offset, offset + FILES_PER_ROUND);
    const loaded = await loadDocuments(round, {
      root: base,
      onProgress: (done, _total, file) => onProgress?.(offset + done, files.length, file),
    });
    result.failed.push(...loaded.failures);
    // The same code twice in one import would silently overwrite the first: keep the first, report the rest.
    const drafts = loaded.documents.filter((draft) => {
      const earlier = firstSeen.get(draft.code);
      if (earlier === undefined) {
        firstSeen.set(draft.code, draft.sourcePath);
        return true;
      }
      result.failed.push({
        path: draft.sourcePath,
        reason: `mã ${draft.code} trùng với tài liệu ở ${earlier}; chỉ giữ tài liệu đầu tiên`,
      });
      return false;
    });
    for (const outcome of await store.upsertDocuments(drafts)) result[outcome]++;
  }
  return result;
}
