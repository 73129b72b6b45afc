// The fuzz properties, shared by the tests (a few hundred runs each) and `npm run bench -- fuzz` (10⁵ in all):
// no input crashes the desk, none gets a 500, and no unclean string reaches what is stored.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { toIncoming as telegramToIncoming } from '../../../src/channels/telegram/to-incoming.js';
import { readWebInput, toIncoming as webToIncoming } from '../../../src/channels/web/to-incoming.js';
import { toIncoming as zaloToIncoming } from '../../../src/channels/zalo/to-incoming.js';
import type { ConversationEngine } from '../../../src/conversation/index.js';
import type { Database } from '../../../src/db/index.js';
import { createPrismaKnowledgeStore } from '../../../src/db/stores/knowledge-store.js';
import { addDocuments, loadDocuments } from '../../../src/knowledge/index.js';
import {
  type AskRequest,
  askRequest,
  chatRequest,
  kbFile,
  type RawRequest,
  telegramUpdate,
  webPost,
  zaloEvent,
} from './arbitraries.js';
import { findUnclean } from './clean.js';

function assertClean(value: unknown, what: string): void {
  const bad = findUnclean(value);
  if (bad.length > 0) throw new Error(`${what}: unclean string ${JSON.stringify(bad.slice(0, 3))}`);
}

/** Telegram update → IncomingMessage: never throws, and every string it hands on is clean. */
export function telegramConverterProperty() {
  return fc.property(telegramUpdate, (update) => {
    const inbound = telegramToIncoming(update, new Date(0));
    if (inbound.kind === 'message') {
      assertClean({ ...inbound.message, receivedAt: undefined }, 'telegram message');
      assertClean(inbound.chatId, 'telegram chat id');
    }
  });
}

/** Zalo webhook event → what the channel does: never throws, every string clean, ids kept as digit strings. */
export function zaloConverterProperty() {
  return fc.property(zaloEvent, (event) => {
    const inbound = zaloToIncoming(event, new Date(0));
    if (inbound.kind === 'ignore') return;
    if (!/^\d{1,24}$/.test(inbound.userId)) throw new Error(`zalo user id ${JSON.stringify(inbound.userId)}`);
    if (inbound.kind === 'message' || inbound.kind === 'follow') {
      assertClean({ ...inbound.message, receivedAt: undefined }, 'zalo message');
      if (inbound.message.channelUserId !== inbound.userId) throw new Error('zalo message for another user');
    }
    if (inbound.kind === 'message')
      for (const d of inbound.downloads) if (!/^https?:\/\//.test(d.url)) throw new Error(`zalo download ${d.url}`);
  });
}

/** Web chat post → WebInput → IncomingMessage: never throws, everything clean, the transcript copy capped. */
export function webConverterProperty() {
  return fc.property(webPost, fc.nat(), (posted, lineId) => {
    const input = readWebInput(posted);
    assertClean(input, 'web input');
    if (input.shown.length > 4097) throw new Error(`transcript copy of ${input.shown.length} units`);
    const message = webToIncoming({ sessionId: 's', line: { id: lineId, createdAt: new Date(0) }, input });
    assertClean({ ...message, receivedAt: undefined }, 'web message');
  });
}

/** A few updates from a few private chats, in order. */
const telegramConversation = fc.array(
  fc.tuple(fc.constantFrom(4201, 4202, 4203), fc.nat({ max: 2 ** 31 }), telegramUpdate),
  { minLength: 1, maxLength: 4 },
);

/**
 * Telegram updates through the real conversation engine (tickets intake included) on a real database: the engine
 * never fails the resident ("hệ thống đang gặp sự cố") and never throws. The database is scanned afterwards.
 */
export function telegramEngineProperty(engine: () => ConversationEngine) {
  return fc.asyncProperty(telegramConversation, async (updates) => {
    for (const [chatId, updateId, raw] of updates) {
      // the generated update, made to come from a private chat so that it reaches the engine
      const update =
        raw !== null &&
        typeof raw === 'object' &&
        'message' in raw &&
        raw.message !== null &&
        typeof raw.message === 'object'
          ? { ...raw, update_id: updateId, message: { ...raw.message, chat: { id: chatId, type: 'private' } } }
          : raw;
      const inbound = telegramToIncoming(update);
      if (inbound.kind !== 'message') continue;
      const replies = await engine().handle(inbound.message);
      const text = replies.map((r) => r.text).join('\n');
      if (text.includes('sự cố')) throw new Error(`the resident was told of a failure: ${text.slice(0, 200)}`);
    }
  });
}

/** Vietnamese words in a message a person reads (not an English or empty one). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

async function checkResponse(response: Response, what: string): Promise<void> {
  const body = await response.text();
  if (response.status >= 500) throw new Error(`${what}: ${response.status} ${body.slice(0, 200)}`);
  if (response.status >= 400) {
    let message: unknown;
    try {
      message = (JSON.parse(body) as { message?: unknown }).message;
    } catch {
      throw new Error(`${what}: ${response.status} without a JSON body: ${body.slice(0, 200)}`);
    }
    if (typeof message !== 'string' || !VIETNAMESE.test(message))
      throw new Error(`${what}: ${response.status} without a clear Vietnamese message: ${body.slice(0, 200)}`);
  }
}

function send(url: string, request: RawRequest, headers: Record<string, string>): Promise<Response> {
  const all: Record<string, string> = { ...headers };
  if (request.contentType !== undefined) all['content-type'] = request.contentType;
  const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body);
  return fetch(url, { method: 'POST', headers: all, body });
}

/**
 * POST /api/chat/messages with any body: never a 500, a clear Vietnamese message for what it refuses. `session`
 * is the X-Chat-Session of a session opened beforehand (one resident); some requests carry junk ids instead.
 */
export function chatEndpointProperty(baseUrl: string, session: string) {
  const sessionHeader = fc.oneof(
    { weight: 8, arbitrary: fc.constant(session) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 80 }) },
  );
  return fc.asyncProperty(chatRequest, sessionHeader, async (request, id) => {
    const response = await send(`${baseUrl}/api/chat/messages`, request, { 'x-chat-session': id });
    await checkResponse(response, 'POST /api/chat/messages');
  });
}

