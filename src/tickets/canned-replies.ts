// Canned replies per ticket category (settings/canned-replies.yaml): Vietnamese templates officers start a reply from.
// Optional file; checked with zod at start-up, every mistake named with its line, unknown categories refused.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseSettings, readSettingsText, settingsError } from './settings-file.js';

export const CANNED_REPLIES_FILE = 'canned-replies.yaml';

/** `*` offers a template for every category. */
export const ANY_CATEGORY = '*';

const schema = z.object({
  replies: z
    .array(
      z
        .object({
          id: z
            .string()
            .trim()
            .regex(/^[a-z0-9][a-z0-9_-]*$/, 'chỉ gồm chữ thường không dấu, số, - và _'),
          title: z.string().trim().min(1).max(120),
          categories: z.array(z.string().trim().min(1)).min(1),
          text: z.string().trim().min(1).max(3500),
        })
        .strict(),
    )
    .default([]),
});

export interface CannedReply {
  id: string;
  title: string;
  /** Category codes, or `*` for every category. */
  categories: string[];
  text: string;
}

/** Reads the file when present (none: no templates); refuses unknown categories and ids listed twice. */
export async function loadCannedReplies(settingsDir: string, categoryCodes: string[]): Promise<CannedReply[]> {
  try {
    await access(path.join(settingsDir, CANNED_REPLIES_FILE));
  } catch {
    return [];
  }
  const source = await readSettingsText(settingsDir, CANNED_REPLIES_FILE);
  const { replies } = parseSettings(source, schema);
  const known = new Set([...categoryCodes, ANY_CATEGORY]);
  const problems: Array<{ path: Array<string | number>; line?: number | undefined; message: string }> = [];
  const seen = new Set<string>();
  replies.forEach((r, i) => {
    if (seen.has(r.id))
      problems.push({ path: ['replies', i, 'id'], line: source.lineOf(['replies', i, 'id']), message: 'mã bị lặp' });
    seen.add(r.id);
    r.categories.forEach((c, j) => {
      if (!known.has(c))
        problems.push({
          path: ['replies', i, 'categories', j],
          line: source.lineOf(['replies', i, 'categories', j]),
          message: `lĩnh vực "${c}" không có trong categories.yaml`,
        });
    });
  });
  if (problems.length > 0) throw settingsError(CANNED_REPLIES_FILE, problems);
  return replies;
}

/** The templates offered for a ticket of this category, in file order. */
export function cannedRepliesFor(replies: readonly CannedReply[], category: string): CannedReply[] {
  return replies.filter((r) => r.categories.includes(category) || r.categories.includes(ANY_CATEGORY));
}
