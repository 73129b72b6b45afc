import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CROCKFORD_ALPHABET,
  findTrackingCodeInText,
  generateTrackingCode,
  parseTrackingCode,
} from '../../src/tickets/tracking-code.js';
import { TICKET_KINDS } from '../../src/tickets/types.js';

const SYMBOLS = [...CROCKFORD_ALPHABET];

function variants(code: string): string[] {
  const out = new Set<string>();
  const chars = [...code];
  chars.forEach((ch, i) => {
    if (ch === '-') return;
    for (const s of SYMBOLS) {
      if (s === ch) continue;
      const copy = [...chars];
      copy[i] = s;
      out.add(copy.join(''));
    }
  });
  const plain = code.replace(/-/g, '');
  for (let i = 0; i + 1 < plain.length; i++) {
    if (plain[i] === plain[i + 1]) continue;
    const copy = [...plain];
    [copy[i], copy[i + 1]] = [copy[i + 1] as string, copy[i] as string];
    out.add(copy.join(''));
  }
  return [...out];
}

describe('tracking codes', () => {
  it('look like PA-2611-7K3QX9 and carry kind and Vietnam month', () => {
    const at = new Date('2026-11-30T18:00:00Z'); // already 1 December in Việt Nam
    const code = generateTrackingCode('petition', at);
    expect(code).toMatch(/^PA-2612-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(generateTrackingCode('complaint', at).startsWith('KN-')).toBe(true);
    expect(generateTrackingCode('denunciation', at).startsWith('TC-')).toBe(true);
    expect(generateTrackingCode('question', at).startsWith('CH-')).toBe(true);
    expect(parseTrackingCode(code)).toEqual({ ok: true, code, kind: 'petition' });
  });

  it('reads what residents type: lower case, spaces, no dashes, O for 0 and I/L for 1', () => {
    const code = generateTrackingCode('complaint', new Date('2026-01-15T00:00:00Z'), () => 1); // random part 11111
    expect(code.slice(8, 13)).toBe('11111');
    const messy = code.toLowerCase().replace(/-/g, ' ').replace('2601', '26O1').replace('11111', 'iL1l1');
    expect(parseTrackingCode(messy)).toMatchObject({ ok: true, code });
    expect(findTrackingCodeInText(`mã của tôi là ${code.toLowerCase()} nhé`)?.toUpperCase()).toBe(code);
  });

  it('rejects every single-character substitution and adjacent transposition (500 random codes)', () => {
    let checked = 0;
    for (let n = 0; n < 500; n++) {
      const kind = TICKET_KINDS[randomInt(4)] as (typeof TICKET_KINDS)[number];
      const code = generateTrackingCode(kind, new Date(Date.UTC(2026, randomInt(24), 10)));
      for (const v of variants(code)) {
        const parsed = parseTrackingCode(v);
        checked++;
        if (parsed.ok) throw new Error(`${v} (from ${code}) was accepted as ${parsed.code}`);
      }
    }
    expect(checked).toBeGreaterThan(500 * 300);
  });

  it('says whether a code is malformed or mistyped', () => {
    expect(parseTrackingCode('xin chào')).toEqual({ ok: false, reason: 'format' });
    expect(parseTrackingCode('ZZ-2611-7K3QX9')).toEqual({ ok: false, reason: 'format' });
    const code = generateTrackingCode('petition', new Date('2026-11-02T00:00:00Z'));
    const last = code.at(-1) as string;
    const typo = code.slice(0, -1) + (last === '0' ? '1' : '0');
    expect(parseTrackingCode(typo)).toEqual({ ok: false, reason: 'check' });
  });
});
