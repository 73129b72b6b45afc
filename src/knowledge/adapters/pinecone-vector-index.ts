// VectorIndex adapter for Pinecone through its client's data plane (upsert, query, delete, list).
import { Pinecone } from '@pinecone-database/pinecone';
import { VECTOR_ID_PREFIX } from '../semantic/chunk-key.js';
import type { VectorIndex, VectorMatch } from '../semantic/vector-index.js';
import { toUpstreamError } from './upstream-error.js';

export interface PineconeVectorIndexOptions {
  apiKey: string;
  /** Index name. With `host` set the client makes no control-plane call to look the host up. */
  index?: string | undefined;
  /** The index's data-plane URL (https://<index>-<project>.svc.<region>.pinecone.io). */
  host?: string | undefined;
  namespace?: string | undefined;
  maxRetries?: number;
}

type Metadata = { code: string };

/** Pinecone's limits: 1,000 ids per delete, and upserts are best kept around 100 vectors (2 MB). */
const UPSERT_BATCH = 100;
const DELETE_BATCH = 1000;

/**
 * The index must use the cosine metric and the configured EMBEDDING_DIMENSIONS. `listIds` uses
 * list-by-prefix, which Pinecone offers on serverless indexes (pod-based indexes do not support it).
 */
export function createPineconeVectorIndex(options: PineconeVectorIndexOptions): VectorIndex {
  const client = new Pinecone({ apiKey: options.apiKey, maxRetries: options.maxRetries ?? 2 });
  const base = client.index<Metadata>(options.index ?? 'tiepdan', options.host);
  const index = options.namespace ? base.namespace(options.namespace) : base;

  async function call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toUpstreamError(error, 'pinecone', [options.apiKey]);
    }
  }

  return {
    kind: 'pinecone',
    async upsert(records) {
      for (let i = 0; i < records.length; i += UPSERT_BATCH) {
        const batch = records.slice(i, i + UPSERT_BATCH).map((r) => ({
          id: r.id,
          values: r.values,
          metadata: { code: r.code },
        }));
        await call(() => index.upsert(batch));
      }
    },
    async delete(ids) {
      for (let i = 0; i < ids.length; i += DELETE_BATCH) {
        const batch = ids.slice(i, i + DELETE_BATCH);
        await call(() => index.deleteMany(batch));
      }
    },
    async listIds() {
      const ids: string[] = [];
      let paginationToken: string | undefined;
      do {
        const token = paginationToken;
        const page = await call(() =>
          index.listPaginated({ prefix: VECTOR_ID_PREFIX, limit: 100, ...(token ? { paginationToken: token } : {}) }),
        );
        for (const v of page.vectors ?? []) if (v.id) ids.push(v.id);
        paginationToken = page.pagination?.next;
      } while (paginationToken);
      return ids;
    },
    async query(vector, { topK, code }) {
      const result = await call(() =>
        index.query({
          vector,
          topK,
          includeMetadata: true,
          includeValues: false,
          ...(code !== undefined ? { filter: { code: { $eq: code } } } : {}),
        }),
      );
      return (result.matches ?? []).map(
        (m): VectorMatch => ({ id: m.id, code: String(m.metadata?.code ?? ''), score: m.score ?? 0 }),
      );
    },
  };
}
