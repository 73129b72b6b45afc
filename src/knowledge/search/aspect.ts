// Detects what a question asks about (fee, time, documents, where…) from its words, with or without accents.
import type { Aspect } from '../types.js';
import { foldToken, hasDiacritics, tokenize } from '../vietnamese/index.js';

/** A question syllable matches a phrase syllable exactly, or by folded form when typed without accents. */
function sameSyllable(token: string, syllable: string): boolean {
  return token === syllable || (!hasDiacritics(token) && foldToken(syllable) === token);
}

/** The aspects a procedure record answers, in the order an answer lists them. */
export const PROCEDURE_ASPECTS = [
  'co_quan',
  'ho_so',
  'trinh_tu',
  'thoi_han',
  'le_phi',
  'dieu_kien',
  'ket_qua',
  'doi_tuong',
  'can_cu',
] as const satisfies readonly Aspect[];

export type ProcedureAspect = (typeof PROCEDURE_ASPECTS)[number];

/**
 * Cue phrases, with accents. A question typed without accents matches them by folded form ("le phi" =
 * "lệ phí"); an accented question must match the accents too, so "công nhân được" is not "nhận được".
 * A cue matches on syllable boundaries.
 */
const CUES: Record<ProcedureAspect, string[]> = {
  le_phi: [
    'lệ phí',
    'phí',
    'bao nhiêu tiền',
    'hết bao nhiêu',
    'hết bao nhiêu tiền',
    'mất bao nhiêu',
    'mất bao nhiêu tiền',
    'tốn bao nhiêu',
    'mất tiền',
    'tốn tiền',
    'chi phí',
    'miễn phí',
    'nộp tiền',
    'tiền',
    'mức thu',
    'mất phí',
    'mất lệ phí',
    'có mất phí',
    'thu lệ phí',
    'bị thu',
    'phải nộp phí',
  ],
  thoi_han: [
    'bao lâu',
    'mấy ngày',
    'bao nhiêu ngày',
    'bn ngày',
    'mấy hôm',
    'thời hạn',
    'thời gian',
    'khi nào',
    'bao giờ',
    'mấy tháng',
    'trong vòng',
    'bao lâu thì',
    'xong',
    'mất bao lâu',
    'mất mấy ngày',
    'mất bn ngày',
    'trong thời hạn bao lâu',
    'thời hạn bao lâu',
    'bao lâu có',
    'bao lâu thì có',
  ],
  ho_so: [
    'giấy tờ gì',
    'giấy tờ nào',
    'giấy gì',
    'cần giấy gì',
    'cần giấy tờ',
    'mang giấy tờ',
    'hồ sơ gồm',
    'hồ sơ cần',
    'hồ sơ gì',
    'hồ sơ những gì',
    'hồ sơ bao gồm',
    'cần hồ sơ',
    'thành phần hồ sơ',
    'cần mang',
    'mang theo',
    'mang những',
    'cần những gì',
    'những gì',
    'cần gì',
    'mẫu nào',
    'tờ khai',
    'giấy đề nghị',
    'chứng cứ',
    'gửi những',
    'đơn gì',
    'nộp đơn gì',
    'đơn nào',
  ],
  co_quan: [
    'ở đâu',
    'nộp ở',
    'làm ở',
    'ra đâu',
    'chỗ nào',
    'nơi nào',
    'cơ quan nào',
    'đi đâu',
    'đến đâu',
    'nộp đâu',
    'xã nào',
    'ở xã hay',
    'báo cáo ai',
  ],
  trinh_tu: [
    'làm sao',
    'thế nào',
    'như thế nào',
    'ra sao',
    'các bước',
    'trình tự',
    'quy trình',
    'cách làm',
    'thủ tục gì',
    'làm thủ tục',
    'thủ tục thế nào',
  ],
  dieu_kien: ['điều kiện', 'yêu cầu', 'có được', 'được không', 'có phải', 'phải không', 'bắt buộc', 'trước mấy giờ'],
  ket_qua: [
    'kết quả',
    'nhận được',
    'nhận lại',
    'được cấp',
    'nhận giấy gì',
    'nhận lại giấy gì',
    'được giấy gì',
    'nhận gì',
  ],
  doi_tuong: ['đối tượng', 'ai được', 'ai phải', 'ai có thể'],
  can_cu: ['căn cứ', 'luật nào', 'văn bản nào', 'quy định nào', 'nghị định nào', 'thông tư nào'],
};

export interface AspectCue {
  aspect: ProcedureAspect;
  /** Token span [start, end) of the cue in the question's syllables. */
  start: number;
  end: number;
}

const CUE_SYLLABLES: Array<{ tag: ProcedureAspect; syllables: string[] }> = PROCEDURE_ASPECTS.flatMap((aspect) =>
  CUES[aspect].map((cue) => ({ tag: aspect, syllables: tokenize(cue) })),
);

/**
 * Finds aspect cues in the question's syllables (as returned by `tokenize`). Longer cues win where cues
 * overlap ("giấy tờ gì" is one documents cue, not also a "gì").
 */
export function findAspectCues(tokens: readonly string[]): AspectCue[] {
  return findPhrases(tokens, CUE_SYLLABLES).map(({ tag, start, end }) => ({ aspect: tag, start, end }));
}

/**
 * Finds phrases (written with accents) in a syllable sequence; a syllable typed without accents matches by
 * folded form. Where matches overlap the longer one wins.
 * Shared by aspect cues and question-form words.
 */
export function findPhrases<T>(
  tokens: readonly string[],
  phrases: ReadonlyArray<{ tag: T; syllables: string[] }>,
): Array<{ tag: T; start: number; end: number }> {
  const found: Array<{ tag: T; start: number; end: number }> = [];
  for (const { tag, syllables } of phrases) {
    const n = syllables.length;
    for (let i = 0; i + n <= tokens.length; i++) {
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = sameSyllable(tokens[i + j] as string, syllables[j] as string);
      if (ok) found.push({ tag, start: i, end: i + n });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof found = [];
  for (const match of found) {
    if (kept.some((k) => k.start <= match.start && k.end >= match.end)) continue;
    kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Words that only frame a question ("đúng hay sai", "nào sau đây", "là gì"): quiz and chat phrasing that
 * source texts rarely contain, so matching them says nothing about which text answers.
 */
const QUESTION_FORMS = [
  'đúng hay sai',
  'đúng không',
  'có đúng không',
  'không đúng',
  'nào sau đây',
  'sau đây',
  'nhận định nào',
  'điều nào',
  'ý nào',
  'phát biểu nào',
  'là gì',
  'gồm những gì',
  'bao gồm những',
  'trường hợp nào',
  'như thế nào',
  'thế nào',
  'ra sao',
  'hay không',
  'được không',
  'phải không',
  // legal framing: questions and texts say "theo quy định" everywhere; alone it matches anything legal
  'quy định',
].map((p) => ({ tag: 'form' as const, syllables: tokenize(p) }));

/** Token spans of question-form words. */
export function findQuestionForms(tokens: readonly string[]): Array<{ start: number; end: number }> {
  return findPhrases(tokens, QUESTION_FORMS);
}

/**
 * Every aspect the question asks about, in the order the cues appear ("lệ phí bao nhiêu và mất mấy ngày"
 * → le_phi, thoi_han). Empty when no cue is found.
 */
export function detectAspects(question: string): ProcedureAspect[] {
  const aspects: ProcedureAspect[] = [];
  for (const cue of findAspectCues(tokenize(question))) if (!aspects.includes(cue.aspect)) aspects.push(cue.aspect);
  return aspects;
}
