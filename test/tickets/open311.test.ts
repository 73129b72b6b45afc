// Open311 GeoReport v2 read endpoints: spec filters, and nothing personal in the output.
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/index.js';
import { mountOpen311 } from '../../src/http/routes/open311.js';
import { createLogger } from '../../src/shared/logger.js';
import { answerTicket, createTicket } from '../../src/tickets/index.js';
import { CONSENT, createTicketTestEnv, OFFICER, PERSON, type TicketTestEnv } from './helpers.js';

describe('Open311 GeoReport v2', () => {
  let env: TicketTestEnv;
  let app: Hono;
  beforeEach(async () => {
    env = await createTicketTestEnv('2026-03-02T02:00:00.000Z');
    app = createHttpApp({
      logger: createLogger({ level: 'silent' }),
      mounts: [(a) => mountOpen311(a, { deps: env.deps })],
      health: async () => ({}),
    });
  });
  afterEach(async () => {
    await env.close();
  });
  const get = async (url: string) => {
    const res = await app.request(url);
    return { status: res.status, body: (await res.json()) as Array<Record<string, unknown>> };
  };

  it('lists services from the categories', async () => {
    const { body } = await get('/open311/v2/services.json');
    expect(body.map((s) => s.service_code)).toContain('giao-thong');
    expect(body[0]).toMatchObject({ metadata: false, type: 'realtime' });
  });

  it('serves petitions with public fields only, filtered per the spec', async () => {
    const road = await createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      latitude: 22.147,
      longitude: 105.834,
      description: 'Tôi là Nguyễn Văn An, nhà số 12, đường trước nhà ngập',
      personal: PERSON,
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: '1' },
      attachments: [{ kind: 'photo', ref: 'secret-file-id' }],
    });
    env.clock.advance(86_400_000);
    const school = await createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-duc',
      commune: 'nam-mau',
      description: 'Trường thiếu giáo viên',
      personal: PERSON,
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: '2' },
    });
    await createTicket(env.deps, {
      kind: 'denunciation',
      category: 'thai-do-can-bo',
      description: 'Tố cáo cán bộ',
      consent: CONSENT,
      personal: { fullName: 'Lý Văn Sài', address: 'Bản Thi, Chợ Đồn', phone: '0987654321' },
      resident: { channel: 'telegram', channelUserId: '3' },
    });
    await answerTicket(env.deps, {
      code: school.ticket.code,
      answer: 'Sở đã bố trí thêm hai giáo viên.',
      actor: OFFICER,
    });

    const all = await get('/open311/v2/requests.json');
    expect(all.body.map((r) => r.service_request_id).sort()).toEqual([road.ticket.code, school.ticket.code].sort());
    const text = JSON.stringify(all.body);
    expect(text).not.toMatch(/Nguyễn|0912345678|Tổ 5|nhà số 12|secret-file-id|22\.147|Sài|0987654321/);
    expect(all.body.find((r) => r.service_request_id === road.ticket.code)).toMatchObject({
      status: 'open',
      service_code: 'giao-thong',
      description: 'Giao thông — Phường Đức Xuân',
      agency_responsible: 'Sở Xây dựng',
      address: 'Phường Đức Xuân, Tỉnh Thái Nguyên',
      // the unit's centre from settings, never the location the resident shared
      lat: 22.1658,
      long: 105.8498,
    });
    expect((await get('/open311/v2/requests.json?status=closed')).body.map((r) => r.service_request_id)).toEqual([
      school.ticket.code,
    ]);
    expect(
      (await get('/open311/v2/requests.json?service_code=giao-thong')).body.map((r) => r.service_request_id),
    ).toEqual([road.ticket.code]);
    const since = encodeURIComponent('2026-03-03T00:00:00+07:00');
    expect((await get(`/open311/v2/requests.json?start_date=${since}`)).body.map((r) => r.service_request_id)).toEqual([
      school.ticket.code,
    ]);
    expect((await get('/open311/v2/requests.json?start_date=hôm-qua')).status).toBe(400);

    const one = await get(`/open311/v2/requests/${road.ticket.code}.json`);
    expect(one.body).toHaveLength(1);
    expect(one.body[0]?.service_request_id).toBe(road.ticket.code);
    const answered = await get(`/open311/v2/requests/${school.ticket.code}.json`);
    expect(answered.body[0]).toMatchObject({ status: 'closed', service_notice: 'Sở đã bố trí thêm hai giáo viên.' });
    expect((await get('/open311/v2/requests/PA-2603-ZZZZZZ.json')).status).toBe(404);
  });

  it('answers malformed ids with 400 and unknown ones with 404, in GeoReport error format, in JSON and XML', async () => {
    const bad = await app.request('/open311/v2/requests/%ZZ.json');
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as Array<{ code: number; description: string }>;
    expect(badBody).toEqual([{ code: 400, description: expect.stringContaining('mã hóa sai') }]);
    const missing = await app.request('/open311/v2/requests/PA-2603-ZZZZZZ.json');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Array<{ code: number }>)[0]?.code).toBe(404);
    const missingXml = await app.request('/open311/v2/requests/PA-2603-ZZZZZZ.xml');
    expect(missingXml.status).toBe(404);
    expect(missingXml.headers.get('content-type')).toContain('application/xml');
    expect(await missingXml.text()).toMatch(
      /<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>/,
    );
    const format = await app.request('/open311/v2/requests.csv');
    expect(format.status).toBe(400);
    expect(((await format.json()) as Array<{ description: string }>)[0]?.description).toContain('.json hoặc .xml');
    const params = await app.request('/open311/v2/requests.xml?status=whatever');
    expect(params.status).toBe(400);
    expect(await params.text()).toContain('<code>400</code>');
    const elsewhere = await app.request('/open311/v2/nothing-here.json');
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as Array<{ code: number }>)[0]?.code).toBe(404);
  });

  it('serves the same data as XML, escaped, and gives the answer deadline as expected_datetime', async () => {
    const { ticket } = await createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Cống <vỡ> & ngập',
      personal: PERSON,
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: '9' },
    });
    expect(ticket.dueAt).not.toBeNull();
    const json = (await (await app.request(`/open311/v2/requests/${ticket.code}.json`)).json()) as Array<
      Record<string, unknown>
    >;
    expect(json[0]?.expected_datetime).toBe(ticket.dueAt?.toISOString());
    await answerTicket(env.deps, { code: ticket.code, answer: 'Đã thông <cống> & dọn rác', actor: OFFICER });
    const xml = await app.request(`/open311/v2/requests/${ticket.code}.xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toContain('application/xml');
    const text = await xml.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(text).toContain(`<service_requests><request><service_request_id>${ticket.code}</service_request_id>`);
    expect(text).toContain(`<expected_datetime>${ticket.dueAt?.toISOString()}</expected_datetime>`);
    expect(text).toContain('<media_url/>');
    expect(text).toContain('<service_notice>Đã thông &#60;cống&#62; &#38; dọn rác</service_notice>');
    const servicesXml = await (await app.request('/open311/v2/services.xml')).text();
    expect(servicesXml).toMatch(/<services><service><service_code>[a-z-]+<\/service_code>/);
    const list = await (await app.request('/open311/v2/requests.xml')).text();
    expect(list).toContain(`<service_request_id>${ticket.code}</service_request_id>`);
  });
});
