// `tiepdan eval --questions <file.jsonl> [--kb <path>]… [--split tune|heldout|<name>] [--json]`: measures retrieval and
// answers on a question set, through the same path as the bot. `tiepdan eval --intents`: the intent classifier.
// `tiepdan eval --faq`: whether the bot now answers, from each FAQ entry, the question staff answered (and paraphrases).
import type { Command } from 'commander';
import { z } from 'zod';
import { openDatabase } from '../../db/index.js';
import { createPrismaKnowledgeStore } from '../../db/stores/knowledge-store.js';
import type { GroupScore } from '../../knowledge/eval/index.js';
import { addDocuments, type EvalReport, readQuestions, runEval, selectSplit } from '../../knowledge/index.js';
import { evaluateFaq, type FaqEvalReport, listFaq } from '../../questions/index.js';
import { AppError } from '../../shared/errors.js';
import { type CliContext, print, printErr, printJson } from '../context.js';
import { type Answering, openAnswering, withConfiguredKnowledge } from './ask.js';
import { runIntentEval } from './eval-intents.js';

const MISSING_SET = 'Thiếu --questions <tệp.jsonl> (hoặc --intents để đo phân loại ý định).';
const optionsSchema = z.object({
  questions: z.string({ error: MISSING_SET }).min(1, MISSING_SET),
  kb: z.array(z.string().min(1)).default([]),
  split: z.string().optional(),
  json: z.boolean().optional(),
  stripDiacritics: z.boolean().optional(),
});

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const fmt = (value: number | null) => (value === null ? '—' : value.toFixed(3));

function printGroups(title: string, groups: Record<string, GroupScore>): void {
  print(title);
  print('  nhóm                    n   R@1    R@5    MRR@10  fact   từ chối');
  for (const [name, g] of Object.entries(groups)) {
    print(
      `  ${name.padEnd(22)}${String(g.n).padStart(3)}  ${fmt(g.recall_at_1)}  ${fmt(g.recall_at_5)}  ${fmt(g.mrr_at_10)}   ${fmt(g.fact_rate)}  ${g.abstained}`,
    );
  }
}

function printReport(report: EvalReport): void {
  const answerable = Object.values(report.by_style).reduce((n, g) => n + g.answerable, 0);
  print(`Số câu hỏi: ${report.n} (${answerable} có đáp án, ${report.n - answerable} cần trả lời "chưa tìm thấy")`);
  print(
    `R@1 ${fmt(report.recall_at_1)} · R@5 ${fmt(report.recall_at_5)} · R@10 ${fmt(report.recall_at_10)} · MRR@10 ${fmt(report.mrr_at_10)}`,
  );
  print(`Từ chối trả lời: precision ${fmt(report.abstain_precision)} · recall ${fmt(report.abstain_recall)}`);
  print(`Tỉ lệ câu trả lời chứa đủ dữ kiện (fact_rate): ${fmt(report.fact_rate)}`);
  print(`Hỏi lại để làm rõ (clarification_rate): ${fmt(report.clarification_rate)}`);
  print(`Độ dài câu trả lời: p50 ${report.answer_chars.p50} · p90 ${report.answer_chars.p90} ký tự`);
  print(`Độ trễ mỗi câu: p50 ${report.latency_ms.p50} ms · p95 ${report.latency_ms.p95} ms`);
  printGroups('Theo kiểu câu hỏi:', report.by_style);
  printGroups('Theo khía cạnh hỏi:', report.by_aspect);
}

/** Progress on stderr, about every 10 %. */
function progress(label: string) {
  let last = -1;
  return (done: number, total: number) => {
    const decile = Math.floor((done / Math.max(1, total)) * 10);
    if (decile > last) {
      last = decile;
      printErr(`${label}: ${done}/${total}`);
    }
  };
}

function printFaqReport(report: FaqEvalReport): void {
  if (report.entries === 0) {
    print('Chưa có câu trả lời mẫu nào (đánh dấu "dùng làm câu trả lời mẫu" khi trả lời ở /admin/cau-hoi).');
    return;
  }
  print(`Câu trả lời mẫu: ${report.entries} · câu hỏi đã hỏi (nguyên văn và diễn đạt lại): ${report.asked}`);
  print(`Bot trả lời bằng đúng câu trả lời mẫu: ${report.answeredFromFaq}/${report.asked} (${fmt(report.rate)})`);
  for (const [kind, k] of Object.entries(report.byKind)) print(`  ${kind.padEnd(12)} ${k.answered}/${k.asked}`);
  for (const row of report.rows) {
    const hits = row.asked.filter((a) => a.answered).length;
    print(`${row.code}  ${hits}/${row.asked.length}  “${row.question}”`);
    for (const a of row.asked.filter((x) => !x.answered))
      print(`    ✗ ${a.kind}: “${a.text}” → ${a.gotCode ?? 'không trả lời'}`);
  }
}

