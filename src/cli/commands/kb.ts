// `tiepdan kb add|list|remove|reindex|draft-aliases`: staff manage the knowledge base from the command line.
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Database } from '../../db/index.js';
import { createPrismaKnowledgeStore } from '../../db/stores/knowledge-store.js';
import {
  addDocuments,
  DRAFT_ALIASES_FILE,
  draftAliases,
  listDocuments,
  reindexKnowledge,
  removeDocument,
  SUPPORTED_EXTENSIONS,
} from '../../knowledge/ingest/index.js';
import type { IngestFailure, KnowledgeStore } from '../../knowledge/types.js';
import { AppError } from '../../shared/errors.js';
import { type CliContext, currentSink, print, printErr, printJson, setExitCode } from '../context.js';

/** Progress on stderr: a bar on a terminal, otherwise a plain line about every 10 %. */
function createProgress(
  label: string,
  unit = 'tệp',
): { update: (done: number, total: number) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | undefined;
  let lastDecile = -1;
  return {
    update(done, total) {
      if (total < 2) return;
      if (currentSink().isTTY) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | còn {eta}s`,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.setTotal(total);
        bar.update(done);
        return;
      }
      const decile = Math.floor((done / total) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        printErr(`${label}: ${done}/${total} ${unit} (${Math.round((done / total) * 100)}%)`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

async function withStore<T>(context: CliContext, fn: (store: KnowledgeStore) => Promise<T>): Promise<T> {
  const config = context.config();
  let database: Database;
  try {
    database = await context.openDatabase();
  } catch (error) {
    if (config.databaseUrl || !(error instanceof AppError)) throw error;
    // The embedded database serves one process at a time.
    throw new AppError('CONFLICT', error.message, {
      cause: error,
      userMessage:
        `${error.userMessage}\nNếu dịch vụ tiepdan đang chạy với cùng DATA_DIR, hãy dừng dịch vụ rồi chạy lại lệnh ` +
        '(hoặc dùng PostgreSQL qua DATABASE_URL để dịch vụ và lệnh kb chạy cùng lúc).',
    });
  }
  try {
    return await fn(createPrismaKnowledgeStore({ prisma: database.prisma }));
  } finally {
    await database.close();
  }
}

/** Procedures `kb add` drafts sample questions for by itself (more: `tiepdan kb draft-aliases`). */
const DRAFTS_PER_IMPORT = 50;

/** Drafts names and sample questions with the configured model for procedures that have none (ANSWER_MODE=llm). */
async function draftMissingAliases(context: CliContext, store: KnowledgeStore, limit: number): Promise<number> {
  const config = context.config();
  const { createOpenAiChat } = await import('../../knowledge/adapters/openai-chat.js');
  const chat = createOpenAiChat({
    model: config.openai.chatModel,
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseURL,
    timeoutMs: config.openai.chatTimeoutMs,
    maxRetries: 1,
  });
  const progress = createProgress('Đang soạn câu hỏi mẫu', 'thủ tục');
  const result = await draftAliases({
    store,
    folder: path.join(config.knowledgeDir, 'aliases'),
    chat,
    limit,
    onProgress: (done, total) => progress.update(done, total),
  }).finally(() => progress.stop());
  if (result.drafted.length > 0)
    print(
      `Đã soạn nháp cách gọi và câu hỏi mẫu cho ${result.drafted.length} thủ tục (${DRAFT_ALIASES_FILE.name}, ` +
        'chưa duyệt): cán bộ duyệt trong trang quản trị, Kiến thức → Cách gọi, câu hỏi mẫu.',
    );
  for (const f of result.failed) print(`  ✗ ${f.code}: ${f.reason}`);
  if (result.remaining > 0)
    print(`Còn ${result.remaining} thủ tục chưa có câu hỏi mẫu: chạy tiếp "tiepdan kb draft-aliases".`);
  return result.failed.length;
}

function printFailures(failed: IngestFailure[]): void {
  if (failed.length === 0) return;
  print(`Bỏ qua ${failed.length} tệp/dòng lỗi:`);
  for (const failure of failed) print(`  ✗ ${failure.path}: ${failure.reason}`);
}

export function registerKbCommands(program: Command, context: CliContext): void {
  const kb = program.command('kb').description('Quản lý cơ sở tri thức (thủ tục, văn bản pháp luật, kế hoạch)');

  kb.command('add')
    .description(`Thêm hoặc cập nhật tài liệu từ tệp/thư mục (${SUPPORTED_EXTENSIONS.join(', ')})`)
    .argument('<paths...>', 'tệp hoặc thư mục (thư mục được đọc đệ quy)')
    .action(async (paths: string[]) => {
      const progress = createProgress('Đang nạp');
      const result = await withStore(context, (store) =>
        addDocuments({
          store,
          paths: paths.map(context.resolvePath),
          root: context.resolvePath('.'),
          onProgress: (done, total) => progress.update(done, total),
        }),
      ).finally(() => progress.stop());
      print(
        `Đã thêm ${result.added}, cập nhật ${result.updated}, không đổi ${result.unchanged} tài liệu; ` +
          `${result.failed.length} lỗi.`,
      );
      if (result.removed.length > 0) {
        print(`Đã xoá ${result.removed.length} tài liệu không còn trong tệp của chúng:`);
        for (const r of result.removed) print(`  - ${r.code} (${r.sourcePath})`);
      }
      printFailures(result.failed);
      if (result.failed.length > 0) setExitCode(1);
      // new procedures get draft sample questions when a model is configured; a model that fails loses no import
      if (result.added > 0 && context.config().answerMode === 'llm')
        await withStore(context, (store) => draftMissingAliases(context, store, DRAFTS_PER_IMPORT));
    });

  kb.command('list')
    .description('Liệt kê tài liệu trong cơ sở tri thức')
    .option('--json', 'in ra JSON')
    .action(async (options: { json?: boolean }) => {
      const documents = await withStore(context, (store) => listDocuments({ store }));
      if (options.json) {
        printJson(documents);
        return;
      }
      if (documents.length === 0) {
        print('Cơ sở tri thức chưa có tài liệu nào. Dùng: tiepdan kb add <tệp|thư mục>');
        return;
      }
      for (const d of documents) {
        const title = d.title.length > 80 ? `${d.title.slice(0, 79)}…` : d.title;
        print(`${d.code}\t${d.kind}\t${d.level ?? '-'}\t${d.chunkCount} đoạn\t${title}`);
      }
      print(`Tổng cộng: ${documents.length} tài liệu.`);
    });

  kb.command('remove')
    .description('Xoá một tài liệu theo mã (mã thủ tục, số hiệu văn bản hoặc code của dòng JSONL)')
    .argument('<code>', 'mã tài liệu, ví dụ 1.004222 hoặc 416/KH-UBND')
    .action(async (code: string) => {
      const removed = await withStore(context, (store) => removeDocument({ store, code }));
      if (!removed) {
        throw new AppError('NOT_FOUND', `No document with code ${code}`, {
          userMessage: `Không có tài liệu mã "${code}". Xem danh sách bằng: tiepdan kb list`,
        });
      }
      print(`Đã xoá tài liệu ${code}.`);
    });

  kb.command('draft-aliases')
    .description(
      'Soạn nháp cách gọi thông dụng và câu hỏi mẫu bằng mô hình ngôn ngữ cho các thủ tục chưa có (cần ANSWER_MODE=llm)',
    )
    .option('--limit <số>', 'nhiều nhất bao nhiêu thủ tục trong lần chạy này', '200')
    .action(async (options: { limit: string }) => {
      const limit = Number.parseInt(options.limit, 10);
      if (!Number.isInteger(limit) || limit < 1)
        throw new AppError('BAD_INPUT', `bad --limit ${options.limit}`, {
          userMessage: '--limit phải là một số nguyên dương, ví dụ --limit 100.',
        });
      if (context.config().answerMode !== 'llm')
        throw new AppError('BAD_INPUT', 'draft-aliases without a model', {
          userMessage:
            'Chưa cấu hình mô hình ngôn ngữ: đặt ANSWER_MODE=llm và OPENAI_BASE_URL (máy chủ tương thích OpenAI) ' +
            'rồi chạy lại. Không có mô hình thì cán bộ viết câu hỏi mẫu trong trang quản trị.',
        });
      const failed = await withStore(context, (store) => draftMissingAliases(context, store, limit));
      if (failed > 0) setExitCode(1);
    });

  kb.command('reindex')
    .description('Đọc lại mọi tài liệu từ tệp nguồn và chia đoạn lại (sau khi nâng cấp bộ chia đoạn)')
    .action(async () => {
      const progress = createProgress('Đang đọc lại');
      const result = await withStore(context, (store) =>
        reindexKnowledge({ store, onProgress: (done, total) => progress.update(done, total) }),
      ).finally(() => progress.stop());
      print(
        `Đã chia đoạn lại ${result.reindexed} tài liệu, thêm mới ${result.added}; phiên bản tri thức ${result.revision}.`,
      );
      if (result.kept.length > 0) {
        print(`Giữ nguyên ${result.kept.length} tài liệu:`);
        for (const k of result.kept) print(`  • ${k.code} (${k.sourcePath}): ${k.reason}`);
      }
      printFailures(result.failed);
      if (result.failed.length > 0) setExitCode(1);
    });
}
