import { describe, expect, it } from 'vitest';
import { toIncoming } from '../../../src/channels/telegram/to-incoming.js';

const chat = { id: 123456789, type: 'private', first_name: 'Lan' };
const from = { id: 123456789, is_bot: false, first_name: 'Lan', last_name: 'Nguyễn' };
const message = (fields: Record<string, unknown>) => ({
  update_id: 500,
  message: { message_id: 9, date: 1_700_000_000, chat, from, ...fields },
});

describe('toIncoming', () => {
  it('turns a text message into an IncomingMessage keyed by update_id', () => {
    const result = toIncoming(message({ text: 'Lệ phí đăng ký khai sinh?' }));
    expect(result).toMatchObject({
      kind: 'message',
      updateId: 500,
      chatId: '123456789',
      message: {
        channel: 'telegram',
        channelUserId: '123456789',
        messageId: '500',
        text: 'Lệ phí đăng ký khai sinh?',
        attachments: [],
        displayName: 'Lan Nguyễn',
      },
    });
  });

  it('drops the bot name from commands', () => {
    const result = toIncoming(message({ text: '/help@tiepdan_bot' }));
    expect(result.kind === 'message' && result.message.text).toBe('/help');
  });

  it('keeps the largest photo size, with the caption as text', () => {
    const result = toIncoming(
      message({
        caption: 'Đường bị sụt lún',
        photo: [
          { file_id: 'small', width: 90, height: 90 },
          { file_id: 'large', width: 1280, height: 960 },
        ],
      }),
    );
    expect(result.kind === 'message' && result.message).toMatchObject({
      text: 'Đường bị sụt lún',
      attachments: [{ kind: 'photo', ref: 'large' }],
    });
  });

  it('reads location, contact, documents, stickers and voice as attachments', () => {
    const pick = (fields: Record<string, unknown>) => {
      const r = toIncoming(message(fields));
      return r.kind === 'message' ? r.message.attachments : [];
    };
    expect(pick({ location: { latitude: 22.147, longitude: 105.834 } })).toEqual([
      { kind: 'location', latitude: 22.147, longitude: 105.834 },
    ]);
    expect(pick({ contact: { phone_number: '0912345678', first_name: 'Lan' } })).toEqual([
      { kind: 'contact', phone: '0912345678', contactName: 'Lan' },
    ]);
    expect(pick({ document: { file_id: 'd1', file_name: 'don.pdf', mime_type: 'application/pdf' } })).toEqual([
      { kind: 'file', ref: 'd1', name: 'don.pdf', mimeType: 'application/pdf' },
    ]);
    expect(pick({ sticker: { file_id: 's1' } })).toEqual([{ kind: 'sticker', ref: 's1' }]);
    expect(pick({ voice: { file_id: 'v1', mime_type: 'audio/ogg' } })).toEqual([
      { kind: 'audio', ref: 'v1', mimeType: 'audio/ogg' },
    ]);
    // something a person sent that we have no name for still reaches the core
    expect(pick({ dice: { emoji: '🎲', value: 3 } })).toEqual([{ kind: 'other' }]);
  });

  it('cleans every string a client chose, not only the text: NUL, lone surrogates and control characters never pass', () => {
    const bad = 'đơn\u0000\uD800 khiếu nại\u0007.pdf';
    const r = toIncoming(
      message({
        document: { file_id: 'd\u0000\uDC001', file_name: bad, mime_type: 'application/pdf\u0000' },
        contact: { phone_number: '0912\u0000345678', first_name: 'Lan\uD800' },
        from: { id: 1, first_name: 'A\u0000', last_name: 'B' },
      }),
    );
    const stored = JSON.stringify(r.kind === 'message' ? r.message : undefined);
    // JSON.stringify writes control characters and lone surrogates as \u escapes: none may be left
    expect(stored).not.toMatch(/\\u(00[01]|d[89a-f])/i);
    expect(r.kind === 'message' && r.message.attachments).toEqual([
      { kind: 'file', ref: 'd\uFFFD1', name: 'đơn\uFFFD khiếu nại.pdf', mimeType: 'application/pdf' },
      { kind: 'contact', phone: '0912345678', contactName: 'Lan\uFFFD' },
    ]);
    // an absurdly long file name is cut, not stored whole
    const long = toIncoming(message({ document: { file_id: 'x', file_name: 'a'.repeat(100_000) } }));
    expect(long.kind === 'message' && long.message.attachments[0]?.name?.length).toBe(256);
  });

  it('reads a button press with its action and the label the resident saw', () => {
    const result = toIncoming({
      update_id: 501,
      callback_query: {
        id: 'q1',
        from,
        data: 'rate:up:ab12cd34',
        message: {
          message_id: 77,
          chat,
          reply_markup: { inline_keyboard: [[{ text: '👍 Hữu ích', callback_data: 'rate:up:ab12cd34' }]] },
        },
      },
    });
    expect(result).toMatchObject({
      kind: 'message',
      callbackQueryId: 'q1',
      pressedMessageId: 77,
      message: { action: 'rate:up:ab12cd34', text: '👍 Hữu ích', messageId: '501' },
    });
  });

  it('cleans binary junk out of the text', () => {
    const result = toIncoming(message({ text: '\u0000\u0007ab\uD800c\u001b' }));
    expect(result.kind === 'message' && result.message.text).toBe('ab\uFFFDc');
  });

  it('ignores what needs no answer, and never throws on garbage', () => {
    expect(toIncoming({ update_id: 1, edited_message: { chat, text: 'x' } })).toMatchObject({ kind: 'ignore' });
    expect(toIncoming({ update_id: 2, my_chat_member: {} })).toMatchObject({ kind: 'ignore' });
    expect(toIncoming(message({ text: 'x', chat: { id: -100, type: 'group' } }))).toMatchObject({ kind: 'ignore' });
    expect(toIncoming(message({ new_chat_members: [{ id: 5 }] }))).toMatchObject({ kind: 'ignore' });
    for (const junk of [
      null,
      42,
      'update',
      [],
      {},
      { update_id: 'x' },
      { update_id: -1 },
      { update_id: 3, message: 7 },
    ]) {
      expect(toIncoming(junk).kind).toBe('ignore');
    }
  });
});
