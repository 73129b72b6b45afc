import { describe, expect, it } from 'vitest';
import { readWebInput, toIncoming as toWebIncoming } from '../../../src/channels/web/to-incoming.js';

const sessionId = 'S'.repeat(43);
const line = { id: 77, createdAt: new Date('2026-03-02T08:00:00Z') };

describe('web toIncoming', () => {
  it('turns a typed question into an IncomingMessage keyed by the transcript line', () => {
    const message = toWebIncoming({ sessionId, line, input: readWebInput({ text: '  Lệ phí khai sinh?  ' }) });
    expect(message).toEqual({
      channel: 'web',
      channelUserId: sessionId,
      messageId: '77',
      text: 'Lệ phí khai sinh?',
      attachments: [],
      receivedAt: line.createdAt,
      action: undefined,
    });
  });

  it('carries a button press as its action, with the label as text', () => {
    const message = toWebIncoming({
      sessionId,
      line,
      input: readWebInput({ text: '👍 Hữu ích', action: 'rate:up:abc' }),
    });
    expect(message.action).toBe('rate:up:abc');
    expect(message.text).toBe('👍 Hữu ích');
  });

  it('treats an empty or whitespace action as no button press', () => {
    expect(readWebInput({ text: 'xin chào', action: '   ' }).action).toBeUndefined();
    expect(readWebInput({}).action).toBeUndefined();
    expect(readWebInput({}).text).toBe('');
  });

  it('cleans binary junk and control characters, and composes Vietnamese to NFC', () => {
    const input = readWebInput({ text: 'khai\u0000 sinh\uD800 \u001b[31m', action: 'rate:\u0007up' });
    expect(input.text).toBe('khai sinh\uFFFD [31m');
    expect(input.action).toBe('rate:up');
    // "ế" typed as e + combining marks becomes the single precomposed letter
    expect(readWebInput({ text: 'lê\u0301 phi\u0301' }).text).toBe('lế phí');
  });

  it('keeps a bounded copy for the transcript but hands the core the full text', () => {
    const long = 'khai sinh '.repeat(1000);
    const input = readWebInput({ text: long });
    expect(input.text).toBe(long.trim());
    expect(input.shown).toHaveLength(4097);
    expect(input.shown.endsWith('…')).toBe(true);
    expect(toWebIncoming({ sessionId, line, input }).text).toBe(long.trim());
    expect(readWebInput({ text: 'ngắn' }).shown).toBe('ngắn');
  });

  it('never cuts the transcript copy inside an emoji', () => {
    // 4095 units, then 👍 (a surrogate pair) straddling the 4096-unit limit
    const input = readWebInput({ text: `${'a'.repeat(4095)}👍 thêm` });
    expect(input.shown).toBe(`${'a'.repeat(4095)}…`);
    expect(input.shown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    // a pair that ends exactly at the limit is kept whole
    expect(readWebInput({ text: `${'a'.repeat(4094)}👍 thêm` }).shown).toBe(`${'a'.repeat(4094)}👍…`);
  });
});
