// The reports page /admin/bao-cao and its downloads: a viewer reads it and can change nothing, officers see their own
// units only, the CSV and the XLSX (read back) hold the figures the tickets make, the charts are SVG, and the page
// looks right in headless Chromium at phone and desktop sizes.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerTicket,
  assignTicket,
  createTicket,
  recordResolution,
  recordSatisfaction,
} from '../../src/tickets/index.js';
import { browserUnavailableReason, launchBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { CONSENT, LEAD, PERSON } from '../tickets/helpers.js';
import { addTestAccount, Browser, type ConsoleHarness, startConsole, TEST_PASSWORD } from './harness.js';

const DAY = 86_400_000;
const SCREENSHOTS = path.join(REPO_ROOT, 'node_modules', '.cache', 'tiepdan-screenshots');
let h: ConsoleHarness;

/** Columns of the CSV and of the XLSX's first sheet (after Nhóm, Mã, Tên). */
const RECEIVED = 3;
const ANSWERED = 7;
const ANSWERED_IN_TIME = 8;
const ANSWER_DUE = 9;
const OVERDUE = 12;
const SATISFACTION = 14;

beforeAll(async () => {
  // Monday 2 March 2026, 09:00 in Vietnam; road petitions have 5 working days
  h = await startConsole({ startIso: '2026-03-02T02:00:00.000Z' });
  const env = h.env;
  const file = async (unitCode: string, user: string) => {
    const { ticket } = await createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: `Ổ gà trước nhà số ${user}, ông Nguyễn Văn Bí báo`,
      personal: PERSON,
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: user },
    });
    await assignTicket(env.deps, { code: ticket.code, unitCode, actor: LEAD });
    return ticket.code;
  };
  const xd1 = await file('so-xd', '1');
  const xd2 = await file('so-xd', '2');
  await file('so-xd', '3'); // never answered: overdue
  const yt1 = await file('so-yt', '4');
  await file('so-yt', '5'); // never answered: overdue
  env.clock.advance(2 * DAY); // answered within 5 working days
  for (const code of [xd1, xd2]) await answerTicket(env.deps, { code, answer: 'Đã vá ổ gà.', actor: LEAD });
  await recordSatisfaction(env.deps, { code: xd1, resident: { channel: 'telegram', channelUserId: '1' }, stars: 4 });
  await recordResolution(env.deps, {
    code: xd1,
    resident: { channel: 'telegram', channelUserId: '1' },
    resolved: true,
  });
  env.clock.advance(28 * DAY); // a month later: answered late
  await answerTicket(env.deps, { code: yt1, answer: 'Đã vá ổ gà, xin lỗi vì chậm.', actor: LEAD });
  // what the conversation recorded about the bot's answers
  const resident = await env.db.prisma.resident.create({ data: { channel: 'telegram', channelUserId: '99' } });
  const at = new Date('2026-03-20T03:00:00.000Z');
  await env.db.prisma.unansweredQuestion.createMany({
    data: [
      { residentId: resident.id, channel: 'telegram', question: 'a', reason: 'abstain', docCodes: [], createdAt: at },
      { residentId: resident.id, channel: 'telegram', question: 'b', reason: 'abstain', docCodes: [], createdAt: at },
      {
        residentId: resident.id,
        channel: 'telegram',
        question: 'c',
        reason: 'staff_requested',
        docCodes: [],
        status: 'answered',
        createdAt: at,
      },
      {
        residentId: resident.id,
        channel: 'telegram',
        question: 'd',
        reason: 'abstain',
        docCodes: [],
        status: 'answered',
        faqCode: 'FAQ-1',
        createdAt: at,
      },
    ],
  });
  await env.db.prisma.feedback.createMany({
    data: [
      { residentId: resident.id, question: 'q', answer: 'a', docCodes: [], rating: 'up', createdAt: at },
      { residentId: resident.id, question: 'q', answer: 'a', docCodes: [], rating: 'up', createdAt: at },
      { residentId: resident.id, question: 'q', answer: 'a', docCodes: [], rating: 'up', createdAt: at },
      { residentId: resident.id, question: 'q', answer: 'a', docCodes: [], rating: 'down', createdAt: at },
    ],
  });
  await addTestAccount(h.env.db, 'xem.bao.cao', 'viewer');
  await addTestAccount(h.env.db, 'can.bo.xd', 'officer', { units: ['so-xd'] });
  await addTestAccount(h.env.db, 'bien.tap', 'editor');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** A CSV download: UTF-8 with a BOM (so Excel reads the accents), CRLF lines. */
