// A fake OpenAI-compatible API on 127.0.0.1 for the real openai and LangChain clients: chat completions
// (JSON and SSE), embeddings (float or base64), recorded requests, injected errors and stalls.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeEmbeddingOptions, fakeEmbedding } from './fake-embedding.js';

export interface RecordedOpenAiRequest {
  path: string;
  body: Record<string, unknown>;
  /** The Authorization header as received (to prove the key is sent, never to print it). */
  authorization: string | undefined;
}

type ChatReply = string | ((body: Record<string, unknown>) => string);

interface Failure {
  /** HTTP status, or 'stall' to never answer (a timeout on the client side). */
  kind: number | 'stall';
  message: string;
  remaining: number;
  /** Matching requests still to let through before failing. */
  skip: number;
  path: 'chat' | 'embeddings' | 'any';
}

export interface FakeOpenAiOptions extends Partial<FakeEmbeddingOptions> {
  /** Expected API key: other keys get 401 (default: any key accepted). */
  apiKey?: string;
}

export class FakeOpenAI {
  readonly requests: RecordedOpenAiRequest[] = [];
  private server: http.Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  private chatReplies: ChatReply[] = [];
  private defaultReply: ChatReply = '[[KHONG_CO_THONG_TIN]]';
  private readonly failures: Failure[] = [];
  readonly embedding: FakeEmbeddingOptions;

  constructor(private readonly options: FakeOpenAiOptions = {}) {
    this.embedding = { dimensions: options.dimensions ?? 64, concepts: options.concepts ?? {} };
  }

  /** Base URL to give the clients, ending in /v1. */
  url = '';

  /** Queues chat replies, used in order; afterwards the default reply is used. */
  replyWith(...replies: ChatReply[]): this {
    this.chatReplies.push(...replies);
    return this;
  }

  setDefaultReply(reply: ChatReply): this {
    this.defaultReply = reply;
    return this;
  }

  /** The next `times` requests to `path` fail with this HTTP status (or stall forever). */
  fail(
    kind: number | 'stall',
    options: { times?: number; after?: number; path?: Failure['path']; message?: string } = {},
  ): this {
    this.failures.push({
      kind,
      message: options.message ?? 'Internal error',
      remaining: options.times ?? 1,
      skip: options.after ?? 0,
      path: options.path ?? 'any',
    });
    return this;
  }

  /** The vector this fake returns for a text. */
  embed(text: string): number[] {
    return fakeEmbedding(text, this.embedding);
  }

  /** Texts sent for embedding, over all requests so far. */
  embeddedTexts(): string[] {
    return this.requests
      .filter((r) => r.path.endsWith('/embeddings'))
      .flatMap((r) => (Array.isArray(r.body.input) ? (r.body.input as string[]) : [r.body.input as string]));
  }

  chatRequests(): RecordedOpenAiRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error) } }));
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private takeFailure(path: string): Failure | undefined {
    const kind = path.endsWith('/embeddings') ? 'embeddings' : path.endsWith('/chat/completions') ? 'chat' : 'other';
    const failure = this.failures.find((f) => f.remaining > 0 && (f.path === 'any' || f.path === kind));
    if (!failure) return undefined;
    if (failure.skip > 0) {
      failure.skip--;
      return undefined;
    }
    failure.remaining--;
    return failure;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const path = (req.url ?? '').split('?')[0] as string;
    const authorization = req.headers.authorization;
    this.requests.push({ path, body, authorization });

    const json = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (this.options.apiKey && authorization !== `Bearer ${this.options.apiKey}`) {
      // like OpenAI, echo a masked key back: our code must not pass this text on
      const sent = (authorization ?? '').replace(/^Bearer /, '');
      return json(401, {
        error: {
          message: `Incorrect API key provided: ${sent}.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
    }
    const failure = this.takeFailure(path);
    if (failure?.kind === 'stall') return; // never answer; the client's timeout must fire
    if (failure) return json(failure.kind, { error: { message: failure.message, type: 'server_error' } });

    if (path === '/v1/embeddings') return json(200, this.embeddings(body));
    if (path === '/v1/chat/completions') return this.chat(body, res);
    if (path === '/v1/models') return json(200, { object: 'list', data: [{ id: 'fake', object: 'model' }] });
    return json(404, { error: { message: `no route ${path}` } });
  }

  private embeddings(body: Record<string, unknown>) {
    const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    const base64 = body.encoding_format === 'base64';
    const dims = typeof body.dimensions === 'number' ? body.dimensions : this.embedding.dimensions;
    const data = inputs.map((text, index) => {
      const vector = fakeEmbedding(String(text), { ...this.embedding, dimensions: dims });
      const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    const tokens = inputs.reduce((n, t) => n + String(t).split(/\s+/).length, 0);
    return { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
  }

  private chat(body: Record<string, unknown>, res: http.ServerResponse): void {
    const next = this.chatReplies.shift() ?? this.defaultReply;
    const content = typeof next === 'function' ? next(body) : next;
    const id = `chatcmpl-${this.requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const pieces = content.match(/.{1,12}/gsu) ?? [''];
      const chunk = (delta: Record<string, unknown>, finish: string | null) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }, null));
      for (const piece of pieces) res.write(chunk({ content: piece }, null));
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
  }
}
