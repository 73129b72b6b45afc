// Messages between the service and the answering worker thread.
import type { AddressForm } from '../answer/index.js';
import type { Answer, IndexedChunk } from '../types.js';

export interface WorkerInit {
  dataDir?: string | undefined;
  synonymsFile?: string | undefined;
  addressForm: AddressForm;
  /** Warm the search loops up after loading (the service does; tests need not). */
  warmUp: boolean;
}

/** Host → worker. */
export type HostMessage =
  | { type: 'ask'; id: number; question: string; focusCode?: string | undefined }
  | { type: 'refresh'; id: number }
  | { type: 'reply'; id: number; revision?: number; chunks?: IndexedChunk[]; error?: string };

/** Worker → host. */
export type WorkerMessage =
  | { type: 'ready'; revision: number; origin: 'snapshot' | 'built' }
  | { type: 'answer'; id: number; answer?: Answer; error?: SerializedError }
  | { type: 'refreshed'; id: number; changed: boolean; revision: number; error?: SerializedError }
  | { type: 'need'; id: number; what: 'revision' | 'chunks' }
  | { type: 'log'; level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }
  | { type: 'failed'; error: SerializedError };

export interface SerializedError {
  code?: string | undefined;
  message: string;
  userMessage?: string | undefined;
}
