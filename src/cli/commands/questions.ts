// `tiepdan questions …`: the queue of questions the bot could not answer (abstained, 👎, handed to staff), for staff.
import type { Command } from 'commander';
import type { FeedbackReason, QueueReason } from '../../conversation/index.js';
import {
  createPrismaUnansweredQuestionStore,
  type QueuedQuestion,
  type UnansweredQuestionStore,
} from '../../db/stores/unanswered-question-store.js';
import { AppError } from '../../shared/errors.js';
import { actorLabel, formatDateTime } from '../../tickets/index.js';
import { type CliContext, print, printJson, withDatabase } from '../context.js';
import { resolveActor } from './ticket-context.js';

const REASON_LABELS: Record<QueueReason, string> = {
  abstain: 'không tìm được câu trả lời',
  thumbs_down: '👎 người dân chưa hài lòng với câu trả lời',
  staff_requested: 'người dân đề nghị cán bộ trả lời',
  error: 'lỗi hệ thống khi trả lời',
};

// the residents' wording of these is per address form in conversation's replies (ratingReasonLabels)
const THUMBS_DOWN_REASONS: Record<FeedbackReason, string> = {
  wrong_procedure: 'sai thủ tục',
  missing_info: 'thiếu thông tin',
  incorrect: 'thông tin chưa chính xác',
  unclear: 'khó hiểu',
  other: 'lý do khác',
};

const STATUS_LABELS: Record<string, string> = {
  open: 'đang chờ',
  answered: 'đã xử lý',
  dismissed: 'bỏ qua',
};

function withQuestions<T>(context: CliContext, fn: (store: UnansweredQuestionStore) => Promise<T>): Promise<T> {
  return withDatabase(context, (db) => fn(createPrismaUnansweredQuestionStore(db.prisma)));
}

function positiveInt(value: string, flag: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max)
    throw new AppError('BAD_INPUT', `Bad ${flag}`, { userMessage: `${flag} phải là số nguyên từ 1 đến ${max}.` });
  return n;
}

/** Why it is in the queue, with the resident's 👎 reason and own words when they gave them. */
function describeReason(q: QueuedQuestion): string {
  const parts = [REASON_LABELS[q.reason as QueueReason] ?? q.reason];
  if (q.thumbsDown) {
    const why = q.thumbsDown.reason
      ? (THUMBS_DOWN_REASONS[q.thumbsDown.reason as FeedbackReason] ?? q.thumbsDown.reason)
      : '';
    const comment = q.thumbsDown.comment ? `“${oneLine(q.thumbsDown.comment)}”` : '';
    const detail = [why, comment].filter(Boolean).join(': ');
    // a 👎 later handed to staff keeps showing the 👎
    parts.push(q.reason === 'thumbs_down' ? detail : `👎${detail ? ` ${detail}` : ''}`);
  }
  return parts.filter(Boolean).join(' · ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function toJson(q: QueuedQuestion) {
  return {
    id: q.id,
    createdAt: q.createdAt.toISOString(),
    channel: q.channel,
    question: q.question,
    reason: q.reason,
    thumbsDown: q.thumbsDown,
    status: q.status,
    docCodes: q.docCodes,
    staffNote: q.staffNote,
    resolvedAt: q.resolvedAt?.toISOString() ?? null,
  };
}

export function registerQuestionCommands(program: Command, context: CliContext): void {
  const questions = program
    .command('questions')
    .description('Câu hỏi trợ lý chưa trả lời được (không tìm thấy thông tin, bị 👎, người dân muốn gặp cán bộ)');

  questions
    .command('list')
    .description('Danh sách câu hỏi đang chờ, mới nhất trước (không kèm thông tin người hỏi)')
    .option('--limit <số>', 'số câu hỏi tối đa (mặc định 50)', '50')
    .option('--all', 'cả câu hỏi đã xử lý hoặc bỏ qua')
    .option('--json', 'in JSON')
    .action(async (o: { limit: string; all?: boolean; json?: boolean }) => {
      const limit = positiveInt(o.limit, '--limit', 10_000);
      const items = await withQuestions(context, (store) =>
        store.list({ statuses: o.all ? undefined : ['open'], limit }),
      );
      if (o.json) return printJson(items.map(toJson));
      if (items.length === 0) return print(o.all ? 'Chưa có câu hỏi nào.' : 'Không có câu hỏi nào đang chờ.');
      for (const q of items) {
        const status = o.all ? ` [${STATUS_LABELS[q.status] ?? q.status}]` : '';
        print(`#${q.id}${status}  ${formatDateTime(q.createdAt)}  ${q.channel}  ${describeReason(q)}`);
        print(`    ${q.question ? `“${oneLine(q.question)}”` : '(người hỏi đã yêu cầu xoá nội dung)'}`);
        if (q.staffNote) print(`    Ghi chú: ${oneLine(q.staffNote)}`);
      }
      print(
        `${o.all ? 'Tổng' : 'Đang chờ'}: ${items.length} câu hỏi${items.length === limit ? ` (giới hạn ${limit}, dùng --limit để xem thêm)` : ''}.`,
      );
      if (!o.all) print('Đánh dấu đã xử lý: tiepdan questions resolve <số>');
    });

  questions
    .command('resolve')
    .description('Đánh dấu câu hỏi đã xử lý (đã bổ sung tài liệu hoặc đã trả lời người dân)')
    .argument('<số>', 'số thứ tự của câu hỏi (#) trong danh sách')
    .option('--dismiss', 'bỏ qua thay vì đánh dấu đã xử lý (câu hỏi không thuộc phạm vi, trùng lặp…)')
    .option('--note <ghi chú>', 'ghi chú của cán bộ')
    .option('--as <tên đăng nhập>', 'tài khoản thao tác (ghi vào nhật ký cùng tên người dùng của hệ điều hành)')
    .option('--role <vai trò>', 'kiểm tra vai trò của tài khoản --as')
    .action(async (id: string, o: { dismiss?: boolean; note?: string; as?: string; role?: string }) => {
      const number = positiveInt(id.replace(/^#/, ''), 'Số câu hỏi', 2_147_483_647);
      const note = o.note === undefined ? undefined : oneLine(o.note).slice(0, 1000) || undefined;
      const { q, actor } = await withDatabase(context, async (db) => {
        const actor = actorLabel(await resolveActor(context, db, o));
        const store = createPrismaUnansweredQuestionStore(db.prisma);
        const q = await store.resolve({
          id: number,
          status: o.dismiss ? 'dismissed' : 'answered',
          note,
          now: new Date(),
          actor,
        });
        return { q, actor };
      });
      print(`Câu hỏi #${q.id}: ${STATUS_LABELS[q.status] ?? q.status} (${actor}; ghi vào nhật ký kiểm tra).`);
    });
}
