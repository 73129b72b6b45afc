// Worker thread of the tickets load bench: the fake Bot API and the residents who file through it, on their own
// event loop (and core). Each resident walks the whole intake by reading the bot's messages and pressing its
// buttons, like a person; latency per step = update sent → first sendMessage for that chat.
import { parentPort } from 'node:worker_threads';
import { type FakeTelegram, startFakeTelegram, updates } from '../../test/support/fake-telegram.js';
import { seededRandom } from './worker-rpc.js';

export interface IntakeLoadRequest {
  residents: number;
  firstChatId: number;
  /** Share of residents whose confirming press Telegram delivers twice (at the same time). */
  duplicateRate: number;
  /** Share of residents who attach a photo. */
  photoRate: number;
  /** Share of residents who file a complaint (one step more: first or second time) instead of a petition. */
  complaintRate: number;
  seed: number;
  /** How long a resident waits for any one reply before giving up (ms). */
  replyTimeoutMs: number;
}

export interface IntakeLoadResult {
  elapsedMs: number;
  /** ms per step name, one value per resident that reached the step. */
  stepLatencies: Record<string, number[]>;
  /** ms from pressing "Gửi" to the message with the tracking code. */
  codeLatencies: number[];
  /** Every tracking code each chat received, one entry per message that carried one. */
  codesByChat: Record<string, string[]>;
  /** The description each resident typed (unique): ties a stored ticket to its resident. */
  descriptionByChat: Record<string, string>;
  failures: Array<{ chat: string; step: string; reason: string }>;
  updatesSent: number;
  duplicatesDelivered: number;
  messagesReceived: number;
}

type Request =
  | { id: number; type: 'start'; token: string }
  | { id: number; type: 'webhook' }
  | { id: number; type: 'load'; load: IntakeLoadRequest }
  | { id: number; type: 'stop' };

interface Keyboard {
  inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
}

interface Received {
  text: string;
  keyboard: Keyboard | undefined;
  messageId: number;
  at: number;
}

const CODE = /Mã tra cứu: ((?:PA|KN|TC|CH)-\d{4}-[0-9A-Z]{6})/;
const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Nông Thị Hoa'];

let fake: FakeTelegram | undefined;

class StepFailed extends Error {}

