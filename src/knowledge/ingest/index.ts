// Public face of knowledge ingestion: loading files into document drafts, and the use cases behind `tiepdan kb`.
export { type AddDocumentsOptions, type AddDocumentsResult, addDocuments } from './add-documents.js';
export {
  type AliasEntryContent,
  listAliasCodes,
  readAliasEntry,
  readAliasFile,
  STAFF_ALIASES_FILE,
  type StoredAliasEntry,
} from './alias-files.js';
export { isSkippedInFolder } from './collect-files.js';
export { codeFromFileName, detectDocumentCode } from './detect-code.js';
export {
  ALIASES_DRAFT_PROMPT_PATH,
  DRAFT_ALIASES_FILE,
  type DraftAliasesOptions,
  type DraftAliasesResult,
  draftAliases,
  parseDraftReply,
} from './draft-aliases.js';
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
  ALIAS_LIMITS,
  type AliasProblemLine,
  aliasLines,
  checkAliasEntry,
  type SaveAliasEntryOptions,
  type SaveAliasEntryResult,
  saveAliasEntry,
} from './save-alias-entry.js';
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
