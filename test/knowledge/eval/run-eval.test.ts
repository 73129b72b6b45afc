// runEval: a clarifying question is followed by the resident's pick, and the fact is looked for in that answer.
import { describe, expect, it } from 'vitest';
import type { EvalQuestion } from '../../../src/knowledge/eval/questions.js';
import { runEval } from '../../../src/knowledge/eval/run-eval.js';
import type { Answer } from '../../../src/knowledge/types.js';

const question: EvalQuestion = {
  id: 'q1',
  question: 'làm giấy phép lái xe hết bao nhiêu tiền',
  gold: ['B'],
  expect: ['135.000 đồng'],
  aspect: 'fee',
  style: 'colloquial',
};

const base: Omit<Answer, 'text' | 'docCodes'> = { abstained: false, aspect: 'le_phi', sources: [] };

describe('runEval', () => {
  it('asks again about the offered gold variant after a clarification and scores the fact in that answer', async () => {
    const asked: Array<string | undefined> = [];
    const ask = async (q: string, options?: { focusCode?: string | undefined }): Promise<Answer> => {
      asked.push(options?.focusCode);
      if (options?.focusCode === 'B') return { ...base, text: 'Lệ phí: 135.000 đồng.', docCodes: ['B'] };
      return {
        ...base,
        text: `${q}? Bạn làm lần đầu hay cấp lại?`,
        docCodes: ['A', 'B'],
        clarify: {
          question: 'Bạn làm lần đầu hay cấp lại?',
          options: [
            { code: 'A', label: 'lần đầu' },
            { code: 'B', label: 'cấp lại' },
          ],
        },
      };
    };
    const { report, outcomes } = await runEval({ questions: [question], ask });
    expect(asked).toEqual([undefined, 'B']);
    expect(outcomes[0]?.followUpAnswer).toBe('Lệ phí: 135.000 đồng.');
    expect(report.fact_rate).toBe(1);
    expect(report.clarification_rate).toBe(1);
    expect(report.recall_at_1).toBe(1);
  });

  it('does not follow up when the gold is not among the options: the fact is then missing', async () => {
    const ask = async (): Promise<Answer> => ({
      ...base,
      text: 'Bạn làm lần đầu hay cấp lại?',
      docCodes: ['A', 'C'],
      clarify: {
        question: 'Bạn làm lần đầu hay cấp lại?',
        options: [
          { code: 'A', label: 'lần đầu' },
          { code: 'C', label: 'cấp lại' },
        ],
      },
    });
    const { report, outcomes } = await runEval({ questions: [question], ask });
    expect(outcomes[0]?.followUpAnswer).toBeUndefined();
    expect(report.fact_rate).toBe(0);
  });
});
