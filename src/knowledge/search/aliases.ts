// Sample questions and everyday names per procedure (knowledge/aliases/*.yaml, keyed by mã thủ tục): read from
// the files, and turned into a compact per-document search field. They only help find the record; the answer
// always comes from the record's own text.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { foldToken, isStopWord, tokenize } from '../vietnamese/index.js';

/** The phrases of one document: everyday names (short, weigh more) and sample questions. */
export interface AliasEntry {
  names: string[];
  questions: string[];
}

/** mã thủ tục → its phrases. */
export type AliasTable = ReadonlyMap<string, AliasEntry>;

export interface AliasProblem {
  file: string;
  message: string;
}

const entrySchema = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  names: z.array(z.string()).default([]),
  questions: z.array(z.string()).default([]),
  reviewed: z.boolean().optional(),
});

/** Parses one aliases file (a YAML list of entries); bad entries are reported and skipped, never fatal. */
export function parseAliases(text: string, file = 'aliases.yaml'): { entries: AliasTable; problems: AliasProblem[] } {
  const entries = new Map<string, AliasEntry>();
  const problems: AliasProblem[] = [];
  let list: unknown;
  try {
    list = parse(text);
  } catch (error) {
    return { entries, problems: [{ file, message: `YAML không hợp lệ: ${(error as Error).message}` }] };
  }
  if (list === null || list === undefined) return { entries, problems };
  if (!Array.isArray(list)) return { entries, problems: [{ file, message: 'tệp phải là một danh sách' }] };
  list.forEach((raw, i) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push({ file, message: `mục ${i + 1}: thiếu hoặc sai trường` });
      return;
    }
    const { code, names, questions } = parsed.data;
    const previous = entries.get(code);
    entries.set(code, {
      names: [...(previous?.names ?? []), ...names],
      questions: [...(previous?.questions ?? []), ...questions],
    });
  });
  return { entries, problems };
}

/** Reads every `*.yaml` of the folder (none, or no folder: an empty table). */
export async function loadAliases(folder: string): Promise<{ entries: AliasTable; problems: AliasProblem[] }> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: new Map(), problems: [] };
    throw error;
  }
  const entries = new Map<string, AliasEntry>();
  const problems: AliasProblem[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    const one = parseAliases(await readFile(file, 'utf8'), name);
    problems.push(...one.problems);
    for (const [code, entry] of one.entries) {
      const previous = entries.get(code);
      entries.set(
        code,
        previous
          ? { names: [...previous.names, ...entry.names], questions: [...previous.questions, ...entry.questions] }
          : entry,
      );
    }
  }
  return { entries, problems };
}

/**
 * The aliases as a search field over the index's documents: its own vocabulary (syllables and bigrams of
 * content syllables), postings in compressed-row form (ids are document indexes, in increasing order) and a
 * length per document. Only typed arrays and one string per distinct term: about 1 MB for 2,642 records.
 */
export interface AliasField {
  termIds: Map<string, number>;
  /** folded term → the alias terms that fold to it. */
  folded: Map<string, string[]>;
  offsets: Int32Array;
  ids: Int32Array;
  tfs: Float32Array;
  /** Content syllables per document (0 for documents without aliases). */
  lengths: Float32Array;
  /** Mean length over the documents that have aliases. */
  avgLength: number;
  /** Documents with aliases. */
  docCount: number;
}

/** An everyday name counts this many times a sample question's words do (names are short and to the point). */
const NAME_TF = 2;

/** Builds the field for documents given by code in index order; codes without aliases get nothing. */
export function buildAliasField(docCodes: readonly string[], table: AliasTable): AliasField | undefined {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const postTerm: number[] = [];
  const postDoc: number[] = [];
  const postTf: number[] = [];
  const lengths = new Float32Array(docCodes.length);
  let docCount = 0;
  let total = 0;
  const idOf = (term: string) => {
    let t = termIds.get(term);
    if (t === undefined) {
      t = terms.length;
      termIds.set(term, t);
      terms.push(term);
    }
    return t;
  };
  docCodes.forEach((code, d) => {
    const entry = table.get(code);
    if (!entry) return;
    const tf = new Map<number, number>();
    let length = 0;
    const add = (phrase: string, weight: number) => {
      const tokens = tokenize(phrase);
      for (let i = 0; i < tokens.length; i++) {
        const a = tokens[i] as string;
        if (isStopWord(a)) continue;
        length++;
        const t = idOf(a);
        tf.set(t, (tf.get(t) ?? 0) + weight);
        const b = tokens[i + 1];
        if (b === undefined || isStopWord(b)) continue;
        const p = idOf(`${a} ${b}`);
        tf.set(p, (tf.get(p) ?? 0) + weight);
      }
    };
    for (const name of entry.names) add(name, NAME_TF);
    for (const question of entry.questions) add(question, 1);
    if (tf.size === 0) return;
    docCount++;
    total += length;
    lengths[d] = length;
    for (const [t, f] of tf) {
      postTerm.push(t);
      postDoc.push(d);
      postTf.push(f);
    }
  });
  if (docCount === 0) return undefined;
  const offsets = new Int32Array(terms.length + 1);
  for (const t of postTerm) offsets[t + 1] = (offsets[t + 1] as number) + 1;
  for (let t = 0; t < terms.length; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
  const next = offsets.slice(0, terms.length);
  const ids = new Int32Array(postTerm.length);
  const tfs = new Float32Array(postTerm.length);
  // documents were visited in increasing order, so each term's postings stay sorted
  for (let i = 0; i < postTerm.length; i++) {
    const t = postTerm[i] as number;
    const at = next[t] as number;
    next[t] = at + 1;
    ids[at] = postDoc[i] as number;
    tfs[at] = postTf[i] as number;
  }
  const folded = new Map<string, string[]>();
  for (const term of terms) {
    const key = foldToken(term);
    const list = folded.get(key);
    if (list) list.push(term);
    else folded.set(key, [term]);
  }
  return { termIds, folded, offsets, ids, tfs, lengths, avgLength: total / docCount, docCount };
}
