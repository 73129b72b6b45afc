import { describe, expect, it } from 'vitest';
import { hasAllFacts, normalizeFact, parseQuestions, scoreRun } from '../../../src/knowledge/eval/index.js';
import type { EvalOutcome } from '../../../src/knowledge/eval/score.js';
import { isAppError } from '../../../src/shared/errors.js';

const questions = parseQuestions(
  [
    '{"id":"a","question":"q1","gold":["X"],"expect":["20,000 đồng"],"aspect":"le_phi","style":"formal"}',
    '{"id":"b","question":"q2","gold":["Y","Z"],"expect":["7 Ngày làm việc"],"aspect":"thoi_han","style":"no_diacritics"}',
    '{"id":"c","question":"q3","gold":["W"],"expect":[],"aspect":"ho_so","style":"formal"}',
    '{"id":"d","question":"q4","gold":[],"expect":[],"aspect":"none","style":"colloquial"}',
    '{"id":"e","question":"q5","gold":[],"expect":[],"aspect":"none","style":"colloquial"}',
  ].join('\n'),
);

const outcome = (id: string, codes: string[], abstained: boolean, answer: string, latencyMs = 1): EvalOutcome => ({
  id,
  codes,
  abstained,
  answer,
  latencyMs,
});

describe('eval scoring', () => {
  it('normalises whitespace, case, tone placement and number formats before comparing facts', () => {
    expect(normalizeFact('  20,000   Đồng ')).toBe(normalizeFact('20.000 đồng'));
    expect(hasAllFacts('Lệ phí: 20.000 ĐỒNG/lần; thời hạn 7  ngày làm việc', ['20,000 đồng', '7 Ngày làm việc'])).toBe(
      true,
    );
    expect(hasAllFacts('Hoà giải', ['hòa giải'])).toBe(true);
    expect(hasAllFacts('20.000 đồng', ['20,000 đồng', '7 ngày'])).toBe(false);
  });

  it('computes recall@k, MRR@10, abstention precision/recall and fact rate', () => {
    const report = scoreRun(questions, [
      outcome('a', ['X', 'Q'], false, 'phí 20.000 đồng', 2),
      outcome('b', ['Q', 'R', 'Z'], false, 'không rõ', 4),
      outcome('c', ['Q', 'R', 'S', 'T', 'U', 'V'], true, 'Xin lỗi', 8),
      outcome('d', ['Q'], true, 'Xin lỗi', 16),
      outcome('e', ['Q'], false, 'trả lời nhầm', 32),
    ]);
    expect(report.n).toBe(5);
    expect(report.recall_at_1).toBe(0.333);
    expect(report.recall_at_5).toBe(0.667);
    expect(report.recall_at_10).toBe(0.667);
    expect(report.mrr_at_10).toBe(Math.round(((1 + 1 / 3) / 3) * 1000) / 1000);
    expect(report.abstain_precision).toBe(0.5);
    expect(report.abstain_recall).toBe(0.5);
    // only answerable questions with expect facts count: a (yes), b (no)
    expect(report.fact_rate).toBe(0.5);
    expect(report.latency_ms).toEqual({ p50: 8, p95: 32 });
    expect(report.by_style.formal).toMatchObject({ n: 2, answerable: 2, recall_at_1: 0.5 });
    expect(report.by_aspect.none).toMatchObject({ n: 2, answerable: 0, recall_at_1: null, abstained: 1 });
    expect(report.questions[1]).toEqual({ id: 'b', codes: ['Q', 'R', 'Z'], abstained: false, answer: 'không rõ' });
  });

  it('reports null for a ratio with nothing to count', () => {
    const report = scoreRun(questions.slice(0, 1), [outcome('a', [], false, '')]);
    expect(report.abstain_precision).toBeNull();
    expect(report.abstain_recall).toBeNull();
  });

  it('names the line of a broken question file in Vietnamese', () => {
    try {
      parseQuestions('{"id":"a","question":"x"}\n{not json}\n', 'q.jsonl');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT')).toBe(true);
      expect((error as { userMessage: string }).userMessage).toBe('Tệp q.jsonl, dòng 2: không phải JSON hợp lệ.');
    }
    expect(() => parseQuestions('{"question":"x"}')).toThrow(/invalid question/);
  });
});
