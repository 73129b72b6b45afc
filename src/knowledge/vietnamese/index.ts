// Vietnamese text handling: normalisation, syllable tokenising, bigrams, stop words, synonyms.
export {
  canonicalizeTone,
  foldDiacritics,
  isWithoutDiacritics,
  normalizeForSearch,
  normalizeText,
} from './normalize.js';
export { expandShorthand } from './shorthand.js';
export { isStopWord, stopWords } from './stopwords.js';
export {
  expandWithSynonyms,
  findSynonyms,
  loadSynonyms,
  parseSynonyms,
  type SynonymMatch,
  type SynonymRule,
  type SynonymTable,
} from './synonyms.js';
export { bigrams, foldToken, hasDiacritics, tokenize, withoutStopWords } from './tokenize.js';
