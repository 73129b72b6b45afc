// A hand-written conversation core for channel tests (a fake through the MessageHandler port):
// a sourced answer, a follow-up, a two-step dialogue with cancel, ratings, dedupe like the real engine.
import type { ConversationPort } from '../../../src/channels/shared/index.js';
import type { IncomingMessage, OutgoingReply, QuickReply } from '../../../src/conversation/types.js';

export const FAKE_SOURCE = 'Nguồn: Thủ tục 1.001193 – Đăng ký khai sinh <Bộ Tư pháp & UBND xã>';

const reply = (text: string, quickReplies: QuickReply[] = []): OutgoingReply => ({
  text,
  quickReplies,
  attachments: [],
});
const rating = (ref: string): QuickReply[] => [
  { label: '👍 Hữu ích', action: `rate:up:${ref}` },
  { label: '👎 Chưa đúng', action: `rate:down:${ref}` },
];
const cancel: QuickReply = { label: 'Hủy', action: 'cancel' };

interface State {
  dialog?: 'petition' | undefined;
  step?: 'describe' | 'confirm' | undefined;
  focus?: string | undefined;
}

export interface FakeConversation extends ConversationPort {
  /** Messages handled (not counting duplicates), in order. */
  readonly seen: IncomingMessage[];
}

export function createFakeConversation(): FakeConversation {
  const states = new Map<string, State>();
  const processed = new Map<string, OutgoingReply[]>();
  const seen: IncomingMessage[] = [];
  let refs = 0;

  const answer = (m: IncomingMessage, state: State): OutgoingReply[] => {
    const text = m.text.toLowerCase();
    if (m.text === '/boom') throw new Error('simulated bug');
    if (m.action === 'cancel' || text === 'hủy' || text === 'huy') {
      const wasActive = state.dialog !== undefined;
      state.dialog = undefined;
      state.step = undefined;
      return [
        reply(wasActive ? 'Đã hủy. Bạn có thể đặt câu hỏi khác bất cứ lúc nào.' : 'Không có thao tác nào đang dở.'),
      ];
    }
    if (m.action?.startsWith('rate:')) return [reply('Cảm ơn bạn đã đánh giá câu trả lời!')];
    if (state.dialog === 'petition') {
      if (state.step === 'describe') {
        if (m.text === '') return [reply('Vui lòng mô tả nội dung phản ánh bằng chữ.', [cancel])];
        state.step = 'confirm';
        return [reply('Bạn xác nhận gửi phản ánh này?', [{ label: 'Gửi', action: 'd:confirm:yes' }, cancel])];
      }
      if (m.action === 'd:confirm:yes') {
        state.dialog = undefined;
        state.step = undefined;
        return [reply('Đã ghi nhận phản ánh. Mã tra cứu: PA-2611-7K3QX9.')];
      }
      return [reply('Vui lòng chọn Gửi hoặc Hủy.', [{ label: 'Gửi', action: 'd:confirm:yes' }, cancel])];
    }
    if (m.text === '' && m.attachments.length === 0) {
      return [reply('Tin nhắn trống. Vui lòng nhập câu hỏi của bạn.')];
    }
    if (m.text === '') return [reply('Xin lỗi, tôi chưa đọc được loại tin nhắn này. Vui lòng gửi câu hỏi bằng chữ.')];
    const out: OutgoingReply[] = [];
    if (m.text.length > 4096) out.push(reply('Tin nhắn quá dài nên chỉ phần đầu được xem xét.'));
    if (text.includes('phản ánh')) {
      state.dialog = 'petition';
      state.step = 'describe';
      return [...out, reply('Bạn muốn phản ánh việc gì? Vui lòng mô tả ngắn gọn.', [cancel])];
    }
    const ref = `r${++refs}`;
    if (text.includes('khai sinh')) {
      state.focus = 'khai sinh';
      return [...out, reply(`Đăng ký khai sinh đúng hạn được miễn lệ phí.\n${FAKE_SOURCE}`, rating(ref))];
    }
    if (state.focus && (text.includes('lệ phí') || text.includes('hồ sơ') || text.includes('còn'))) {
      return [...out, reply(`Hồ sơ đăng ký khai sinh gồm tờ khai và giấy chứng sinh.\n${FAKE_SOURCE}`, rating(ref))];
    }
    return [...out, reply('Xin lỗi, tôi chưa tìm thấy thông tin phù hợp. Bạn có thể hỏi cụ thể hơn.', rating(ref))];
  };

  const process = async (m: IncomingMessage) => {
    const key = `${m.channel}:${m.messageId}`;
    const previous = processed.get(key);
    if (previous) return { status: 'duplicate' as const, replies: [], previousReplies: previous };
    const stateKey = `${m.channel}:${m.channelUserId}`;
    const state = { ...(states.get(stateKey) ?? {}) };
    const replies = answer(m, state);
    states.set(stateKey, state);
    processed.set(key, replies);
    seen.push(m);
    return { status: 'processed' as const, replies };
  };

  return {
    seen,
    process,
    async handle(m) {
      return (await process(m)).replies;
    },
  };
}
