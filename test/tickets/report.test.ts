// The accountability report (tiepdan tickets report) and the public transparency page /minh-bach: the figures follow
// what officers did and when, and the public page shows aggregates only — no code, text or person, small groups hidden.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/index.js';
import { mountTransparency } from '../../src/http/routes/transparency.js';
import { createLogger } from '../../src/shared/logger.js';
import {
  answerTicket,
  createTicket,
  PUBLIC_MIN_GROUP,
  recordResolution,
  recordSatisfaction,
  reportCsv,
  reportTickets,
} from '../../src/tickets/index.js';
import { CONSENT, createTicketTestEnv, OFFICER, PERSON, type TicketTestEnv } from './helpers.js';

const DAY = 86_400_000;

describe('accountability report and /minh-bach', () => {
  let env: TicketTestEnv;
  let app: Hono;
  const codes: string[] = [];

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Vietnam; road petitions have 5 working days (settings/categories.yaml)
    env = await createTicketTestEnv('2026-03-02T02:00:00.000Z');
    const petition = async (user: string) => {
      const { ticket } = await createTicket(env.deps, {
        kind: 'petition',
        category: 'giao-thong',
        commune: 'duc-xuan',
        description: `Ổ gà trước nhà số ${user}, ông Nguyễn Văn Bí báo`,
        personal: PERSON,
        consent: CONSENT,
        resident: { channel: 'telegram', channelUserId: user },
      });
      codes.push(ticket.code);
      return ticket.code;
    };
    const a = await petition('1');
    const b = await petition('2');
    await petition('3'); // never answered: overdue at the end
    const d = await petition('4');
    const e = await petition('5');
    const { ticket: denunciation } = await createTicket(env.deps, {
      kind: 'denunciation',
      category: 'thai-do-can-bo',
      description: 'Tố cáo cán bộ Lò Văn Cường nhận tiền',
      personal: { fullName: 'Lý Văn Sài', address: 'Bản Thi, Chợ Đồn', phone: '0987654321' },
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: '6' },
    });
    codes.push(denunciation.code);

    env.clock.advance(2 * DAY); // Wednesday: three answered within their 5 working days
    for (const code of [a, d, e]) await answerTicket(env.deps, { code, answer: 'Đã vá ổ gà.', actor: OFFICER });
    await recordResolution(env.deps, {
      code: a,
      resident: { channel: 'telegram', channelUserId: '1' },
      resolved: true,
    });
    await recordSatisfaction(env.deps, { code: a, resident: { channel: 'telegram', channelUserId: '1' }, stars: 5 });
    env.clock.advance(28 * DAY); // a month later: one answered late
    await answerTicket(env.deps, { code: b, answer: 'Đã vá ổ gà, xin lỗi vì chậm.', actor: OFFICER });
    await recordResolution(env.deps, {
      code: b,
      resident: { channel: 'telegram', channelUserId: '2' },
      resolved: false,
    });
    await recordSatisfaction(env.deps, { code: b, resident: { channel: 'telegram', channelUserId: '2' }, stars: 2 });

    app = createHttpApp({
      logger: createLogger({ level: 'silent' }),
      mounts: [(x) => mountTransparency(x, { deps: env.deps })],
      health: async () => ({}),
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('counts what was received, answered on time, late, still overdue, and what residents said', async () => {
    const report = await reportTickets(env.deps, { by: 'kind' });
    const petitions = report.groups.find((g) => g.key === 'petition');
    expect(petitions).toMatchObject({
      label: 'Phản ánh, kiến nghị',
      received: 5,
      answered: 4,
      answeredInTime: 3,
      answerDue: 5, // four answered + one whose deadline passed unanswered
      acknowledgedInTime: 3, // answering acknowledges; the late one came after 10 working days
      acknowledgeDue: 5,
      overdueNow: 1,
      disputed: 0,
      satisfactionMean: 3.5,
      satisfactionCount: 2,
      resolvedRate: 0.5,
      resolvedCount: 2,
    });
    // medians of 2, 2, 2 and 30 days
    expect(petitions?.medianDaysToAnswer).toBe(2);
    expect(report.total.received).toBe(6);
    expect(report.total.overdueNow).toBe(2); // the denunciation was never acknowledged either

    const byMonth = await reportTickets(env.deps, { by: 'month' });
    expect(byMonth.groups.map((g) => [g.key, g.label, g.received])).toEqual([['2026-03', '03/2026', 6]]);
    const april = await reportTickets(env.deps, { by: 'unit', from: new Date('2026-04-01T00:00:00+07:00') });
    expect(april.total.received).toBe(0);
  });

  it('exports CSV with one row per group and a total', async () => {
    const csv = reportCsv(await reportTickets(env.deps, { by: 'category' }));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^group,label,received,acknowledged_in_10_working_days,/);
    expect(lines.find((l) => l.startsWith('giao-thong,'))).toMatch(
      /^giao-thong,Giao thông,5,3,5,4,3,5,0\.600,2,1,0,3\.5,2,0\.500,2$/,
    );
    expect(lines.at(-1)).toMatch(/^total,Tổng cộng,6,/);
  });

  it('shows the public page with aggregates only: no code, no resident text, no name, small groups hidden', async () => {
    const res = await app.request('/minh-bach?nam=2026');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('Minh bạch tiếp nhận và trả lời phản ánh, kiến nghị');
    expect(html).toContain('60%'); // 3 of 5 answered on time
    for (const secret of [...codes, 'Ổ gà', 'Nguyễn Văn', 'Lý Văn Sài', 'Lò Văn Cường', '0987654321', 'Bản Thi'])
      expect(html).not.toContain(secret);
    // the unit that received one denunciation shows its count as "fewer than 5", without rates
    expect(html).toContain(`dưới ${PUBLIC_MIN_GROUP}`);
    // legal limits in plain words, from the rules in force
    expect(html).toMatch(/Luật Khiếu nại/);
    expect(html).not.toContain('<script');

    const csv = await (await app.request('/minh-bach.csv?nam=2026')).text();
    for (const secret of codes) expect(csv).not.toContain(secret);
    expect(csv).toContain('total,Tổng cộng,6,');

    const bad = await app.request('/minh-bach?nam=hai-nghin');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('Năm phải có dạng 2026.');
  });
});
