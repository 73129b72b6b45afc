// `tiepdan eval --intents [tệp.jsonl] [--split tune|heldout] [--json]`: the intent classifier on labelled messages.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  createRuleClassifier,
  evaluateIntents,
  type IntentEvalReport,
  type IntentSplit,
  parseLabelledMessages,
  type SplitScore,
} from '../../conversation/index.js';
import { AppError } from '../../shared/errors.js';
import { type CliContext, print, printJson } from '../context.js';

/** The labelled set shipped with the project, used when `--intents` names no file. */
export const DEFAULT_INTENTS_FILE = fileURLToPath(new URL('../../../bench/data/intents.jsonl', import.meta.url));

const pct = (value: number | null) => (value === null ? '   —  ' : `${(value * 100).toFixed(1).padStart(5)}%`);

function printScore(title: string, s: SplitScore): void {
  print(`${title}: ${s.n} tin nhắn, đúng ${s.correct} — độ chính xác ${pct(s.accuracy).trim()}`);
  if (s.n === 0) return;
  print('  ý định            số tin  đoán ra  đúng   precision  recall');
  for (const [label, l] of Object.entries(s.by_intent)) {
    if (l.count === 0 && l.predicted === 0) continue;
    print(
      `  ${label.padEnd(17)}${String(l.count).padStart(6)}${String(l.predicted).padStart(9)}${String(l.correct).padStart(6)}   ${pct(l.precision)}    ${pct(l.recall)}`,
    );
  }
  if (s.kind.n > 0)
    print(
      `  loại đơn (phản ánh / khiếu nại / tố cáo) đúng: ${s.kind.correct}/${s.kind.n} (${pct(s.kind.accuracy).trim()})`,
    );
}

function printReport(report: IntentEvalReport, split: IntentSplit | undefined): void {
  if (split) printScore(split === 'tune' ? 'Nửa tune' : 'Nửa heldout (giữ lại)', report.all);
  else {
    printScore('Tất cả', report.all);
    print();
    printScore('Nửa tune (dùng để chỉnh luật)', report.tune);
    print();
    printScore('Nửa heldout (giữ lại, không dùng để chỉnh)', report.heldout);
  }
  if (report.confusion.length > 0) {
    print();
    print('Nhầm lẫn (nhãn đúng → kết quả: số tin):');
    for (const c of report.confusion) print(`  ${c.expected} → ${c.got}: ${c.count} (${c.ids.join(', ')})`);
  }
  print();
  print(`Phân loại sai (${report.misclassified.length}):`);
  for (const m of report.misclassified) {
    const expected = m.expected_kind ? `${m.expected}/${m.expected_kind}` : m.expected;
    const got = m.got_kind ? `${m.got}/${m.got_kind}` : m.got;
    print(
      `  ${m.id} [${m.split}] cần ${expected}, ra ${got}: ${m.text.length > 90 ? `${m.text.slice(0, 89)}…` : m.text}`,
    );
  }
}

export async function runIntentEval(
  context: CliContext,
  options: { file: string | undefined; split: string | undefined; json: boolean | undefined },
): Promise<void> {
  if (options.split !== undefined && options.split !== 'tune' && options.split !== 'heldout')
    throw new AppError('BAD_INPUT', `bad split ${options.split}`, {
      userMessage: `--split với --intents chỉ nhận "tune" hoặc "heldout" (nhận được "${options.split}").`,
    });
  const file = options.file ? context.resolvePath(options.file) : DEFAULT_INTENTS_FILE;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('BAD_INPUT', `cannot read ${file}: ${(error as Error).message}`, {
      userMessage: `Không đọc được tệp ${options.file ?? file}.`,
    });
  }
  const { messages, errors } = parseLabelledMessages(text);
  if (errors.length > 0)
    throw new AppError('BAD_INPUT', 'bad intent set', {
      userMessage: `Tệp ${options.file ?? file} có dòng sai:\n${errors.slice(0, 20).join('\n')}`,
    });
  if (messages.length === 0)
    throw new AppError('BAD_INPUT', 'empty intent set', {
      userMessage: `Tệp ${options.file ?? file} không có tin nhắn nào.`,
    });
  const split = options.split as IntentSplit | undefined;
  const report = await evaluateIntents({ messages, classifier: createRuleClassifier(), split });
  if (options.json) printJson(report);
  else printReport(report, split);
}
