// Text clean-up shared by loaders and chunkers: Unicode NFC and tidy whitespace, source wording kept.

// NUL and other control characters (PDF text layers have them) cannot be stored in a PostgreSQL TEXT column.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/**
 * NFC, invisible characters dropped, odd spaces and tabs made plain, line ends unified, lines trimmed.
 * Tone-mark placement is kept as the source writes it: answers must quote the source.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/ +\n/g, '\n')
    .replace(/\n +/g, '\n');
}

/** Collapses all whitespace to single spaces (one-line fields). */
export function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}
