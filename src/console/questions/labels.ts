// The queue's words for staff: why a question is queued, the resident's 👎 reasons, statuses, channels; and the
// masking of what a list shows of the resident (a phone number typed into the question).
import type { QueuedQuestion } from '../../db/stores/unanswered-question-store.js';
import { maskPhone } from '../../tickets/index.js';

export const REASON_LABEL: Record<string, string> = {
  abstain: 'Bot không tìm được câu trả lời',
  thumbs_down: '👎 Người dân chưa hài lòng',
  staff_requested: 'Người dân muốn gặp cán bộ',
  error: 'Lỗi hệ thống khi trả lời',
};

export const THUMBS_DOWN_LABEL: Record<string, string> = {
  wrong_procedure: 'sai thủ tục',
  missing_info: 'thiếu thông tin',
  incorrect: 'thông tin chưa chính xác',
  unclear: 'khó hiểu',
  other: 'lý do khác',
};

export const STATUS_LABEL: Record<string, string> = {
  open: 'Đang chờ',
  answered: 'Đã trả lời',
  dismissed: 'Đã bỏ qua',
};

export const CHANNEL_LABEL: Record<string, string> = {
  web: 'Trò chuyện trên web',
  telegram: 'Telegram',
  zalo: 'Zalo',
  cli: 'Dòng lệnh',
};

/** The 👎 the resident gave, in words: "thiếu thông tin: “…”". */
export function thumbsDownText(q: QueuedQuestion): string | null {
  if (!q.thumbsDown) return null;
  const why = q.thumbsDown.reason ? (THUMBS_DOWN_LABEL[q.thumbsDown.reason] ?? q.thumbsDown.reason) : '';
  const comment = q.thumbsDown.comment ? `“${q.thumbsDown.comment.replace(/\s+/g, ' ').trim()}”` : '';
  return [why, comment].filter(Boolean).join(': ') || '👎';
}

/** Phone numbers a resident typed into their question, masked for lists (0912345678 → 09******78). */
export function maskForList(text: string): string {
  return text.replace(/(?:\+?84|0)(?:[\s.-]?\d){8,10}/g, (m) => maskPhone(m.replace(/[\s.-]/g, '')) ?? '');
}
