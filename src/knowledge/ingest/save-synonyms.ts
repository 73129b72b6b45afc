// Use case: replace knowledge/synonyms.txt with staff's edit (the console's editor): checked line by line first,
// refused whole when a line is wrong, written atomically (a temporary file renamed over the old one).
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { parseSynonyms } from '../vietnamese/index.js';

/** Largest synonyms file accepted from the editor (the shipped one is about 8 KB). */
export const MAX_SYNONYMS_CHARS = 200_000;

export interface SynonymProblem {
  line: number;
  message: string;
}

export interface SaveSynonymsOptions {
  /** knowledge/synonyms.txt */
  file: string;
  text: string;
}

export interface SaveSynonymsResult {
  /** The file as it was ('' when there was none) and as it is now: the audit keeps both. */
  before: string;
  after: string;
  changed: boolean;
  rules: number;
}

/** The problems of a synonyms text, each with its line and a Vietnamese reason; empty when it can be saved. */
export function checkSynonyms(text: string): SynonymProblem[] {
  if (text.length > MAX_SYNONYMS_CHARS)
    return [{ line: 0, message: `tệp quá dài: tối đa ${MAX_SYNONYMS_CHARS.toLocaleString('vi-VN')} ký tự` }];
  const problems: SynonymProblem[] = [];
  text.split('\n').forEach((line, index) => {
    // control characters (other than a tab) would be saved invisibly and read as part of a phrase
    if (/[^\P{Cc}\t]/u.test(line)) problems.push({ line: index + 1, message: 'có ký tự điều khiển không in được' });
  });
  return [...problems, ...parseSynonyms(text).problems].sort((a, b) => a.line - b.line);
}

/** Normalises line ends and Unicode form, so the saved file and its audit diff do not depend on the browser. */
export function normalizeSynonymsText(text: string): string {
  const body = text.normalize('NFC').replace(/\r\n?/g, '\n');
  return body.endsWith('\n') || body === '' ? body : `${body}\n`;
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Throws BAD_INPUT (with every line's problem in `details.problems`) and leaves the file as it was. */
export async function saveSynonyms({ file, text }: SaveSynonymsOptions): Promise<SaveSynonymsResult> {
  const after = normalizeSynonymsText(text);
  const problems = checkSynonyms(after);
  if (problems.length > 0)
    throw new AppError('BAD_INPUT', `synonyms refused: ${problems.length} problems`, {
      userMessage: `Chưa lưu: ${problems.length} dòng chưa đúng cú pháp. Sửa các dòng được nêu rồi lưu lại.`,
      details: { problems },
    });
  const before = await readOrEmpty(file);
  if (before === after) return { before, after, changed: false, rules: parseSynonyms(after).rules.length };
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, after, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { before, after, changed: true, rules: parseSynonyms(after).rules.length };
}
