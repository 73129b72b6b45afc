// Detects the administrative level a question names ("tại Công an tỉnh", "ra UBND xã"), with or without accents.
import type { Level } from '../types.js';
import { foldToken, tokenize } from '../vietnamese/index.js';
import { findPhrases } from './aspect.js';

const LEVEL_PHRASES: Record<Level, string[]> = {
  xã: ['cấp xã', 'ubnd xã', 'ủy ban xã', 'công an xã', 'ở xã', 'ra xã', 'lên xã', 'phường', 'thị trấn', 'cấp huyện'],
  tỉnh: ['cấp tỉnh', 'ubnd tỉnh', 'ủy ban tỉnh', 'công an tỉnh', 'sở tư pháp', 'sở xây dựng', 'thành phố'],
  'trung ương': ['trung ương', 'cấp bộ', 'bộ công an', 'cục'],
};

const PHRASES = (Object.keys(LEVEL_PHRASES) as Level[]).flatMap((level) =>
  LEVEL_PHRASES[level].map((p) => ({ tag: level, syllables: tokenize(p) })),
);

/** Accented single syllables that name a level on their own ("xã" but not "xã hội"). */
const ACCENTED: Record<string, Level> = { xã: 'xã', phường: 'xã', tỉnh: 'tỉnh' };

/** Levels the question names, in order of appearance (empty when it names none). */
export function detectLevels(tokens: readonly string[]): Level[] {
  const found: Array<{ level: Level; at: number }> = [];
  for (const m of findPhrases(tokens, PHRASES)) {
    // "nhà ở xã hội", "bảo hiểm xã hội": the society, not the commune
    if (m.tag === 'xã' && foldToken(tokens[m.end] ?? '') === 'hoi') continue;
    found.push({ level: m.tag, at: m.start });
  }
  tokens.forEach((token, i) => {
    const level = ACCENTED[token];
    if (level && !(token === 'xã' && foldToken(tokens[i + 1] ?? '') === 'hoi')) found.push({ level, at: i });
  });
  const levels: Level[] = [];
  for (const f of found.sort((a, b) => a.at - b.at)) if (!levels.includes(f.level)) levels.push(f.level);
  return levels;
}