export function registerEvalCommand(program: Command, context: CliContext): void {
  program
    .command('eval')
    .description(
      'Đo chất lượng tìm kiếm và trả lời trên một bộ câu hỏi (JSONL), theo đúng đường trả lời của bot; --intents: đo phân loại ý định',
    )
    .option('--questions <tệp>', 'tệp câu hỏi JSONL (id, question, gold, expect, aspect, style, split)')
    .option(
      '--kb <đường-dẫn>',
      'tài liệu cho một cơ sở tri thức tạm trong bộ nhớ (lặp lại được); không có thì dùng cơ sở dữ liệu đã cấu hình',
      collect,
    )
    .option(
      '--intents [tệp]',
      'đo bộ phân loại ý định trên các tin nhắn có nhãn (JSONL: id, text, intent, kind); mặc định bench/data/intents.jsonl',
    )
    .option(
      '--split <tên>',
      'tune hoặc heldout: một nửa bộ câu hỏi (hoặc tin nhắn với --intents), chia cố định theo băm của id; tên khác: các câu có trường split bằng tên này (ví dụ dev, test)',
    )
    .option(
      '--faq',
      'đo các câu trả lời mẫu (cán bộ trả lời ở /admin/cau-hoi): hỏi lại từng câu hỏi, bỏ dấu, bớt một từ, đảo thứ tự, và đếm số câu bot trả lời bằng đúng câu trả lời mẫu đó',
    )
    .option('--json', 'in kết quả dạng JSON')
    .option('--strip-diacritics', 'bỏ dấu tiếng Việt của mọi câu hỏi trước khi hỏi (đo trường hợp gõ không dấu)')
    .action(async (raw: { intents?: string | boolean; faq?: boolean; split?: string; json?: boolean }) => {
      if (raw.faq) {
        await withConfiguredKnowledge(context, async (answering, store) => {
          const report = await evaluateFaq({ entries: await listFaq(store), ask: (q) => answering.ask(q) });
          if (raw.json) printJson(report);
          else printFaqReport(report);
        });
        return;
      }
      if (raw.intents !== undefined) {
        await runIntentEval(context, {
          file: typeof raw.intents === 'string' ? raw.intents : undefined,
          split: raw.split,
          json: raw.json,
        });
        return;
      }
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success)
        throw new AppError('BAD_INPUT', parsed.error.message, {
          userMessage: parsed.error.issues.map((i) => i.message).join('; '),
        });
      const options = parsed.data;
      let questions = await readQuestions(context.resolvePath(options.questions));
      if (options.split) questions = selectSplit(questions, options.split);
      if (questions.length === 0)
        throw new AppError('BAD_INPUT', 'no questions', {
          userMessage: options.split
            ? `Không có câu hỏi nào thuộc split "${options.split}" trong ${options.questions}.`
            : `Tệp ${options.questions} không có câu hỏi nào.`,
        });

      const evaluate = async (answering: Answering) => {
        const { report } = await runEval({
          questions,
          ask: (q, o) => answering.ask(q, o?.focusCode),
          stripDiacritics: options.stripDiacritics,
          onProgress: options.json ? undefined : progress('Câu hỏi'),
        });
        if (options.json) printJson(report);
        else printReport(report);
      };

      if (options.kb.length === 0) {
        await withConfiguredKnowledge(context, evaluate, { warmUp: true });
        return;
      }
      // A throw-away knowledge base: in-memory PGlite through the same store, importer and index as the bot.
      const config = context.config();
      const db = await openDatabase({ dataDir: 'memory://' });
      try {
        const store = createPrismaKnowledgeStore({ prisma: db.prisma });
        const imported = await addDocuments({
          store,
          paths: options.kb.map(context.resolvePath),
          root: context.resolvePath('.'),
          onProgress: options.json ? undefined : progress('Nạp tài liệu'),
        });
        for (const failure of imported.failed) printErr(`Bỏ qua ${failure.path}: ${failure.reason}`);
        if (imported.added + imported.updated + imported.unchanged === 0)
          throw new AppError('BAD_INPUT', 'empty knowledge base', {
            userMessage: `Không nạp được tài liệu nào từ ${options.kb.join(', ')}.`,
          });
        await evaluate(await openAnswering({ config, store, db, warmUp: true }));
      } finally {
        await db.close();
      }
    });
}
