// Crash tests: the real service process (node + tsx, src/main.ts) on an embedded database, Telegram long polling
// against the fake Bot API, killed with SIGKILL (a) between a ticket's commit and its confirmation and (b) while
// the outbox holds replies Telegram refused; restarted; nothing lost and nothing sent twice.
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { createDataDir, tiepdan } from '../cli/run-cli.js';
import { type FakeTelegram, type RecordedCall, startFakeTelegram, updates } from '../support/fake-telegram.js';
import { exited, killServiceProcess, startServiceProcess } from '../support/service-process.js';
import { REPO_ROOT } from '../support/shared-data.js';

const TOKEN = '246810:AAtickets-crash_token';
const CODE = /Mã tra cứu: ((?:PA|KN|TC|CH)-\d{4}-[0-9A-Z]{6})/;

interface Keyboard {
  inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
}

/** Starts the service as its own process; resolves once it polls. */
async function startProcess(dataDir: string, fake: FakeTelegram, extraEnv: Record<string, string> = {}) {
  const polls = fake.callsOf('getUpdates').length;
  const child = await startServiceProcess({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
    SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.url,
    TELEGRAM_RATE_PER_CHAT: '1000',
    TELEGRAM_RATE_GLOBAL: '100000',
    ...extraEnv,
  });
  await fake.waitFor(() => fake.callsOf('getUpdates').length > polls, 60_000, 'polling after start');
  return child;
}

const kill = killServiceProcess;

/** One resident's chat as Telegram shows it: only messages the fake accepted count as delivered. */
class Chat {
  constructor(
    private readonly fake: FakeTelegram,
    readonly id: number,
  ) {}

  get delivered(): RecordedCall[] {
    return this.fake
      .callsOf('sendMessage')
      .filter((c) => String(c.payload.chat_id) === String(this.id) && c.result !== undefined);
  }

  get texts(): string[] {
    return this.delivered.map((c) => String(c.payload.text));
  }

  count(fragment: string): number {
    return this.texts.filter((t) => t.includes(fragment)).length;
  }

  async send(update: Record<string, unknown>, replies = 1): Promise<void> {
    const before = this.delivered.length;
    this.fake.push(update);
    if (replies > 0)
      await this.fake.waitFor(() => this.delivered.length >= before + replies, 20_000, `reply in chat ${this.id}`);
  }

  text(text: string): Promise<void> {
    return this.send(updates.text(this.id, text));
  }

  pressUpdate(label: string): Record<string, unknown> {
    for (const call of [...this.delivered].reverse()) {
      const keyboard = call.payload.reply_markup as Keyboard | undefined;
      const button = keyboard?.inline_keyboard.flat().find((b) => b.text.includes(label));
      if (button) {
        const message = call.result as { message_id: number };
        return updates.press(this.id, button.callback_data, { message_id: message.message_id, reply_markup: keyboard });
      }
    }
    throw new Error(`no button "${label}" in chat ${this.id}`);
  }

  press(label: string): Promise<void> {
    return this.send(this.pressUpdate(label));
  }

