// Web chat routes on the shared Hono app: the page and its assets, /embed.js, and the JSON API under /api/chat.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { refuseCrossSite } from '../../http/index.js';
import { toAppError } from '../../shared/errors.js';
import type { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationPort } from '../shared/answer-incoming.js';
import { type AttachmentStore, recogniseContent } from '../shared/attachments.js';
import { sanitizeText } from '../shared/incoming-guard.js';
import { answerWebMessage } from './answer-web-message.js';
import type { ChatEvents } from './chat-events.js';
import type { ChatLine, WebChatStore } from './chat-store.js';

export const SESSION_COOKIE = 'tiepdan_chat';
export const SESSION_HEADER = 'x-chat-session';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const SESSION_MAX_AGE_S = 30 * 24 * 3600;
const PAGE_SIZE = 200;

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/chat.js': { file: 'chat.js', type: 'text/javascript; charset=utf-8' },
  '/chat.css': { file: 'chat.css', type: 'text/css; charset=utf-8' },
  '/embed.js': { file: 'embed.js', type: 'text/javascript; charset=utf-8' },
  // browsers ask for /favicon.ico on every page whatever the page says: both names serve the same icon
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
  '/favicon.ico': { file: 'favicon.svg', type: 'image/svg+xml' },
};

/**
 * The page runs only its own scripts, and only the portals in EMBED_ORIGINS may frame it (that is what /embed.js
 * does); without them, only our own pages. A page that frames the chat sees what residents type there.
 */
function pageCsp(embedOrigins: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
    `frame-ancestors ${["'self'", ...embedOrigins].join(' ')}`,
  ].join('; ');
}

/** The page tells chat.js which parents may receive its messages (and hand it a session id). */
function withEmbedOrigins(html: string, embedOrigins: string[]): string {
  const escaped = embedOrigins.join(' ').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return html.replace(
    '<meta name="tiepdan-embed-origins" content="">',
    `<meta name="tiepdan-embed-origins" content="${escaped}">`,
  );
}

/** 256 random bits: the session id is the only credential of an anonymous resident. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

const messageBody = z.object({
  text: z.string().max(1_000_000).optional(),
  action: z.string().max(256).optional(),
  clientMessageId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

const afterQuery = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

/** A transcript line as the HTTP API shows it (documented in the README). */
export interface ChatMessageJson {
  id: number;
  from: 'resident' | 'bot';
  text: string;
  quickReplies: Array<{ label: string; action: string }>;
  attachments: ChatLine['attachments'];
  replyTo: number | null;
  createdAt: string;
}

function toJson(line: ChatLine): ChatMessageJson {
  return {
    id: line.id,
    from: line.sender,
    text: line.text,
    quickReplies: line.quickReplies.map((q) => ({ label: q.label, action: q.action })),
    // a resident's shared contact stays out of the page's JSON
    attachments: line.attachments.map(({ phone: _phone, contactName: _name, ...rest }) => rest),
    replyTo: line.replyToId,
    createdAt: line.createdAt.toISOString(),
  };
}

export interface MountWebChatOptions {
  store: WebChatStore;
  handler: ConversationPort;
  queue: KeyedQueue;
  logger: Logger;
  /** The requester's network address key (rate limits); undefined when unknown. */
  clientKey?: ((c: Context) => string | undefined) | undefined;
  /** Portals allowed to frame the page (EMBED_ORIGINS). */
  embedOrigins?: string[] | undefined;
  /**
   * Asked before a new session is stored (at its first real message): false refuses it (too many new sessions
   * from one address). Absent: no limit.
   */
  allowNewSession?: ((clientKey: string | undefined) => Promise<boolean>) | undefined;
  /** New lines for open pages: GET /api/chat/events streams them as they are written. */
  events?: ChatEvents | undefined;
  /** Where attached photos and files are kept; absent: POST /api/chat/attachments is not served. */
  attachments?: AttachmentStore | undefined;
  /** Asked before an upload is stored: false refuses it (too many from one session). Absent: no limit. */
  allowUpload?: ((sessionId: string) => Promise<boolean>) | undefined;
}

