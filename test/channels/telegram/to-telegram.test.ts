import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  MAX_MESSAGE_CHARS,
  splitText,
  toInlineKeyboard,
  toTelegramCalls,
} from '../../../src/channels/telegram/to-telegram.js';

const reply = (text: string, quickReplies: Array<{ label: string; action: string }> = []) => ({
  text,
  quickReplies,
  attachments: [],
});

describe('escapeHtml', () => {
  it('escapes the characters parse_mode HTML reserves', () => {
    expect(escapeHtml('<b>Phí</b> & "lệ phí" > 0')).toBe('&lt;b&gt;Phí&lt;/b&gt; &amp; &quot;lệ phí&quot; &gt; 0');
  });
});

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('Lệ phí: 0 đồng.')).toEqual(['Lệ phí: 0 đồng.']);
  });

  it('splits a long text at paragraph boundaries into parts of at most 4,096 characters', () => {
    const paragraph = `${'Thành phần hồ sơ gồm tờ khai và giấy tờ tùy thân. '.repeat(30).trim()}`;
    const text = Array.from({ length: 6 }, (_, i) => `Đoạn ${i + 1}. ${paragraph}`).join('\n\n');
    expect(text.length).toBeGreaterThan(MAX_MESSAGE_CHARS);
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      // every part starts at the beginning of a paragraph
      expect(part).toMatch(/^Đoạn \d\./);
    }
    expect(parts.join('\n\n')).toBe(text);
  });

  it('falls back to line, then word boundaries, and never splits a surrogate pair', () => {
    const words = 'hồ sơ '.repeat(2000).trim();
    const parts = splitText(words, 100);
    expect(parts.every((p) => p.length <= 100 && !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
    expect(parts.join(' ')).toBe(words);
    const emoji = '😀'.repeat(60); // 120 UTF-16 units, no spaces
    const cut = splitText(emoji, 51);
    expect(cut.join('')).toBe(emoji);
    expect(cut.every((p) => p.length <= 51 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });

  it('measures the limit before escaping (Telegram counts after entity parsing)', () => {
    const text = '<'.repeat(MAX_MESSAGE_CHARS);
    const { calls } = toTelegramCalls('1', reply(text));
    expect(calls).toHaveLength(1);
  });
});

describe('toInlineKeyboard', () => {
  it('pairs short buttons and drops actions that do not fit 64 bytes of callback_data', () => {
    const tooLong = 'd:step:'.padEnd(65, 'x');
    const { markup, dropped } = toInlineKeyboard([
      { label: '👍 Hữu ích', action: 'rate:up:ab12cd34' },
      { label: '👎 Chưa đúng', action: 'rate:down:ab12cd34' },
      { label: 'Chuyển câu hỏi cho cán bộ', action: 'staff:ab12cd34' },
      { label: 'Quá dài', action: tooLong },
      { label: 'Rỗng', action: '' },
    ]);
    expect(markup?.inline_keyboard).toEqual([
      [
        { text: '👍 Hữu ích', callback_data: 'rate:up:ab12cd34' },
        { text: '👎 Chưa đúng', callback_data: 'rate:down:ab12cd34' },
      ],
      [{ text: 'Chuyển câu hỏi cho cán bộ', callback_data: 'staff:ab12cd34' }],
    ]);
    expect(dropped.map((d) => d.label)).toEqual(['Quá dài', 'Rỗng']);
  });

  it('counts callback_data in bytes, not characters', () => {
    // 22 Vietnamese letters with diacritics take 3 bytes each in UTF-8
    const { dropped } = toInlineKeyboard([{ label: 'x', action: 'd:q:'.padEnd(26, 'ạ') }]);
    expect(dropped).toHaveLength(1);
  });
});

describe('toTelegramCalls', () => {
  it('sends escaped HTML with the keyboard on the last part only', () => {
    const long = `${'a '.repeat(1800)}\n\n${'b '.repeat(1800)}`;
    const { calls } = toTelegramCalls('42', reply(`<script>${long}`, [{ label: 'Hủy', action: 'cancel' }]));
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage']);
    const [first, last] = calls;
    if (first?.method !== 'sendMessage' || last?.method !== 'sendMessage') throw new Error('expected messages');
    expect(first.payload.parse_mode).toBe('HTML');
    expect(first.payload.text.startsWith('&lt;script&gt;')).toBe(true);
    expect(first.payload.reply_markup).toBeUndefined();
    expect(last.payload.reply_markup?.inline_keyboard[0]?.[0]?.callback_data).toBe('cancel');
  });

  it('turns photo, file and location attachments into their own calls', () => {
    const { calls } = toTelegramCalls('7', {
      text: 'Vị trí bộ phận một cửa:',
      quickReplies: [],
      attachments: [
        { kind: 'location', latitude: 22.15, longitude: 105.83 },
        { kind: 'photo', ref: 'https://example.org/so-do.png' },
        { kind: 'file', ref: 'BQACAgIAAx' },
        { kind: 'sticker', ref: 'CAACAgIAAx' },
      ],
    });
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendLocation', 'sendPhoto', 'sendDocument']);
  });

  it('gives buttons without text a short prompt to hang from', () => {
    const { calls } = toTelegramCalls('7', reply('', [{ label: 'Hủy', action: 'cancel' }]));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method === 'sendMessage' && calls[0].payload.text).toBe('Vui lòng chọn:');
  });
});
