// End to end through Zalo: the real service in-process (POST /zalo/webhook, real client against the fake Zalo,
// embedded database). The whole intake by buttons and by typed numbers ends with the tracking code; an officer's
// `tiepdan tickets reply` reaches the resident; an answer refused for a closed window (-230) is shown to officers,
// and the resident is told and gets it at their next message.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionFromText, OPTIONS_HEADING } from '../../src/channels/shared/index.js';
import { loadConfig } from '../../src/config/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { createDataDir, tiepdan } from '../cli/run-cli.js';
import { addTestAccount } from '../support/accounts.js';
import { type FakeZalo, newZaloUserId, startFakeZalo, zaloEvents } from '../support/fake-zalo.js';
import { REPO_ROOT } from '../support/shared-data.js';

const APP_ID = '1234567890123456789';
const APP_SECRET = 'e2e-app-secret';
const OA_SECRET_KEY = 'e2e-oa-secret-key';
const CODE = /Mã tra cứu: ((?:PA|KN|TC|CH)-\d{4}-[0-9A-Z]{6})/;

interface Button {
  title: string;
  payload: string;
}

/** One resident's Zalo chat with the OA, as the fake saw it. */
class ZaloChat {
  readonly userId = newZaloUserId();
  private readonly events = zaloEvents(APP_ID);

  constructor(
    private readonly fake: FakeZalo,
    private readonly webhook: string,
  ) {}

  get texts(): string[] {
    return this.fake.sentTo(this.userId).map((m) => m.body.message.text ?? '');
  }

  private buttons(index: number): Button[] {
    const message = this.fake.sentTo(this.userId)[index];
    return (message?.body.message.attachment?.payload.buttons as Button[] | undefined) ?? [];
  }

  async send(event: Record<string, unknown>, replies = 1): Promise<string[]> {
    const before = this.texts.length;
    const status = await this.fake.deliver(this.webhook, event);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    await this.fake.waitFor(() => this.texts.length >= before + replies, 20_000, `reply ${before + replies}`);
    return this.texts.slice(before);
  }

  text(text: string, replies = 1): Promise<string[]> {
    return this.send(this.events.text(this.userId, text), replies);
  }

  /** A pressed oa.query.hide button: Zalo sends its payload back as the text of a user_send_text. */
  press(label: string, replies = 1): Promise<string[]> {
    for (let i = this.texts.length - 1; i >= 0; i--) {
      const button = this.buttons(i).find((b) => b.title.includes(label));
      if (button) {
        expect(actionFromText(button.payload)).toBeDefined();
        return this.text(button.payload, replies);
      }
    }
    throw new Error(`no button "${label}" for ${this.userId}`);
  }

  /** Types the number the newest numbered list gives the option `label` (as on a client that shows no buttons). */
  choose(label: string, replies = 1): Promise<string[]> {
    const latest = [...this.texts].reverse().find((t) => t.includes(`\n${OPTIONS_HEADING}\n`));
    const line = latest?.split('\n').find((l) => /^\d+\. /.test(l) && l.includes(label));
    if (!line) throw new Error(`no numbered option "${label}" in the newest list`);
    return this.text(line.slice(0, line.indexOf('.')), replies);
  }

  image(url: string): Promise<string[]> {
    return this.send(this.events.image(this.userId, url));
  }
}

