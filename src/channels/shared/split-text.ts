// Pure: long text cut into messages a channel accepts, at paragraph, line, sentence or word boundaries.

/** Prefers breaking between paragraphs, then lines, then sentences, then words. */
const BREAKS: Array<{ pattern: RegExp; keep: number }> = [
  { pattern: /\n\s*\n/g, keep: 0 },
  { pattern: /\n/g, keep: 0 },
  { pattern: /[.!?…;:] /g, keep: 1 },
  { pattern: / /g, keep: 0 },
];

function cutPoint(text: string, max: number): { end: number; next: number } {
  const window = text.slice(0, max + 1);
  for (const { pattern, keep } of BREAKS) {
    let best: { end: number; next: number } | undefined;
    for (const match of window.matchAll(pattern)) {
      const end = match.index + keep;
      // a break in the first quarter would leave a uselessly short message: look for a weaker break instead
      if (end > max || end < max / 4) continue;
      best = { end, next: match.index + match[0].length };
    }
    if (best) return best;
  }
  // one unbroken run: cut hard, but never between the two halves of a surrogate pair
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return { end, next: end };
}

/**
 * Splits text into messages of at most `max` UTF-16 units (the unit of Telegram's and Zalo's limits), at paragraph boundaries
 * when possible. Never returns an empty part; an empty text gives no parts.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const { end, next } = cutPoint(rest, max);
    const part = rest.slice(0, end).trimEnd();
    if (part !== '') parts.push(part);
    rest = rest.slice(next).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}
