// VectorIndex over a pgvector table, in embedded PGlite (extension loaded by openDatabase) or a PostgreSQL server.
import { VECTOR_ID_PREFIX } from '../../knowledge/semantic/chunk-key.js';
import type { VectorIndex, VectorMatch } from '../../knowledge/semantic/vector-index.js';
import { AppError } from '../../shared/errors.js';
import type { PrismaClient } from '../open-database.js';

export interface PgvectorIndexOptions {
  prisma: PrismaClient;
  dimensions: number;
}

/** Rows per INSERT: three parameters per row keeps even 8,192-dim vectors in reasonable statements. */
const UPSERT_BATCH = 200;
/** pgvector's HNSW index covers vectors up to 2,000 dimensions; above that queries scan exactly. */
const HNSW_MAX_DIMENSIONS = 2000;

function literal(values: readonly number[]): string {
  for (const v of values) if (!Number.isFinite(v)) throw new Error('embedding contains a non-finite value');
  return `[${values.join(',')}]`;
}

/**
 * The table is named after the dimension (`knowledge_embedding_1536`) and created at first use, not by a
 * migration: the dimension is a setting, and pgvector may be missing on a plain PostgreSQL, where the
 * default (lexical) configuration must still migrate and run. Changing EMBEDDING_DIMENSIONS starts a new
 * table; the old one can be dropped by hand.
 */
export function createPgvectorIndex(options: PgvectorIndexOptions): VectorIndex {
  const { prisma, dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16000) {
    throw new AppError('CONFIG_INVALID', `Invalid embedding dimensions ${dimensions}`);
  }
  const table = `knowledge_embedding_${dimensions}`;
  let ready: Promise<void> | undefined;

  async function setUp(): Promise<void> {
    try {
      await prisma.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS vector');
    } catch (error) {
      throw new AppError('CONFIG_INVALID', `pgvector is not available: ${(error as Error).message}`, {
        userMessage:
          'Cơ sở dữ liệu chưa có tiện ích pgvector. Hãy cài pgvector cho PostgreSQL, hoặc dùng VECTOR_STORE=pinecone, hoặc đặt RETRIEVAL_MODE=lexical.',
      });
    }
    await prisma.$executeRawUnsafe(
      `CREATE TABLE IF NOT EXISTS "${table}" (id TEXT PRIMARY KEY, code TEXT NOT NULL, embedding vector(${dimensions}) NOT NULL)`,
    );
    await prisma.$executeRawUnsafe(`CREATE INDEX IF NOT EXISTS "${table}_code_idx" ON "${table}" (code)`);
    if (dimensions <= HNSW_MAX_DIMENSIONS) {
      await prisma.$executeRawUnsafe(
        `CREATE INDEX IF NOT EXISTS "${table}_hnsw_idx" ON "${table}" USING hnsw (embedding vector_cosine_ops)`,
      );
    }
  }

  function ensure(): Promise<void> {
    ready ??= setUp().catch((error: unknown) => {
      ready = undefined; // let a later call retry (e.g. after the operator installs pgvector)
      throw error;
    });
    return ready;
  }

  return {
    kind: 'pgvector',
    async upsert(records) {
      await ensure();
      for (let i = 0; i < records.length; i += UPSERT_BATCH) {
        const batch = records.slice(i, i + UPSERT_BATCH);
        const params: string[] = [];
        const rows = batch.map((r) => {
          if (r.values.length !== dimensions) {
            throw new Error(`embedding has ${r.values.length} dimensions, table expects ${dimensions}`);
          }
          params.push(r.id, r.code, literal(r.values));
          const n = params.length;
          return `($${n - 2}, $${n - 1}, $${n}::vector)`;
        });
        await prisma.$executeRawUnsafe(
          `INSERT INTO "${table}" (id, code, embedding) VALUES ${rows.join(', ')}
           ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, embedding = EXCLUDED.embedding`,
          ...params,
        );
      }
    },
    async delete(ids) {
      if (ids.length === 0) return;
      await ensure();
      await prisma.$executeRawUnsafe(`DELETE FROM "${table}" WHERE id = ANY($1::text[])`, ids);
    },
    async listIds() {
      await ensure();
      const rows = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
        `SELECT id FROM "${table}" WHERE starts_with(id, $1)`,
        VECTOR_ID_PREFIX,
      );
      return rows.map((r) => r.id);
    },
    async query(vector, { topK, code }) {
      await ensure();
      const limit = Math.max(1, Math.min(1000, Math.floor(topK)));
      const where = code === undefined ? '' : 'WHERE code = $2';
      const params = code === undefined ? [literal(vector)] : [literal(vector), code];
      // <=> is cosine distance; 1 - distance is the cosine similarity the VectorIndex port promises
      const rows = await prisma.$queryRawUnsafe<Array<{ id: string; code: string; score: number }>>(
        `SELECT id, code, (1 - (embedding <=> $1::vector))::float8 AS score FROM "${table}" ${where}
         ORDER BY embedding <=> $1::vector LIMIT ${limit}`,
        ...params,
      );
      return rows.map((r): VectorMatch => ({ id: r.id, code: r.code, score: Number(r.score) }));
    },
  };
}
