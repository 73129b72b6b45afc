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
