// A fake Zalo (OA Open API v3 send, OAuth v4 tokens, file downloads) on 127.0.0.1: records every send, issues
// single-use refresh tokens, answers -216 for expired access tokens and -230 for residents outside the window,
// and delivers signed webhook events to the service.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  accessToken: string;
  body: {
    recipient: { user_id: string };
    message: { text?: string; attachment?: { type: string; payload: Record<string, unknown> } };
  };
}

export interface FakeZaloOptions {
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  /** Access token lifetime the fake announces, in seconds (as a string, like Zalo). */
  expiresIn?: number;
}

let counter = 0;
const token = (kind: string) => `${kind}-${Date.now().toString(36)}-${++counter}`;

export class FakeZalo {
  readonly sent: SentMessage[] = [];
  /** Every refresh call, with the refresh token it presented. */
  readonly refreshes: string[] = [];
  /** Access tokens accepted by the send endpoint. */
  readonly validAccess = new Set<string>();
  /** Refresh tokens not yet spent. */
  readonly validRefresh = new Set<string>();
  /** Residents whose window is closed: sends to them get -230. */
  readonly windowClosed = new Set<string>();
  /** Files served at /files/<name>. */
  readonly files = new Map<string, { bytes: Buffer; type: string }>();
  /** Milliseconds the token endpoint waits before answering (to hold a refresh in flight). */
  refreshDelayMs = 0;
  /** The next n sends fail at the network level (the connection is dropped). */
  dropNextSends = 0;
  url = '';
  private server: http.Server | undefined;
  private waiters: Array<() => void> = [];
  /** Webhook calls go out over a bounded pool of kept-alive connections, as from Zalo's servers. */
  private readonly webhookAgent = new http.Agent({ keepAlive: true, maxSockets: 40 });
  private readonly sendListeners = new Set<(message: SentMessage, at: number) => void>();

  constructor(readonly options: FakeZaloOptions) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Calls `listener` with every accepted send and performance.now() at its arrival; returns the unsubscribe. */
  onSend(listener: (message: SentMessage, at: number) => void): () => void {
    this.sendListeners.add(listener);
    return () => this.sendListeners.delete(listener);
  }

  /** A refresh token an admin would paste into ZALO_REFRESH_TOKEN. */
  issueRefreshToken(): string {
    const t = token('rt');
    this.validRefresh.add(t);
    return t;
  }

  /** Every access token issued so far stops working (Zalo answers -216). */
  expireAccessTokens(): void {
    this.validAccess.clear();
  }

  sentTo(userId: string): SentMessage[] {
    return this.sent.filter((m) => m.body.recipient.user_id === userId);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Signs `event` as Zalo does and POSTs it to `url`; returns the HTTP status. */
  async deliver(
    url: string,
    event: Record<string, unknown>,
    options: { secret?: string; signature?: string | null; rawBody?: string } = {},
  ): Promise<number> {
    const rawBody = options.rawBody ?? JSON.stringify(event);
    const signed = JSON.parse(rawBody) as Record<string, unknown>;
    const mac = createHash('sha256')
      .update(
        `${String(signed.app_id)}${rawBody}${String(signed.timestamp)}${options.secret ?? this.options.oaSecretKey}`,
      )
      .digest('hex');
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(rawBody),
    };
    if (options.signature !== null) headers['x-zevent-signature'] = options.signature ?? `mac=${mac}`;
    return new Promise<number>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', agent: this.webhookAgent, headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(rawBody);
    });
  }

  async close(): Promise<void> {
    this.webhookAgent.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const json = (value: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const url = new URL(req.url ?? '/', this.url);
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const file = this.files.get(url.pathname.slice('/files/'.length));
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.bytes.length) });
      res.end(file.bytes);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v4/oa/access_token') {
      const form = new URLSearchParams(body);
      const presented = form.get('refresh_token') ?? '';
      this.refreshes.push(presented);
      if (this.refreshDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.refreshDelayMs));
      if (req.headers.secret_key !== this.options.appSecret || form.get('app_id') !== this.options.appId) {
        json({ error: -14002, error_name: 'Invalid app', error_description: 'app id or secret key is invalid' });
        return;
      }
      if (form.get('grant_type') !== 'refresh_token' || !this.validRefresh.has(presented)) {
        json({ error: -14014, error_name: 'Invalid refresh token', error_description: 'refresh token is invalid' });
        return;
      }
      // single use
      this.validRefresh.delete(presented);
      const access = token('at');
      const refresh = token('rt');
      this.validAccess.add(access);
      this.validRefresh.add(refresh);
      json({ access_token: access, refresh_token: refresh, expires_in: String(this.options.expiresIn ?? 90000) });
      this.notify();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v3.0/oa/message/cs') {
      if (this.dropNextSends > 0) {
        this.dropNextSends--;
        req.socket.destroy();
        return;
      }
      const accessToken = String(req.headers.access_token ?? '');
      if (!this.validAccess.has(accessToken)) {
        json({ error: -216, message: 'Access token is invalid' });
        return;
      }
      const parsed = JSON.parse(body) as SentMessage['body'];
      const userId = parsed.recipient?.user_id;
      if (typeof userId !== 'string' || !/^\d+$/.test(userId)) {
        json({ error: -201, message: 'user_id is invalid' });
        return;
      }
      if (this.windowClosed.has(userId)) {
        json({ error: -230, message: 'User has not interacted with the OA in the last 7 days' });
        return;
      }
      const sent = { accessToken, body: parsed };
      this.sent.push(sent);
      const at = performance.now();
      for (const listener of this.sendListeners) listener(sent, at);
      json({ error: 0, message: 'Success', data: { message_id: token('m'), user_id: userId } });
      this.notify();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":-404,"message":"not found"}');
  }
}