describe('tickets end to end through Zalo and the officer CLI', { timeout: 240_000 }, () => {
  let fake: FakeZalo;
  let dataDir: string;
  let service: Service | undefined;
  let webhook: string;

  beforeAll(async () => {
    fake = await startFakeZalo({ appId: APP_ID, appSecret: APP_SECRET, oaSecretKey: OA_SECRET_KEY });
    fake.files.set('cong.jpg', { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), type: 'image/jpeg' });
    dataDir = await createDataDir('tiepdan-zalo-e2e-');
    const config = loadConfig(
      {
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: '',
        ZALO_APP_ID: APP_ID,
        ZALO_APP_SECRET: APP_SECRET,
        ZALO_OA_SECRET_KEY: OA_SECRET_KEY,
        ZALO_REFRESH_TOKEN: fake.issueRefreshToken(),
        ZALO_API_BASE: fake.url,
        ZALO_OAUTH_BASE: fake.url,
        ZALO_RATE_PER_USER: '1000',
        ZALO_RATE_GLOBAL: '100000',
        KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
        SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
      },
      REPO_ROOT,
    );
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
    // the officer the CLI acts as (--as names an account)
    await addTestAccount(service.db, 'can.bo', 'officer');
    webhook = `${service.url}/zalo/webhook`;
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Files a petition, pressing buttons (`press`) or typing numbers (`choose`); returns the tracking code. */
  async function fileIntake(chat: ZaloChat, pick: 'press' | 'choose'): Promise<string> {
    const select = (label: string, replies = 1) =>
      pick === 'press' ? chat.press(label, replies) : chat.choose(label, replies);
    await chat.text('/phananh');
    await select('Giao thông');
    const [check] = await chat.text('xa nong thuong, tp Bac Kan');
    expect(check).toContain('đúng không?');
    await select('Đúng');
    await chat.text('Cống thoát nước trước nhà văn hóa tổ 7 bị vỡ, nước tràn ra đường');
    await chat.image(`${fake.url}/files/cong.jpg`);
    await select('Xong');
    await chat.text('Nguyễn Thị Lan');
    await chat.text('Tổ 7, phường Đức Xuân');
    await chat.text('0912 345 678');
    const [consent] = await select('Tôi đồng ý');
    expect(consent).toContain('• Ảnh/tệp đính kèm: 1');
    const [filed, confirmation] = await select('Gửi', 2);
    expect(filed).toContain('Mã tra cứu được gửi ngay trong tin nhắn tiếp theo');
    const code = CODE.exec(confirmation ?? '')?.[1];
    expect(code).toBeDefined();
    return code as string;
  }

  it('files a petition by buttons, and an officer answer sent with the CLI reaches the resident', async () => {
    const chat = new ZaloChat(fake, webhook);
    const code = await fileIntake(chat, 'press');
    const [status] = await chat.text(code);
    expect(status).toContain('Tình trạng: Đã tiếp nhận');

    const reply = await tiepdan(
      dataDir,
      'tickets',
      'reply',
      code,
      'Đã cử đội sửa cống trong tuần này.',
      '--as',
      'can.bo',
    );
    expect(reply.code).toBe(0);
    await fake.waitFor(() => chat.texts.some((t) => t.includes(`Trả lời cho yêu cầu ${code}`)), 20_000, 'the answer');
    const answer = chat.texts.find((t) => t.includes(`Trả lời cho yêu cầu ${code}`));
    expect(answer).toContain('Đã cử đội sửa cống trong tuần này.');
    // its buttons work as any other: typed as a number too
    const [rating] = await chat.choose('Chưa giải quyết');
    expect(rating).toContain('từ 1 (rất không hài lòng) đến 5 (rất hài lòng)');
    expect(chat.texts.filter((t) => t.includes(`Mã tra cứu: ${code}`))).toHaveLength(1);

    // the channel's health, for admins and monitoring, never with a token
    const health = (await (await fetch(`${service?.url}/health`)).json()) as { zalo?: { status?: string } };
    expect(health.zalo?.status).toBe('ok');
    const zaloStatus = await tiepdan(dataDir, 'zalo', 'status', '--json');
    expect(zaloStatus.code).toBe(0);
    expect(JSON.parse(zaloStatus.stdout)).toMatchObject({ configured: true, state: 'ok', heldByClosedWindow: 0 });
    for (const token of fake.validAccess) expect(zaloStatus.stdout).not.toContain(token);
  });

  it('files a petition by typed numbers only, as on a Zalo client that shows no buttons', async () => {
    const chat = new ZaloChat(fake, webhook);
    const code = await fileIntake(chat, 'choose');
    expect(code).toMatch(/^PA-/);
  });

  it('keeps an answer refused outside the window (-230) for officers, then tells and sends it at the next message', async () => {
    const chat = new ZaloChat(fake, webhook);
    const code = await fileIntake(chat, 'press');
    fake.windowClosed.add(chat.userId);
    const reply = await tiepdan(dataDir, 'tickets', 'reply', code, 'Trả lời sau 8 ngày.', '--as', 'can.bo');
    expect(reply.code).toBe(0);
    // policy: no timed retries (they would fail until the resident writes); marked failed with its reason
    let outbox = '';
    for (let i = 0; i < 100 && !outbox.includes(code); i++) {
      outbox = (await tiepdan(dataDir, 'tickets', 'outbox', '--as', 'can.bo')).stdout;
      if (!outbox.includes(code)) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(outbox).toContain(code);
    expect(outbox).toContain('zalo_window_closed');
    expect(outbox).toContain('Gọi cho người dân: 0912');
    const shown = await tiepdan(dataDir, 'tickets', 'show', code);
    expect(shown.stdout).toContain('zalo_window_closed');
    expect(shown.stdout).toContain('0912');
    const status = await tiepdan(dataDir, 'zalo', 'status');
    expect(status.stdout).toContain('1 câu trả lời chưa gửi được');
    expect(chat.texts.some((t) => t.includes('Trả lời sau 8 ngày.'))).toBe(false);

    // the resident writes again: Zalo opens the window, the notice comes first, then the held answer
    fake.windowClosed.delete(chat.userId);
    const [notice] = await chat.text('xin chào', 2);
    expect(notice).toContain(`Cơ quan đã trả lời phản ánh ${code}`);
    await fake.waitFor(() => chat.texts.some((t) => t.includes('Trả lời sau 8 ngày.')), 20_000, 'the held answer');
    expect(chat.texts.filter((t) => t.includes('Trả lời sau 8 ngày.'))).toHaveLength(1);
    const [again] = await chat.text('cảm ơn');
    expect(again).not.toContain('Cơ quan đã trả lời');
  });
});
