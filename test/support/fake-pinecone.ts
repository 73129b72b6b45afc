// A fake Pinecone data plane on 127.0.0.1 for the real Pinecone client: upsert, query (cosine, metadata
// filter with $eq/$in), delete by ids or filter, list by prefix; records every request.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedPineconeRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  query: Record<string, string>;
}

interface StoredVector {
  values: number[];
  metadata: Record<string, unknown>;
}

type Filter = Record<string, unknown>;

function matches(metadata: Record<string, unknown>, filter: Filter | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as Filter[]).every((f) => matches(metadata, f));
    if (key === '$or') return (condition as Filter[]).some((f) => matches(metadata, f));
    const value = metadata[key];
    if (condition === null || typeof condition !== 'object') return value === condition;
    const c = condition as { $eq?: unknown; $in?: unknown[]; $ne?: unknown };
    if ('$eq' in c) return value === c.$eq;
    if ('$in' in c) return (c.$in ?? []).includes(value);
    if ('$ne' in c) return value !== c.$ne;
    throw new Error(`fake Pinecone: unsupported filter ${JSON.stringify(condition)}`);
  });
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] ?? 0);
    na += (a[i] as number) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb) || 1);
}

export class FakePinecone {
  readonly requests: RecordedPineconeRequest[] = [];
  /** namespace → id → vector */
  readonly namespaces = new Map<string, Map<string, StoredVector>>();
  url = '';
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private failures: Array<{ status: number; remaining: number }> = [];

  constructor(private readonly options: { apiKey: string; dimension?: number; pageSize?: number }) {}

  vectors(namespace = ''): Map<string, StoredVector> {
    let ns = this.namespaces.get(namespace);
    if (!ns) {
      ns = new Map();
      this.namespaces.set(namespace, ns);
    }
    return ns;
  }

  /** The next `times` requests get this HTTP status. */
  fail(status: number, times = 1): this {
    this.failures.push({ status, remaining: times });
    return this;
  }

  requestsTo(path: string): RecordedPineconeRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 13, message: String(error) }));
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const query = Object.fromEntries(url.searchParams.entries());
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, body, query });
    const json = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (req.headers['api-key'] !== this.options.apiKey) {
      return json(401, { code: 16, message: 'Invalid API Key', details: [] });
    }
    const failure = this.failures.find((f) => f.remaining > 0);
    if (failure) {
      failure.remaining--;
      return json(failure.status, { code: 13, message: 'Internal error', details: [] });
    }
    const namespace = String(body.namespace ?? query.namespace ?? '');
    const store = this.vectors(namespace);

    if (req.method === 'POST' && url.pathname === '/vectors/upsert') {
      const vectors = (body.vectors ?? []) as Array<{
        id: string;
        values: number[];
        metadata?: Record<string, unknown>;
      }>;
      for (const v of vectors) {
        if (this.options.dimension && v.values.length !== this.options.dimension) {
          return json(400, {
            code: 3,
            message: `Vector dimension ${v.values.length} does not match the dimension of the index ${this.options.dimension}`,
            details: [],
          });
        }
        store.set(v.id, { values: v.values, metadata: v.metadata ?? {} });
      }
      return json(200, { upsertedCount: vectors.length });
    }
    if (req.method === 'POST' && url.pathname === '/query') {
      const vector = body.vector as number[];
      const topK = Number(body.topK ?? 10);
      const filter = body.filter as Filter | undefined;
      const found = [...store.entries()]
        .filter(([, v]) => matches(v.metadata, filter))
        .map(([id, v]) => ({ id, score: cosine(vector, v.values), v }))
        .sort((a, b) => b.score - a.score)
        .slice(0, topK)
        .map(({ id, score, v }) => ({
          id,
          score,
          values: body.includeValues ? v.values : [],
          ...(body.includeMetadata ? { metadata: v.metadata } : {}),
        }));
      return json(200, { matches: found, namespace, usage: { readUnits: 1 } });
    }
    if (req.method === 'POST' && url.pathname === '/vectors/delete') {
      if (body.deleteAll) store.clear();
      for (const id of (body.ids ?? []) as string[]) store.delete(id);
      if (body.filter) {
        for (const [id, v] of store) if (matches(v.metadata, body.filter as Filter)) store.delete(id);
      }
      return json(200, {});
    }
    if (req.method === 'GET' && url.pathname === '/vectors/list') {
      const prefix = query.prefix ?? '';
      const limit = Math.min(Number(query.limit ?? 100), this.options.pageSize ?? 100);
      const ids = [...store.keys()].filter((id) => id.startsWith(prefix)).sort();
      const start = query.paginationToken ? Number(query.paginationToken) : 0;
      const page = ids.slice(start, start + limit);
      const next = start + limit < ids.length ? String(start + limit) : undefined;
      return json(200, {
        vectors: page.map((id) => ({ id })),
        ...(next ? { pagination: { next } } : {}),
        namespace,
        usage: { readUnits: 1 },
      });
    }
    if (url.pathname === '/describe_index_stats') {
      return json(200, {
        namespaces: {},
        dimension: this.options.dimension ?? 0,
        indexFullness: 0,
        totalVectorCount: store.size,
      });
    }
    return json(404, { code: 5, message: `no route ${req.method} ${url.pathname}`, details: [] });
  }
}
