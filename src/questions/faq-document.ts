// Pure converter: a question staff answered → the knowledge-base document of an FAQ entry (code FAQ-<id>, kind faq,
// the question as its title, which is all the lexical index searches of it, and the answer with its source line).
import { createHash } from 'node:crypto';
import type { DocumentDraft } from '../knowledge/types.js';
import { formatDate } from '../tickets/index.js';

export const FAQ_PREFIX = 'FAQ-';

export function faqCodeOf(questionId: number): string {
  return `${FAQ_PREFIX}${questionId}`;
}

/** "Nguồn: Cán bộ Phòng Tư pháp trả lời ngày 03/12/2026" (Việt Nam date). */
export function faqSourceLine(label: string, answeredAt: Date): string {
  return `Nguồn: Cán bộ ${label} trả lời ngày ${formatDate(answeredAt)}`;
}

/** Vietnamese phone numbers as residents type them (0912 345 678, +84912345678). */
const PHONE_NUMBER = /(?:\+?84|0)(?:[\s.-]?\d){8,10}/g;

export function toFaqDraft(input: {
  questionId: number;
  question: string;
  answer: string;
  /** The login that answered (kept in meta for staff; the resident sees `label`). */
  login: string;
  label: string;
  answeredAt: Date;
}): DocumentDraft {
  // a phone number the asker typed into the question is theirs, not part of what others will ask
  const question = input.question.replace(PHONE_NUMBER, ' ').replace(/\s+/g, ' ').trim();
  const text = `${input.answer.trim()}\n${faqSourceLine(input.label, input.answeredAt)}`;
  const issuedDate = formatDate(input.answeredAt);
  return {
    code: faqCodeOf(input.questionId),
    title: question,
    kind: 'faq',
    issuer: `Cán bộ ${input.label}`,
    issuedDate,
    sourcePath: `console/cau-hoi/${input.questionId}`,
    contentHash: createHash('sha256').update(`${question}\n${text}`).digest('hex'),
    meta: { questionId: input.questionId, answeredBy: input.login, reviewed: true },
    // the section repeats the question: nothing but the question is searchable
    chunks: [{ section: question, aspect: 'tong_quan', text }],
  };
}