export async function startFakeZalo(options: FakeZaloOptions): Promise<FakeZalo> {
  return new FakeZalo(options).start();
}

let nextMsg = 1;
/** 19-digit user ids, beyond Number.MAX_SAFE_INTEGER, as Zalo's are. */
let nextUser = 8_000_000_000_000_000_000n;
export function newZaloUserId(): string {
  nextUser += 7n;
  return nextUser.toString();
}

/** Webhook event builders with the fields Zalo sends. */
export function zaloEvents(appId: string, oaId = '579745863508352884') {
  const base = (eventName: string, userId: string, message?: Record<string, unknown>) => ({
    app_id: appId,
    user_id_by_app: '5521924413222453543',
    event_name: eventName,
    timestamp: String(Date.now()),
    sender: { id: userId },
    recipient: { id: oaId },
    ...(message ? { message: { msg_id: `msg${Date.now()}${nextMsg++}`, ...message } } : {}),
  });
  return {
    text: (userId: string, text: string) => base('user_send_text', userId, { text }),
    image: (userId: string, url: string) =>
      base('user_send_image', userId, { text: '', attachments: [{ type: 'image', payload: { url, thumbnail: url } }] }),
    file: (userId: string, url: string, name: string) =>
      base('user_send_file', userId, {
        attachments: [{ type: 'file', payload: { url, name, size: '1000', type: 'pdf' } }],
      }),
    sticker: (userId: string) =>
      base('user_send_sticker', userId, {
        attachments: [{ type: 'sticker', payload: { id: 'abc', url: 'https://zalo.me/s.png' } }],
      }),
    location: (userId: string, latitude: string, longitude: string) =>
      base('user_send_location', userId, {
        attachments: [{ type: 'location', payload: { coordinates: { latitude, longitude } } }],
      }),
    link: (userId: string, url: string) =>
      base('user_send_link', userId, {
        text: '',
        attachments: [{ type: 'link', payload: { url, description: 'Cổng dịch vụ công' } }],
      }),
    follow: (userId: string) => {
      const e: Record<string, unknown> = base('follow', userId);
      delete e.sender;
      return { ...e, follower: { id: userId }, source: 'oa_profile' };
    },
    unfollow: (userId: string) => {
      const e: Record<string, unknown> = base('unfollow', userId);
      delete e.sender;
      return { ...e, follower: { id: userId } };
    },
    submitInfo: (userId: string) => ({
      ...base('user_submit_info', userId),
      info: { name: 'Nguyễn Văn A', phone: '0912345678', address: '12 Lê Lợi', city: 'Huế', district: 'Phú Xuân' },
    }),
    seen: (userId: string) => base('user_seen_message', userId, { msg_ids: ['x'] }),
    unknown: (userId: string) => base('oa_invented_event_2030', userId),
  };
}
