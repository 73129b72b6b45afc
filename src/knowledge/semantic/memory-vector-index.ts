// An in-memory VectorIndex (exact cosine search): for throw-away knowledge bases and as a port fake in tests.
import { VECTOR_ID_PREFIX } from './chunk-key.js';
import type { VectorIndex, VectorMatch, VectorRecord } from './vector-index.js';

interface Stored {
  code: string;
  /** Unit-length copy, so a query is one dot product per vector. */
  unit: Float32Array;
}

function toUnit(values: readonly number[]): Float32Array {
  let s = 0;
  for (const x of values) s += x * x;
  const n = Math.sqrt(s) || 1;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] as number) / n;
  return out;
}

/** Exact search over every stored vector; fine up to a few tens of thousands of chunks. */
export function createMemoryVectorIndex(): VectorIndex & { size(): number } {
  const records = new Map<string, Stored>();
  return {
    kind: 'memory',
    size: () => records.size,
    async upsert(batch: VectorRecord[]) {
      for (const r of batch) records.set(r.id, { code: r.code, unit: toUnit(r.values) });
    },
    async delete(ids: string[]) {
      for (const id of ids) records.delete(id);
    },
    async listIds() {
      return [...records.keys()].filter((id) => id.startsWith(VECTOR_ID_PREFIX));
    },
    async query(vector, { topK, code }) {
      const q = toUnit(vector);
      // keep the best topK in a small sorted array instead of sorting every vector
      const best: VectorMatch[] = [];
      for (const [id, r] of records) {
        if (code !== undefined && r.code !== code) continue;
        let dot = 0;
        const u = r.unit;
        const n = Math.min(q.length, u.length);
        for (let i = 0; i < n; i++) dot += (q[i] as number) * (u[i] as number);
        if (best.length === topK && dot <= (best[topK - 1] as VectorMatch).score) continue;
        let at = best.length;
        while (at > 0 && (best[at - 1] as VectorMatch).score < dot) at--;
        best.splice(at, 0, { id, code: r.code, score: dot });
        if (best.length > topK) best.pop();
      }
      return best;
    },
  };
}
