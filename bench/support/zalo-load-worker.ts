// Worker thread of the Zalo bench: the fake Zalo and the simulated residents, on their own event loop (and core),
// so they do not share the service's. Latency is measured here: signed webhook sent → first send received.
import { parentPort } from 'node:worker_threads';
import { type FakeZalo, startFakeZalo, zaloEvents } from '../../test/support/fake-zalo.js';
import { seededRandom } from './worker-rpc.js';

export interface ZaloLoadRequest {
  webhookUrl: string;
  residents: number;
  messagesPerResident: number;
  /** Share of events delivered twice (Zalo's retries), to prove they are answered once. */
  duplicateRate: number;
  /** First user id of this run (19 digits, fresh residents each run). */
  firstUserId: string;
  /** 0: send again as soon as answered (capacity); > 0: one message every intervalMs per resident. */
  intervalMs: number;
  questions: string[];
  seed: number;
}

export interface ZaloLoadResult {
  elapsedMs: number;
  messages: number;
  duplicatesDelivered: number;
  latencies: number[];
  /** event keys ("msg:<msg_id>") sent, per user. */
  eventsByUser: Record<string, string[]>;
  /** texts of every send, per user, in arrival order. */
  sentByUser: Record<string, string[]>;
  unfinished: number;
}

type Request =
  | { id: number; type: 'start'; appId: string; appSecret: string; oaSecretKey: string }
  | { id: number; type: 'refreshToken' }
  | { id: number; type: 'load'; load: ZaloLoadRequest }
  | { id: number; type: 'stop' };

let fake: FakeZalo | undefined;
let appId = '';

interface Button {
  payload: string;
}

async function runLoad(load: ZaloLoadRequest): Promise<ZaloLoadResult> {
  if (!fake) throw new Error('fake not started');
  const f = fake;
  const events = zaloEvents(appId);
  const rand = seededRandom(load.seed);
  const latencies: number[] = [];
  const eventsByUser: Record<string, string[]> = {};
  const sentByUser: Record<string, string[]> = {};
  const lastButtons = new Map<string, Button[]>();
  const waiting = new Map<string, { sentAt: number; answered: boolean; onAnswer: () => void }>();
  let unfinished = 0;
  let duplicatesDelivered = 0;

  const stop = f.onSend((message, at) => {
    const user = message.body.recipient.user_id;
    const sent = sentByUser[user] ?? [];
    sent.push(message.body.message.text ?? '');
    sentByUser[user] = sent;
    const buttons = message.body.message.attachment?.payload.buttons as Button[] | undefined;
    if (buttons?.length) lastButtons.set(user, buttons);
    const w = waiting.get(user);
    if (w && !w.answered) {
      w.answered = true;
      latencies.push(at - w.sentAt);
      w.onAnswer();
    }
  });

  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const nextEvent = (user: string, index: number): Record<string, unknown> => {
    const roll = rand();
    const buttons = lastButtons.get(user);
    // a pressed button comes back as a text whose text is its payload; a typed number picks a numbered option
    if (index > 0 && roll < 0.08 && buttons?.[0]) return events.text(user, buttons[0].payload);
    if (index > 0 && roll < 0.12 && buttons?.length) return events.text(user, '1');
    if (index > 0 && roll < 0.25)
      return events.text(user, pick(['còn lệ phí thì sao?', 'thời hạn giải quyết bao lâu?', 'cần giấy tờ gì?']));
    if (roll < 0.32) return events.text(user, pick(['xin chào', 'cảm ơn', 'menu', '/help']));
    return events.text(user, pick(load.questions));
  };
  const deliver = async (event: Record<string, unknown>): Promise<boolean> => {
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
      if ((await f.deliver(load.webhookUrl, event).catch(() => 0)) === 200) return true;
    }
    return false;
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const resident = async (user: string, offsetMs: number) => {
    const begin = performance.now() + offsetMs;
    for (let i = 0; i < load.messagesPerResident; i++) {
      if (load.intervalMs > 0) await sleep(Math.max(0, begin + i * load.intervalMs - performance.now()));
      const event = nextEvent(user, i);
      const keys = eventsByUser[user] ?? [];
      keys.push(`msg:${(event.message as { msg_id: string }).msg_id}`);
      eventsByUser[user] = keys;
      const answered = new Promise<void>((resolve) => {
        waiting.set(user, { sentAt: performance.now(), answered: false, onAnswer: resolve });
      });
      const twice = rand() < load.duplicateRate;
      if (twice) duplicatesDelivered++;
      const ok = (await Promise.all(twice ? [deliver(event), deliver(event)] : [deliver(event)])).every(Boolean);
      if (!ok) unfinished++;
      // the webhook answers before processing: the answer arrives later
      await Promise.race([answered, sleep(10_000)]);
      if (!waiting.get(user)?.answered) unfinished++;
      waiting.delete(user);
    }
  };
  const first = BigInt(load.firstUserId);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: load.residents }, (_, r) =>
      resident((first + BigInt(r)).toString(), load.intervalMs > 0 ? (r * load.intervalMs) / load.residents : 0),
    ),
  );
  const elapsedMs = performance.now() - started;
  // late sends (a redelivery answered twice would show up here)
  await sleep(500);
  stop();
  return {
    elapsedMs,
    messages: load.residents * load.messagesPerResident,
    duplicatesDelivered,
    latencies,
    eventsByUser,
    sentByUser,
    unfinished,
  };
}

parentPort?.on('message', (request: Request) => {
  const reply = (result: unknown) => parentPort?.postMessage({ id: request.id, result });
  const fail = (error: unknown) => parentPort?.postMessage({ id: request.id, error: String(error) });
  if (request.type === 'start') {
    appId = request.appId;
    startFakeZalo({ appId: request.appId, appSecret: request.appSecret, oaSecretKey: request.oaSecretKey })
      .then((started) => {
        fake = started;
        reply({ url: started.url });
      })
      .catch(fail);
  } else if (request.type === 'refreshToken') {
    reply(fake?.issueRefreshToken());
  } else if (request.type === 'load') {
    runLoad(request.load).then(reply).catch(fail);
  } else {
    (fake?.close() ?? Promise.resolve()).then(() => reply(true)).catch(fail);
  }
});
