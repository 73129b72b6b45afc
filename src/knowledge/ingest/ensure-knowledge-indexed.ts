// Use case run at start-up: when the knowledge base is empty, index the shipped `knowledge/` folder.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KnowledgeStore } from '../types.js';
import { type AddDocumentsResult, addDocuments } from './add-documents.js';

export interface EnsureKnowledgeIndexedOptions {
  store: KnowledgeStore;
  /** The folder to index (KNOWLEDGE_DIR). */
  knowledgeDir: string;
  /** Folder stored paths are relative to (default: the working directory). */
  root?: string;
  onProgress?: (done: number, total: number, file: string) => void;
}

export type EnsureKnowledgeIndexedResult =
  | { indexed: false; reason: 'not_empty' | 'no_folder'; documents: number }
  | ({ indexed: true; documents: number } & AddDocumentsResult);

/** Indexes `knowledgeDir` only when the knowledge base holds no document; otherwise does nothing. */
export async function ensureKnowledgeIndexed({
  store,
  knowledgeDir,
  root,
  onProgress,
}: EnsureKnowledgeIndexedOptions): Promise<EnsureKnowledgeIndexedResult> {
  const count = await store.countDocuments();
  if (count > 0) return { indexed: false, reason: 'not_empty', documents: count };
  const base = path.resolve(root ?? process.cwd());
  if (!existsSync(path.resolve(base, knowledgeDir))) return { indexed: false, reason: 'no_folder', documents: 0 };
  const result = await addDocuments({ store, paths: [knowledgeDir], root: base, onProgress });
  return { indexed: true, documents: await store.countDocuments(), ...result };
}
