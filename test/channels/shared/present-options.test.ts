// Options laid out per channel capability: buttons up to the limit, numbered text, typed numbers and text payloads.
import { describe, expect, it } from 'vitest';
import {
  actionFromText,
  actionToText,
  OPTIONS_HEADING,
  presentReplies,
  typedOption,
} from '../../../src/channels/shared/index.js';
import { actions, parseAction } from '../../../src/conversation/actions.js';
import type { OutgoingReply } from '../../../src/conversation/types.js';

const reply = (text: string, labels: string[]): OutgoingReply => ({
  text,
  quickReplies: labels.map((label, i) => ({
    label,
    action: `intent:${['ask', 'track', 'human', 'help', 'privacy', 'erase', 'petition'][i]}`,
  })),
  attachments: [],
});

describe('presentReplies', () => {
  it('numbers every option, across the replies of a batch, when the channel numbers always', () => {
    const { replies, numbered } = presentReplies(
      [reply('Câu trả lời', ['👍', '👎']), reply('Tiếp?', ['Hỏi', 'Tra cứu'])],
      {
        textLimit: 2000,
        maxButtons: 5,
        numbersOptions: 'always',
        sharesLocation: true,
      },
    );
    expect(replies[0]?.text).toBe(`Câu trả lời\n${OPTIONS_HEADING}\n1. 👍\n2. 👎`);
    expect(replies[1]?.text).toBe(`Tiếp?\n${OPTIONS_HEADING}\n3. Hỏi\n4. Tra cứu`);
    expect(numbered.map((q) => q.label)).toEqual(['👍', '👎', 'Hỏi', 'Tra cứu']);
    expect(replies[1]?.buttons.map((b) => b.label)).toEqual(['Hỏi', 'Tra cứu']);
  });

  it('keeps to the button limit and numbers only the replies that overflow it', () => {
    const caps = { textLimit: 4096, maxButtons: 3, numbersOptions: 'overflow' as const, sharesLocation: true };
    const { replies, numbered } = presentReplies(
      [reply('Ít', ['a', 'b']), reply('Nhiều', ['a', 'b', 'c', 'd', 'e'])],
      caps,
    );
    expect(replies[0]?.text).toBe('Ít');
    expect(replies[1]?.buttons).toHaveLength(3);
    expect(replies[1]?.text.split('\n').slice(-5)).toEqual(['1. a', '2. b', '3. c', '4. d', '5. e']);
    expect(numbered).toHaveLength(5);
  });

  it('never numbers for a channel that shows every button', () => {
    const { replies, numbered } = presentReplies([reply('x', ['a', 'b'])], {
      textLimit: 10,
      maxButtons: 100,
      numbersOptions: 'never',
      sharesLocation: false,
    });
    expect(replies[0]?.text).toBe('x');
    expect(numbered).toEqual([]);
  });
});

describe('typedOption', () => {
  const shown = presentReplies([reply('Chọn', ['Hỏi', 'Tra cứu', 'Cán bộ'])], {
    textLimit: 2000,
    maxButtons: 0,
    numbersOptions: 'always',
    sharesLocation: false,
  }).numbered;
  it.each(['2', ' 2 ', '2.', '(2)', 'số 2', 'Số 2'])('reads %j as the second option', (typed) => {
    expect(typedOption(typed, shown)?.label).toBe('Tra cứu');
  });
  it.each(['4', '0', '2 con', 'hai', '12345', ''])('reads %j as no option', (typed) => {
    expect(typedOption(typed, shown)).toBeUndefined();
  });
});

describe('button payloads sent back as text', () => {
  it('round-trips every kind of action and leaves typed text alone', () => {
    for (const action of [
      actions.intent('ask'),
      actions.choice('complaint-intake', 'kind', 'petition'),
      'tk:res:ABC123',
      'cancel',
    ]) {
      expect(actionFromText(actionToText(action))).toBe(action);
      expect(parseAction(actionFromText(actionToText(action)) ?? '', new Set(['tk'])).type).not.toBe('unknown');
    }
    expect(actionFromText('intent:ask là gì?')).toBeUndefined();
    expect(actionFromText('Thủ tục khai sinh')).toBeUndefined();
    expect(actionFromText(actionToText('x'.repeat(80)))).toBeUndefined();
  });
});
