// The question queue at /admin/cau-hoi on the service `npm start` runs: who may open it, CSRF on its forms, the
// resident masked in the list; an editor's answer reaches the resident's web chat through the outbox; marked
// "dùng làm câu trả lời mẫu", it becomes an FAQ entry the bot answers another resident from, with its citation;
// withdrawn, the bot stops using it; `tiepdan eval --faq` reports it.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { paraphrasesOf } from '../../src/questions/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { createDataDir, tiepdan } from '../cli/run-cli.js';
import { addTestAccount } from '../support/accounts.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { Browser } from './harness.js';

const QUESTION = 'Nhà văn hoá tổ dân phố có cho mượn để tổ chức đám cưới không?';
const ANSWER =
  'Có. Tổ dân phố cho mượn nhà văn hoá để tổ chức đám cưới nếu đăng ký trước 7 ngày với tổ trưởng; không thu tiền thuê, chỉ đóng tiền điện nước.';
const WITH_PHONE = 'Tôi muốn hỏi về việc cắm mốc ranh giới đất ruộng, gọi lại cho tôi số 0912345678 nhé';

interface ChatMessage {
  from: string;
  text: string;
  quickReplies: Array<{ label: string; action: string }>;
}

class Resident {
  sessionId = '';
  constructor(readonly base: string) {}
  async say(text: string, action?: string): Promise<ChatMessage[]> {
    if (!this.sessionId) {
      const created = await fetch(`${this.base}/api/chat/sessions`, { method: 'POST' });
      this.sessionId = ((await created.json()) as { sessionId: string }).sessionId;
    }
    const response = await fetch(`${this.base}/api/chat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chat-session': this.sessionId },
      body: JSON.stringify(action ? { action } : { text }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { messages: ChatMessage[] }).messages;
  }
  async transcript(): Promise<ChatMessage[]> {
    const response = await fetch(`${this.base}/api/chat/messages?after=0`, {
      headers: { 'x-chat-session': this.sessionId },
    });
    return ((await response.json()) as { messages: ChatMessage[] }).messages;
  }
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

let service: Service;
let dataDir: string;
let editor: Browser;
let questionId = 0;
const asker = () => new Resident(service.url);
let first: Resident;

beforeAll(async () => {
  dataDir = await createDataDir('tiepdan-console-questions-');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, REPO_ROOT);
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write; // the first admin's one-time password
  try {
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
  } finally {
    process.stderr.write = write;
  }
  await addTestAccount(service.db, 'bien.tap', 'editor');
  await addTestAccount(service.db, 'lanh.dao', 'lead');
  await addTestAccount(service.db, 'can.bo', 'officer');
  await addTestAccount(service.db, 'xem.bao.cao', 'viewer');
  editor = new Browser(service.url);
  expect((await editor.signIn('bien.tap')).status).toBe(303);

  // a resident asks what the knowledge base does not hold: the bot says so and the question is queued
  first = asker();
  const replies = await first.say(QUESTION);
  expect(replies.at(-1)?.text).toMatch(/chưa tìm thấy|không tìm thấy/i);
  await asker().say(WITH_PHONE);
  const row = await service.db.prisma.unansweredQuestion.findFirst({ where: { question: { contains: 'đám cưới' } } });
  expect(row?.reason).toBe('abstain');
  questionId = row?.id as number;
}, 180_000);

afterAll(async () => {
  await service?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the queue page', () => {
  it('is for editors, the lead and admins: officers and viewers get 403, strangers the sign-in page', async () => {
    expect((await new Browser(service.url).request('/admin/cau-hoi')).headers.get('location')).toBe('/admin/login');
    for (const login of ['can.bo', 'xem.bao.cao']) {
      const b = new Browser(service.url);
      await b.signIn(login);
      const page = await b.request('/admin/cau-hoi');
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('Không có quyền xem câu hỏi chờ trả lời');
      expect((await b.request(`/admin/cau-hoi/${questionId}`)).status).toBe(403);
    }
    const lead = new Browser(service.url);
    await lead.signIn('lanh.dao');
    expect((await lead.request('/admin/cau-hoi')).status).toBe(200);
  });

  it('lists open questions with their reason, channel and date, the resident masked, and filters by reason', async () => {
    const html = await (await editor.request('/admin/cau-hoi')).text();
    expect(html).toContain('Câu hỏi chờ trả lời');
    expect(html).toContain('tổ dân phố có cho mượn để tổ chức đám cưới');
    expect(html).toContain('Bot không tìm được câu trả lời');
    expect(html).toContain('Trò chuyện trên web');
    // the phone number the resident typed, and their chat session id, never appear in the list
    expect(html).not.toContain('0912345678');
    expect(html).toContain('09******78');
    expect(html).not.toContain(first.sessionId);
    expect(html).toContain('href="/admin/cau-hoi"'); // the nav link
    const filtered = await (await editor.request('/admin/cau-hoi?reason=thumbs_down')).text();
    expect(filtered).not.toContain('tổ dân phố có cho mượn');
    expect(filtered).toContain('Không có câu hỏi nào.');
  });

  it('refuses a form without the CSRF token or from another site, and loses nothing', async () => {
    const page = await (await editor.request(`/admin/cau-hoi/${questionId}`)).text();
    const csrf = Browser.csrfOf(page);
    const forms = [
      [`/admin/cau-hoi/${questionId}/tra-loi`, { text: ANSWER }],
      [`/admin/cau-hoi/${questionId}/bo-qua`, { reason: 'ngoài phạm vi' }],
      ['/admin/cau-hoi/mau/FAQ-1/rut-lai', {}],
    ] as const;
    for (const [path, form] of forms) {
      expect((await editor.request(path, { form: { ...form } })).status).toBe(403);
      const crossSite = await editor.request(path, {
        form: { ...form, _csrf: csrf },
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      });
      expect(crossSite.status).toBe(403);
    }
    const row = await service.db.prisma.unansweredQuestion.findUnique({ where: { id: questionId } });
    expect(row?.status).toBe('open');
  });

  it('explains a too-short answer in Vietnamese and keeps the question open', async () => {
    const page = await (await editor.request(`/admin/cau-hoi/${questionId}`)).text();
    const response = await editor.request(`/admin/cau-hoi/${questionId}/tra-loi`, {
      form: { _csrf: Browser.csrfOf(page), text: 'Có' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Nội dung trả lời quá ngắn');
    const row = await service.db.prisma.unansweredQuestion.findUnique({ where: { id: questionId } });
    expect(row?.status).toBe('open');
  });
});

describe('answering, and the answer as an FAQ entry', () => {
  it("delivers the editor's answer to the resident's web chat and, marked as a model answer, the bot then answers another resident from it", async () => {
    const page = await (await editor.request(`/admin/cau-hoi/${questionId}`)).text();
    expect(page).toContain('Bot báo chưa tìm thấy thông tin.');
    expect(page).toContain('dùng làm câu trả lời mẫu');
    const sent = await editor.request(`/admin/cau-hoi/${questionId}/tra-loi`, {
      form: { _csrf: Browser.csrfOf(page), text: ANSWER, faq: '1' },
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/admin/cau-hoi/${questionId}?ok=sent-faq`);

    const transcript = await eventually(
      () => first.transcript(),
      (m) => m.some((x) => x.text.includes('Cán bộ trả lời câu hỏi của bạn')),
    );
    const delivered = transcript.find((x) => x.text.includes('Cán bộ trả lời câu hỏi của bạn'));
    expect(delivered?.text).toContain(ANSWER);

    const row = await service.db.prisma.unansweredQuestion.findUnique({ where: { id: questionId } });
    expect(row).toMatchObject({ status: 'answered', staffAnswer: ANSWER, faqCode: `FAQ-${questionId}` });
    const audit = await service.db.prisma.auditLog.findMany({
      where: { entity: 'question', entityId: String(questionId) },
    });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['bien.tap', 'question.answered'],
      ['bien.tap', 'faq.published'],
    ]);

    // another resident asks the same (and without diacritics): answered from the FAQ entry, with its citation
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    for (const text of [QUESTION, paraphrasesOf(QUESTION)[1]?.text as string]) {
      const reply = (await asker().say(text)).at(-1)?.text ?? '';
      expect(reply).toContain('đăng ký trước 7 ngày với tổ trưởng');
      expect(reply).toContain(`Nguồn: Cán bộ bien.tap trả lời ngày ${today}`);
    }
    // and the page says it is answered, with no form left
    const after = await (await editor.request(`/admin/cau-hoi/${questionId}?ok=sent-faq`)).text();
    expect(after).toContain('Đã trả lời');
    expect(after).not.toContain('name="text"');
  });

  it('`tiepdan eval --faq` reports the question (and its paraphrases) answered from the FAQ entry', async () => {
    const result = await tiepdan(dataDir, 'eval', '--faq', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      entries: number;
      asked: number;
      answeredFromFaq: number;
      rows: Array<{ code: string; asked: Array<{ kind: string; answered: boolean }> }>;
    };
    expect(report.entries).toBe(1);
    expect(report.rows[0]?.code).toBe(`FAQ-${questionId}`);
    expect(report.asked).toBe(4);
    expect(report.rows[0]?.asked.find((a) => a.kind === 'nguyên văn')?.answered).toBe(true);
    expect(report.rows[0]?.asked.find((a) => a.kind === 'bỏ dấu')?.answered).toBe(true);
    expect(report.answeredFromFaq).toBeGreaterThanOrEqual(3);
    const text = await tiepdan(dataDir, 'eval', '--faq');
    expect(text.stdout).toContain('Bot trả lời bằng đúng câu trả lời mẫu');
  });

  it('an editor withdraws the FAQ entry and the bot no longer answers from it', async () => {
    const list = await (await editor.request('/admin/cau-hoi/mau')).text();
    expect(list).toContain(`FAQ-${questionId}`);
    expect(list).toContain('Cán bộ bien.tap trả lời ngày');
    const withdrawn = await editor.request(`/admin/cau-hoi/mau/FAQ-${questionId}/rut-lai`, {
      form: { _csrf: Browser.csrfOf(list) },
    });
    expect(withdrawn.headers.get('location')).toBe('/admin/cau-hoi/mau?ok=withdrawn');
    expect(await (await editor.request('/admin/cau-hoi/mau')).text()).toContain('Chưa có câu trả lời mẫu nào.');
    const reply = (await asker().say(QUESTION)).at(-1)?.text ?? '';
    expect(reply).not.toContain('đăng ký trước 7 ngày');
    const row = await service.db.prisma.unansweredQuestion.findUnique({ where: { id: questionId } });
    expect(row?.faqCode).toBeNull();
  });

  it('dismisses a question with a reason', async () => {
    const other = await service.db.prisma.unansweredQuestion.findFirst({
      where: { question: { contains: 'cắm mốc' } },
    });
    const page = await (await editor.request(`/admin/cau-hoi/${other?.id}`)).text();
    const dismissed = await editor.request(`/admin/cau-hoi/${other?.id}/bo-qua`, {
      form: { _csrf: Browser.csrfOf(page), reason: 'đã hướng dẫn qua điện thoại' },
    });
    expect(dismissed.status).toBe(303);
    const row = await service.db.prisma.unansweredQuestion.findUnique({ where: { id: other?.id as number } });
    expect(row).toMatchObject({ status: 'dismissed', staffNote: 'đã hướng dẫn qua điện thoại' });
  });

  it('answers a question handed over as a ticket as that ticket: the ticket is answered and the resident told once', async () => {
    const resident = asker();
    const replies = await resident.say('Lịch tiêm phòng dại cho chó năm nay ở thôn Bắc là ngày nào?');
    const handOver = replies.flatMap((m) => m.quickReplies).find((q) => q.label === 'Chuyển câu hỏi cho cán bộ');
    expect(handOver).toBeDefined();
    await resident.say('', handOver?.action);
    const queued = await service.db.prisma.unansweredQuestion.findFirst({
      where: { question: { contains: 'phòng dại' } },
    });
    expect(queued?.reason).toBe('staff_requested');
    expect(queued?.ticketCode).toMatch(/^CH-/);
    const page = await (await editor.request(`/admin/cau-hoi/${queued?.id}`)).text();
    expect(page).toContain(`Đã chuyển thành yêu cầu ${queued?.ticketCode}`);
    const sent = await editor.request(`/admin/cau-hoi/${queued?.id}/tra-loi`, {
      form: { _csrf: Browser.csrfOf(page), text: 'Thôn Bắc tiêm phòng dại cho chó ngày 15/3, tại nhà văn hoá thôn.' },
    });
    expect(sent.status).toBe(303);
    const ticket = await service.db.prisma.ticket.findUnique({ where: { code: queued?.ticketCode as string } });
    expect(ticket?.status).toBe('answered');
    expect(ticket?.publicAnswer).toContain('ngày 15/3');
    const row = await service.db.prisma.unansweredQuestion.findUnique({ where: { id: queued?.id as number } });
    expect(row?.status).toBe('answered');
    const transcript = await eventually(
      () => resident.transcript(),
      (m) => m.some((x) => x.text.includes('ngày 15/3')),
    );
    const answers = transcript.filter((x) => x.text.includes('ngày 15/3'));
    expect(answers).toHaveLength(1);
    expect(answers[0]?.text).toContain(queued?.ticketCode as string);
  });
});
