// `tiepdan ask "<câu hỏi>"`: answers one question from the configured knowledge base, as the bot would.
import type { Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../../config/index.js';
import type { Database } from '../../db/index.js';
import { createPrismaKnowledgeStore } from '../../db/stores/knowledge-store.js';
import {
  type Answer,
  answerQuestion,
  type KnowledgeSearch,
  type KnowledgeStore,
  openInProcessAnswering,
  type Retriever,
  warmUpAnswering,
} from '../../knowledge/index.js';
import type { AnswerWriter } from '../../knowledge/types.js';
import { createLogger } from '../../shared/logger.js';
import { type CliContext, print, printErr, printJson } from '../context.js';

/** Everything a command needs to answer questions the way the bot does. */
export interface Answering {
  search: KnowledgeSearch;
  retriever: Retriever;
  writer: AnswerWriter;
  ask(question: string, focusCode?: string): Promise<Answer>;
}

/**
 * Builds the bot's answering path over a knowledge store: lexical search (snapshot under `dataDir` when
 * given), extractive writer, and the optional AI layer the settings select.
 */
export async function openAnswering(input: {
  config: Config;
  store: KnowledgeStore;
  db?: Database | undefined;
  dataDir?: string | undefined;
  /** Warm the answer path up first (eval: so latencies are the steady state a running service has). */
  warmUp?: boolean | undefined;
}): Promise<Answering> {
  const { config, store } = input;
  const logger = createLogger({ level: 'warn' });
  const { search, ai } = await openInProcessAnswering({ config, store, dataDir: input.dataDir, logger, db: input.db });
  await ai.sync?.();
  const ask = (question: string, focusCode?: string) =>
    answerQuestion({
      question,
      focusCode,
      retriever: ai.retriever,
      writer: ai.writer,
      addressForm: config.addressForm,
    });
  // only the model-free path is warmed up: warming an LLM endpoint would cost real requests
  if (input.warmUp && config.answerMode === 'extractive' && config.retrievalMode === 'lexical')
    await warmUpAnswering({ ask: (q) => ask(q) }, search.retriever.warmUpQuestions());
  return { search, retriever: ai.retriever, writer: ai.writer, ask };
}

/**
 * Opens the configured database (or the running service's, when the command was forwarded to it) and its
 * knowledge store for one command.
 */
export async function withConfiguredKnowledge<T>(
  context: CliContext,
  fn: (answering: Answering, store: KnowledgeStore) => Promise<T>,
  options: { warmUp?: boolean } = {},
): Promise<T> {
  const config = context.config();
  const db = await context.openDatabase();
  try {
    const store = createPrismaKnowledgeStore({ prisma: db.prisma });
    if ((await store.countDocuments()) === 0)
      printErr('Cơ sở tri thức đang trống. Thêm tài liệu bằng: tiepdan kb add knowledge/');
    const answering = await openAnswering({ config, store, db, dataDir: config.dataDir, warmUp: options.warmUp });
    return await fn(answering, store);
  } finally {
    await db.close();
  }
}

const questionArgument = z.string({ error: 'Thiếu câu hỏi.' });

/** Human-readable form of an answer: the text, then the sources. */
export function formatAnswer(answer: Answer): string {
  const lines = [answer.text];
  if (answer.sources.length > 0) {
    lines.push('', 'Nguồn tham khảo:');
    const seen = new Set<string>();
    for (const s of answer.sources) {
      const key = `${s.code}|${s.section ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(`  - ${s.title} (${s.code})${s.section ? ` — ${s.section}` : ''}${s.url ? ` ${s.url}` : ''}`);
    }
  }
  return lines.join('\n');
}

export function registerAskCommand(program: Command, context: CliContext): void {
  program
    .command('ask')
    .description('Trả lời một câu hỏi từ cơ sở tri thức, như bot trả lời người dân')
    .argument('<câu-hỏi>', 'câu hỏi, ví dụ "Đăng ký tạm trú cần giấy tờ gì?"')
    .option('--json', 'in kết quả dạng JSON')
    .option('--focus <mã>', 'hỏi tiếp về một thủ tục/văn bản (mã thủ tục hoặc số hiệu)')
    .action(async (raw: unknown, options: { json?: boolean; focus?: string }) => {
      const question = questionArgument.parse(raw);
      await withConfiguredKnowledge(context, async (answering) => {
        const answer = await answering.ask(question, options.focus);
        if (options.json) printJson(answer);
        else print(formatAnswer(answer));
      });
    });
}