/** GET and POST /api/ask with any query or body: never a 500, a clear Vietnamese message for what it refuses. */
export function askEndpointProperty(baseUrl: string) {
  return fc.asyncProperty(askRequest, async (request: AskRequest) => {
    const response =
      request.method === 'GET'
        ? await fetch(`${baseUrl}/api/ask?${request.query}`)
        : await send(`${baseUrl}/api/ask`, request, {});
    await checkResponse(response, `${request.method} /api/ask`);
  });
}

const KB_EXTENSIONS = ['.txt', '.md', '.html', '.json', '.jsonl', '.pdf', '.docx'] as const;
let fileNumber = 0;

async function writeKbFile(dir: string, file: { extension: string; bytes: Uint8Array }): Promise<string> {
  await mkdir(dir, { recursive: true });
  const absolute = path.join(dir, `f${++fileNumber}${file.extension}`);
  await writeFile(absolute, file.bytes);
  return absolute;
}

/**
 * `kb add`'s loaders on any file: they never throw, a file they cannot use is a failure with its reason in
 * Vietnamese, and what they load holds only clean strings.
 */
export function kbLoaderProperty(dir: string, extensions: readonly string[] = KB_EXTENSIONS) {
  return fc.asyncProperty(kbFile(extensions), async (file) => {
    const absolute = await writeKbFile(dir, file);
    const result = await loadDocuments([absolute], { root: dir });
    for (const failure of result.failures)
      if (typeof failure.reason !== 'string' || !VIETNAMESE.test(failure.reason))
        throw new Error(`a failure without a clear reason: ${JSON.stringify(failure)}`);
    assertClean(result.documents, `documents of a ${file.extension} file`);
    if (result.documents.length === 0 && result.failures.length === 0)
      throw new Error(`a ${file.extension} file gave neither documents nor a failure`);
  });
}

/** `kb add` (the use case) into the real knowledge store on a real database: it never throws. Scan afterwards. */
export function kbStoreProperty(db: Database, dir: string, extensions: readonly string[] = KB_EXTENSIONS) {
  const store = createPrismaKnowledgeStore({ prisma: db.prisma });
  return fc.asyncProperty(kbFile(extensions), async (file) => {
    const absolute = await writeKbFile(dir, file);
    const result = await addDocuments({ store, paths: [absolute], root: dir });
    for (const failure of result.failed)
      if (!VIETNAMESE.test(failure.reason)) throw new Error(`a failure without a clear reason: ${failure.reason}`);
  });
}

export { KB_EXTENSIONS };
