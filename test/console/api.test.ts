// The officer API at /api/admin/v1: personal tokens and sessions, scoping by unit and role, the denouncer's identity,
// replies through the outbox, and the OpenAPI document that describes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/accounts/index.js';
import { assignTicket, createTicket } from '../../src/tickets/index.js';
import { CONSENT, LEAD, PERSON } from '../tickets/helpers.js';
import { addTestAccount, Browser, type ConsoleHarness, startConsole } from './harness.js';

const API = '/api/admin/v1';
let h: ConsoleHarness;
let ours = '';
let theirs = '';
let denunciation = '';
const tokens: Record<string, string> = {};

async function call(path: string, token: string | undefined, init: { method?: string; json?: unknown } = {}) {
  return fetch(`${h.url}${API}${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

beforeAll(async () => {
  h = await startConsole();
  const file = async (kind: 'petition' | 'denunciation', description: string, unitCode: string, user: string) => {
    const { ticket } = await createTicket(h.env.deps, {
      kind,
      category: kind === 'petition' ? 'giao-thong' : 'thai-do-can-bo',
      commune: 'duc-xuan',
      description,
      personal: kind === 'petition' ? PERSON : { fullName: 'Lý Văn Sài', address: 'Thôn Nà Làng', phone: '0987654321' },
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: user },
    });
    await assignTicket(h.env.deps, { code: ticket.code, unitCode, actor: LEAD });
    return ticket.code;
  };
  ours = await file('petition', 'Đường tổ 3 ngập nước', 'so-xd', '101');
  theirs = await file('petition', 'Trạm y tế đóng cửa sớm', 'so-yt', '102');
  denunciation = await file('denunciation', 'Tố cáo cán bộ nhận tiền', 'so-xd', '103');
  for (const [login, role, units] of [
    ['can.bo.xd', 'officer', ['so-xd']],
    ['thanh.tra.xd', 'inspector', ['so-xd']],
    ['lanh.dao', 'lead', []],
    ['xem.bao.cao', 'viewer', []],
  ] as const) {
    await addTestAccount(h.env.db, login, role, { units: [...units] });
    tokens[login] = await issueApiToken(h.accounts, { login, by: 'test' });
  }
});
afterAll(async () => {
  await h?.close();
});

describe('officer API', () => {
  it('refuses a request without credentials (401) or with a wrong token (401)', async () => {
    const none = await call('/tickets', undefined);
    expect(none.status).toBe(401);
    expect((await none.json()).message).toContain('đăng nhập');
    expect((await call('/tickets', 'tdp_khongphaimadung')).status).toBe(401);
    expect((await call(`/tickets/${ours}/reply`, undefined, { json: { text: 'Trả lời không có mã' } })).status).toBe(
      401,
    );
  });

  it("lists only the account's units, masks identities, and answers another unit's ticket as unknown (404)", async () => {
    const list = await call('/tickets', tokens['can.bo.xd']);
    expect(list.status).toBe(200);
    const body = (await list.json()) as {
      items: Array<{ code: string; personal: Record<string, unknown> }>;
      hasMore: boolean;
    };
    expect(body.items.map((t) => t.code).sort()).toEqual([ours, denunciation].sort());
    expect(body.items.find((t) => t.code === ours)?.personal).toMatchObject({ visible: true, phone: '09******78' });
    expect(body.items.find((t) => t.code === denunciation)?.personal).toEqual({
      visible: false,
      note: '[danh tính được bảo vệ]',
    });
    // asking for the other unit by filter gives nothing, by URL gives 404, acting on it gives 404
    const filtered = (await (await call('/tickets?unit=so-yt', tokens['can.bo.xd'])).json()) as { items: unknown[] };
    expect(filtered.items).toEqual([]);
    expect((await call(`/tickets/${theirs}`, tokens['can.bo.xd'])).status).toBe(404);
    const reply = await call(`/tickets/${theirs}/reply`, tokens['can.bo.xd'], {
      json: { text: 'Đã kiểm tra, trạm mở lại.' },
    });
    expect(reply.status).toBe(404);
    const assign = await call(`/tickets/${theirs}/assign`, tokens['can.bo.xd'], { json: { unit: 'so-xd' } });
    expect(assign.status).toBe(404);
    // the lead sees every unit
    const all = (await (await call('/tickets', tokens['lanh.dao'])).json()) as { items: Array<{ code: string }> };
    expect(all.items.map((t) => t.code)).toContain(theirs);
  });

  it("shows a denouncer's identity to the inspector of the unit, never to the officer", async () => {
    const officer = (await (await call(`/tickets/${denunciation}`, tokens['can.bo.xd'])).json()) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(officer)).not.toContain('Lý Văn Sài');
    expect(officer.personal).toEqual({ visible: false, note: '[danh tính được bảo vệ]' });
    const inspector = (await (await call(`/tickets/${denunciation}`, tokens['thanh.tra.xd'])).json()) as Record<
      string,
      unknown
    >;
    expect(inspector.personal).toMatchObject({ visible: true, fullName: 'Lý Văn Sài' });
  });

  it('refuses a viewer (403) and lets the officer reply through the outbox, recorded under the login', async () => {
    expect((await call('/tickets', tokens['xem.bao.cao'])).status).toBe(403);
    const denied = await call(`/tickets/${ours}/reply`, tokens['xem.bao.cao'], {
      json: { text: 'Trả lời của người xem' },
    });
    expect(denied.status).toBe(403);

    const bad = await call(`/tickets/${ours}/reply`, tokens['can.bo.xd'], { json: { wrong: 1 } });
    expect(bad.status).toBe(400);
    const reply = await call(`/tickets/${ours}/reply`, tokens['can.bo.xd'], {
      json: { text: 'Đã cử đội công trình khơi thông cống trong tuần.' },
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ code: ours, status: 'answered' });
    const detail = (await (await call(`/tickets/${ours}`, tokens['can.bo.xd'])).json()) as {
      messages: Array<{ preview: string; status: string }>;
      history: Array<{ actor: string; action: string }>;
    };
    expect(detail.messages.some((m) => m.preview.includes(ours) && m.status === 'pending')).toBe(true);
    expect(detail.history).toContainEqual(
      expect.objectContaining({ actor: 'officer:can.bo.xd', action: 'ticket.answered' }),
    );
  });

  it('changes status, assigns and extends through the same use cases', async () => {
    const status = await call(`/tickets/${denunciation}/status`, tokens['thanh.tra.xd'], {
      json: { status: 'accepted' },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ status: 'accepted' });
    const extend = await call(`/tickets/${denunciation}/extend`, tokens['thanh.tra.xd'], {
      json: { reason: 'Cần xác minh ở nhiều nơi' },
    });
    expect(extend.status).toBe(200);
    // an officer may not handle a denunciation, even of their unit
    const officer = await call(`/tickets/${denunciation}/status`, tokens['can.bo.xd'], {
      json: { status: 'in_progress' },
    });
    expect(officer.status).toBe(403);
    const moved = await call(`/tickets/${theirs}/assign`, tokens['lanh.dao'], {
      json: { unit: 'so-xd', assignee: 'Trần B' },
    });
    expect(await moved.json()).toMatchObject({ unit: 'so-xd', assignee: 'Trần B' });
  });

  it('sorts by the current legal deadline (none last) and pages', async () => {
    const get = async (q: string) =>
      (await (await call(`/tickets?${q}`, tokens['lanh.dao'])).json()) as {
        items: Array<{ code: string; deadline: string | null }>;
        hasMore: boolean;
      };
    const all = await get('perPage=100');
    const times = all.items.map((t) => (t.deadline ? Date.parse(t.deadline) : Number.POSITIVE_INFINITY));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(all.items.at(-1)?.deadline).toBeNull(); // the answered ticket has no running deadline
    const first = await get('perPage=2&page=1');
    const second = await get('perPage=2&page=2');
    expect(first.hasMore).toBe(true);
    expect(second.hasMore).toBe(false);
    expect([...first.items, ...second.items].map((t) => t.code)).toEqual(all.items.map((t) => t.code));
    expect((await call('/tickets?status=nonsense', tokens['lanh.dao'])).status).toBe(400);
  });

  it('accepts a console session only with its CSRF token in X-CSRF-Token', async () => {
    const browser = new Browser(h.url);
    expect((await browser.signIn('lanh.dao')).status).toBe(303);
    const page = await (await browser.request('/admin/')).text();
    const csrf = Browser.csrfOf(page);
    expect((await browser.request(`${API}/tickets`)).status).toBe(200);
    const without = await browser.request(`${API}/tickets/${theirs}/assign`, { json: { unit: 'so-yt' } });
    expect(without.status).toBe(403);
    const withToken = await browser.request(`${API}/tickets/${theirs}/assign`, {
      json: { unit: 'so-yt' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(withToken.status).toBe(200);
  });

  it('serves its OpenAPI description', async () => {
    const doc = (await (await fetch(`${h.url}${API}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/tickets',
        '/tickets/{code}',
        '/tickets/{code}/assign',
        '/tickets/{code}/extend',
        '/tickets/{code}/outbox/{id}/delivered-by-phone',
        '/tickets/{code}/outbox/{id}/retry',
        '/tickets/{code}/reply',
        '/tickets/{code}/status',
      ].sort(),
    );
  });
});
