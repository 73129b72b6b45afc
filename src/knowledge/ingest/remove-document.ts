// Use case: remove one document (and its chunks) from the knowledge base by its code.
import type { KnowledgeStore } from '../types.js';

export interface RemoveDocumentOptions {
  store: KnowledgeStore;
  code: string;
}

/** True when the document existed and is gone; false when no document has that code. */
export async function removeDocument({ store, code }: RemoveDocumentOptions): Promise<boolean> {
  return store.removeDocument(code.normalize('NFC').trim());
}
