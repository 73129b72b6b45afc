// Use case: add files and folders to the knowledge base; unchanged files are skipped, bad ones reported, and a
// re-added file replaces what it held before (documents it no longer holds are removed).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { collectGarbage } from '../../shared/collect-garbage.js';
import type { DocumentDraft, IngestFailure, KnowledgeStore } from '../types.js';
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

/** A document removed because the file it came from no longer holds it. */
export interface RemovedDocument {
  code: string;
  sourcePath: string;
}

export interface AddDocumentsResult {
  added: number;
  updated: number;
  unchanged: number;
  /**
   * Documents removed because their re-added file no longer holds them (its số hiệu changed, a JSONL line
   * was deleted): "đã xoá N tài liệu không còn trong tệp".
   */
  removed: RemovedDocument[];
  /**
   * Files (or JSONL lines) that were skipped, each with a Vietnamese reason; also documents whose code already
   * belongs to a document from another file that still exists (a conflict: the stored one is kept).
   */
  failed: IngestFailure[];
}

/** Files read and stored per round: memory stays flat and progress moves during long imports. */
const FILES_PER_ROUND = 100;

/** Which stored document (by code) came from which file, kept up to date as the import writes. */
function ownership(stored: ReadonlyArray<{ code: string; sourcePath: string }>) {
  const sourceOf = new Map<string, string>();
  const codesOf = new Map<string, Set<string>>();
  const set = (code: string, sourcePath: string) => {
    const previous = sourceOf.get(code);
    if (previous !== undefined) codesOf.get(previous)?.delete(code);
    sourceOf.set(code, sourcePath);
    const codes = codesOf.get(sourcePath) ?? new Set<string>();
    codes.add(code);
    codesOf.set(sourcePath, codes);
  };
  for (const { code, sourcePath } of stored) set(code, sourcePath);
  return {
    sourceOf: (code: string) => sourceOf.get(code),
    codesOf: (sourcePath: string): ReadonlySet<string> => codesOf.get(sourcePath) ?? new Set(),
    set,
    delete(code: string) {
      const previous = sourceOf.get(code);
      if (previous !== undefined) codesOf.get(previous)?.delete(code);
      sourceOf.delete(code);
    },
  };
}

/** The file a failure is about: its path, or a JSONL line's path without the ":line". */
function failedSources(failures: readonly IngestFailure[]): Set<string> {
  return new Set(failures.flatMap((f) => [f.path, f.path.replace(/:\d+$/, '')]));
}

function conflictReason(code: string, owner: string): string {
  return `xung đột: mã ${code} đã thuộc tài liệu ở ${owner}; giữ tài liệu đã có, bỏ qua tài liệu này`;
}

export async function addDocuments({
  store,
  paths,
  root,
  onProgress,
}: AddDocumentsOptions): Promise<AddDocumentsResult> {
  const base = path.resolve(root ?? process.cwd());
  const { files, failures } = await collectFiles(paths, base);
  const result: AddDocumentsResult = { added: 0, updated: 0, unchanged: 0, removed: [], failed: failures };
  const owners = ownership(files.length > 0 ? await store.listDocuments() : []);
  // A stored document belongs to another file only if that file is not this one seen from another root.
  const isOtherLiveFile = (owner: string, draft: DocumentDraft) =>
    path.resolve(base, owner) !== path.resolve(base, draft.sourcePath) && existsSync(path.resolve(base, owner));
  const firstSeen = new Map<string, string>();
  // Drafts whose code belongs to another file: decided at the end, once every file of this import has been
  // read (a document moved from a.jsonl to b.jsonl is taken over when a.jsonl, re-added too, lost it).
  const contested: DocumentDraft[] = [];
  const write = async (drafts: DocumentDraft[], replaceSources: Array<{ sourcePath: string; keepCodes: string[] }>) => {
    const outcomes = await store.upsertDocuments(drafts, { replaceSources });
    for (const outcome of outcomes) result[outcome]++;
    for (const draft of drafts) owners.set(draft.code, draft.sourcePath);
  };

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
    // A file read whole replaces what it held; a file with a broken part (a bad JSONL line, a duplicate) may
    // still hold the documents we could not read, so it removes nothing.
    const broken = failedSources(result.failed);
    const brought = new Map<string, string[]>();
    for (const draft of loaded.documents) {
      const codes = brought.get(draft.sourcePath);
      if (codes) codes.push(draft.code);
      else brought.set(draft.sourcePath, [draft.code]);
    }
    const replaceSources: Array<{ sourcePath: string; keepCodes: string[] }> = [];
    const gone: RemovedDocument[] = [];
    for (const [sourcePath, keepCodes] of brought) {
      if (broken.has(sourcePath)) continue;
      const keep = new Set(keepCodes);
      const missing = [...owners.codesOf(sourcePath)].filter((code) => !keep.has(code));
      if (missing.length === 0) continue;
      replaceSources.push({ sourcePath, keepCodes });
      for (const code of missing) {
        gone.push({ code, sourcePath });
        owners.delete(code);
      }
    }
    const accepted = drafts.filter((draft) => {
      const owner = owners.sourceOf(draft.code);
      if (owner === undefined || owner === draft.sourcePath || !isOtherLiveFile(owner, draft)) return true;
      contested.push(draft);
      return false;
    });
    // a document that moved to another file of this round is updated there, not removed
    const moved = new Set(accepted.map((d) => d.code));
    result.removed.push(...gone.filter((r) => !moved.has(r.code)));
    await write(accepted, replaceSources);
    // the round's records and drafts are stored: free them, so a long import's memory stays flat (see collect-garbage.ts)
    collectGarbage();
  }

  const takenOver = contested.filter((draft) => {
    const owner = owners.sourceOf(draft.code);
    if (owner === undefined || !isOtherLiveFile(owner, draft)) return true;
    result.failed.push({ path: draft.sourcePath, reason: conflictReason(draft.code, owner) });
    return false;
  });
  if (takenOver.length > 0) await write(takenOver, []);
  return result;
}
