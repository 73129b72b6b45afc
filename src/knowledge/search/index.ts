// Public face of the lexical search: index, retriever, query analysis, snapshot, and opening it over a store.
export {
  type AliasEntry,
  type AliasField,
  type AliasTable,
  buildAliasField,
  loadAliases,
  parseAliases,
} from './aliases.js';
export { type AspectCue, detectAspects, findAspectCues, PROCEDURE_ASPECTS, type ProcedureAspect } from './aspect.js';
export { LEGAL_HEADING_BITS, type LegalHeading, legalHeadingCues, legalHeadingsOf } from './legal-heading.js';
export { detectLevels } from './level.js';
export {
  DEFAULT_RANKING,
  type DocumentHit,
  type IndexedDocument,
  LexicalIndex,
  type QueryTermGroup,
  type RankingParams,
  type SearchRequest,
  type SearchResult,
} from './lexical-index.js';
export {
  citedArticle,
  DEFAULT_ABSTAIN_BELOW,
  type LexicalRetrievalResult,
  LexicalRetriever,
  type LexicalRetrieverOptions,
  WARM_UP_QUESTIONS,
} from './lexical-retriever.js';
export {
  type ChunkSource,
  type KnowledgeSearch,
  type OpenKnowledgeSearchOptions,
  openKnowledgeSearch,
  snapshotFile,
} from './open-knowledge-search.js';
export { type AnalyzedQuery, analyzeQuery, askingSentence, DEFAULT_QUERY, type QueryParams } from './query.js';
export { loadIndexSnapshot, saveIndexSnapshot } from './snapshot.js';
