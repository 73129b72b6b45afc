// Tracking codes like PA-2611-7K3QXW: kind, YYMM, five random Crockford base32 symbols and one check symbol.
//
// The check symbol makes the weighted sum of all eleven other symbols (kind letters and digits included)
// vanish in GF(32): position i has weight α^i, α a primitive element. In a field every single substitution
// changes the sum by wᵢ·(a−b) ≠ 0, and swapping neighbours changes it by (wᵢ−wᵢ₊₁)·(a−b) ≠ 0 because the
// weights are distinct. A plain mod-32 weighted sum cannot catch both (32 is not prime), and Crockford's
// mod-37 check needs five extra symbols (* ~ $ = U) that residents would mistype.
import { randomInt } from 'node:crypto';
import { KIND_PREFIX, type TicketKind } from './types.js';

/** Crockford's base32: no I, L, O, U (easily confused or rude). */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 5;

// GF(32) built on the primitive polynomial x⁵ + x² + 1.
const EXP: number[] = [];
const LOG: number[] = new Array(32).fill(-1);
{
  let x = 1;
  for (let i = 0; i < 31; i++) {
    EXP.push(x);
    LOG[x] = i;
    x <<= 1;
    if (x & 0x20) x ^= 0b100101;
  }
}
function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[((LOG[a] as number) + (LOG[b] as number)) % 31] as number;
}
function gfInv(a: number): number {
  return EXP[(31 - (LOG[a] as number)) % 31] as number;
}
function weight(position: number): number {
  return EXP[position % 31] as number;
}

function symbolValue(ch: string): number {
  return CROCKFORD_ALPHABET.indexOf(ch);
}

/** The check symbol for the 11 significant symbols (kind + YYMM + random, no dashes). */
export function checkSymbol(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= gfMul(weight(i), symbolValue(body[i] as string));
  // find c with sum + w_n·c = 0; in characteristic 2, minus is plus
  const c = gfMul(sum, gfInv(weight(body.length)));
  return CROCKFORD_ALPHABET[c] as string;
}

/** YYMM of a date in Vietnam time (UTC+7), the time residents read. */
export function yymmInVietnam(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const yy = String(local.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${yy}${mm}`;
}

/** A fresh, unguessable code (node:crypto randomness). Collisions are handled by the caller retrying. */
export function generateTrackingCode(kind: TicketKind, at: Date, random: (max: number) => number = randomInt): string {
  let randomPart = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) randomPart += CROCKFORD_ALPHABET[random(32)];
  const prefix = KIND_PREFIX[kind];
  const yymm = yymmInVietnam(at);
  const check = checkSymbol(`${prefix}${yymm}${randomPart}`);
  return `${prefix}-${yymm}-${randomPart}${check}`;
}

export type ParsedCode = { ok: true; code: string; kind: TicketKind } | { ok: false; reason: 'format' | 'check' };

const KIND_BY_PREFIX = Object.fromEntries(Object.entries(KIND_PREFIX).map(([k, p]) => [p, k])) as Record<
  string,
  TicketKind
>;

/**
 * Reads what a resident typed: case, spaces and dashes do not matter, and Crockford's look-alikes are read as
 * meant (O→0, I/L→1). Returns the canonical code, or why it is not one: a wrong check symbol means a typo.
 */
export function parseTrackingCode(input: string): ParsedCode {
  const compact = input
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, '');
  if (!/^[A-Z]{2}[0-9OIL]{4}[0-9A-Z]{6}$/.test(compact)) return { ok: false, reason: 'format' };
  const prefix = compact.slice(0, 2);
  const kind = KIND_BY_PREFIX[prefix];
  if (!kind) return { ok: false, reason: 'format' };
  const rest = compact.slice(2).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9]{4}[0-9A-HJKMNP-TV-Z]{6}$/.test(rest)) return { ok: false, reason: 'format' };
  const body = `${prefix}${rest.slice(0, 9)}`;
  if (checkSymbol(body) !== rest[9]) return { ok: false, reason: 'check' };
  return { ok: true, code: `${prefix}-${rest.slice(0, 4)}-${rest.slice(4)}`, kind };
}

/** Finds a tracking code inside free text ("mã của tôi là pa-2611-7k3qx9"), if any. */
export function findTrackingCodeInText(text: string): string | undefined {
  const match = text.match(/\b(PA|KN|TC|CH)[\s-]?[0-9OIL]{4}[\s-]?[0-9A-Z]{6}\b/i);
  return match?.[0];
}
