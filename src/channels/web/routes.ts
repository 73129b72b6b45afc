// Web chat routes on the shared Hono app: the page and its assets, /embed.js, and the JSON API under /api/chat.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { toAppError } from '../../shared/errors.js';
import type { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationPort } from '../shared/answer-incoming.js';
import { answerWebMessage } from './answer-web-message.js';
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
};

// the page may be framed by any portal (that is what /embed.js does), but runs only its own scripts
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  'frame-ancestors *',
].join('; ');

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
}

function loadAssets(): Map<string, { body: string; type: string; etag: string }> {
  const loaded = new Map<string, { body: string; type: string; etag: string }>();
  for (const [route, { file, type }] of Object.entries(ASSETS)) {
    const body = readFileSync(path.join(PUBLIC_DIR, file), 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    loaded.set(route, { body, type, etag });
  }
  return loaded;
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/** Mounts the web chat. Sessions: X-Chat-Session header (apps, embedded frames) or the HttpOnly cookie. */
export function mountWebChat(app: Hono, { store, handler, queue, logger }: MountWebChatOptions): void {
  const assets = loadAssets();

  for (const [route, asset] of assets) {
    app.get(route, (c) => {
      c.header('Cache-Control', 'no-cache');
      c.header('ETag', asset.etag);
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Referrer-Policy', 'same-origin');
      if (route === '/') c.header('Content-Security-Policy', PAGE_CSP);
      if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
      c.header('Content-Type', asset.type);
      return c.body(asset.body);
    });
  }

  // other origins (a province's portal or app) may call the API with the header, never with our cookie
  app.use(
    '/api/chat/*',
    cors({ origin: '*', allowHeaders: ['Content-Type', 'X-Chat-Session'], allowMethods: ['GET', 'POST', 'DELETE'] }),
  );

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

  /** The caller's live session, or a new one (then remembered in the cookie of a cookie client). */
  const openSession = async (c: Context): Promise<{ sessionId: string; isNew: boolean; viaHeader: boolean }> => {
    const { id, viaHeader } = presented(c);
    if (id !== undefined && (await store.touchSession(id))) return { sessionId: id, isNew: false, viaHeader };
    const sessionId = await store.createSession();
    rememberSession(c, sessionId, viaHeader);
    return { sessionId, isNew: true, viaHeader };
  };

  const badInput = (c: Context, message: string) => c.json({ error: 'BAD_INPUT', message }, 400);

  app.post('/api/chat/sessions', async (c) => {
    const sessionId = await store.createSession();
    rememberSession(c, sessionId, presented(c).viaHeader);
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
    try {
      const lines = await answerWebMessage({
        store,
        handler,
        queue,
        logger,
        sessionId: session.sessionId,
        ...parsed.data,
      });
      return c.json({
        ...(session.viaHeader && session.isNew ? { sessionId: session.sessionId } : {}),
        messages: lines.map(toJson),
      });
    } catch (error) {
      const appError = toAppError(error);
      logger.error({ code: appError.code, err: appError.message }, 'web chat message failed');
      return c.json({ error: appError.code, message: appError.userMessage }, appError.httpStatus as 500);
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

  app.delete('/api/chat/session', async (c) => {
    const { id, viaHeader } = presented(c);
    const deleted = id !== undefined && (await store.deleteSession(id));
    if (!viaHeader) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ deleted });
  });
}
