// Asking back which variant is meant, through the engine with the real knowledge path (loader, lexical search,
// extractive answers) over a few hand-written records shaped like the national ones.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openVariantKnowledge } from '../support/variant-records.js';
import { button, createHarness, type Harness, textOf } from './harness.js';

describe('asking back which variant is meant', () => {
  let h: Harness;
  let knowledge: Awaited<ReturnType<typeof openVariantKnowledge>>;
  beforeAll(async () => {
    knowledge = await openVariantKnowledge();
    h = await createHarness({ answerer: knowledge.answerer });
  });
  afterAll(async () => {
    await h?.close();
    await knowledge?.close();
  });

  const QUESTION = 'Lệ phí giấy phép vận tải qua biên giới là bao nhiêu?';

  test('the bot asks once with a button per variant; the pressed one gets its own fee', async () => {
    const asked = await h.send('press', QUESTION);
    expect(asked[0]?.text).toBe('Bạn làm lần đầu hay cấp lại?');
    expect(asked[0]?.quickReplies.map((q) => q.label)).toEqual(['Lần đầu', 'Cấp lại', 'Hủy']);

    const again = await h.send('press', { action: button(asked, 'Cấp lại') });
    expect(textOf(again)).toContain('50.000 đồng');
    expect(textOf(again)).not.toContain('200.000 đồng');
    expect(textOf(again)).toContain('1.004259');
  });

  test('typing the option number or the variant word works too', async () => {
    await h.send('number', QUESTION);
    const first = await h.send('number', '1');
    expect(textOf(first)).toContain('200.000 đồng');
    expect(textOf(first)).toContain('1.004261');

    await h.send('word', QUESTION);
    const word = await h.send('word', 'cấp lại');
    expect(textOf(word)).toContain('50.000 đồng');

    await h.send('words', QUESTION);
    const sentence = await h.send('words', 'tôi làm lần đầu');
    expect(textOf(sentence)).toContain('200.000 đồng');
  });

  test('a resident who asks something else is answered normally; the same question again is not asked back', async () => {
    const asked = await h.send('other', QUESTION);
    expect(asked[0]?.text).toBe('Bạn làm lần đầu hay cấp lại?');
    const other = await h.send('other', 'Đăng ký khai sinh cần giấy tờ gì?');
    expect(textOf(other)).toContain('Tờ khai đăng ký khai sinh');
    expect(textOf(other)).not.toContain('lần đầu hay cấp lại');

    await h.send('repeat', QUESTION);
    const repeated = await h.send('repeat', QUESTION);
    expect(textOf(repeated)).not.toContain('lần đầu hay cấp lại');
    expect(textOf(repeated)).toMatch(/Lệ phí : (200|50)\.000 đồng/);
  });

  test('words that choose the variant: answered at once, no question', async () => {
    const lost = await h.send('lost', 'Giấy phép vận tải qua biên giới bị mất, lệ phí làm lại bao nhiêu?');
    expect(textOf(lost)).not.toContain('lần đầu hay cấp lại');
    expect(textOf(lost)).toContain('50.000 đồng');
  });
});
