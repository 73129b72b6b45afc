// Vietnamese text normalisation: Unicode NFC, one tone-mark placement (hoà = hòa, thuỷ = thủy), case, đ, accent folding.

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const VOWELS = new Set([...'aăâeêioôơuưy']);
const SHAPED_VOWELS = new Set([...'ăâêôơư']);
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** Letters of a Vietnamese word (with its marks), split on anything else. */
const WORD = /[\p{L}\p{M}]+/gu;

function isVowel(ch: string): boolean {
  return VOWELS.has(ch.toLowerCase());
}

/**
 * Moves the tone mark of one syllable to its canonical vowel (traditional placement: hòa, thủy, khỏe;
 * closed syllables and shaped vowels follow the common rule: hoàn, thuyền, người). Returns the syllable
 * unchanged when it has no tone or is not a Vietnamese syllable.
 */
export function canonicalizeTone(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  let tone: string | undefined;
  let bare = '';
  for (const ch of decomposed) {
    if (TONE_MARKS.has(ch)) {
      tone ??= ch;
    } else {
      bare += ch;
    }
  }
  if (tone === undefined) return syllable.normalize('NFC');
  const letters = [...bare.normalize('NFC')];
  const lower = letters.map((c) => c.toLowerCase());

  // Skip the initial consonants; "qu" and "gi" (before a vowel) count as consonants.
  let start = 0;
  while (start < lower.length && !isVowel(lower[start] as string)) start++;
  if (start > 0 && start < lower.length - 1) {
    const prev = lower[start - 1];
    const cur = lower[start];
    if (((prev === 'q' && cur === 'u') || (prev === 'g' && cur === 'i')) && isVowel(lower[start + 1] as string))
      start++;
  }
  let end = start;
  while (end < lower.length && isVowel(lower[end] as string)) end++;
  if (end === start) return syllable.normalize('NFC');

  let target = -1;
  for (let i = start; i < end; i++) if (SHAPED_VOWELS.has(lower[i] as string)) target = i;
  if (target === -1) {
    const run = end - start;
    const closed = end < lower.length;
    if (run === 1) target = start;
    else if (run >= 3) target = start + 1;
    else target = closed ? start + 1 : start;
  }
  letters[target] = `${(letters[target] as string).normalize('NFD')}${tone}`.normalize('NFC');
  return letters.join('');
}

/** NFC, invisible characters removed, odd spaces made plain, tone marks in one canonical place. Keeps case. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(WORD, (word) => canonicalizeTone(word));
}

/** normalizeText + lower case (đ/Đ included). The form the search index compares. */
export function normalizeForSearch(text: string): string {
  return normalizeText(text).toLocaleLowerCase('vi');
}

/** Removes every diacritic: "Đăng ký thường trú" → "Dang ky thuong tru". */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** True when the text carries no Vietnamese diacritics at all (typed without accents). */
export function isWithoutDiacritics(text: string): boolean {
  return foldDiacritics(text) === text.normalize('NFC');
}
