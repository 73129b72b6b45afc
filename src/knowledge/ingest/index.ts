// Public face of knowledge ingestion: loading files into document drafts, and the use cases behind `tiepdan kb`.
export { type AddDocumentsOptions, type AddDocumentsResult, addDocuments } from './add-documents.js';
export { isSkippedInFolder } from './collect-files.js';
export { codeFromFileName, detectDocumentCode } from './detect-code.js';
export {
  type EnsureKnowledgeIndexedOptions,
  type EnsureKnowledgeIndexedResult,
  ensureKnowledgeIndexed,
} from './ensure-knowledge-indexed.js';
export { type ListDocumentsOptions, listDocuments } from './list-documents.js';
export { type LoadDocumentsOptions, loadDocuments, SUPPORTED_EXTENSIONS } from './load-documents.js';
export { createMemoryKnowledgeStore } from './memory-knowledge-store.js';
export { type ReindexKnowledgeOptions, type ReindexKnowledgeResult, reindexKnowledge } from './reindex-knowledge.js';
export { type RemoveDocumentOptions, removeDocument } from './remove-document.js';
export {
  checkSynonyms,
  MAX_SYNONYMS_CHARS,
  normalizeSynonymsText,
  type SaveSynonymsOptions,
  type SaveSynonymsResult,
  type SynonymProblem,
  saveSynonyms,
} from './save-synonyms.js';
export {
  safeUploadName,
  type UploadDocumentOptions,
  type UploadDocumentResult,
  uploadDocument,
} from './upload-document.js';
