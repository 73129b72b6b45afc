// The inbox filtered, ordered by the current legal deadline and paged in SQL: the same answers on the embedded
// database and on PostgreSQL, every filter of the issue, unit scoping by role, and the page and the API agreeing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/accounts/index.js';
import type { Database } from '../../src/db/index.js';
import {
  type Actor,
  answerTicket,
  assignTicket,
  changeTicketStatus,
  createTicket,
  disputeTicket,
  type ListTicketsOptions,
  listTickets,
} from '../../src/tickets/index.js';
import { createPostgresTestDatabase, createTestDatabase, postgresAvailable } from '../support/database.js';
import { CONSENT, createTicketTestEnv, LEAD, PERSON, type TicketTestEnv } from '../tickets/helpers.js';
import { addTestAccount, Browser, type ConsoleHarness, startConsole } from './harness.js';

const DAY = 86_400_000;
const OFFICER_XD: Actor = { name: 'can.bo.xd', role: 'officer', units: ['so-xd'] };
const INSPECTOR_XD: Actor = { name: 'thanh.tra.xd', role: 'inspector', units: ['so-xd'] };

interface Seeded {
  /** petitions of so-xd, so-yt (5 working days), a complaint (accepted), a denunciation, an answered petition */
  roadXd: string;
  roadYt: string;
  land: string;
  denunciation: string;
  answered: string;
  disputed: string;
}

/** Monday 2 March 2026 09:00 in Vietnam, then 9 days later: the two road petitions are overdue. */
async function seed(env: TicketTestEnv): Promise<Seeded> {
  let user = 0;
  const file = async (
    kind: 'petition' | 'complaint' | 'denunciation',
    category: string,
    unitCode: string,
    description: string,
  ) => {
    user += 1;
    const { ticket } = await createTicket(env.deps, {
      kind,
      category,
      commune: 'duc-xuan',
      description,
      personal:
        kind === 'denunciation' ? { fullName: 'Lý Văn Sài', address: 'Thôn Nà Làng', phone: '0987654321' } : PERSON,
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: `u${user}` },
    });
    await assignTicket(env.deps, { code: ticket.code, unitCode, actor: LEAD });
    return ticket.code;
  };
  const roadXd = await file('petition', 'giao-thong', 'so-xd', 'Ổ gà đường tổ 3');
  const roadYt = await file('petition', 'giao-thong', 'so-yt', 'Ổ gà trước trạm y tế');
  const land = await file('complaint', 'dat-dai', 'so-xd', 'Khiếu nại quyết định thu hồi đất');
  const denunciation = await file('denunciation', 'thai-do-can-bo', 'so-xd', 'Cán bộ đòi 100% lệ phí_gấp đôi');
  const answered = await file('petition', 'dat-dai', 'so-xd', 'Hỏi về sổ đỏ');
  const disputed = await file('petition', 'moi-truong', 'so-xd', 'Rác ở chợ không ai dọn');
  await changeTicketStatus(env.deps, { code: land, to: 'accepted', actor: LEAD });
  env.clock.advance(DAY);
  await answerTicket(env.deps, { code: answered, answer: 'Đã trả lời về sổ đỏ.', actor: LEAD });
  await answerTicket(env.deps, { code: disputed, answer: 'Đã dọn rác ở chợ.', actor: LEAD });
  env.clock.advance(DAY / 24);
  await disputeTicket(env.deps, { code: disputed, resident: { channel: 'telegram', channelUserId: 'u6' } });
  // the answer to `answered` could not be delivered
  await env.db.prisma.outboxMessage.updateMany({
    where: { ticket: { code: answered } },
    data: { status: 'failed', lastError: 'thử nghiệm' },
  });
  env.clock.advance(8 * DAY);
  return { roadXd, roadYt, land, denunciation, answered, disputed };
}

const codesOf = async (env: TicketTestEnv, options: Omit<ListTicketsOptions, 'sort'>) =>
  (await listTickets(env.deps, { ...options, sort: 'deadline' })).map((t) => t.code);

