// `tiepdan search "<câu hỏi>"`: shows the ranked passages the lexical search finds (for staff checking the KB).
import type { Command } from 'commander';
import { z } from 'zod';
import { MAX_QUESTION_CHARS } from '../../knowledge/index.js';
import type { LexicalRetrievalResult } from '../../knowledge/search/index.js';
import { AppError } from '../../shared/errors.js';
import { type CliContext, print, printJson } from '../context.js';
import { withConfiguredKnowledge } from './ask.js';

const optionsSchema = z.object({
  json: z.boolean().optional(),
  k: z.coerce
    .number({ error: '--k phải là số' })
    .int('--k phải là số nguyên')
    .min(1, '--k phải từ 1 trở lên')
    .max(100, '--k tối đa là 100')
    .default(10),
});

function snippet(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function toJson(question: string, result: LexicalRetrievalResult) {
  return {
    question,
    abstained: result.abstained,
    relevance: Math.round(result.relevance * 1000) / 1000,
    aspect: result.aspect,
    aspects: result.aspects,
    levels: result.levels,
    passages: result.passages.map((p, i) => ({
      rank: i + 1,
      code: p.code,
      title: p.title,
      kind: p.kind,
      level: p.level ?? null,
      section: p.section,
      aspect: p.aspect,
      url: p.url ?? null,
      score: Math.round(p.score * 1000) / 1000,
      text: p.text,
    })),
  };
}

export function registerSearchCommand(program: Command, context: CliContext): void {
  program
    .command('search')
    .description('Liệt kê các đoạn tài liệu tìm được cho một câu hỏi, theo thứ tự điểm')
    .argument('<câu-hỏi>', 'câu hỏi hoặc từ khóa')
    .option('--json', 'in kết quả dạng JSON')
    .option('--k <số>', 'số đoạn tối đa (mặc định 10)')
    .action(async (question: string, raw: unknown) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success)
        throw new AppError('BAD_INPUT', parsed.error.message, {
          userMessage: parsed.error.issues.map((i) => i.message).join('; '),
        });
      const options = parsed.data;
      if (question.length > MAX_QUESTION_CHARS)
        throw new AppError('BAD_INPUT', 'question too long', {
          userMessage: `Câu hỏi quá dài (tối đa ${MAX_QUESTION_CHARS.toLocaleString('vi-VN')} ký tự). Vui lòng rút gọn.`,
        });
      await withConfiguredKnowledge(context, async (answering) => {
        const result = answering.search.retriever.retrieveSync(question, { k: options.k });
        if (options.json) {
          printJson(toJson(question, result));
          return;
        }
        if (result.passages.length === 0) {
          print('Không tìm thấy đoạn tài liệu nào khớp với câu hỏi.');
          return;
        }
        print(
          `Khía cạnh hỏi: ${result.aspects.join(', ') || 'không rõ'} · độ liên quan ${result.relevance.toFixed(3)}${result.abstained ? ' (dưới ngưỡng: bot sẽ trả lời là chưa tìm thấy)' : ''}`,
        );
        result.passages.forEach((p, i) => {
          print(`${String(i + 1).padStart(2)}. [${p.score.toFixed(2)}] ${p.code} — ${p.title}`);
          print(`    ${p.section} (${p.aspect}): ${snippet(p.text)}`);
        });
      });
    });
}
