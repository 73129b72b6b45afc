// answerQuestion and variants of one procedure: the question asked back, the variant the question's words choose,
// a follow-up on the chosen one, and asking back switched off.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { answerQuestion } from '../../../src/knowledge/index.js';
import { openVariantKnowledge } from '../../support/variant-records.js';

describe('answerQuestion over variants of one procedure', () => {
  let knowledge: Awaited<ReturnType<typeof openVariantKnowledge>>;
  const ask = (question: string, extra: { focusCode?: string; clarify?: boolean } = {}) =>
    answerQuestion({ question, retriever: knowledge.retriever, writer: knowledge.writer, ...extra });
  beforeAll(async () => {
    knowledge = await openVariantKnowledge();
  });
  afterAll(async () => knowledge?.close());

  const QUESTION = 'Lệ phí giấy phép vận tải qua biên giới là bao nhiêu?';

  test('a question naming neither variant is asked back; the text names the options for callers without buttons', async () => {
    const answer = await ask(QUESTION);
    expect(answer.clarify).toEqual({
      question: 'Bạn làm lần đầu hay cấp lại?',
      options: [
        { code: '1.004261', label: 'Lần đầu' },
        { code: '1.004259', label: 'Cấp lại' },
      ],
    });
    expect(answer.abstained).toBe(false);
    expect(answer.text.split('\n')).toEqual([
      'Bạn làm lần đầu hay cấp lại?',
      '1. Lần đầu: Cấp mới Giấy phép vận tải qua biên giới (mã 1.004261)',
      '2. Cấp lại: Cấp lại Giấy phép vận tải qua biên giới (mã 1.004259)',
    ]);
    expect(answer.docCodes.slice(0, 2).sort()).toEqual(['1.004259', '1.004261']);
  });

  test('the chosen variant (focus) and asking back switched off both get an answer with the fee', async () => {
    const chosen = await ask(QUESTION, { focusCode: '1.004259' });
    expect(chosen.clarify).toBeUndefined();
    expect(chosen.text).toContain('50.000 đồng');
    const plain = await ask(QUESTION, { clarify: false });
    expect(plain.clarify).toBeUndefined();
    expect(plain.text).toMatch(/Lệ phí : (200|50)\.000 đồng/);
  });

  test('"lần đầu" chooses the first issuance even when the reissue ranks first; "bị mất" the reissue', async () => {
    const question = 'xin giay phep van tai qua bien gioi lan dau le phi bao nhieu';
    const ranked = await knowledge.retriever.retrieve(question, { k: 30 });
    expect(ranked.passages[0]?.code).toBe('1.004259');
    const first = await ask(question);
    expect(first.clarify).toBeUndefined();
    expect(first.docCodes.slice(0, 2)).toEqual(['1.004261', '1.004259']);
    expect(first.text).toContain('200.000 đồng');

    const lost = await ask('Giấy phép vận tải qua biên giới bị mất, lệ phí bao nhiêu?');
    expect(lost.clarify).toBeUndefined();
    expect(lost.docCodes[0]).toBe('1.004259');
    expect(lost.text).toContain('50.000 đồng');
  });
});
