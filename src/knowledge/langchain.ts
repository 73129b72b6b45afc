// The knowledge context's LangChain face: our retriever as a LangChain `BaseRetriever`, to combine with vector
// stores and chains. A separate entry from index.ts so that the default service and CLI do not load
// @langchain/core at start-up (about 0.4 s and some memory) when nothing uses it.
export {
  type PassageMetadata,
  TiepdanLangChainRetriever,
  type TiepdanLangChainRetrieverInput,
} from './adapters/langchain-retriever.js';
