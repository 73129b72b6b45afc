// Reading and rewriting one procedure's entry in knowledge/aliases/*.yaml (the console's editor, the drafts a
// language model writes at import): the entry is replaced where it stands, every other entry and every comment is
// kept byte for byte, and each file is written atomically (a temporary file renamed over the old one).
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, YAMLSeq } from 'yaml';

/** A document whose nodes may be replaced by created ones (a parsed one types its nodes as parsed). */
function editable(text: string): Document<Node, false> {
  return parseDocument(text) as unknown as Document<Node, false>;
}

/** One procedure's everyday names and sample questions as the files hold them. */
export interface AliasEntryContent {
  names: string[];
  questions: string[];
  /** True once staff reviewed it; drafts written by a language model are false. */
  reviewed: boolean;
}

export interface StoredAliasEntry extends AliasEntryContent {
  code: string;
  /** The files that hold it (usually one). */
  files: string[];
}

/** Where entries for codes no file holds yet are written, and the comment such a file starts with. */
export interface NewAliasesFile {
  name: string;
  header: string;
}

/** Staff's new entries (the console's editor). */
export const STAFF_ALIASES_FILE: NewAliasesFile = {
  name: 'can-bo.yaml',
  header: '# Cách gọi thông dụng và câu hỏi mẫu do cán bộ thêm trong trang quản trị (xem README.md).\n',
};

const TO_STRING = { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' } as const;

async function yamlFiles(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function codeOf(item: unknown): string | undefined {
  if (!isMap(item)) return undefined;
  const code = item.get('code', true);
  if (!isScalar(code)) return undefined;
  // an unquoted code was read as a number: its source text is what the editor typed
  return code.source !== undefined && typeof code.value === 'number' ? code.source : String(code.value);
}

/** Every entry of the folder for one procedure, merged the way the search reads them; undefined when none. */
export async function readAliasEntry(folder: string, code: string): Promise<StoredAliasEntry | undefined> {
  let found: StoredAliasEntry | undefined;
  for (const file of await yamlFiles(folder)) {
    const doc = parseDocument(await readFile(path.join(folder, file), 'utf8'));
    if (!isSeq(doc.contents)) continue;
    for (const item of doc.contents.items) {
      if (codeOf(item) !== code || !isMap(item)) continue;
      const plain = item.toJSON() as Record<string, unknown>;
      found ??= { code, names: [], questions: [], reviewed: true, files: [] };
      found.names.push(...strings(plain.names));
      found.questions.push(...strings(plain.questions));
      found.reviewed &&= plain.reviewed === true;
      if (!found.files.includes(file)) found.files.push(file);
    }
  }
  return found;
}

/** The codes of every entry in the folder (to find the procedures that have none). */
export async function listAliasCodes(folder: string): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const file of await yamlFiles(folder)) {
    const doc = parseDocument(await readFile(path.join(folder, file), 'utf8'));
    if (!isSeq(doc.contents)) continue;
    for (const item of doc.contents.items) {
      const code = codeOf(item);
      if (code !== undefined) codes.add(code);
    }
  }
  return codes;
}

/** The entries of one file in its order (the drafts' file, for the list of drafts to review); none when missing. */
export async function readAliasFile(
  folder: string,
  file: string,
): Promise<Array<AliasEntryContent & { code: string }>> {
  let text: string;
  try {
    text = await readFile(path.join(folder, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const doc = parseDocument(text);
  if (!isSeq(doc.contents)) return [];
  return doc.contents.items.flatMap((item) => {
    const code = codeOf(item);
    if (code === undefined || !isMap(item)) return [];
    const plain = item.toJSON() as Record<string, unknown>;
    return [
      { code, names: strings(plain.names), questions: strings(plain.questions), reviewed: plain.reviewed === true },
    ];
  });
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Puts a procedure's entry in the folder, or takes it out (`content` null). The first file that holds the code
 * keeps it in place; copies in other files are removed, so the folder holds it once. A code no file holds goes
 * to `newFile` (created with a header comment when missing).
 */
export async function writeAliasEntry(
  folder: string,
  code: string,
  content: AliasEntryContent | null,
  newFile: NewAliasesFile = STAFF_ALIASES_FILE,
): Promise<void> {
  let placed = content === null;
  for (const file of await yamlFiles(folder)) {
    const full = path.join(folder, file);
    const doc = editable(await readFile(full, 'utf8'));
    if (!isSeq(doc.contents)) continue;
    const items = doc.contents.items;
    let changed = false;
    for (let i = 0; i < items.length; i++) {
      if (codeOf(items[i]) !== code) continue;
      changed = true;
      const old = items[i] as Node;
      if (!placed && content) {
        const node = doc.createNode({ code, ...content });
        // a comment written above the entry (often the file's header) stays above it
        node.commentBefore = old.commentBefore;
        node.spaceBefore = old.spaceBefore;
        items[i] = node;
        placed = true;
      } else {
        items.splice(i, 1);
        const next = items[i] as Node | undefined;
        if (old.commentBefore) {
          if (next) next.commentBefore = [old.commentBefore, next.commentBefore].filter(Boolean).join('\n');
          else doc.contents.comment = [old.commentBefore, doc.contents.comment].filter(Boolean).join('\n');
        }
        i--;
      }
    }
    if (changed) await writeAtomically(full, doc.toString(TO_STRING));
  }
  if (placed || !content) return;
  const full = path.join(folder, newFile.name);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = newFile.header;
  }
  const doc = editable(text);
  if (!isSeq(doc.contents)) {
    const seq = new YAMLSeq();
    // a file holding only its header comment parses to nothing: keep the comment above the list
    const comment = doc.commentBefore;
    doc.contents = seq;
    if (comment) doc.commentBefore = comment;
  }
  (doc.contents as YAMLSeq).items.push(doc.createNode({ code, ...content }));
  await writeAtomically(full, doc.toString(TO_STRING));
}
