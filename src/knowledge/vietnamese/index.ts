// Vietnamese text handling: normalisation now; tokenising, stop words and synonyms join here.
export {
  canonicalizeTone,
  foldDiacritics,
  isWithoutDiacritics,
  normalizeForSearch,
  normalizeText,
} from './normalize.js';