/** A stream says something this often even when nothing happens, so proxies and phones keep it open. */
const SSE_KEEPALIVE_MS = 25_000;

function loadAssets(embedOrigins: string[]): Map<string, { body: string; type: string; etag: string }> {
  const loaded = new Map<string, { body: string; type: string; etag: string }>();
  for (const [route, { file, type }] of Object.entries(ASSETS)) {
    const read = readFileSync(path.join(PUBLIC_DIR, file), 'utf8');
    const body = route === '/' ? withEmbedOrigins(read, embedOrigins) : read;
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    loaded.set(route, { body, type, etag });
  }
  return loaded;
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/** Mounts the web chat. Sessions: X-Chat-Session header (apps, embedded frames) or the HttpOnly cookie. */
export function mountWebChat(app: Hono, options: MountWebChatOptions): void {
  const { store, handler, queue, logger } = options;
  const embedOrigins = options.embedOrigins ?? [];
  const clientKey = (c: Context) => options.clientKey?.(c);
  const assets = loadAssets(embedOrigins);
  const csp = pageCsp(embedOrigins);

  for (const [route, asset] of assets) {
    app.get(route, (c) => {
      c.header('Cache-Control', 'no-cache');
      c.header('ETag', asset.etag);
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Referrer-Policy', 'same-origin');
      if (route === '/') {
        c.header('Content-Security-Policy', csp);
        // browsers without frame-ancestors: XFO can name no list, so it only says "ours" when nobody else may frame
        if (embedOrigins.length === 0) c.header('X-Frame-Options', 'SAMEORIGIN');
      }
      if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
      c.header('Content-Type', asset.type);
      return c.body(asset.body);
    });
  }

  // other origins (a province's portal or app) may call the API with the header, never with our cookie
  app.use(
    '/api/chat/*',
    cors({
      origin: '*',
      allowHeaders: ['Content-Type', 'X-Chat-Session', 'X-File-Name', 'X-Client-Message-Id'],
      allowMethods: ['GET', 'POST', 'DELETE'],
    }),
  );
  // a form on another site must not act with (or replace) the resident's cookie; the header is a credential no
  // cross-site form can send, and no cookie is read or set for it
  app.use('/api/chat/*', refuseCrossSite({ exempt: (c) => c.req.header(SESSION_HEADER) !== undefined }));

  const presented = (c: Context): { id: string | undefined; viaHeader: boolean } => {
    const header = c.req.header(SESSION_HEADER);
    if (header !== undefined) return { id: SESSION_ID.test(header) ? header : undefined, viaHeader: true };
    const cookie = getCookie(c, SESSION_COOKIE);
    return { id: cookie !== undefined && SESSION_ID.test(cookie) ? cookie : undefined, viaHeader: false };
  };

  /** Only the page (a cookie client) gets the cookie: a header client keeps its id itself and must not get one. */
  const rememberSession = (c: Context, sessionId: string, viaHeader: boolean) => {
    if (viaHeader) return;
    setCookie(c, SESSION_COOKIE, sessionId, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      path: '/',
      maxAge: SESSION_MAX_AGE_S,
    });
  };

  /**
   * The caller's session, stored now if this is its first real message: a session id handed out by POST
   * /api/chat/sessions (or presented by a client whose session was pruned) costs no row until then, and new ones
   * are limited per address. Undefined when the limit refuses it.
   */
  const openSession = async (
    c: Context,
  ): Promise<{ sessionId: string; isNew: boolean; viaHeader: boolean } | undefined> => {
    const { id, viaHeader } = presented(c);
    if (id !== undefined && (await store.touchSession(id))) return { sessionId: id, isNew: false, viaHeader };
    if (options.allowNewSession && !(await options.allowNewSession(clientKey(c)))) return undefined;
    const sessionId = id ?? newSessionId();
    await store.createSession(sessionId);
    if (sessionId !== id) rememberSession(c, sessionId, viaHeader);
    return { sessionId, isNew: sessionId !== id, viaHeader };
  };

  const badInput = (c: Context, message: string) => c.json({ error: 'BAD_INPUT', message }, 400);
  const tooManySessions = (c: Context) =>
    c.json(
      {
        error: 'RATE_LIMITED',
        message: 'Có quá nhiều cuộc trò chuyện mới được mở từ địa chỉ mạng này. Vui lòng thử lại sau ít phút.',
      },
      429,
    );
  /** The resident's line and the bot's replies; the session's other open pages (another tab, a phone) see them too. */
  const answered = (
    c: Context,
    session: { sessionId: string; isNew: boolean; viaHeader: boolean },
    lines: ChatLine[],
  ) => {
    options.events?.notify(session.sessionId);
    return c.json({
      ...(session.viaHeader && session.isNew ? { sessionId: session.sessionId } : {}),
      messages: lines.map(toJson),
    });
  };
  const failed = (c: Context, error: unknown, what: string) => {
    const appError = toAppError(error);
    logger.error({ code: appError.code, err: appError.message }, what);
    return c.json({ error: appError.code, message: appError.userMessage }, appError.httpStatus as 500);
  };

  // hands out a session id; nothing is stored until its first message. A valid cookie is never replaced: the
  // resident would lose the transcript and the officers' answers in it
  app.post('/api/chat/sessions', async (c) => {
    const { id, viaHeader } = presented(c);
    if (!viaHeader && id !== undefined && (await store.hasSession(id))) return c.json({ sessionId: id }, 200);
    const sessionId = newSessionId();
    rememberSession(c, sessionId, viaHeader);
    return c.json({ sessionId }, 201);
  });

  app.post('/api/chat/messages', async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/json')) {
      return badInput(c, 'Vui lòng gửi nội dung dạng JSON (Content-Type: application/json).');
    }
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return badInput(c, 'Nội dung gửi lên không phải JSON hợp lệ.');
    }
    const parsed = messageBody.safeParse(raw);
    if (!parsed.success) {
      return badInput(
        c,
        'Nội dung chưa hợp lệ: cần "text" (chuỗi) hoặc "action" (chuỗi), và "clientMessageId" nếu có.',
      );
    }
    const session = await openSession(c);
    if (!session) {
      return tooManySessions(c);
    }
    try {
      const lines = await answerWebMessage({
        store,
        handler,
        queue,
        logger,
        sessionId: session.sessionId,
        clientAddress: clientKey(c),
        ...parsed.data,
      });
      return answered(c, session, lines);
    } catch (error) {
      return failed(c, error, 'web chat message failed');
    }
  });

  // A photo or file for the conversation (the intake asks for photos): the raw bytes as the body, the file's name in
  // X-File-Name (URI-encoded, shown only). Recognised by content, never by name or declared type; stored by the
  // attachment store under its own name; then answered like a message carrying it.
  app.post('/api/chat/attachments', async (c) => {
    const attachments = options.attachments;
    if (!attachments) return c.json({ error: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ này.' }, 404);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength === 0) return badInput(c, 'Tệp trống. Vui lòng chọn ảnh hoặc tệp khác.');
    const type = recogniseContent(bytes);
    if (!type)
      return badInput(
        c,
        'Chỉ nhận ảnh (JPG, PNG, GIF, WebP) hoặc tệp PDF, Word, Excel. Tệp này không phải loại đó, nên chưa được gửi.',
      );
    const clientMessageId = c.req.header('x-client-message-id');
    if (clientMessageId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(clientMessageId))
      return badInput(c, 'Mã tin nhắn (X-Client-Message-Id) chưa hợp lệ.');
    const session = await openSession(c);
    if (!session) {
      return tooManySessions(c);
    }
    if (options.allowUpload && !(await options.allowUpload(session.sessionId)))
      return c.json(
        { error: 'RATE_LIMITED', message: 'Bạn đã gửi nhiều tệp trong thời gian ngắn. Vui lòng thử lại sau ít phút.' },
        429,
      );
    try {
      const stored = await attachments.save({
        channel: 'web',
        bytes,
        mimeType: type.mimeType,
        extension: type.extension,
      });
      const name = fileName(c.req.header('x-file-name'));
      const lines = await answerWebMessage({
        store,
        handler,
        queue,
        logger,
        sessionId: session.sessionId,
        clientAddress: clientKey(c),
        clientMessageId,
        attachments: [{ kind: type.kind, ref: stored.ref, mimeType: stored.mimeType, ...(name ? { name } : {}) }],
      });
      return answered(c, session, lines);
    } catch (error) {
      return failed(c, error, 'web chat attachment failed');
    }
  });

  app.get('/api/chat/messages', async (c) => {
    const query = afterQuery.safeParse({ after: c.req.query('after') ?? undefined });
    if (!query.success) return badInput(c, 'Tham số "after" phải là số nguyên không âm.');
    const { id } = presented(c);
    if (id === undefined || !(await store.hasSession(id))) return c.json({ messages: [], hasMore: false });
    const lines = await store.listAfter(id, query.data.after, PAGE_SIZE);
    return c.json({ messages: lines.map(toJson), hasMore: lines.length === PAGE_SIZE });
  });

  // Server-Sent Events: each new line of the session as soon as it is written (a tracking code from the outbox, an
  // officer's answer). `Last-Event-ID` (or ?after=) resumes after a reconnect. 204 while there is no session yet.
  // Header clients (framed pages, apps) read it with fetch, which can send X-Chat-Session; EventSource cannot.
  app.get('/api/chat/events', async (c) => {
    const events = options.events;
    const query = afterQuery.safeParse({ after: c.req.header('last-event-id') ?? c.req.query('after') ?? undefined });
    if (!query.success) return badInput(c, 'Tham số "after" phải là số nguyên không âm.');
    const { id } = presented(c);
    if (!events || id === undefined || !(await store.hasSession(id))) return c.body(null, 204);
    // a reverse proxy (nginx) would otherwise hold the events back in its buffer
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let after = query.data.after;
      let wake: (() => void) | undefined;
      const unsubscribe = events.subscribe(id, () => wake?.());
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        while (!stream.aborted) {
          // subscribe before reading: a line written between the read and the wait still wakes us
          const woken = new Promise<void>((resolve) => {
            wake = resolve;
          });
          const lines = await store.listAfter(id, after, PAGE_SIZE);
          for (const line of lines) {
            await stream.writeSSE({ id: String(line.id), event: 'message', data: JSON.stringify(toJson(line)) });
            after = line.id;
          }
          if (lines.length === PAGE_SIZE) continue;
          const keepalive = new Promise<'keepalive'>((resolve) => {
            const timer = setTimeout(() => resolve('keepalive'), SSE_KEEPALIVE_MS);
            void woken.then(() => clearTimeout(timer));
          });
          if ((await Promise.race([woken, keepalive])) === 'keepalive' && !stream.aborted)
            await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
      }
    });
  });

  app.delete('/api/chat/session', async (c) => {
    const { id, viaHeader } = presented(c);
    const deleted = id !== undefined && (await store.deleteSession(id));
    if (!viaHeader) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ deleted });
  });
}

/** The name the page sent (URI-encoded), cleaned and cut: shown to the resident and officers, never used as a path. */
function fileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    return undefined;
  }
  const clean = sanitizeText(name.split(/[\\/]/).pop() ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean ? [...clean].slice(0, 120).join('') : undefined;
}
