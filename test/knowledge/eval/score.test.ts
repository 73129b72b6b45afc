import { describe, expect, it } from 'vitest';
import {
  hasAllFacts,
  hashSplit,
  normalizeFact,
  parseQuestions,
  scoreRun,
  selectSplit,
} from '../../../src/knowledge/eval/index.js';
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

  it('counts a clarifying question that offers the gold as a hit, and reports its rate and the answer lengths', () => {
    const report = scoreRun(questions, [
      outcome('a', ['Q', 'X'], false, '12345'),
      { ...outcome('b', ['Q', 'Y'], false, 'Bạn làm lần đầu hay cấp lại?'), clarifyOptions: ['Q', 'Y'] },
      { ...outcome('c', ['Q'], false, 'Bạn hỏi thủ tục nào?'), clarifyOptions: ['Q', 'R'] },
      outcome('d', [], true, 'Xin lỗi, chưa tìm thấy'),
      outcome('e', ['Q'], false, '1234567890'),
    ]);
    // b's gold Y is among the options: rank 0; c's gold W is not offered: a miss
    expect(report.recall_at_1).toBe(0.333);
    expect(report.clarification_rate).toBe(0.4);
    // only the answers given count: a (5 characters) and e (10)
    expect(report.answer_chars).toEqual({ p50: 5, p90: 10 });
    expect(report.by_style.formal).toMatchObject({ clarified: 1 });
    expect(report.questions[1]).toMatchObject({ id: 'b', clarify_options: ['Q', 'Y'] });
  });

  it('splits a set once into tune and held-out halves by a hash of the id', () => {
    expect(hashSplit('r2-001')).toBe(hashSplit('r2-001'));
    const ids = Array.from({ length: 400 }, (_, i) => `q-${i}`);
    const tune = ids.filter((id) => hashSplit(id) === 'tune').length;
    expect(tune).toBeGreaterThan(160);
    expect(tune).toBeLessThan(240);
    const set = parseQuestions(ids.map((id) => JSON.stringify({ id, question: id })).join('\n'));
    const a = selectSplit(set, 'tune');
    const b = selectSplit(set, 'heldout');
    expect(a.length + b.length).toBe(400);
    expect(a.some((q) => b.includes(q))).toBe(false);
    // a question's own split field wins; other names select on it
    const labelled = parseQuestions(
      '{"id":"x","question":"x","split":"dev"}\n{"id":"y","question":"y","split":"test"}',
    );
    expect(selectSplit(labelled, 'dev').map((q) => q.id)).toEqual(['x']);
    expect(selectSplit(labelled, 'tune')).toEqual([]);
  });
});
