// The audit trail's seal: an HMAC of each row's hash under a key kept outside the database. Whoever can write the
// database but cannot read the key can no longer edit a row and re-hash the chain after it unnoticed.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../shared/errors.js';
import type { AuditSealer } from '../tickets/index.js';
import type { PrismaClient } from './open-database.js';

/** The key file the embedded database keeps beside itself when no AUDIT_KEY is given. */
export const AUDIT_KEY_FILE = 'audit.key';

export function createAuditSealer(key: Buffer): AuditSealer {
  const seal = (hash: string) => createHmac('sha256', key).update(hash).digest('hex');
  return {
    seal,
    verify(hash, mac) {
      const expected = Buffer.from(seal(hash), 'hex');
      const given = Buffer.from(mac, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type AuditKeySource = 'env' | 'file' | 'generated' | 'none';

/**
 * The key: AUDIT_KEY itself, else the file it names (AUDIT_KEY_FILE), else `DATA_DIR/audit.key` — created (600) for
 * the embedded database, which one process holds. With PostgreSQL no file is made up: several instances must share
 * one key, so it has to come from the environment, and rows stay unsealed (with a warning) until it does.
 */
export async function loadAuditKey(options: {
  key?: string | undefined;
  keyFile?: string | undefined;
  dataDir?: string | undefined;
  generate: boolean;
}): Promise<{ key: Buffer | undefined; source: AuditKeySource }> {
  if (options.key) return { key: Buffer.from(options.key, 'utf8'), source: 'env' };
  const file = options.keyFile ?? (options.dataDir ? path.join(options.dataDir, AUDIT_KEY_FILE) : undefined);
  if (!file) return { key: undefined, source: 'none' };
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new AppError('CONFIG_INVALID', `Cannot read the audit key file ${file}: ${error.code}`, {
      userMessage: `Không đọc được tệp khóa nhật ký ${file}. Kiểm tra quyền đọc của tài khoản chạy tiepdan.`,
    });
  });
  if (existing !== undefined && existing.trim().length >= 32)
    return { key: Buffer.from(existing.trim(), 'utf8'), source: 'file' };
  if (existing !== undefined)
    throw new AppError('CONFIG_INVALID', `Audit key file ${file} holds fewer than 32 characters`, {
      userMessage: `Tệp khóa nhật ký ${file} phải chứa ít nhất 32 ký tự.`,
    });
  if (options.keyFile || !options.generate) return { key: undefined, source: 'none' };
  const generated = randomBytes(32).toString('base64url');
  // wx: two processes racing to create it never end up with different keys
  await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const written = (await readFile(file, 'utf8')).trim();
  return { key: Buffer.from(written, 'utf8'), source: 'generated' };
}

const sealers = new WeakMap<object, AuditSealer>();

/** Every store built on this client seals the audit rows it appends (openDatabase registers it). */
export function registerAuditSealer(prisma: PrismaClient, sealer: AuditSealer): void {
  sealers.set(prisma, sealer);
}

export function auditSealerOf(prisma: PrismaClient): AuditSealer | undefined {
  return sealers.get(prisma);
}
