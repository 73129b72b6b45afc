// End to end through Telegram: the real service in-process (real telegraf long polling against the fake Bot API,
// embedded database), an officer replying with the real `tiepdan` CLI in another process (handed to the service),
// the answer arriving at the fake, "resolved?" and the rating, and a dispute that reopens the ticket.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { createDataDir, tiepdan } from '../cli/run-cli.js';
import { type FakeTelegram, type RecordedCall, startFakeTelegram, updates } from '../support/fake-telegram.js';
import { REPO_ROOT } from '../support/shared-data.js';

const TOKEN = '123456:AAtickets-e2e_token';

interface Keyboard {
  inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
}

/** What one resident sees in their chat: messages Telegram accepted (the fake answered them). */
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

  /** Sends an update and waits until `replies` more messages arrived; returns them. */
  async send(update: Record<string, unknown>, replies = 1): Promise<string[]> {
    const before = this.delivered.length;
    this.fake.push(update);
    await this.fake.waitFor(
      () => this.delivered.length >= before + replies,
      20_000,
      `reply ${before + replies} in chat ${this.id}`,
    );
    return this.texts.slice(before);
  }

  text(text: string, replies = 1): Promise<string[]> {
    return this.send(updates.text(this.id, text), replies);
  }

  /** Presses the newest button whose label contains `label`, as Telegram sends it (callback_query). */
  press(label: string, replies = 1): Promise<string[]> {
    for (const call of [...this.delivered].reverse()) {
      const keyboard = call.payload.reply_markup as Keyboard | undefined;
      const button = keyboard?.inline_keyboard.flat().find((b) => b.text.includes(label));
      if (button) {
        const message = call.result as { message_id: number };
        return this.send(
          updates.press(this.id, button.callback_data, { message_id: message.message_id, reply_markup: keyboard }),
          replies,
        );
      }
    }
    throw new Error(`no button "${label}" in chat ${this.id}`);
  }
}

describe('tickets end to end through Telegram and the officer CLI', { timeout: 180_000 }, () => {
  let fake: FakeTelegram;
  let dataDir: string;
  let service: Service | undefined;

  beforeAll(async () => {
    fake = await startFakeTelegram({ token: TOKEN, maxPollMs: 500 });
    dataDir = await createDataDir('tiepdan-tickets-e2e-');
    const config = loadConfig(
      {
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: '',
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: fake.url,
        // pacing is the Telegram channel's concern (tested there); here it would only slow the walk through
        TELEGRAM_RATE_PER_CHAT: '1000',
        TELEGRAM_RATE_GLOBAL: '100000',
        KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
        SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
      },
      REPO_ROOT,
    );
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 30_000, 'long polling');
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('intake → code → officer reply via the CLI → resolved? → rating → dispute reopens', async () => {
    const chat = new Chat(fake, 7_100_001);
    await chat.text('/phananh');
    await chat.press('Giao thông');
    // a resident who still names the commune as before 1/7/2025
    const [check] = await chat.text('xa nong thuong, tp Bac Kan');
    expect(check).toContain(
      'Xã Nông Thượng (cũ, thành phố Bắc Kạn) nay thuộc phường Bắc Kạn, tỉnh Thái Nguyên — đúng không?',
    );
    await chat.press('Đúng');
    await chat.text('Cống thoát nước trước nhà văn hóa tổ 7 bị vỡ, nước tràn ra đường');
    await chat.send(
      updates.message(chat.id, { photo: [{ file_id: 'AgACphoto-small' }, { file_id: 'AgACphoto-large' }] }),
    );
    await chat.press('Xong');
    await chat.text('Nguyễn Thị Lan');
    await chat.text('Tổ 7, phường Đức Xuân');
    await chat.text('0912 345 678');
    const [consent] = await chat.press('Tôi đồng ý');
    expect(consent).toContain('• Ảnh/tệp đính kèm: 1');
    // the dialogue's reply, then the outbox's confirmation with the code: two messages, in this order
    const [filed, confirmation] = await chat.press('Gửi', 2);
    expect(filed).toContain('Mã tra cứu được gửi ngay trong tin nhắn tiếp theo');
    const code = /Mã tra cứu: ((?:PA|KN|TC|CH)-\d{4}-[0-9A-Z]{6})/.exec(confirmation ?? '')?.[1];
    expect(code).toBeDefined();

    // any channel can look the code up
    const [status] = await chat.text(code as string);
    expect(status).toContain('Tình trạng: Đã tiếp nhận');

    // the officer answers with the CLI; the service holds the database, so the command is handed to it
    const reply = await tiepdan(
      dataDir,
      'tickets',
      'reply',
      code as string,
      'Đã cử đội công trình sửa cống trong tuần này.',
    );
    expect(reply.stderr).toContain('chuyển cho dịch vụ');
    expect(reply.code).toBe(0);
    await fake.waitFor(
      () => chat.texts.some((t) => t.includes(`Trả lời cho yêu cầu ${code}`)),
      20_000,
      'the answer at the resident',
    );
    const answer = chat.texts.find((t) => t.includes(`Trả lời cho yêu cầu ${code}`));
    expect(answer).toContain('Đã cử đội công trình sửa cống trong tuần này.');
    expect(answer).toContain('Vấn đề đã được giải quyết chưa?');

    const [rating] = await chat.press('Chưa giải quyết');
    expect(rating).toContain('từ 1 (rất không hài lòng) đến 5 (rất hài lòng)');
    const [thanks] = await chat.press('★★★');
    expect(thanks).toContain('Cảm ơn bạn đã đánh giá');
    const [reopened] = await chat.press('Đề nghị xem xét lại');
    expect(reopened).toContain(`Đã mở lại yêu cầu ${code}`);

    const shown = await tiepdan(dataDir, 'tickets', 'show', code as string, '--json');
    expect(shown.code).toBe(0);
    const ticket = JSON.parse(shown.stdout) as Record<string, unknown>;
    expect(ticket).toMatchObject({
      status: 'in_progress',
      satisfaction: 3,
      residentResolved: false,
      commune: '01843',
      communeName: 'Phường Bắc Kạn',
      filedPlace: 'Xã Nông Thượng, Thành phố Bắc Kạn (cũ)',
      unitCode: 'so-xd',
    });
    expect(ticket.disputedAt).toBeTruthy();

    // nothing was sent twice: every text reached the chat once, the code exactly once
    expect(chat.texts.filter((t) => t.includes(`Mã tra cứu: ${code}`))).toHaveLength(1);
    expect(new Set(chat.texts).size).toBe(chat.texts.length);
  });
});
