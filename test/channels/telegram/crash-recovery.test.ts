// Crash recovery: the real service as a child process (node --import tsx src/main.ts) on the embedded database, Telegram long
// polling against the fake Bot API; SIGKILL between dialogue steps and in the middle of a send, restart, carry on.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReplies } from '../../../src/conversation/index.js';
import { type FakeTelegram, startFakeTelegram, updates } from '../../support/fake-telegram.js';
import { killServiceProcess, startServiceProcess } from '../../support/service-process.js';

const TOKEN = '987654321:AAEcrash-test_token';
const R = createReplies('Bạn');

interface Keyboard {
  inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
}

const kill = killServiceProcess;

// each test starts the real service twice (about 10 s each on an idle machine, far more under a full parallel run)
describe('crash recovery (SIGKILL)', { timeout: 240_000 }, () => {
  let fake: FakeTelegram;
  let dataDir: string;
  let service: ChildProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeTelegram({ token: TOKEN, maxPollMs: 2000 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-crash-'));
  });
  afterAll(async () => {
    if (service) await kill(service);
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const polls = fake.callsOf('getUpdates').length;
    service = await startServiceProcess(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: fake.url,
      },
      90_000,
    );
    await fake.waitFor(() => fake.callsOf('getUpdates').length > polls, 60_000, 'polling after start');
  };
  const sent = (chat: number) => fake.sentTo(chat).map((m) => String(m.text));

  it('continues a multi-step dialogue after being killed between its steps', async () => {
    await start();
    const chat = 4_200_001;
    const ask = updates.text(chat, '/xoadulieu');
    fake.push(ask);
    await fake.waitFor(() => sent(chat).length === 1, 30_000, 'the confirmation prompt');
    // between the steps: the bot has taken the update (Telegram will not deliver it again)
    await fake.waitFor(() => fake.pending === 0, 30_000, 'the update confirmed');
    expect(sent(chat)[0]).toBe(R.eraseConfirm);
    const prompt = fake.callsOf('sendMessage').find((c) => c.payload.chat_id === String(chat));
    const keyboard = prompt?.payload.reply_markup as Keyboard;
    const yes = keyboard.inline_keyboard.flat().find((b) => b.text === R.eraseYes);
    expect(yes).toBeDefined();

    if (service) await kill(service);
    await start();

    // the button of the prompt sent before the crash still belongs to the live step
    const message = prompt?.result as { message_id: number };
    fake.push(
      updates.press(chat, yes?.callback_data ?? '', { message_id: message.message_id, reply_markup: keyboard }),
    );
    await fake.waitFor(() => sent(chat).length === 2, 30_000, 'the answer after restart');
    expect(sent(chat)[1]).toBe(R.erased(false));
  });

  it('answers once a message whose reply was being sent when the process was killed', async () => {
    const chat = 4_200_002;
    await fake.waitFor(() => fake.pending === 0, 30_000, 'a quiet bot');
    fake.holdNext('sendMessage');
    const update = updates.text(chat, 'xin chào');
    fake.push(update);
    // the service has handled the message and is waiting for Telegram to take the reply
    await fake.waitFor(() => sent(chat).length === 1, 30_000, 'the held send');
    if (service) await kill(service);
    await start();
    // Telegram never saw the update confirmed, so it delivers it again; the stored answer goes out once
    await fake.waitFor(() => sent(chat).length === 2, 30_000, 'the answer after restart');
    await fake.waitFor(
      (calls) =>
        calls.some((c) => c.method === 'getUpdates' && (c.payload.offset as number) > (update.update_id as number)),
      30_000,
      'update confirmed',
    );
    expect(sent(chat)[1]).toBe(sent(chat)[0]);
    expect(sent(chat)[1]).toContain('Xin chào');
    // and nothing more arrives for that chat
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sent(chat)).toHaveLength(2);
  });
});