async function runLoad(load: IntakeLoadRequest): Promise<IntakeLoadResult> {
  if (!fake) throw new Error('fake not started');
  const f = fake;
  const rand = seededRandom(load.seed);
  const inbox = new Map<string, Received[]>();
  const waiters = new Map<string, () => void>();
  const result: IntakeLoadResult = {
    elapsedMs: 0,
    stepLatencies: {},
    codeLatencies: [],
    codesByChat: {},
    descriptionByChat: {},
    failures: [],
    updatesSent: 0,
    duplicatesDelivered: 0,
    messagesReceived: 0,
  };
  const first = load.firstChatId;
  const last = first + load.residents;
  const stop = f.onCall((call) => {
    if (call.method !== 'sendMessage') return;
    const chatNumber = Number(call.payload.chat_id);
    if (chatNumber < first || chatNumber >= last) return;
    const chat = String(chatNumber);
    // answered calls only: the fake sets `result` when it accepts the message (after the listeners run, so read it
    // on the next tick)
    queueMicrotask(() => {
      const message = call.result as { message_id: number } | undefined;
      if (!message) return;
      const text = String(call.payload.text);
      const list = inbox.get(chat) ?? [];
      list.push({
        text,
        keyboard: call.payload.reply_markup as Keyboard | undefined,
        messageId: message.message_id,
        at: call.at,
      });
      inbox.set(chat, list);
      result.messagesReceived++;
      const code = CODE.exec(text)?.[1];
      if (code) result.codesByChat[chat] = [...(result.codesByChat[chat] ?? []), code];
      waiters.get(chat)?.();
    });
  });

  const waitForCount = (chat: string, count: number): Promise<boolean> =>
    new Promise((resolve) => {
      const check = () => {
        if ((inbox.get(chat)?.length ?? 0) >= count) {
          clearTimeout(timer);
          waiters.delete(chat);
          resolve(true);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(chat);
        resolve(false);
      }, load.replyTimeoutMs);
      waiters.set(chat, check);
      check();
    });

  const deliver = async (update: Record<string, unknown>): Promise<void> => {
    result.updatesSent++;
    const status = await f.deliver(update);
    if (status !== 200) throw new StepFailed(`webhook answered ${status}`);
  };

  const resident = async (index: number): Promise<void> => {
    const chatId = first + index;
    const chat = String(chatId);
    let current = 'start';
    const lastMessage = (): Received => {
      const m = inbox.get(chat)?.at(-1);
      if (!m) throw new StepFailed('no message yet');
      return m;
    };
    /** Sends one update and waits for `replies` messages; the latency of the first one is recorded under `name`. */
    const step = async (name: string, update: Record<string, unknown>, expect: string, replies = 1, twice = false) => {
      current = name;
      const before = inbox.get(chat)?.length ?? 0;
      const sentAt = performance.now();
      const deliveries = twice ? [deliver(update), deliver(update)] : [deliver(update)];
      if (twice) result.duplicatesDelivered++;
      if (!(await waitForCount(chat, before + replies)))
        throw new StepFailed(`no reply within ${load.replyTimeoutMs} ms`);
      await Promise.all(deliveries);
      const got = inbox.get(chat) ?? [];
      const firstReply = got[before] as Received;
      result.stepLatencies[name] = [...(result.stepLatencies[name] ?? []), firstReply.at - sentAt];
      const texts = got
        .slice(before)
        .map((m) => m.text)
        .join('\n');
      if (!texts.includes(expect)) throw new StepFailed(`expected «${expect}», got «${texts.slice(0, 160)}»`);
      return got.slice(before);
    };
    const press = (pick: (label: string) => boolean): Record<string, unknown> => {
      const message = lastMessage();
      const buttons = message.keyboard?.inline_keyboard.flat() ?? [];
      const candidates = buttons.filter((b) => pick(b.text));
      const button = candidates[Math.floor(rand() * candidates.length)];
      if (!button) throw new StepFailed(`no matching button among ${buttons.map((b) => b.text).join(', ')}`);
      return updates.press(chatId, button.callback_data, {
        message_id: message.messageId,
        reply_markup: message.keyboard,
      });
    };
    const any = (label: string) => label !== 'Hủy' && label !== 'Chọn huyện khác';
    const isComplaint = rand() < load.complaintRate;
    const withPhoto = rand() < load.photoRate;
    const twice = rand() < load.duplicateRate;
    const description = `Cống thoát nước tổ ${(index % 30) + 1} bị tắc, nước tràn vào nhà dân (phản ánh thử tải số ${chatId})`;
    result.descriptionByChat[chat] = description;
    try {
      if (isComplaint) {
        await step('start', updates.text(chatId, '/khieunai'), 'lần đầu hay lần hai');
        await step(
          'round',
          press((l) => l === 'Lần đầu'),
          'lĩnh vực nào',
        );
      } else {
        await step('start', updates.text(chatId, '/phananh'), 'lĩnh vực nào');
      }
      await step('category', press(any), 'xã, phường, thị trấn nào');
      await step('district', press(any), 'mời chọn xã');
      await step('commune', press(any), 'mô tả vấn đề');
      await step('description', updates.text(chatId, description), 'bấm «Xong»');
      if (withPhoto) {
        await step(
          'photo',
          updates.message(chatId, { photo: [{ file_id: `AgAC-bench-${chatId}` }] }),
          'Đã nhận 1 ảnh/tệp',
        );
      }
      await step(
        'done',
        press((l) => l === 'Xong'),
        'Họ và tên',
      );
      await step('name', updates.text(chatId, NAMES[index % NAMES.length] as string), 'Địa chỉ');
      await step('address', updates.text(chatId, `Tổ ${(index % 30) + 1}, phường Đức Xuân`), 'Số điện thoại');
      if (isComplaint)
        await step(
          'phone',
          press((l) => l === 'Bỏ qua'),
          'Trước khi lưu',
        );
      else await step('phone', updates.text(chatId, `09${String(10_000_000 + index).slice(-8)}`), 'Trước khi lưu');
      await step(
        'consent',
        press((l) => l === 'Tôi đồng ý'),
        'Vui lòng kiểm tra lại',
      );
      const sentAt = performance.now();
      // the dialogue's reply and the outbox's confirmation with the code
      const replies = await step(
        'confirm',
        press((l) => l === 'Gửi'),
        'Mã tra cứu:',
        2,
        twice,
      );
      const withCode = replies.find((m) => CODE.test(m.text));
      if (withCode) result.codeLatencies.push(withCode.at - sentAt);
    } catch (error) {
      result.failures.push({ chat, step: current, reason: error instanceof Error ? error.message : String(error) });
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: load.residents }, (_, i) => resident(i)));
  result.elapsedMs = performance.now() - started;
  // late or repeated messages (a second code would show up here)
  await new Promise((resolve) => setTimeout(resolve, 2000));
  stop();
  return result;
}

parentPort?.on('message', (request: Request) => {
  const reply = (result: unknown) => parentPort?.postMessage({ id: request.id, result });
  const fail = (error: unknown) => parentPort?.postMessage({ id: request.id, error: String(error) });
  switch (request.type) {
    case 'start':
      startFakeTelegram({ token: request.token, maxPollMs: 5000 })
        .then((started) => {
          fake = started;
          reply({ url: started.url });
        })
        .catch(fail);
      return;
    case 'webhook':
      reply(fake?.registeredWebhook ?? null);
      return;
    case 'load':
      runLoad(request.load).then(reply).catch(fail);
      return;
    case 'stop':
      (fake?.close() ?? Promise.resolve()).then(() => reply(true)).catch(fail);
  }
});