function inboxContract(name: string, open: () => Promise<{ db: Database; drop: () => Promise<void> }>) {
  describe(`inbox in SQL (${name})`, () => {
    let env: TicketTestEnv;
    let drop: () => Promise<void>;
    let s: Seeded;
    beforeAll(async () => {
      const opened = await open();
      drop = opened.drop;
      env = await createTicketTestEnv('2026-03-02T02:00:00.000Z', opened.db);
      s = await seed(env);
    }, 120_000);
    afterAll(async () => {
      await drop?.();
    });

    it('orders by the current legal deadline (none last) and pages without losing or repeating a ticket', async () => {
      const all = await listTickets(env.deps, { actor: LEAD, sort: 'deadline' });
      const times = all.map((t) => t.deadline?.getTime() ?? Number.POSITIVE_INFINITY);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(all.map((t) => t.code).sort()).toEqual(Object.values(s).sort());
      // overdue road petitions first; the answered one has no running deadline and comes last
      expect(
        all
          .slice(0, 2)
          .map((t) => t.code)
          .sort(),
      ).toEqual([s.roadXd, s.roadYt].sort());
      expect(all.at(-1)?.deadline).toBeNull();
      const paged: string[] = [];
      for (let offset = 0; offset < 8; offset += 2)
        paged.push(...(await codesOf(env, { actor: LEAD, offset, limit: 2 })));
      expect(paged).toEqual(all.map((t) => t.code));
    });

    it("keeps an officer to their own units' tickets, whatever unit they ask for", async () => {
      const mine = await codesOf(env, { actor: OFFICER_XD });
      expect(mine).not.toContain(s.roadYt);
      expect(mine).toContain(s.roadXd);
      expect(await codesOf(env, { actor: OFFICER_XD, unitCode: 'so-yt' })).toEqual([]);
      expect(await codesOf(env, { actor: LEAD, unitCode: 'so-yt' })).toEqual([s.roadYt]);
    });

    it('filters by status, kind, category, commune, overdue, due within N working days, disputed, failures', async () => {
      expect(await codesOf(env, { actor: LEAD, statuses: ['accepted'] })).toEqual([s.land]);
      expect(await codesOf(env, { actor: LEAD, kinds: ['complaint', 'denunciation'] })).toEqual(
        expect.arrayContaining([s.land, s.denunciation]),
      );
      expect((await codesOf(env, { actor: LEAD, kinds: ['complaint', 'denunciation'] })).length).toBe(2);
      expect((await codesOf(env, { actor: LEAD, categories: ['giao-thong'] })).sort()).toEqual(
        [s.roadXd, s.roadYt].sort(),
      );
      expect(await codesOf(env, { actor: LEAD, communes: ['phuong-khong-co'] })).toEqual([]);
      expect((await codesOf(env, { actor: LEAD, overdue: true })).sort()).toEqual([s.roadXd, s.roadYt].sort());
      expect(await codesOf(env, { actor: OFFICER_XD, overdue: true })).toEqual([s.roadXd]);
      const dueSoon = await codesOf(env, { actor: LEAD, dueWithinWorkingDays: 60 });
      expect(dueSoon).not.toContain(s.answered);
      expect(dueSoon).toEqual(expect.arrayContaining([s.roadXd, s.roadYt, s.land]));
      expect(await codesOf(env, { actor: LEAD, disputed: true })).toEqual([s.disputed]);
      expect(await codesOf(env, { actor: LEAD, deliveryProblem: true })).toEqual([s.answered]);
    });

    it('searches codes and the words a role may read, taking % and _ literally', async () => {
      expect(await codesOf(env, { actor: LEAD, query: s.land.slice(-5).toLowerCase() })).toEqual([s.land]);
      expect(await codesOf(env, { actor: LEAD, query: 'Ổ gà' })).toHaveLength(2);
      expect(await codesOf(env, { actor: INSPECTOR_XD, query: '100%' })).toEqual([s.denunciation]);
      expect(await codesOf(env, { actor: LEAD, query: '%' })).toEqual([s.denunciation]);
      expect(await codesOf(env, { actor: LEAD, query: 'phí_gấp' })).toEqual([s.denunciation]);
      expect(await codesOf(env, { actor: LEAD, query: 'ph__g' })).toEqual([]);
      // an officer may not read a denunciation's words, so cannot find it by them either
      expect(await codesOf(env, { actor: OFFICER_XD, query: '100%' })).toEqual([]);
    });
  });
}

inboxContract('PGlite', async () => {
  const db = await createTestDatabase();
  return { db, drop: () => db.close() };
});

const pg = await postgresAvailable();
if ('reason' in pg) process.stdout.write(`inbox on PostgreSQL skipped: ${pg.reason}\n`);
describe.skipIf('reason' in pg)('PostgreSQL', () => {
  inboxContract('PostgreSQL', () => createPostgresTestDatabase((pg as { url: string }).url));
});

describe('the inbox page and GET /api/admin/v1/tickets share the query', () => {
  let h: ConsoleHarness;
  let s: Seeded;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    h = await startConsole({ startIso: '2026-03-02T02:00:00.000Z' });
    s = await seed(h.env);
    for (const [login, role, units] of [
      ['can.bo.xd', 'officer', ['so-xd']],
      ['lanh.dao', 'lead', []],
    ] as const) {
      await addTestAccount(h.env.db, login, role, { units: [...units] });
      tokens[login] = await issueApiToken(h.accounts, { login, by: 'test' });
    }
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const api = async (login: string, q: string) => {
    const res = await fetch(`${h.url}/api/admin/v1/tickets?${q}`, {
      headers: { authorization: `Bearer ${tokens[login]}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Array<{ code: string }>; hasMore: boolean }).items.map((t) => t.code);
  };

  it('lists the same tickets in the same order on the page and in the API, pages included', async () => {
    const browser = new Browser(h.url);
    await browser.signIn('lanh.dao');
    for (const q of [
      'perPage=3&page=1',
      'perPage=3&page=2',
      'overdue=1',
      'failures=1',
      'disputed=1',
      `q=${encodeURIComponent('Ổ gà')}`,
    ]) {
      const html = await (await browser.request(`/admin/?${q}`)).text();
      const onPage = [...html.matchAll(/href="\/admin\/tickets\/([^"]+)"/g)].map((m) => m[1]);
      expect(onPage, q).toEqual(await api('lanh.dao', q));
    }
    const first = await api('lanh.dao', 'perPage=3&page=1');
    expect(first.slice(0, 2).sort()).toEqual([s.roadXd, s.roadYt].sort());
  });

  it("shows an officer neither another unit's tickets nor a denouncer's name", async () => {
    const browser = new Browser(h.url);
    await browser.signIn('can.bo.xd');
    const html = await (await browser.request('/admin/?perPage=100')).text();
    expect(html).toContain(s.roadXd);
    expect(html).not.toContain(s.roadYt);
    expect(html).toContain(s.denunciation);
    expect(html).not.toContain('Lý Văn Sài');
    expect(await api('can.bo.xd', 'unit=so-yt')).toEqual([]);
  });
});
