// Reads one staff-edited YAML settings file and validates it with zod; every mistake is reported in Vietnamese with
// the file, the line and the field, so staff can find it in their editor.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../shared/errors.js';

/** A problem found in a settings file: the field path, its line (1-based) when known, and what is wrong. */
export interface SettingsProblem {
  path: ReadonlyArray<string | number>;
  line?: number | undefined;
  message: string;
}

/** The parsed file and a way to find the line of any field in it. */
export interface SettingsText {
  file: string;
  data: unknown;
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

/** zod's own messages are English; the people reading these run a Vietnamese help desk. */
const vietnameseIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'thiếu giá trị'
        : `sai kiểu: cần ${VIETNAMESE_TYPE[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `chỉ nhận một trong: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return 'sai định dạng';
    case 'too_small':
      return issue.origin === 'array' ? `cần ít nhất ${issue.minimum} mục` : `phải từ ${issue.minimum} trở lên`;
    case 'too_big':
      return issue.origin === 'array' ? `nhiều nhất ${issue.maximum} mục` : `phải từ ${issue.maximum} trở xuống`;
    case 'unrecognized_keys':
      return `trường không được biết: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'giá trị không hợp lệ';
    default:
      return issue.message ?? 'giá trị không hợp lệ';
  }
};

const VIETNAMESE_TYPE: Record<string, string> = {
  string: 'chữ',
  number: 'số',
  int: 'số nguyên',
  boolean: 'true hoặc false',
  array: 'danh sách',
  object: 'nhóm trường',
};

/** Reads and parses `dir/file`; a missing file or a YAML syntax error is a CONFIG_INVALID naming the line. */
export async function readSettingsText(dir: string, file: string): Promise<SettingsText> {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Cannot read ${full}`, {
      cause: error,
      userMessage: `Không đọc được tệp cấu hình ${file} trong ${dir}.`,
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      path: [],
      line: lineCounter.linePos(e.pos[0]).line,
      message: `sai cú pháp YAML (${e.code})`,
    }));
    const unique = problems.filter(
      (p, i) => problems.findIndex((q) => q.line === p.line && q.message === p.message) === i,
    );
    throw settingsError(file, unique);
  }
  return {
    file,
    data: doc.toJS() ?? {},
    lineOf(fieldPath) {
      // the nearest existing node: a missing field is reported at the line of the entry that lacks it
      for (let n = fieldPath.length; n >= 0; n--) {
        const node = doc.getIn(fieldPath.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Validates the parsed file with `schema`; every issue becomes a problem with its line. */
export function parseSettings<T>(source: SettingsText, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(source.data, { error: vietnameseIssue });
  if (parsed.success) return parsed.data;
  throw settingsError(
    source.file,
    parsed.error.issues.map((i) => {
      const fieldPath = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      return { path: fieldPath, line: source.lineOf(fieldPath), message: i.message };
    }),
  );
}

/** One problem as staff read it: "dòng 42 (rules.3.days): phải từ 1 trở lên". */
export function describeProblem(p: SettingsProblem): string {
  const where = [p.line !== undefined ? `dòng ${p.line}` : undefined, p.path.length ? `${p.path.join('.')}` : undefined]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** The error for a settings file with problems, listing each one on its own line. */
export function settingsError(file: string, problems: SettingsProblem[]): AppError {
  const lines = problems.map(describeProblem);
  return new AppError('CONFIG_INVALID', `Invalid ${file}: ${lines.join('; ')}`, {
    userMessage: `Tệp ${file} chưa hợp lệ:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    details: { file, lines: problems.map((p) => p.line ?? null) },
  });
}
