// `tiepdan eval --intents` end to end in a child process: the labelled set shipped with the project, a set of one's
// own, the tune/held-out split by a hash of the id, and the errors a staff member may meet.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitOf } from '../../src/conversation/index.js';
import { createDataDir, tiepdan } from './run-cli.js';

interface Score {
  n: number;
  correct: number;
  accuracy: number | null;
  by_intent: Record<
    string,
    { count: number; predicted: number; correct: number; precision: number | null; recall: number | null }
  >;
}
interface Report {
  n: number;
  accuracy: number | null;
  confusion: Array<{ expected: string; got: string; count: number; ids: string[] }>;
  all: Score;
  tune: Score;
  heldout: Score;
  misclassified: Array<{ id: string; split: string; expected: string; got: string }>;
}

let dataDir: string;
let workDir: string;

beforeAll(async () => {
  dataDir = await createDataDir('tiepdan-eval-intents-');
  workDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-intents-'));
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('tiepdan eval --intents', () => {
  it('measures the shipped set per intent, on both halves, and keeps the held-out accuracy', async () => {
    const result = await tiepdan(dataDir, 'eval', '--intents', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.n).toBeGreaterThanOrEqual(150);
    expect(report.tune.n + report.heldout.n).toBe(report.n);
    // about half each, chosen by the hash, not by hand
    expect(Math.abs(report.tune.n - report.heldout.n)).toBeLessThan(report.n / 5);
    for (const label of ['ask', 'intake', 'ask+intake', 'track', 'dispute', 'human', 'help', 'greeting', 'thanks'])
      expect(report.all.by_intent[label]?.count).toBeGreaterThan(0);
    for (const m of report.misclassified) expect(m.split).toBe(splitOf(m.id));
    // the classifier was tuned on the tune half only: the held-out half is the honest figure, and it must not regress
    expect(report.heldout.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.heldout.by_intent.intake?.recall).toBeGreaterThanOrEqual(0.8);
    expect(report.heldout.by_intent['ask+intake']?.recall).toBeGreaterThanOrEqual(0.75);
  });

  it('reads a set of one’s own, filters a half, and lists what it got wrong', async () => {
    const rows = [
      {
        id: 'x-1',
        text: 'Tôi nộp hồ sơ cấp sổ đỏ từ tháng 6 đến giờ chưa ai trả lời là sao?',
        intent: 'intake',
        kind: 'petition',
      },
      { id: 'x-2', text: 'Mẫu đơn khiếu nại lấy ở đâu?', intent: 'ask' },
      { id: 'x-3', text: 'Xin chào', intent: 'thanks' },
      { id: 'x-4', text: 'cam on nhe', intent: 'thanks' },
      { id: 'x-5', text: 'huy', intent: 'cancel' },
      { id: 'x-6', text: 'Lệ phí khai sinh bao nhiêu?', intent: 'ask' },
    ];
    const file = path.join(workDir, 'own.jsonl');
    await writeFile(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const all = JSON.parse((await tiepdan(dataDir, 'eval', '--intents', file, '--json')).stdout) as Report;
    expect(all.n).toBe(6);
    expect(all.all.correct).toBe(5);
    expect(all.misclassified).toEqual([expect.objectContaining({ id: 'x-3', expected: 'thanks', got: 'greeting' })]);
    expect(all.accuracy).toBeCloseTo(5 / 6);
    expect(all.confusion).toEqual([{ expected: 'thanks', got: 'greeting', count: 1, ids: ['x-3'] }]);
    expect(all.all.by_intent.thanks).toMatchObject({ count: 2, predicted: 1, correct: 1, precision: 1, recall: 0.5 });

    const half = rows.filter((r) => splitOf(r.id) === 'heldout').length;
    const text = await tiepdan(dataDir, 'eval', '--intents', file, '--split', 'heldout');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Nửa heldout (giữ lại): ${half} tin nhắn`);
  });

  it('refuses a split that is not tune or heldout, and names a bad line', async () => {
    const badSplit = await tiepdan(dataDir, 'eval', '--intents', '--split', 'dev');
    expect(badSplit.code).not.toBe(0);
    expect(badSplit.stderr).toContain('chỉ nhận "tune" hoặc "heldout"');
    const file = path.join(workDir, 'bad.jsonl');
    await writeFile(file, '{"id":"a","text":"x","intent":"ask"}\n{"id":"b","text":"y","intent":"maybe"}\nnot json\n');
    const bad = await tiepdan(dataDir, 'eval', '--intents', file);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('dòng 2');
    expect(bad.stderr).toContain('dòng 3: không phải JSON');
  });
});
