// Messages between the service and the answering worker thread.
import type { AddressForm } from '../answer/index.js';
import type { Answer, IndexedChunk } from '../types.js';

export interface WorkerInit {
  dataDir?: string | undefined;
  synonymsFile?: string | undefined;
  /** knowledge/aliases/ (sample questions per procedure). */
  aliasesDir?: string | undefined;
  /** knowledge/off-domain.txt. */
  offDomainFile?: string | undefined;
  addressForm: AddressForm;
  /** Warm the search loops up after loading (the service does; tests need not). */
  warmUp: boolean;
}

/**
 * Documents per page when the worker reads the chunks to rebuild its index: the main thread holds one page at a
 * time (~2,600 chunks), not all ~26,000 next to the copy it sends.
 */
export const CHUNK_PAGE_DOCUMENTS = 250;

/** Host → worker. */
export type HostMessage =
  | { type: 'ask'; id: number; question: string; focusCode?: string | undefined; explain?: boolean | undefined }
  | { type: 'refresh'; id: number }
  | {
      type: 'reply';
      id: number;
      revision?: number;
      chunks?: IndexedChunk[];
      /** The code to ask the next page of chunks after; absent on the last page. */
      last?: string | undefined;
      error?: string;
    };

/** Worker → host. */
export type WorkerMessage =
  | { type: 'ready'; revision: number; origin: 'snapshot' | 'built' }
  | { type: 'answer'; id: number; answer?: Answer; error?: SerializedError }
  | { type: 'refreshed'; id: number; changed: boolean; revision: number; error?: SerializedError }
  /** The knowledge revision, or a page of chunks (documents after `after`, at most CHUNK_PAGE_DOCUMENTS of them). */
  | { type: 'need'; id: number; what: 'revision' | 'chunks'; after?: string | undefined }
  | { type: 'log'; level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }
  | { type: 'failed'; error: SerializedError };

export interface SerializedError {
  code?: string | undefined;
  message: string;
  userMessage?: string | undefined;
}
