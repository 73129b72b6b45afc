// TOTP against RFC 6238's own test vectors (SHA-1, the 6 low digits of its 8-digit codes), and scrypt hashes.
import { describe, expect, it } from 'vitest';
import { hashPassword, totpCode, verifyPassword, verifyTotp } from '../../src/accounts/index.js';
import { encodeBase32 } from '../../src/accounts/totp.js';

const SECRET = encodeBase32(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238 Appendix B)', () => {
  it.each([
    [59, '287082'],
    [1_111_111_109, '081804'],
    [1_111_111_111, '050471'],
    [1_234_567_890, '005924'],
    [2_000_000_000, '279037'],
    [20_000_000_000, '353130'],
  ])('at %i s gives %s', (seconds, code) => {
    expect(totpCode(SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it('accepts the neighbouring steps only', () => {
    const at = new Date(1_234_567_890_000);
    expect(verifyTotp(SECRET, totpCode(SECRET, new Date(at.getTime() - 30_000)), at)).toBe(true);
    expect(verifyTotp(SECRET, totpCode(SECRET, new Date(at.getTime() + 30_000)), at)).toBe(true);
    expect(verifyTotp(SECRET, totpCode(SECRET, new Date(at.getTime() - 90_000)), at)).toBe(false);
    expect(verifyTotp(SECRET, 'abcdef', at)).toBe(false);
  });
});

describe('passwords', () => {
  it('hashes with a fresh salt and verifies only the same password (accents composed or not)', async () => {
    const a = await hashPassword('Mật khẩu rất dài');
    const b = await hashPassword('Mật khẩu rất dài');
    expect(a).not.toBe(b);
    expect(await verifyPassword('Mật khẩu rất dài'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('Mật khẩu rất dai', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