async function parseCsv(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  expect(text.endsWith('\r\n')).toBe(true);
  // RFC 4180: fields in double quotes may hold commas and doubled quotes
  const rows: string[][] = [];
  for (const line of text.slice(0, -2).split('\r\n'))
    rows.push(
      [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => m[1]?.replace(/""/g, '"') ?? m[2] ?? ''),
    );
  return rows;
}

describe('reports page', () => {
  it('shows a viewer the figures per unit, category, commune and month, with SVG charts and nothing to change', async () => {
    const viewer = new Browser(h.url);
    await viewer.signIn('xem.bao.cao');
    const res = await viewer.request('/admin/bao-cao');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const heading of [
      'Theo đơn vị',
      'Theo lĩnh vực',
      'Theo xã, phường',
      'Theo tháng',
      'Trợ lý ảo trả lời câu hỏi',
    ])
      expect(html).toContain(heading);
    expect(html).toContain('Sở Xây dựng');
    expect(html).toContain('Sở Y tế');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toContain('<title id="chart-months-title">');
    // Sở Xây dựng answered 2 of its 3 due petitions on time; the month chart's bar for March holds 5 received
    expect(html).toContain('67% <span class="muted">(2/3)</span>');
    expect(html).toContain('03/2026: tiếp nhận 5');
    // no resident's words or names in a report
    expect(html).not.toContain('Nguyễn Văn Bí');
    expect(html).not.toContain('PA-');
    // the only form that posts is sign-out; the report accepts no POST
    expect(html.match(/method="post"/g)).toHaveLength(1);
    const csrf = Browser.csrfOf(html);
    expect((await viewer.request('/admin/bao-cao', { form: { _csrf: csrf } })).status).toBe(404);
    // and the navigation leads here
    expect(html).toContain('href="/admin/bao-cao"');
  });

  it('shows the bot signals the conversation recorded, and says what is not recorded', async () => {
    const viewer = new Browser(h.url);
    await viewer.signIn('xem.bao.cao');
    const html = await (await viewer.request('/admin/bao-cao')).text();
    expect(html).toContain('75%'); // 3 of 4 rated answers were 👍
    expect(html).toContain('chưa tính được tỷ lệ trả lời trên tổng số câu hỏi');
    expect(html).toMatch(/<b>3<\/b><span>Câu hỏi trợ lý ảo không trả lời được/);
    expect(html).toMatch(/<b>2<\/b><span>Câu hỏi cán bộ đã trả lời thay/);
    expect(html).toMatch(/<b>1<\/b><span>Câu trả lời thành câu hỏi mẫu \(FAQ\)/);
  });

  it('limits an officer to their own units, refuses an editor, and explains a wrong date in Vietnamese', async () => {
    const officer = new Browser(h.url);
    await officer.signIn('can.bo.xd');
    const html = await (await officer.request('/admin/bao-cao')).text();
    expect(html).toContain('Chỉ gồm đơn vị của bạn: Sở Xây dựng.');
    expect(html).not.toContain('Sở Y tế');
    const csv = await parseCsv(await officer.request('/admin/bao-cao.csv'));
    expect(csv.at(-1)?.[RECEIVED]).toBe('3');

    const editor = new Browser(h.url);
    await editor.signIn('bien.tap');
    expect((await editor.request('/admin/bao-cao')).status).toBe(403);
    expect((await editor.request('/admin/bao-cao.xlsx')).status).toBe(403);

    const wrong = await officer.request('/admin/bao-cao?from=2026-02-31');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Ngày không hợp lệ');
    const reversed = await officer.request('/admin/bao-cao.csv?from=2026-03-10&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain('Ngày kết thúc phải sau');
    expect((await new Browser(h.url).request('/admin/bao-cao.csv')).headers.get('location')).toBe('/admin/login');
  });

  it('downloads CSV and XLSX with the same figures for the same period', async () => {
    const viewer = new Browser(h.url);
    await viewer.signIn('xem.bao.cao');
    const csvRes = await viewer.request('/admin/bao-cao.csv?from=2026-03-01&to=2026-03-31');
    expect(csvRes.headers.get('content-disposition')).toContain('bao-cao-2026-03-01-den-2026-03-31.csv');
    const csv = await parseCsv(csvRes);
    expect(csv[0]?.slice(0, 4)).toEqual(['Nhóm', 'Mã', 'Tên', 'Tiếp nhận']);
    const total = csv.at(-1) as string[];
    expect([total[RECEIVED], total[ANSWERED], total[ANSWERED_IN_TIME], total[ANSWER_DUE], total[OVERDUE]]).toEqual([
      '5',
      '3',
      '2',
      '5',
      '2',
    ]);
    const xd = csv.find((r) => r[0] === 'Theo đơn vị' && r[1] === 'so-xd') as string[];
    expect([xd[RECEIVED], xd[ANSWERED_IN_TIME], xd[SATISFACTION]]).toEqual(['3', '2', '4']);
    // a period with no ticket counts nothing
    const empty = await parseCsv(await viewer.request('/admin/bao-cao.csv?from=2025-01-01&to=2025-01-31'));
    expect(empty.at(-1)?.[RECEIVED]).toBe('0');

    const xlsxRes = await viewer.request('/admin/bao-cao.xlsx?from=2026-03-01&to=2026-03-31');
    expect(xlsxRes.status).toBe(200);
    expect(xlsxRes.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const sheets = await readXlsxFile(Buffer.from(await xlsxRes.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(['Số liệu', 'Trợ lý ảo']);
    const rows = sheets[0]?.data as unknown[][];
    expect(rows[1]?.slice(0, 4)).toEqual(['Nhóm', 'Mã', 'Tên', 'Tiếp nhận']);
    const xTotal = rows.at(-1) as unknown[];
    expect([xTotal[RECEIVED], xTotal[ANSWERED], xTotal[ANSWERED_IN_TIME], xTotal[ANSWER_DUE], xTotal[OVERDUE]]).toEqual(
      [5, 3, 2, 5, 2],
    );
    // every CSV row is in the sheet with the same numbers
    expect(rows.length - 2).toBe(csv.length - 1);
    for (const [i, line] of csv.slice(1).entries()) {
      const row = rows[i + 2] as unknown[];
      expect(row.slice(0, 3), `row ${i}`).toEqual(line.slice(0, 3));
      expect(
        row.slice(3).map((v) => (v === null ? '' : Number(v).toFixed(3))),
        `row ${i}`,
      ).toEqual(line.slice(3).map((v) => (v === '' ? '' : Number(v).toFixed(3))));
    }
    const bot = sheets[1]?.data as unknown[][];
    expect(bot.at(-1)).toEqual(['Tổng cộng', 3, 3, 1, 1, 0, 2, 1]);
  });

  it('counts anew after a minute: a ticket filed meanwhile appears then', async () => {
    const viewer = new Browser(h.url);
    await viewer.signIn('xem.bao.cao');
    const received = async () =>
      (await parseCsv(await viewer.request('/admin/bao-cao.csv?from=2026-03-01&to=2026-04-30'))).at(-1)?.[RECEIVED];
    expect(await received()).toBe('5');
    const { ticket } = await createTicket(h.env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Đèn đường hỏng',
      personal: PERSON,
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: '7' },
    });
    expect(ticket.code).toMatch(/^PA-/);
    expect(await received()).toBe('5'); // the same minute: the same count
    h.env.clock.advance(61_000);
    expect(await received()).toBe('6');
  });
});

const skipReason = browserUnavailableReason();
describe.skipIf(skipReason !== undefined)('reports page in Chromium', () => {
  it('renders the charts and tables at phone and desktop sizes (screenshots kept)', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${h.url}/admin/login`);
      await page.locator('input[name="login"]').fill('xem.bao.cao');
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/admin\//);
      await page.goto(`${h.url}/admin/bao-cao`);
      await page.getByRole('heading', { name: 'Báo cáo tiếp nhận và giải quyết' }).waitFor();
      expect(await page.getByRole('img', { name: 'Số tiếp nhận và số trả lời đúng hạn theo tháng' }).count()).toBe(1);
      // the charts fit the phone's width (no sideways scrolling of the page)
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'console-reports-phone.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'console-reports-desktop.png'), fullPage: true });
      // the period form works without script: it reloads with the dates in the address
      await page.locator('#r-from').fill('2026-03-01');
      await page.locator('#r-to').fill('2026-03-31');
      await page.getByRole('button', { name: 'Xem báo cáo' }).click();
      await page.waitForURL(/from=2026-03-01&to=2026-03-31/);
      expect(await page.locator('p.muted').first().textContent()).toContain('Từ 01/03/2026 đến 31/03/2026');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
