// Eval question files (JSON Lines, format in ../shared/eval-data/README.md): reading and validating them.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';

const questionSchema = z.object({
  id: z.string().min(1),
  question: z.string(),
  gold: z.array(z.string()).default([]),
  expect: z.array(z.string()).default([]),
  aspect: z.string().default('none'),
  style: z.string().default('formal'),
  split: z.string().optional(),
});

/** One eval question; `gold: []` means the right behaviour is to abstain. */
export type EvalQuestion = z.infer<typeof questionSchema>;

/** The two halves a question set without its own `split` is cut into, once, by a hash of each id. */
export const HASH_SPLITS = ['tune', 'heldout'] as const;
export type HashSplit = (typeof HASH_SPLITS)[number];

/**
 * The half a question belongs to: FNV-1a (32 bit) of its id, even → `tune`, odd → `heldout`. Depends on the id
 * alone, so adding or editing other questions never moves a question to the other half.
 */
export function hashSplit(id: string): HashSplit {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(id, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? 'tune' : 'heldout';
}

/**
 * The questions of one split: `tune`/`heldout` cut by `hashSplit` (for sets that have no split of their own),
 * any other name selects the questions whose `split` field carries it (ALQAC's `dev`, `test`).
 */
export function selectSplit(questions: readonly EvalQuestion[], split: string): EvalQuestion[] {
  if ((HASH_SPLITS as readonly string[]).includes(split))
    return questions.filter((q) => (q.split ?? hashSplit(q.id)) === split);
  return questions.filter((q) => q.split === split);
}

/** Parses a JSONL question file; a bad line stops with a Vietnamese message naming the line. */
export function parseQuestions(text: string, source = 'câu hỏi'): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new AppError('BAD_INPUT', `${source}:${index + 1}: invalid JSON`, {
        userMessage: `Tệp ${source}, dòng ${index + 1}: không phải JSON hợp lệ.`,
      });
    }
    const parsed = questionSchema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(dòng)').join(', ');
      throw new AppError('BAD_INPUT', `${source}:${index + 1}: invalid question (${fields})`, {
        userMessage: `Tệp ${source}, dòng ${index + 1}: câu hỏi thiếu hoặc sai trường ${fields}.`,
      });
    }
    out.push(parsed.data);
  });
  return out;
}

export async function readQuestions(filePath: string): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new AppError('NOT_FOUND', `Cannot read ${filePath}: ${(error as Error).message}`, {
      userMessage: `Không đọc được tệp câu hỏi ${filePath}.`,
    });
  }
  return parseQuestions(text, filePath);
}
