// Staff-edited YAML read with the position of every value, so a settings mistake is reported with its file and line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';

export type DataPath = ReadonlyArray<string | number | symbol>;

/** A settings file, parsed, that can say on which line a value stands. */
export interface YamlSource {
  /** File name as shown to staff (relative to the settings folder). */
  readonly file: string;
  readonly data: unknown;
  /** Line (1-based) of the value at `path`, or of its nearest existing parent. */
  lineOf(path: DataPath): number | undefined;
}

/** Problems found in the settings, each with its place; thrown together as one CONFIG_INVALID error. */
export class SettingsProblems {
  private readonly items: string[] = [];

  add(file: string, line: number | undefined, message: string): void {
    this.items.push(`${file}${line ? `, dòng ${line}` : ''}: ${message}`);
  }

  at(source: YamlSource, path: DataPath, message: string): void {
    this.add(source.file, source.lineOf(path), message);
  }

  get count(): number {
    return this.items.length;
  }

  throwIfAny(dir: string): void {
    if (this.items.length === 0) return;
    throw new AppError('CONFIG_INVALID', `Invalid settings in ${dir}: ${this.items.join('; ')}`, {
      userMessage: `Cấu hình trong thư mục ${dir} chưa hợp lệ:\n${this.items.map((p) => `  - ${p}`).join('\n')}`,
      details: { problems: [...this.items] },
    });
  }
}

/** Reads and parses `dir/file`; a missing optional file gives undefined. YAML syntax errors name their line. */
export async function readYamlSource(
  dir: string,
  file: string,
  options: { optional?: boolean } = {},
): Promise<YamlSource | undefined> {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    if (options.optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('CONFIG_INVALID', `Cannot read ${full}`, {
      cause: error,
      userMessage: `Không đọc được tệp cấu hình ${file} trong ${dir}.`,
    });
  }
  return parseYamlSource(file, text, dir);
}

/** Parses YAML text, keeping each value's line. */
function parseYamlSource(file: string, text: string, dir = '.'): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = new SettingsProblems();
    for (const error of doc.errors) {
      problems.add(file, lineCounter.linePos(error.pos[0]).line, `sai cú pháp YAML (${error.message.split('\n')[0]})`);
    }
    problems.throwIfAny(dir);
  }
  return {
    file,
    data: doc.toJS() ?? {},
    lineOf(valuePath) {
      const keys = valuePath.filter((k): k is string | number => typeof k !== 'symbol');
      for (let n = keys.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

const VIETNAMESE_ERRORS = z.locales.vi().localeError;

/** Checks `source.data` with a zod schema; every issue is reported at its line. Undefined when invalid. */
export function parseWithSchema<T>(
  source: YamlSource,
  schema: z.ZodType<T>,
  problems: SettingsProblems,
): T | undefined {
  const parsed = schema.safeParse(source.data, { error: VIETNAMESE_ERRORS });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    // the line says where; the field's own name says what
    const field = [...issue.path].reverse().find((k): k is string => typeof k === 'string');
    problems.at(source, issue.path, field ? `${field}: ${issue.message}` : issue.message);
  }
  return undefined;
}
