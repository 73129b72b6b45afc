// Standard article headings of Vietnamese legal texts, and the question phrasings that ask for them.
//
// Laws and decrees follow one drafting model (Luật Ban hành văn bản quy phạm pháp luật): their first
// articles are "Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ", and most have an article of
// prohibited acts ("Các hành vi bị nghiêm cấm"). "X là gì?" is answered by the definitions article, "Luật X
// quy định về…?" by the scope article, "… bị nghiêm cấm?" by the prohibitions article, even when another
// article repeats the question's words more often.
import { foldToken, tokenize } from '../vietnamese/index.js';
import { findPhrases } from './aspect.js';

export type LegalHeading = 'definitions' | 'scope' | 'prohibitions';

/** The bit of each standard heading in the sets `legalHeadingsOf` and `legalHeadingCues` return. */
export const LEGAL_HEADING_BITS: Readonly<Record<LegalHeading, number>> = { definitions: 1, scope: 2, prohibitions: 4 };

/** Words of an article heading that make it one of the standard articles (matched on syllables). */
const HEADING_WORDS: Record<LegalHeading, string[]> = {
  definitions: ['giải thích từ ngữ', 'khái niệm'],
  scope: ['phạm vi điều chỉnh', 'đối tượng áp dụng'],
  prohibitions: ['nghiêm cấm', 'bị cấm'],
};

/** Question phrasings that ask for the standard article (with accents; typed without them also match). */
const QUESTION_CUES: Record<LegalHeading, string[]> = {
  definitions: [
    'là gì',
    'được hiểu là',
    'hiểu là',
    'hiểu như thế nào',
    'nghĩa là',
    'khái niệm',
    'định nghĩa',
    'giải thích',
    'bao gồm',
    'gồm những',
  ],
  scope: [
    'phạm vi điều chỉnh',
    'điều chỉnh',
    'đối tượng áp dụng',
    'áp dụng đối với',
    'áp dụng cho',
    'luật này quy định',
  ],
  prohibitions: ['nghiêm cấm', 'bị cấm', 'cấm'],
};

const toPhrases = (table: Record<LegalHeading, string[]>) =>
  (Object.keys(table) as LegalHeading[]).flatMap((tag) =>
    table[tag].map((phrase) => ({ tag, syllables: tokenize(phrase) })),
  );

const HEADING_PHRASES = toPhrases(HEADING_WORDS);
const CUE_PHRASES = toPhrases(QUESTION_CUES);

/** The heading of a legal article's title: what follows "Điều N." ("Luật X – Điều 3. Giải thích từ ngữ"). */
const ARTICLE_HEADING = /(?<![\p{L}\p{N}])Điều \d{1,4}[a-zđ]?\.\s*(.+)$/su;

/** Bit set of the standard headings a document title carries (0 for anything but a legal article). */
export function legalHeadingsOf(title: string): number {
  const heading = ARTICLE_HEADING.exec(title.normalize('NFC'))?.[1];
  if (!heading) return 0;
  let bits = 0;
  for (const { tag } of findPhrases(tokenize(heading), HEADING_PHRASES)) bits |= LEGAL_HEADING_BITS[tag];
  return bits;
}

/** Kinds of legal text besides a law whose name may precede "quy định về" (folded, two syllables). */
const LEGAL_TEXT_TYPES = new Set(['nghi dinh', 'thong tu', 'phap lenh']);

/**
 * Bit set of the standard articles a question asks for ("cư trú là gì" → definitions). The scope cue
 * "quy định về" counts only after the name of a law, decree, circular or ordinance ("Luật Tiếp cận thông tin quy
 * định về…", "Nghị định 20 quy định về…").
 */
export function legalHeadingCues(tokens: readonly string[]): number {
  let bits = 0;
  for (const { tag } of findPhrases(tokens, CUE_PHRASES)) bits |= LEGAL_HEADING_BITS[tag];
  const folded = tokens.map((t) => foldToken(t));
  const law = folded.findIndex((t, i) => t === 'luat' || LEGAL_TEXT_TYPES.has(`${folded[i - 1]} ${t}`));
  if (law !== -1) {
    for (let i = law + 1; i + 1 < folded.length && i <= law + 8; i++)
      if (folded[i] === 'quy' && folded[i + 1] === 'dinh') {
        if (folded[i + 2] === 've') bits |= LEGAL_HEADING_BITS.scope;
        break;
      }
  }
  return bits;
}
