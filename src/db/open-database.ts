// Opens the database: embedded PGlite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { POSTGRES_SCHEMA_NAME } from '../config/index.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { type AuditKeySource, createAuditSealer, loadAuditKey, registerAuditSealer } from './audit-seal.js';
import { acquireDataDirLock, type DataDirLock, type LockInfo } from './data-dir-lock.js';
import { type Leadership, postgresLeadership, soleLeadership } from './leader-lock.js';
import { applyMigrations, type MigrationResult, type SqlExecutor } from './migrate.js';
import { keepFilesPrivate } from './private-file-modes.js';
import { type SecureDataDirResult, secureDataDir } from './secure-data-dir.js';

export type { PrismaClient };

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, when kind is pglite (for dumps in tests). */
  pglite?: PGlite;
  /** The data-folder lock, when kind is pglite on disk. */
  lock?: DataDirLock;
  /** Raw multi-statement SQL, for migrations and tests. */
  sql: SqlExecutor;
  /**
   * Runs start-up writes (first indexing, settings sync, seeding) one instance at a time: several instances started
   * together on one PostgreSQL database would each find it empty and collide. Embedded: one process, no lock.
   */
  withStartupLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Leader election among the instances sharing the database, for work only one may do (Telegram polling). */
  leadership(task: string, logger?: Logger): Leadership;
  /** Where the audit trail's seal key came from ('none': rows are appended unsealed). */
  auditKeySource: AuditKeySource;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… to use a server; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` (or undefined) for a throw-away database. */
  dataDir?: string | undefined;
  /** For an in-memory PGlite: start from this dumped data folder instead of running initdb (tests, eval). */
  pgliteSnapshot?: Blob | undefined;
  /**
   * Load the pgvector extension into embedded PGlite (RETRIEVAL_MODE=hybrid with VECTOR_STORE=pgvector).
   * Off by default so the usual start-up stays fast. A PostgreSQL server needs pgvector installed instead.
   */
  vector?: boolean;
  /** Who holds the embedded data folder (default "cli"; the service passes "service"). */
  role?: LockInfo['role'];
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  onMigrated?: (result: MigrationResult) => void;
  /** AUDIT_KEY: seals the audit trail (else AUDIT_KEY_FILE, else DATA_DIR/audit.key for the embedded database). */
  auditKey?: string | undefined;
  auditKeyFile?: string | undefined;
  /** Told when the data folder had modes open to other accounts and they were repaired (the caller logs it). */
  onPermissionsRepaired?: (result: SecureDataDirResult) => void;
}

const MIGRATION_LOCK_KEY = 74_616_410; // arbitrary constants shared by all tiepdan processes
const STARTUP_LOCK_KEY = 74_616_412;

/**
 * PGlite's default shared_buffers (128 MB) is sized for a server; the bot's hot rows (residents, dialogue
 * state, dedupe records) fit in a fraction, and the difference is ~100 MB of resident memory.
 */
const PGLITE_CONF = ['shared_buffers=32MB'];

async function openPglite(
  dataDir: string | undefined,
  snapshot: Blob | undefined,
  vector = false,
  role: LockInfo['role'] = 'cli',
): Promise<Omit<Database, 'auditKeySource'>> {
  let pglite: PGlite;
  let lock: DataDirLock | undefined;
  // imported only when asked for: the extension bundle is not needed by the default configuration
  const extensions = vector ? { extensions: { vector: (await import('@electric-sql/pglite-pgvector')).vector } } : {};
  if (dataDir === undefined || dataDir === 'memory://') {
    pglite = await PGlite.create({
      ...(snapshot ? { loadDataDir: snapshot } : {}),
      ...extensions,
      postgresqlconf: PGLITE_CONF,
    });
  } else {
    const dir = path.join(dataDir, 'pglite');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    keepFilesPrivate(dataDir);
    lock = await acquireDataDirLock(dataDir, role);
    try {
      pglite = await PGlite.create({ dataDir: dir, ...extensions, postgresqlconf: PGLITE_CONF });
    } catch (error) {
      await lock.release();
      throw new AppError('INTERNAL', `Cannot open PGlite at ${dir}: ${(error as Error).message}`, {
        cause: error,
        userMessage: `Không mở được cơ sở dữ liệu nhúng tại ${dir}. Có thể một tiến trình tiepdan khác đang dùng thư mục này.`,
      });
    }
  }
  const sql: SqlExecutor = {
    async exec(text) {
      const results = await pglite.exec(text);
      return (results.at(-1)?.rows ?? []) as Array<Record<string, unknown>>;
    },
    withLock: (fn) => fn(),
  };
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: 'pglite',
    pglite,
    ...(lock ? { lock } : {}),
    sql,
    withStartupLock: (fn) => fn(),
    leadership: () => soleLeadership(),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      await lock?.release();
    },
  };
}

/**
 * `postgres://…?schema=tiepdan` as Prisma's own URLs spell it: the schema (created if missing, searched first by
 * every connection) and the URL without it, which is what the pg driver understands.
 */
