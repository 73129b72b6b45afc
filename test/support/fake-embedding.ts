// Deterministic stand-in for an embedding model: a hashed bag of accent-folded syllables and bigrams, with
// an optional table of equivalent phrases (what a real model learns: "cưới" ≈ "kết hôn").
export interface FakeEmbeddingOptions {
  dimensions: number;
  /** Folded phrase → concept token, applied before hashing, e.g. { 'cuoi vo': 'ket hon' }. */
  concepts?: Record<string, string>;
}

const STOP = new Set([
  'la',
  'cua',
  'va',
  'cac',
  'nhung',
  'thi',
  'co',
  'khong',
  'gi',
  'nao',
  'o',
  'de',
  'cho',
  'toi',
  'can',
  'the',
  'duoc',
  'nhu',
  'ban',
  'mot',
]);

export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function fakeEmbedding(text: string, options: FakeEmbeddingOptions): number[] {
  let folded = ` ${foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const [phrase, concept] of Object.entries(options.concepts ?? {})) {
    folded = folded.split(` ${phrase} `).join(` ${concept} `);
  }
  const tokens = folded.split(' ').filter((t) => t !== '' && !STOP.has(t));
  const v = new Array<number>(options.dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % options.dimensions] = (v[h % options.dimensions] as number) + (h & 0x80000000 ? -weight : weight);
  };
  tokens.forEach((t, i) => {
    add(t, 1);
    if (i + 1 < tokens.length) add(`${t} ${tokens[i + 1]}`, 0.5);
  });
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