  /** A petition up to the summary, one step at a time. */
  async walkToSummary(description: string): Promise<void> {
    await this.text('/phananh');
    await this.press('Môi trường');
    await this.text('Sông Cầu, thành phố Bắc Kạn'); // an old name: confirmed, then filed under phường Bắc Kạn
    await this.press('Đúng');
    await this.text(description);
    await this.press('Xong');
    await this.text('Lý Văn Sơn');
    await this.text('Tổ 9, phường Sông Cầu');
    await this.text('0868123456');
    await this.press('Tôi đồng ý');
    expect(this.texts.at(-1)).toContain('Vui lòng kiểm tra lại trước khi gửi');
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tickets survive SIGKILL', { timeout: 300_000 }, () => {
  let fake: FakeTelegram;
  let dataDir: string;
  let service: ChildProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeTelegram({ token: TOKEN, maxPollMs: 500 });
    dataDir = await createDataDir('tiepdan-tickets-crash-');
  });
  afterAll(async () => {
    await kill(service);
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('(a) killed between the ticket commit and the confirmation: one ticket, the code arrives once', async () => {
    service = await startProcess(dataDir, fake, { TIEPDAN_TEST_CRASH_AFTER: 'ticket-commit' });
    const chat = new Chat(fake, 8_300_001);
    await chat.walkToSummary('Nước thải từ cơ sở chế biến chảy ra suối tổ 9');
    const sentBefore = chat.delivered.length;
    const died = exited(service);
    await chat.send(chat.pressUpdate('Gửi'), 0);
    expect(await died).toBe('SIGKILL'); // the test hook fired right after the commit
    expect(chat.delivered.length).toBe(sentBefore); // nothing was said before dying
    expect(chat.count('Mã tra cứu')).toBe(0);
    // what the dead process left: the ticket and its confirmation committed together, nothing sent yet,
    // the conversation still at the summary (its own commit never happened)
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.prisma.ticket.count()).toBe(1);
      const queued = await db.prisma.outboxMessage.findMany();
      expect(queued.map((m) => [m.status, m.attempts])).toEqual([['pending', 0]]);
      expect(JSON.stringify(queued[0]?.payload)).toMatch(CODE);
      const state = await db.prisma.conversationState.findFirst({ where: { dialog: 'complaint-intake' } });
      expect(state?.step).toBe('summary');
    } finally {
      await db.close();
    }

    // restart normally: Telegram delivers the unconfirmed "Gửi" again and the outbox still holds the code
    service = await startProcess(dataDir, fake);
    await fake.waitFor(() => chat.count('Mã tra cứu:') === 1, 30_000, 'the tracking code after restart');
    await fake.waitFor(() => chat.count('Mã tra cứu được gửi ngay') === 1, 30_000, 'the redelivered confirmation');
    await settle(2000);
    expect(chat.count('Mã tra cứu:')).toBe(1);
    expect(chat.count('Mã tra cứu được gửi ngay')).toBe(1);
    const code = CODE.exec(chat.texts.find((t) => CODE.test(t)) ?? '')?.[1];
    const listed = await tiepdan(dataDir, 'tickets', 'list', '--json');
    const tickets = JSON.parse(listed.stdout) as Array<{ code: string }>;
    expect(tickets.map((t) => t.code)).toEqual([code]);
  });

  it('(b) killed while Telegram refuses the replies: after restart each arrives exactly once', async () => {
    // two residents file (Telegram healthy), each gets their code
    const chats = [new Chat(fake, 8_300_002), new Chat(fake, 8_300_003)];
    const codes: string[] = [];
    for (const [i, chat] of chats.entries()) {
      await chat.walkToSummary(`Đèn chiếu sáng đường tổ ${9 + i} hỏng cả tháng nay`);
      const before = chat.delivered.length;
      await chat.send(chat.pressUpdate('Gửi'), 2);
      codes.push(CODE.exec(chat.texts.slice(before).join('\n'))?.[1] as string);
    }
    expect(codes.every(Boolean)).toBe(true);

    // Telegram fails every send from now on: the officer's answers stay in the outbox, retried with backoff
    fake.failNext('sendMessage', 500, { times: 100_000, description: 'Internal Server Error' });
    const tries = new Map<string, number[]>(); // chat → when Telegram refused its answer
    const stopWatching = fake.onCall((call) => {
      if (call.method !== 'sendMessage') return;
      const chat = String(call.payload.chat_id);
      tries.set(chat, [...(tries.get(chat) ?? []), Date.now()]);
    });
    for (const [i, code] of codes.entries()) {
      const reply = await tiepdan(dataDir, 'tickets', 'reply', code, `Đã thay bóng đèn đường tổ ${9 + i}.`);
      expect(reply.code).toBe(0);
    }
    // Kill in a quiet moment: each answer was refused at least twice (the worker waits 2 s·2^(n−1) before try
    // n+1, one resident's answer alone), its refusal was recorded, and no retry is due soon — none in flight.
    const nextTry = (times: number[]) => (times.at(-1) as number) + 2000 * 2 ** (times.length - 1);
    await fake.waitFor(
      () => {
        const now = Date.now();
        return chats.every((chat) => {
          const t = tries.get(String(chat.id)) ?? [];
          return t.length >= 2 && now - (t.at(-1) as number) >= 300 && nextTry(t) - now >= 1500;
        });
      },
      90_000,
      'a quiet moment between retries',
    );
    stopWatching();
    for (const [i, chat] of chats.entries()) expect(chat.count(`Trả lời cho yêu cầu ${codes[i]}`)).toBe(0);
    await kill(service);
    fake.failNext('sendMessage', 500, { times: 0 }); // Telegram is healthy again

    service = await startProcess(dataDir, fake);
    await fake.waitFor(
      () => chats.every((chat, i) => chat.count(`Trả lời cho yêu cầu ${codes[i]}`) === 1),
      60_000,
      'the answers after restart',
    );
    await settle(3000);
    for (const [i, chat] of chats.entries()) {
      expect(chat.count(`Trả lời cho yêu cầu ${codes[i]}`)).toBe(1);
      expect(chat.count('Mã tra cứu:')).toBe(1);
    }

    // the database agrees: three tickets in all, every queued message sent, none left uncertain or failed
    await kill(service);
    service = undefined;
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.prisma.ticket.count()).toBe(3);
      const rows = await db.prisma.outboxMessage.findMany({ select: { status: true } });
      expect(rows).toHaveLength(3 + 2); // three confirmations, two answers
      expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'sent'));
    } finally {
      await db.close();
    }
  });
});
