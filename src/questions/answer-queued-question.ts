// Use case: staff answer a question from the queue. The answer goes back to the resident through the outbox on
// their channel ("Cán bộ trả lời câu hỏi của bạn: …"); a question already handed over as a ticket is answered as
// that ticket (same message, same status, the queue entry closed with it). Optionally it becomes an FAQ entry.
import { AppError } from '../shared/errors.js';
import { type AddressForm, answerTicket, type OutboxPayload } from '../tickets/index.js';
import type { QuestionActor, QuestionDeps } from './deps.js';
import { publishFaq } from './publish-faq.js';

export const MIN_ANSWER_CHARS = 5;
export const MAX_ANSWER_CHARS = 3500;

export interface AnswerQueuedQuestionOptions {
  id: number;
  answer: string;
  /** "dùng làm câu trả lời mẫu": publish the question and this answer as an FAQ entry. */
  asFaq: boolean;
  actor: QuestionActor;
}

export interface AnswerQueuedQuestionResult {
  /** The answer was queued to the resident (false when they are gone or erased their data). */
  sent: boolean;
  /** The ticket it was answered as, when it had been handed over as one. */
  ticketCode?: string | undefined;
  faqCode?: string | undefined;
}

export function answerLeadIn(answer: string, question: string, address: AddressForm): string {
  const you = address.toLowerCase();
  const asked = question.replace(/\s+/g, ' ').trim();
  return `Cán bộ trả lời câu hỏi của ${you}: ${answer}${asked ? `\n\n(Câu hỏi của ${you}: “${asked}”)` : ''}`;
}

export function checkAnswer(raw: string): string {
  const answer = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (answer.length < MIN_ANSWER_CHARS)
    throw new AppError('BAD_INPUT', 'Answer too short', {
      userMessage: 'Nội dung trả lời quá ngắn: hãy viết câu trả lời cho người dân.',
    });
  if (answer.length > MAX_ANSWER_CHARS)
    throw new AppError('BAD_INPUT', 'Answer too long', {
      userMessage: `Nội dung trả lời quá dài cho một tin nhắn (tối đa ${MAX_ANSWER_CHARS.toLocaleString('vi-VN')} ký tự); hãy tóm tắt.`,
    });
  return answer;
}

export async function answerQueuedQuestion(
  deps: QuestionDeps,
  options: AnswerQueuedQuestionOptions,
): Promise<AnswerQueuedQuestionResult> {
  const answer = checkAnswer(options.answer);
  const question = await deps.queue.get(options.id);
  if (!question)
    throw new AppError('NOT_FOUND', `No unanswered question ${options.id}`, {
      userMessage: `Không có câu hỏi số ${options.id} trong danh sách chờ.`,
    });
  if (question.status !== 'open')
    throw new AppError('CONFLICT', `Question ${options.id} is ${question.status}`, {
      userMessage: `Câu hỏi số ${options.id} đã được xử lý trước đó.`,
    });
  if (options.asFaq && question.question.trim() === '')
    throw new AppError('BAD_INPUT', 'Erased question cannot become an FAQ entry', {
      userMessage: 'Người hỏi đã yêu cầu xoá nội dung câu hỏi, nên không thể dùng làm câu trả lời mẫu.',
    });
  const now = deps.tickets.clock.now();
  const result: AnswerQueuedQuestionResult = { sent: false };

  if (question.ticketCode) {
    // handed over as a ticket: answered as that ticket, so the ticket, its resident and the queue agree (answering
    // it closes the queue entry). The queue page's roles answer questions; the ticket's scope is not theirs to
    // check, hence the system role, with the login kept for the audit trail.
    const ticket = await answerTicket(deps.tickets, {
      code: question.ticketCode,
      answer,
      actor: { name: options.actor.login, role: 'system' },
    });
    result.ticketCode = ticket.code;
    result.sent = ticket.residentId !== null;
  } else {
    const recipient = await deps.queue.recipientOf(question.id);
    const payload: OutboxPayload = {
      text: answerLeadIn(answer, question.question, deps.tickets.addressForm ?? 'Bạn'),
      quickReplies: [],
      attachments: [],
    };
    const { queued } = await deps.queue.answer({
      id: question.id,
      answer,
      outbox: recipient ? { dedupeKey: `question:${question.id}:answer`, ticketId: null, ...recipient, payload } : null,
      now,
      actor: options.actor.login,
    });
    if (queued) deps.tickets.notifier?.notify();
    result.sent = queued;
  }

  if (options.asFaq) {
    result.faqCode = await publishFaq(deps, {
      id: question.id,
      question: question.question,
      answer,
      actor: options.actor,
    });
  }
  return result;
}
