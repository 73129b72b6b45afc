// Pure converters: replies → /message/cs bodies (split ≤ 2,000, buttons, numbered options) and events → messages.
import { describe, expect, it } from 'vitest';
import { actionToText } from '../../../src/channels/shared/index.js';
import { toZaloMessages, zaloToIncoming } from '../../../src/channels/zalo/index.js';

const USER = '7346018926521053207';

describe('toZaloMessages', () => {
  it('splits text over 2,000 characters on sentence boundaries, buttons on the last part only', () => {
    const sentence = 'Hồ sơ gồm tờ khai và giấy chứng sinh. ';
    const text = sentence.repeat(120).trim();
    expect(text.length).toBeGreaterThan(4000);
    const { bodies } = toZaloMessages(USER, [
      { text, quickReplies: [{ label: 'Hỏi tiếp', action: 'intent:ask' }], attachments: [] },
    ]);
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const body of bodies) {
      expect(body.recipient.user_id).toBe(USER);
      expect((body.message.text ?? '').length).toBeLessThanOrEqual(2000);
    }
    // every part but the numbered list ends at the end of a sentence
    for (const body of bodies.slice(0, -1)) expect(body.message.text?.endsWith('giấy chứng sinh.')).toBe(true);
    expect(bodies.slice(0, -1).every((b) => b.message.attachment === undefined)).toBe(true);
    expect(bodies.at(-1)?.message.attachment).toEqual({
      type: 'template',
      payload: { buttons: [{ title: 'Hỏi tiếp', type: 'oa.query.hide', payload: actionToText('intent:ask') }] },
    });
    const joined = bodies.map((b) => b.message.text).join(' ');
    expect(joined.replace(/\s+/g, ' ')).toContain(text.slice(-200));
  });

  it('shows at most 5 buttons and numbers every option in the text', () => {
    const options = ['Hỏi', 'Phản ánh', 'Tra cứu', 'Cán bộ', 'Dữ liệu', 'Xoá dữ liệu', 'Trợ giúp'];
    const intents = ['ask', 'petition', 'track', 'human', 'privacy', 'erase', 'help'];
    const { bodies, numbered } = toZaloMessages(USER, [
      {
        text: 'Bạn cần gì?',
        quickReplies: options.map((label, i) => ({ label, action: `intent:${intents[i]}` })),
        attachments: [],
      },
    ]);
    expect(bodies).toHaveLength(1);
    const buttons = (bodies[0]?.message.attachment?.payload as { buttons: unknown[] }).buttons;
    expect(buttons).toHaveLength(5);
    expect(bodies[0]?.message.text).toContain('6. Xoá dữ liệu\n7. Trợ giúp');
    expect(numbered.map((o) => o.label)).toEqual(options);
  });
});

describe('zaloToIncoming', () => {
  const event = (text: string) => ({
    app_id: '1',
    event_name: 'user_send_text',
    timestamp: '1764720000000',
    sender: { id: USER },
    recipient: { id: '2' },
    message: { msg_id: 'abc', text },
  });

  it('reads a pressed button (its payload as text) as an action, never as a question', () => {
    const inbound = zaloToIncoming(event(actionToText('d:Ab1_.kind:petition')));
    expect(inbound.kind === 'message' && inbound.message).toMatchObject({ action: 'd:Ab1_.kind:petition', text: '' });
  });

  it('reads typed text that looks like an action as text', () => {
    const inbound = zaloToIncoming(event('intent:ask'));
    expect(inbound.kind === 'message' && inbound.message).toMatchObject({ text: 'intent:ask' });
    expect(inbound.kind === 'message' && inbound.message.action).toBeUndefined();
  });

  it('keeps a 19-digit id given as a number only if it is exact, and as a string always', () => {
    expect(zaloToIncoming(event('x')).kind === 'message' && zaloToIncoming(event('x'))).toMatchObject({ userId: USER });
    const lossy = { ...event('x'), sender: { id: 7346018926521053207 } };
    expect(zaloToIncoming(lossy)).toMatchObject({ kind: 'ignore', reason: 'no sender' });
  });

  it('never throws on junk', () => {
    for (const junk of [null, 42, 'x', [], {}, { event_name: 'user_send_text' }, { event_name: 'follow' }]) {
      expect(zaloToIncoming(junk).kind).toBe('ignore');
    }
  });
});
