// Worker thread of the Telegram bench: the fake Bot API and the simulated residents, on their own event loop
// (and core), so they do not share the service's. Latency is measured here: update sent → sendMessage received.
import { parentPort } from 'node:worker_threads';
import { type FakeTelegram, startFakeTelegram, updates } from '../../test/support/fake-telegram.js';
import { seededRandom } from './worker-rpc.js';

export interface LoadRequest {
  mode: 'polling' | 'webhook';
  residents: number;
  messagesPerResident: number;
  /** Share of updates delivered twice (Telegram redelivery), to prove they are answered once. */
  duplicateRate: number;
  /** First chat id of this run (fresh residents each run). */
  firstChatId: number;
  /**
   * 0: each resident sends its next message as soon as the last one is answered (measures capacity).
   * > 0: each resident sends one message every `intervalMs` (waiting for a late answer first): a steady offered load
   * of residents × 1000 / intervalMs messages per second, at which latency is measured.
   */
  intervalMs: number;
  questions: string[];
  seed: number;
}

export interface LoadResult {
  elapsedMs: number;
  messages: number;
  duplicatesDelivered: number;
  /** ms from sending an update to the first sendMessage for it, one per message that got one. */
  latencies: number[];
  /** update ids sent, per chat. */
  updatesByChat: Record<string, number[]>;
  /** texts of every sendMessage, per chat, in arrival order. */
  sentByChat: Record<string, string[]>;
  /** updates whose handling never finished (webhook status ≠ 200, or never confirmed by polling). */
  unfinished: number;
}

type Request =
  | { id: number; type: 'start'; token: string }
  | { id: number; type: 'load'; load: LoadRequest }
  | { id: number; type: 'stop' };

let fake: FakeTelegram | undefined;

interface Keyboard {
  inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
}

async function runLoad(load: LoadRequest): Promise<LoadResult> {
  if (!fake) throw new Error('fake not started');
  const f = fake;
  const rand = seededRandom(load.seed);
  const latencies: number[] = [];
  const updatesByChat: Record<string, number[]> = {};
  const sentByChat: Record<string, string[]> = {};
  const lastKeyboard = new Map<string, { messageId: number; markup: Keyboard }>();
  const waiting = new Map<string, { sentAt: number; answered: boolean; onAnswer: () => void }>();
  let unfinished = 0;
  let duplicatesDelivered = 0;

  const stopListening = f.onCall((call) => {
    if (call.method === 'sendMessage') {
      const chat = String(call.payload.chat_id);
      const sent = sentByChat[chat] ?? [];
      sent.push(String(call.payload.text));
      sentByChat[chat] = sent;
      const markup = call.payload.reply_markup as Keyboard | undefined;
      if (markup) lastKeyboard.set(chat, { messageId: 0, markup });
      const w = waiting.get(chat);
      if (w && !w.answered) {
        w.answered = true;
        latencies.push(call.at - w.sentAt);
        w.onAnswer();
      }
    }
  });
  // telegraf confirms a polling batch by asking for the next one: that is when all its replies are out
  let confirmedBelow = 0;
  const confirmWaiters = new Set<{ updateId: number; resolve: () => void }>();
  const stopConfirm = f.onCall((call) => {
    if (call.method !== 'getUpdates') return;
    confirmedBelow = Math.max(confirmedBelow, (call.payload.offset as number) ?? 0);
    for (const w of confirmWaiters) {
      if (w.updateId < confirmedBelow) {
        confirmWaiters.delete(w);
        w.resolve();
      }
    }
  });

  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

  const nextUpdate = (chatId: number, index: number): Record<string, unknown> => {
    const chat = String(chatId);
    const roll = rand();
    const keyboard = lastKeyboard.get(chat);
    if (index > 0 && roll < 0.12 && keyboard) {
      const button = keyboard.markup.inline_keyboard.flat()[0];
      if (button) return updates.press(chatId, button.callback_data, { message_id: 1, reply_markup: keyboard.markup });
    }
    if (index > 0 && roll < 0.25)
      return updates.text(chatId, pick(['còn lệ phí thì sao?', 'thời hạn giải quyết bao lâu?', 'cần giấy tờ gì?']));
    if (roll < 0.32) return updates.text(chatId, pick(['xin chào', 'cảm ơn', 'menu', '/help']));
    return updates.text(chatId, pick(load.questions));
  };

  const deliver = async (update: Record<string, unknown>): Promise<boolean> => {
    if (load.mode === 'webhook') {
      // Telegram delivers an update again while the bot answers with an error (here: up to 3 more times, 1 s apart)
      for (let attempt = 0; attempt < 4; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
        if ((await f.deliver(update).catch(() => 0)) === 200) return true;
      }
      return false;
    }
    const updateId = update.update_id as number;
    const confirmed = new Promise<void>((resolve) => confirmWaiters.add({ updateId, resolve }));
    f.push(update);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000));
    return (await Promise.race([confirmed, timeout])) !== 'timeout';
  };

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const resident = async (chatId: number, offsetMs: number) => {
    const chat = String(chatId);
    const begin = performance.now() + offsetMs;
    for (let i = 0; i < load.messagesPerResident; i++) {
      if (load.intervalMs > 0) await sleep(Math.max(0, begin + i * load.intervalMs - performance.now()));
      const update = nextUpdate(chatId, i);
      const ids = updatesByChat[chat] ?? [];
      ids.push(update.update_id as number);
      updatesByChat[chat] = ids;
      const answered = new Promise<void>((resolve) => {
        waiting.set(chat, { sentAt: performance.now(), answered: false, onAnswer: resolve });
      });
      const twice = rand() < load.duplicateRate;
      const deliveries = twice ? [deliver(update), deliver(update)] : [deliver(update)];
      if (twice) duplicatesDelivered++;
      const ok = (await Promise.all(deliveries)).every(Boolean);
      if (!ok) unfinished++;
      // every message here gets at least one reply; wait briefly for it if the delivery ended first
      await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, ok ? 2000 : 0))]);
      waiting.delete(chat);
    }
  };

  const started = performance.now();
  // paced residents start spread over one interval, so the offered load is even rather than in waves
  await Promise.all(
    Array.from({ length: load.residents }, (_, r) =>
      resident(load.firstChatId + r, load.intervalMs > 0 ? (r * load.intervalMs) / load.residents : 0),
    ),
  );
  const elapsedMs = performance.now() - started;
  stopListening();
  stopConfirm();
  return {
    elapsedMs,
    messages: load.residents * load.messagesPerResident,
    duplicatesDelivered,
    latencies,
    updatesByChat,
    sentByChat,
    unfinished,
  };
}

parentPort?.on('message', (request: Request) => {
  const reply = (result: unknown) => parentPort?.postMessage({ id: request.id, result });
  const fail = (error: unknown) => parentPort?.postMessage({ id: request.id, error: String(error) });
  if (request.type === 'start') {
    startFakeTelegram({ token: request.token, maxPollMs: 5000 })
      .then((started) => {
        fake = started;
        reply({ url: started.url });
      })
      .catch(fail);
  } else if (request.type === 'load') {
    runLoad(request.load).then(reply).catch(fail);
  } else {
    (fake?.close() ?? Promise.resolve()).then(() => reply(true)).catch(fail);
  }
});
