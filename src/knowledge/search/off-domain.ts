// Topics the knowledge base does not handle (knowledge/off-domain.txt, staff edit it): one evidence for
// abstaining. A question naming such a topic is answered only if a leading document names it too, so importing
// procedures on that topic later makes the entry harmless.
import { readFile } from 'node:fs/promises';
import { tokenize } from '../vietnamese/index.js';

/** Phrases separated by commas or new lines; `#` starts a comment. Each phrase becomes its syllables. */
export function parseOffDomain(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const content = line.split('#')[0] ?? '';
    for (const phrase of content.split(',')) {
      const tokens = tokenize(phrase);
      if (tokens.length > 0) out.push(tokens);
    }
  }
  return out;
}

/** Reads the file; a missing file is an empty list. */
export async function loadOffDomain(file: string): Promise<string[][]> {
  try {
    return parseOffDomain(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