export function splitSchema(databaseUrl: string): { url: string; schema: string | undefined } {
  const parsed = new URL(databaseUrl);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { url: databaseUrl, schema };
  if (!POSTGRES_SCHEMA_NAME.test(schema))
    throw new AppError('CONFIG_INVALID', `Invalid schema name in DATABASE_URL: ${schema}`, {
      userMessage: `DATABASE_URL: tên schema "${schema}" không hợp lệ (chỉ gồm chữ cái không dấu, số và _, không bắt đầu bằng số).`,
    });
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema };
}

async function openPostgres(databaseUrl: string): Promise<Omit<Database, 'auditKeySource'>> {
  const { url: connectionString, schema } = splitSchema(databaseUrl);
  // every connection (Prisma's pool, raw queries, migrations) finds tiepdan's tables in the schema first
  const searchPath = schema ? { options: `-c search_path="${schema}"` } : {};
  const admin = new pg.Client({ connectionString, ...searchPath });
  try {
    await admin.connect();
    if (schema) await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    throw new AppError('INTERNAL', `Cannot connect to PostgreSQL: ${(error as Error).message}`, {
      cause: error,
      userMessage: 'Không kết nối được PostgreSQL theo DATABASE_URL. Kiểm tra máy chủ, cổng và quyền truy cập.',
    });
  }
  const sql: SqlExecutor = {
    async exec(text) {
      const result = (await admin.query(text)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return (last?.rows ?? []) as Array<Record<string, unknown>>;
    },
    async withLock(fn) {
      await admin.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
      try {
        return await fn();
      } finally {
        await admin.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
      }
    },
  };
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString, ...searchPath }, schema ? { schema } : undefined),
  });
  return {
    prisma,
    kind: 'postgres',
    sql,
    async withStartupLock(fn) {
      await admin.query(`SELECT pg_advisory_lock(${STARTUP_LOCK_KEY})`);
      try {
        return await fn();
      } finally {
        await admin.query(`SELECT pg_advisory_unlock(${STARTUP_LOCK_KEY})`);
      }
    },
    leadership: (task, logger) => postgresLeadership({ connectionString, options: searchPath.options, task, logger }),
    async close() {
      await prisma.$disconnect();
      await admin.end();
    },
  };
}

/** Opens (and by default migrates) the configured database. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  // the folder holds personal data whichever database is used (the search snapshot at least): owner only
  if (options.dataDir !== undefined && options.dataDir !== 'memory://') {
    const secured = await secureDataDir(options.dataDir);
    if (secured.repaired > 0 || secured.failed.length > 0) options.onPermissionsRepaired?.(secured);
  }
  const opened = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir, options.pgliteSnapshot, options.vector, options.role);
  const onDisk = options.dataDir !== undefined && options.dataDir !== 'memory://';
  const audit = await loadAuditKey({
    key: options.auditKey,
    keyFile: options.auditKeyFile,
    dataDir: onDisk ? options.dataDir : undefined,
    // one process holds an embedded database; PostgreSQL's instances must share a key given to them all
    generate: opened.kind === 'pglite' && onDisk,
  }).catch(async (error: unknown) => {
    await opened.close().catch(() => undefined);
    throw error;
  });
  if (audit.key) registerAuditSealer(opened.prisma, createAuditSealer(audit.key));
  const db: Database = { ...opened, auditKeySource: audit.source };
  if (options.migrate !== false) {
    try {
      const result = await applyMigrations(db.sql);
      options.onMigrated?.(result);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
  }
  return db;
}
