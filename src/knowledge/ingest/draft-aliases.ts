// Use case: draft everyday names and sample questions for the procedures that have none, with the configured
// language model (ANSWER_MODE=llm). Drafts go to knowledge/aliases/nhap-tu-dong.yaml marked `reviewed: false`,
// for staff to review in the console; they only help find the record, never supply an answer.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ChatModel } from '../llm/chat-model.js';
import type { IndexedChunk, KnowledgeStore } from '../types.js';
import { type AliasEntryContent, listAliasCodes, type NewAliasesFile, writeAliasEntry } from './alias-files.js';
import { ALIAS_LIMITS, aliasLines, checkAliasEntry } from './save-alias-entry.js';

/** Where drafts are written. */
export const DRAFT_ALIASES_FILE: NewAliasesFile = {
  name: 'nhap-tu-dong.yaml',
  header:
    '# Cách gọi thông dụng và câu hỏi mẫu NHÁP do mô hình ngôn ngữ viết khi nhập thủ tục mới (reviewed: false).\n' +
    '# Cán bộ duyệt và sửa trong trang quản trị: Kiến thức → Cách gọi, câu hỏi mẫu (xem README.md).\n',
};

export const ALIASES_DRAFT_PROMPT_PATH = fileURLToPath(
  new URL('../../../prompts/aliases-draft.vi.md', import.meta.url),
);

/** The record's text the model sees: enough to tell the procedure apart, not the whole fee tables. */
const MAX_RECORD_CHARS = 6_000;
/** Documents read from the store per page while looking for the ones to draft. */
const PAGE_DOCUMENTS = 200;

export interface DraftAliasesOptions {
  store: KnowledgeStore;
  /** knowledge/aliases */
  folder: string;
  chat: ChatModel;
  /** At most this many procedures per run (each is one model call). */
  limit: number;
  /** Only these codes (the documents an import just added); default: every procedure without an entry. */
  codes?: readonly string[] | undefined;
  /** Called after each procedure: done, in all, its code. */
  onProgress?: (done: number, total: number, code: string) => void;
  /** The system prompt (default prompts/aliases-draft.vi.md). */
  systemPrompt?: string | undefined;
}

export interface DraftAliasesResult {
  drafted: string[];
  /** Procedures the model gave nothing usable for, each with a Vietnamese reason. */
  failed: Array<{ code: string; reason: string }>;
  /** Procedures still without an entry beyond `limit` (run again to draft them). */
  remaining: number;
}

const replySchema = z.object({
  names: z.array(z.string()).default([]),
  questions: z.array(z.string()).default([]),
});

/** The entry in a model's reply (a JSON object, perhaps inside a code fence or after some words). */
export function parseDraftReply(reply: string): AliasEntryContent | undefined {
  const start = reply.indexOf('{');
  const end = reply.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(reply.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) return undefined;
  // lines a person could not have saved in the editor are dropped, not the whole draft
  const keep = (lines: string[], most: number, field: 'names' | 'questions') =>
    aliasLines(lines.join('\n'))
      .filter(
        (line) => checkAliasEntry(field === 'names' ? [line] : [], field === 'questions' ? [line] : []).length === 0,
      )
      .slice(0, most);
  const names = keep(parsed.data.names, ALIAS_LIMITS.names, 'names');
  const questions = keep(parsed.data.questions, ALIAS_LIMITS.questions, 'questions');
  if (names.length === 0 && questions.length === 0) return undefined;
  return { names, questions, reviewed: false };
}

function recordText(chunks: IndexedChunk[]): string {
  const first = chunks[0];
  const lines = [`Tên thủ tục: ${first?.title ?? ''}`, `Mã thủ tục: ${first?.code ?? ''}`];
  for (const chunk of chunks) lines.push(`${chunk.section}: ${chunk.text}`);
  const text = lines.join('\n');
  return text.length > MAX_RECORD_CHARS ? `${text.slice(0, MAX_RECORD_CHARS)}…` : text;
}

/** Drafts one model call per procedure, one after another (a local model serves one request well at a time). */
export async function draftAliases(options: DraftAliasesOptions): Promise<DraftAliasesResult> {
  const system = (options.systemPrompt ?? (await readFile(ALIASES_DRAFT_PROMPT_PATH, 'utf8'))).trim();
  const existing = await listAliasCodes(options.folder);
  const wanted = options.codes ? new Set(options.codes) : undefined;
  const procedures = (await options.store.listDocuments())
    .filter((d) => d.kind === 'procedure' && !existing.has(d.code) && (!wanted || wanted.has(d.code)))
    .map((d) => d.code);
  const chosen = new Set(procedures.slice(0, Math.max(0, options.limit)));
  const result: DraftAliasesResult = { drafted: [], failed: [], remaining: procedures.length - chosen.size };
  if (chosen.size === 0) return result;
  let done = 0;
  let after: string | undefined;
  do {
    const page = await options.store.loadChunkPage(after, PAGE_DOCUMENTS);
    const byCode = new Map<string, IndexedChunk[]>();
    for (const chunk of page.chunks) {
      if (!chosen.has(chunk.code)) continue;
      const list = byCode.get(chunk.code) ?? [];
      list.push(chunk);
      byCode.set(chunk.code, list);
    }
    for (const [code, chunks] of byCode) {
      try {
        const reply = await options.chat.complete({ system, user: recordText(chunks), maxTokens: 800 });
        const entry = parseDraftReply(reply);
        if (entry) {
          await writeAliasEntry(options.folder, code, entry, DRAFT_ALIASES_FILE);
          result.drafted.push(code);
        } else result.failed.push({ code, reason: 'mô hình không trả về danh sách dùng được' });
      } catch (error) {
        result.failed.push({ code, reason: `không gọi được mô hình (${(error as Error).message.slice(0, 200)})` });
      }
      done++;
      options.onProgress?.(done, chosen.size, code);
    }
    after = page.last;
  } while (after !== undefined && done < chosen.size);
  return result;
}
