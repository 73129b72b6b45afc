// The web chat's photo upload (POST /api/chat/attachments) through the real service: a photo attached during the
// intake is kept in DATA_DIR/attachments (owner-only) and filed with the ticket; what is not a photo or a document
// by its content, what is too large, an empty body and a cross-site form are refused in Vietnamese, storing nothing.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { type Service, startService } from '../../../src/service.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createDataDir } from '../../cli/run-cli.js';
import { REPO_ROOT } from '../../support/shared-data.js';

interface Line {
  id: number;
  from: string;
  text: string;
  quickReplies: Array<{ label: string; action: string }>;
  attachments: Array<{ kind: string; ref?: string; name?: string }>;
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);

class WebResident {
  cookie = '';
  lines: Line[] = [];
  constructor(private readonly url: string) {}

  private remember(response: Response) {
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
  }

  async say(text: string, action?: string): Promise<Line[]> {
    const response = await fetch(`${this.url}/api/chat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ text, ...(action ? { action } : {}) }),
    });
    this.remember(response);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { messages: Line[] };
    this.lines.push(...body.messages);
    return body.messages.filter((m) => m.from === 'bot');
  }

  async press(label: string): Promise<Line[]> {
    const button = [...this.lines]
      .reverse()
      .flatMap((l) => l.quickReplies)
      .find((q) => q.label.includes(label));
    if (!button) throw new Error(`no button "${label}"`);
    return this.say(button.label, button.action);
  }

  async upload(bytes: Uint8Array, name: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.url}/api/chat/attachments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: new Blob([new Uint8Array(bytes)]),
    });
    this.remember(response);
    const body = (await response.json()) as { messages?: Line[]; message?: string };
    if (body.messages) this.lines.push(...body.messages);
    return { status: response.status, body };
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('web chat attachments', { timeout: 240_000 }, () => {
  let dataDir: string;
  let service: Service | undefined;
  let url: string;
  const attachmentsDir = () => path.join(dataDir, 'attachments');

  beforeAll(async () => {
    dataDir = await createDataDir('tiepdan-web-upload-');
    const config = loadConfig(
      {
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: '',
        WEB_UPLOAD_MAX_BYTES: String(64 * 1024),
        KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
        SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
      },
      REPO_ROOT,
    );
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
    url = service.url;
  });
  afterAll(async () => {
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('files a photo attached during the intake with the ticket, kept owner-only under DATA_DIR', async () => {
    const resident = new WebResident(url);
    await resident.say('Gửi phản ánh', 'intent:petition');
    await resident.press('Giao thông');
    const [check] = await resident.say('xa nong thuong, tp Bac Kan');
    expect(check?.text).toContain('đúng không?');
    await resident.press('Đúng');
    await resident.say('Cống thoát nước trước nhà văn hóa tổ 7 bị vỡ, nước tràn ra đường');
    const uploaded = await resident.upload(JPEG, 'cống vỡ.jpg');
    expect(uploaded.status).toBe(200);
    const [line] = uploaded.body.messages ?? [];
    expect(line).toMatchObject({ from: 'resident', attachments: [{ kind: 'photo', name: 'cống vỡ.jpg' }] });
    // the file is stored under the store's own name, never the resident's, and only the service may read it
    const files = await filesUnder(attachmentsDir());
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/attachments\/web\/\d{4}-\d{2}\/[0-9a-f]{32}\.jpg$/);
    expect((await stat(files[0] as string)).mode & 0o777).toBe(0o600);
    expect(Buffer.compare(await readFile(files[0] as string), JPEG)).toBe(0);

    await resident.press('Xong');
    await resident.say('Nguyễn Thị Lan');
    await resident.say('Tổ 7, phường Đức Xuân');
    await resident.say('0912 345 678');
    const consent = await resident.press('Tôi đồng ý');
    expect(consent.map((l) => l.text).join('\n')).toContain('• Ảnh/tệp đính kèm: 1');
    await resident.press('Gửi');
    const ticket = await service?.db.prisma.ticket.findFirstOrThrow({
      where: { channel: 'web' },
      include: { attachments: true },
    });
    expect(ticket?.attachments).toMatchObject([
      { kind: 'photo', ref: path.relative(attachmentsDir(), files[0] as string) },
    ]);
  });

  it('refuses what is not a photo or document by its content, too large, or empty; nothing is stored', async () => {
    const before = await filesUnder(attachmentsDir());
    const resident = new WebResident(url);
    await resident.say('xin chào');
    const script = await resident.upload(Buffer.from('<script>alert(1)</script>'), 'anh.jpg');
    expect(script.status).toBe(400);
    expect(script.body.message).toMatch(/^Chỉ nhận ảnh \(JPG, PNG, GIF, WebP\) hoặc tệp PDF, Word, Excel/);
    const elf = await resident.upload(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'tai-lieu.pdf');
    expect(elf.status).toBe(400);
    const empty = await resident.upload(new Uint8Array(0), 'trong.png');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('Tệp trống. Vui lòng chọn ảnh hoặc tệp khác.');
    const large = await resident.upload(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(65 * 1024)]),
      'lon.jpg',
    );
    expect(large.status).toBe(413);
    expect(large.body.message).toBe('Tệp quá lớn: tối đa 64 KB. Vui lòng chụp lại ảnh nhỏ hơn hoặc gửi tệp khác.');
    // a form on another site cannot attach into the resident's conversation with their cookie
    const crossSite = await resident.upload(JPEG, 'x.jpg', {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    expect(await filesUnder(attachmentsDir())).toEqual(before);
  });
});
