// Reads typed text as one of a step's choices: its number, its label or value, or a yes/no word.
import type { StepChoice } from './dialogues/dialogue.js';
import { foldForMatching } from './intents/rule-classifier.js';

// folded (no accents, lower case): "có", "vâng ạ", "đồng ý", "ừ"…
const YES_WORDS = new Set([
  'co',
  'dong y',
  'ok',
  'oke',
  'vang',
  'da',
  'u',
  'yes',
  'chuyen',
  'xoa',
  'gui',
  'co a',
  'vang a',
  // "đúng không?" is answered "đúng", "phải", "đúng rồi" ("dung" typed without accents: at a yes/no step it means
  // đúng, not dừng)
  'dung',
  'dung roi',
  'dung vay',
  'dung a',
  'phai',
  'phai roi',
  'chinh xac',
]);
const NO_WORDS = new Set(['khong', 'ko', 'k', 'no', 'khong can', 'khong a', 'thoi khoi']);

/** The choice `text` names, if any; yes/no words pick the choice whose value is `yes` or `no`. */
export function matchChoice(text: string, choices: StepChoice[]): StepChoice | undefined {
  const folded = foldForMatching(text);
  if (folded === '') return undefined;
  const number = /^\d{1,2}$/.test(folded) ? Number(folded) : undefined;
  if (number !== undefined) return choices[number - 1];
  const exact = choices.find((c) => foldForMatching(c.label) === folded || foldForMatching(c.value) === folded);
  if (exact) return exact;
  if (YES_WORDS.has(folded)) return choices.find((c) => c.value === 'yes');
  if (NO_WORDS.has(folded)) return choices.find((c) => c.value === 'no');
  return undefined;
}
