// A fake Telegram Bot API on 127.0.0.1 for real telegraf clients: records every call, serves long polling,
// delivers webhooks with the secret header, and can answer 429 with retry_after on demand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** performance.now() when the call arrived. */
  at: number;
  /** What the fake answered (for sendMessage: the Message, with its message_id). */
  result?: unknown;
}

interface Failure {
  code: number;
  description: string;
  retryAfter?: number | undefined;
  remaining: number;
}

export interface FakeTelegramOptions {
  token: string;
  /** Longest a getUpdates call is held open, whatever timeout the client asks for (ms). */
  maxPollMs?: number;
}

let nextUpdateId = 10_000;
let nextMessageId = 1;

/** Update builders with the fields telegraf and our converter read. */
export const updates = {
  text(chatId: number, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const entities = text.startsWith('/')
      ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]?.length ?? 1 }]
      : undefined;
    return updates.message(chatId, { text, ...(entities ? { entities } : {}), ...extra });
  },
  message(chatId: number, fields: Record<string, unknown>): Record<string, unknown> {
    return {
      update_id: nextUpdateId++,
      message: {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Dân' },
        from: { id: chatId, is_bot: false, first_name: 'Dân' },
        ...fields,
      },
    };
  },
  /** A press on a button of a bot message (pass the message the bot sent, as recorded by the fake). */
  press(
    chatId: number,
    data: string,
    botMessage?: { message_id: number; reply_markup?: unknown },
  ): Record<string, unknown> {
    return {
      update_id: nextUpdateId++,
      callback_query: {
        id: `cb${nextUpdateId}`,
        from: { id: chatId, is_bot: false, first_name: 'Dân' },
        chat_instance: '1',
        data,
        message: {
          message_id: botMessage?.message_id ?? nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private' },
          from: { id: 1, is_bot: true, first_name: 'Bot' },
          text: '…',
          ...(botMessage?.reply_markup ? { reply_markup: botMessage.reply_markup } : {}),
        },
      },
    };
  },
  raw(fields: Record<string, unknown>): Record<string, unknown> {
    return { update_id: nextUpdateId++, ...fields };
  },
};

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  /** Long polls ended because another getUpdates came in meanwhile: two bot instances polling at once. */
  conflicts = 0;
  /** Ends the getUpdates being held open, if any (as Telegram does when another one arrives). */
  private endActivePoll: (() => void) | undefined;
  private readonly queue: Array<{ update: Record<string, unknown>; forced: boolean; delivered: boolean }> = [];
  private readonly failures = new Map<string, Failure>();
  /** Files getFile knows, by file id: their path and bytes (served at /file/bot<token>/<path>). */
  private readonly files = new Map<string, { path: string; bytes: Uint8Array }>();
  private readonly holds = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private readonly listeners = new Set<(call: RecordedCall) => void>();
  private server: http.Server | undefined;
  private webhook: { url: string; secret: string | undefined; agent: http.Agent } | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  constructor(private readonly options: FakeTelegramOptions) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.keepAliveTimeout = 30_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    this.webhook?.agent.destroy();
    for (const wake of this.waiters) wake();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * Queues an update for getUpdates; returns its update_id. `redeliver` hands it out once more even if its
   * update_id was confirmed already (what Telegram does when a bot died before confirming).
   */
  push(update: Record<string, unknown>, options: { redeliver?: boolean } = {}): number {
    this.queue.push({ update, forced: options.redeliver === true, delivered: false });
    for (const wake of this.waiters) wake();
    return update.update_id as number;
  }

  /** The next `times` calls of `method` fail with `code` (429 carries parameters.retry_after). */
  failNext(method: string, code: number, options: { retryAfter?: number; times?: number; description?: string } = {}) {
    this.failures.set(method, {
      code,
      description: options.description ?? (code === 429 ? 'Too Many Requests: retry later' : 'Bad Request'),
      retryAfter: options.retryAfter,
      remaining: options.times ?? 1,
    });
  }

  /** The next call of `method` is recorded but never answered (the bot dies waiting, in crash tests). */
  /** Makes a file downloadable: getFile(fileId) gives its path, /file/bot<token>/<path> its bytes. */
  addFile(fileId: string, bytes: Uint8Array, path = `photos/${fileId}.jpg`): void {
    this.files.set(fileId, { path, bytes });
  }

  holdNext(method: string): void {
    this.holds.add(method);
  }

  /** The registered webhook, if setWebhook was called (and not deleted). */
  get registeredWebhook(): { url: string; secret: string | undefined } | undefined {
    return this.webhook ? { url: this.webhook.url, secret: this.webhook.secret } : undefined;
  }

  /** Updates still queued (not yet confirmed by an offset). */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * POSTs an update to the registered webhook as Telegram would; returns the HTTP status. `null`: no secret header.
   * Like Telegram, it keeps at most `max_connections` (setWebhook; default 40) connections open to the bot and
   * queues further deliveries for them.
   */
  async deliver(
    update: Record<string, unknown>,
    secret: string | null | undefined = this.webhook?.secret,
  ): Promise<number> {
    const webhook = this.webhook;
    if (!webhook) throw new Error('no webhook registered');
    const body = JSON.stringify(update);
    const attempt = () => this.post(webhook, body, secret);
    // a kept-alive connection the bot's server just closed for idleness: Telegram simply delivers again
    return attempt().catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return attempt();
      throw error;
    });
  }

  private post(
    webhook: { url: string; agent: http.Agent },
    body: string,
    secret: string | null | undefined,
  ): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const request = http.request(
        webhook.url,
        {
          method: 'POST',
          agent: webhook.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(secret === null || secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages sent to one chat (sendMessage payloads), in order. */
  sentTo(chatId: number | string): Array<Record<string, unknown>> {
    return this.callsOf('sendMessage')
      .filter((c) => String(c.payload.chat_id) === String(chatId))
      .map((c) => c.payload);
  }

  /** Calls `listener` for every call from now on; returns an unsubscribe function. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when `predicate` holds over the recorded calls (checked after each call). */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (predicate(this.calls)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`fake telegram: timed out waiting for ${what}`));
      }, timeoutMs);
      const stop = this.onCall(() => {
        if (predicate(this.calls)) {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url?.split('?')[0] ?? '');
    if (fileMatch) {
      const file = [...this.files.values()].find((f) => f.path === decodeURIComponent(fileMatch[2] ?? ''));
      this.calls.push({ method: 'file', payload: { path: fileMatch[2] }, at: performance.now() });
      if (fileMatch[1] !== this.options.token || !file) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.byteLength });
      res.end(file.bytes);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url?.split('?')[0] ?? '');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!match) return send(404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method = ''] = match;
    if (token !== this.options.token) return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    let payload: Record<string, unknown> = {};
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw !== '') {
      try {
        payload = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return send(400, { ok: false, error_code: 400, description: 'Bad Request: cannot parse JSON' });
      }
    }
    // confirm before anyone watching the calls looks at `pending`
    if (method === 'getUpdates' && !this.webhook) this.confirm(payload);
    const call: RecordedCall = { method, payload, at: performance.now() };
    this.calls.push(call);
    for (const listener of this.listeners) listener(call);

    if (this.holds.delete(method)) return;
    const failure = this.failures.get(method);
    if (failure && failure.remaining > 0) {
      failure.remaining--;
      return send(failure.code, {
        ok: false,
        error_code: failure.code,
        description: failure.description,
        ...(failure.retryAfter === undefined ? {} : { parameters: { retry_after: failure.retryAfter } }),
      });
    }
    const ok = (result: unknown) => {
      call.result = result;
      send(200, { ok: true, result });
    };
    switch (method) {
      case 'getMe':
        return ok({ id: 1, is_bot: true, first_name: 'Tiếp dân', username: 'tiepdan_test_bot' });
      case 'deleteWebhook':
        this.webhook?.agent.destroy();
        this.webhook = undefined;
        return ok(true);
      case 'setWebhook': {
        this.webhook?.agent.destroy();
        const maxSockets = typeof payload.max_connections === 'number' ? payload.max_connections : 40;
        this.webhook = {
          url: String(payload.url),
          secret: payload.secret_token as string | undefined,
          agent: new http.Agent({ keepAlive: true, maxSockets }),
        };
        return ok(true);
      }
      case 'getUpdates':
        return this.getUpdates(payload, ok, send, () => res.destroyed || res.socket?.destroyed === true);
      case 'sendMessage':
        return ok({
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(payload.chat_id), type: 'private' },
          text: payload.text,
          ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
        });
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendLocation':
        return ok({ message_id: nextMessageId++, date: 0, chat: { id: Number(payload.chat_id), type: 'private' } });
      case 'answerCallbackQuery':
      case 'sendChatAction':
        return ok(true);
      case 'editMessageReplyMarkup':
        return ok({ message_id: payload.message_id, date: 0, chat: { id: Number(payload.chat_id), type: 'private' } });
      case 'getFile': {
        const known = this.files.get(String(payload.file_id));
        if (known)
          return ok({
            file_id: payload.file_id,
            file_unique_id: `u-${payload.file_id}`,
            file_size: known.bytes.byteLength,
            file_path: known.path,
          });
        return ok({ file_id: payload.file_id, file_unique_id: 'u1', file_size: 1024, file_path: 'photos/file_1.jpg' });
      }
      default:
        return send(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private async getUpdates(
    payload: Record<string, unknown>,
    ok: (result: unknown) => void,
    send: (status: number, body: unknown) => void,
    isGone: () => boolean = () => false,
  ): Promise<void> {
    if (this.webhook) {
      return send(409, {
        ok: false,
        error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active",
      });
    }
    const limit = typeof payload.limit === 'number' ? payload.limit : 100;
    const timeoutMs = Math.min(
      (typeof payload.timeout === 'number' ? payload.timeout : 0) * 1000,
      this.options.maxPollMs ?? 60_000,
    );
    const deadline = Date.now() + timeoutMs;
    // Telegram ends a held getUpdates with 409 when another arrives: only one poller per bot
    this.endActivePoll?.();
    let superseded = false;
    const end = () => {
      superseded = true;
      for (const wake of this.waiters) wake();
    };
    this.endActivePoll = end;
    while (this.queue.length === 0 && Date.now() < deadline && this.server?.listening && !superseded) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, deadline - Date.now());
        this.waiters.add(wake);
      });
    }
    if (this.endActivePoll === end) this.endActivePoll = undefined;
    if (superseded) {
      // a poller that died while holding its request is not a second bot instance
      if (!isGone()) this.conflicts++;
      return send(409, {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
    }
    this.confirm(payload);
    const batch = this.queue.slice(0, limit);
    for (const item of batch) item.delivered = true;
    ok(batch.map((item) => item.update));
  }

  /** Confirmed updates (update_id below offset) are forgotten, as Telegram does; a redelivery goes out once. */
  private confirm(payload: Record<string, unknown>): void {
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i];
      if (!item) continue;
      const isConfirmed = offset > 0 && (item.update.update_id as number) < offset;
      if (item.forced ? item.delivered : isConfirmed) this.queue.splice(i, 1);
    }
  }
}

export async function startFakeTelegram(options: FakeTelegramOptions): Promise<FakeTelegram> {
  return new FakeTelegram(options).start();
}
