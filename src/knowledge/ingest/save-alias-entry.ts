// Use case: staff's edit of one procedure's everyday names and sample questions (the console's editor): checked
// first and refused whole when something is wrong, then written into knowledge/aliases/ where the entry stands.
import { AppError } from '../../shared/errors.js';
import { type AliasEntryContent, readAliasEntry, writeAliasEntry } from './alias-files.js';

/** Limits of one entry: a handful of names and questions is what helps ranking (see knowledge/aliases/README.md). */
export const ALIAS_LIMITS = { names: 10, questions: 20, chars: 300 } as const;

export interface AliasProblemLine {
  field: 'names' | 'questions';
  /** 1-based line of that field's text box; 0 for the field as a whole. */
  line: number;
  message: string;
}

export interface SaveAliasEntryOptions {
  /** knowledge/aliases */
  folder: string;
  code: string;
  /** One phrase per line, as typed. */
  names: string;
  questions: string;
  reviewed: boolean;
}

export interface SaveAliasEntryResult {
  /** The entry before and after (null: none); the audit keeps both. */
  before: AliasEntryContent | null;
  after: AliasEntryContent | null;
  changed: boolean;
}

/** Lines of a text box: Unicode NFC, spaces collapsed, empty lines and repeats (ignoring case) dropped. */
export function aliasLines(text: string): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const raw of text.normalize('NFC').split(/\r\n?|\n/)) {
    const line = raw.replace(/[ \t\u00a0]+/g, ' ').trim();
    const key = line.toLocaleLowerCase('vi');
    if (line === '' || seen.has(key)) continue;
    seen.add(key);
    lines.push(line);
  }
  return lines;
}

/** The problems of an entry, each with its field, line and a Vietnamese reason; empty when it can be saved. */
export function checkAliasEntry(names: string[], questions: string[]): AliasProblemLine[] {
  const problems: AliasProblemLine[] = [];
  const check = (field: AliasProblemLine['field'], lines: string[], most: number) => {
    if (lines.length > most) problems.push({ field, line: 0, message: `nhiều nhất ${most} dòng` });
    lines.forEach((line, i) => {
      if (line.length > ALIAS_LIMITS.chars)
        problems.push({ field, line: i + 1, message: `dài quá ${ALIAS_LIMITS.chars} ký tự` });
      // control characters would be saved invisibly and read as part of a phrase
      if (/\p{Cc}/u.test(line)) problems.push({ field, line: i + 1, message: 'có ký tự điều khiển không in được' });
      if (!/\p{L}/u.test(line)) problems.push({ field, line: i + 1, message: 'không có chữ nào' });
    });
  };
  check('names', names, ALIAS_LIMITS.names);
  check('questions', questions, ALIAS_LIMITS.questions);
  return problems;
}

function contentOf(entry: AliasEntryContent | undefined): AliasEntryContent | null {
  return entry ? { names: entry.names, questions: entry.questions, reviewed: entry.reviewed } : null;
}

/**
 * Throws BAD_INPUT (every problem in `details.problems`) and leaves the files as they were. Both boxes empty
 * removes the procedure's entry.
 */
export async function saveAliasEntry(options: SaveAliasEntryOptions): Promise<SaveAliasEntryResult> {
  const names = aliasLines(options.names);
  const questions = aliasLines(options.questions);
  const problems = checkAliasEntry(names, questions);
  if (problems.length > 0)
    throw new AppError('BAD_INPUT', `aliases of ${options.code} refused: ${problems.length} problems`, {
      userMessage: `Chưa lưu: ${problems.length} chỗ chưa đúng. Sửa các dòng được nêu rồi lưu lại.`,
      details: { problems },
    });
  const before = contentOf(await readAliasEntry(options.folder, options.code));
  const after = names.length === 0 && questions.length === 0 ? null : { names, questions, reviewed: options.reviewed };
  if (JSON.stringify(before) === JSON.stringify(after)) return { before, after, changed: false };
  await writeAliasEntry(options.folder, options.code, after);
  return { before, after, changed: true };
}
