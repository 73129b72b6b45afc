// Use case: list the documents in the knowledge base, for staff (`tiepdan kb list`).
import type { KnowledgeStore, StoredDocument } from '../types.js';

export interface ListDocumentsOptions {
  store: KnowledgeStore;
}

export async function listDocuments({ store }: ListDocumentsOptions): Promise<StoredDocument[]> {
  return store.listDocuments();
}
