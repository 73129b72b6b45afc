// Open311 GeoReport v2 read endpoints (JSON and XML, errors in GeoReport's format) over petitions, with public fields only: no names, phones,
// addresses, resident-written text, photos or shared locations. Complaints and denunciations are individual
// legal procedures and are never published here.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AppError, toAppError } from '../../shared/errors.js';
import { parseTrackingCode, type Ticket, type TicketDeps, type TicketStatus } from '../../tickets/index.js';

const CLOSED: TicketStatus[] = ['answered', 'refused', 'forwarded', 'closed'];
const OPEN: TicketStatus[] = ['received', 'accepted', 'in_progress'];
const STATUS_NOTE: Record<TicketStatus, string> = {
  received: 'Đã tiếp nhận',
  accepted: 'Đã thụ lý, đang chờ xử lý',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
  refused: 'Không thụ lý',
  forwarded: 'Đã chuyển cơ quan có thẩm quyền',
  closed: 'Đã đóng',
};

const dateParam = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'ngày phải theo ISO 8601, ví dụ 2026-03-01T00:00:00+07:00' });
      return z.NEVER;
    }
    return d;
  });

const querySchema = z.object({
  service_code: z.string().optional(),
  status: z.enum(['open', 'closed']).optional(),
  start_date: dateParam,
  end_date: dateParam,
  service_request_id: z.string().optional(),
});

export function mountOpen311(app: Hono, options: { deps: TicketDeps }): void {
  const { deps } = options;
  const { settings } = deps;

  const toRequest = (t: Ticket): Row => {
    const category = settings.categories.find((c) => c.code === t.category);
    const commune = t.commune ? settings.places.commune(t.commune) : undefined;
    return {
      service_request_id: t.code,
      status: CLOSED.includes(t.status) ? 'closed' : 'open',
      status_notes: STATUS_NOTE[t.status],
      service_name: category?.name ?? t.category,
      service_code: t.category,
      // the resident's own words may name people: publish the category and place instead
      description: `${category?.name ?? t.category}${commune ? ` — ${commune.name}` : ''}`,
      agency_responsible: settings.routing.units.find((u) => u.code === t.unitCode)?.name ?? null,
      service_notice: t.publicAnswer,
      requested_datetime: t.receivedAt.toISOString(),
      updated_datetime: t.updatedAt.toISOString(),
      // when the request is expected to be fulfilled: the answer deadline (the acknowledgement one is not that)
      expected_datetime: t.dueAt ? t.dueAt.toISOString() : null,
      address: commune ? `${commune.name}, ${settings.province.name}` : null,
      zipcode: null,
      // the commune's own coordinates when configured; never the location a resident shared
      lat: commune?.latitude ?? null,
      long: commune?.longitude ?? null,
      media_url: null,
    };
  };

  const badRequest = (message: string) => new AppError('BAD_INPUT', message, { userMessage: message });

  const services = () =>
    settings.categories.map((cat) => ({
      service_code: cat.code,
      service_name: cat.name,
      description: `Phản ánh, kiến nghị về ${cat.name.toLowerCase()}`,
      metadata: false,
      type: 'realtime',
      keywords: '',
      group: 'Phản ánh, kiến nghị',
    }));

  const listRequests = async (query: Record<string, string>) => {
    const parsed = querySchema.safeParse(query);
    if (!parsed.success)
      throw badRequest(
        `Tham số không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const q = parsed.data;
    if (q.service_request_id) {
      const codes = q.service_request_id
        .split(',')
        .map((s) => parseTrackingCode(s))
        .filter((p) => p.ok);
      const found: Ticket[] = [];
      for (const p of codes) {
        const t = p.ok ? await deps.store.findTicket({ code: p.code }) : null;
        if (t && t.kind === 'petition') found.push(t);
      }
      return found.map(toRequest);
    }
    // GeoReport v2 defaults: the last 90 days, at most 1000 requests
    const end = q.end_date ?? deps.clock.now();
    const start = q.start_date ?? new Date(end.getTime() - 90 * 86_400_000);
    const tickets = await deps.store.listTickets({
      kinds: ['petition'],
      categories: q.service_code ? q.service_code.split(',') : undefined,
      statuses: q.status === 'open' ? OPEN : q.status === 'closed' ? CLOSED : undefined,
      receivedFrom: start,
      receivedTo: new Date(end.getTime() + 1), // end_date is inclusive
      limit: 1000,
    });
    return tickets.map(toRequest);
  };

  const oneRequest = async (id: string) => {
    const parsed = parseTrackingCode(id);
    const ticket = parsed.ok ? await deps.store.findTicket({ code: parsed.code }) : null;
    if (ticket?.kind !== 'petition')
      throw new AppError('NOT_FOUND', 'No such public request', { userMessage: 'Không tìm thấy phản ánh có mã này.' });
    return [toRequest(ticket)];
  };

  /** Serves `<name>.json` and `<name>.xml`; failures in GeoReport's error format, in the asked format. */
  const serve = (
    c: Context,
    file: string,
    produce: (name: string) => Promise<{ root: string; item: string; rows: Row[] }>,
  ): Promise<Response> => {
    const match = /^(.*)\.(json|xml)$/.exec(file);
    const format: Format = match?.[2] === 'xml' ? 'xml' : 'json';
    return (async () => {
      if (!match) throw badRequest('Định dạng không được hỗ trợ: dùng .json hoặc .xml.');
      let name: string;
      try {
        name = decodeURIComponent(match[1] ?? '');
      } catch {
        throw badRequest('Mã yêu cầu trong địa chỉ bị mã hóa sai.');
      }
      const { root, item, rows } = await produce(name);
      return format === 'json'
        ? c.json(rows)
        : c.body(toXml(root, item, rows), 200, { 'Content-Type': 'application/xml; charset=utf-8' });
    })().catch((error: unknown) => geoReportError(c, error, format));
  };

  app.get('/open311/v2/:file{services\\.[a-z]+}', (c) =>
    serve(c, c.req.param('file'), async () => ({ root: 'services', item: 'service', rows: services() })),
  );
  app.get('/open311/v2/:file{requests\\.[a-z]+}', (c) =>
    serve(c, c.req.param('file'), async () => ({
      root: 'service_requests',
      item: 'request',
      rows: await listRequests(c.req.query()),
    })),
  );
  app.get('/open311/v2/requests/:file', (c) =>
    serve(c, c.req.param('file'), async (id) => ({
      root: 'service_requests',
      item: 'request',
      rows: await oneRequest(id),
    })),
  );
  // anything else under the API is a GeoReport 404, not the site's
  app.all('/open311/*', (c) =>
    geoReportError(
      c,
      new AppError('NOT_FOUND', 'Unknown Open311 path', { userMessage: 'Không có tài nguyên Open311 này.' }),
      c.req.path.endsWith('.xml') ? 'xml' : 'json',
    ),
  );
}

type Format = 'json' | 'xml';
type Row = Record<string, string | number | boolean | null>;

function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** GeoReport's XML: a root element, one element per row, one child per field (empty when null). */
function toXml(root: string, item: string, rows: Row[]): string {
  const body = rows
    .map((row) => {
      const fields = Object.entries(row)
        .map(([key, value]) => (value === null ? `<${key}/>` : `<${key}>${xmlEscape(String(value))}</${key}>`))
        .join('');
      return `<${item}>${fields}</${item}>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body}</${root}>\n`;
}

/** GeoReport v2 errors: `[{"code": <HTTP status>, "description": "…"}]`, or `<errors><error>…` in XML. */
function geoReportError(c: Context, error: unknown, format: Format): Response {
  const appError = toAppError(error);
  const status = appError.httpStatus as 400;
  const description = appError.code === 'INTERNAL' ? 'Lỗi máy chủ.' : appError.userMessage;
  if (format === 'xml') {
    const xml = `<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>${status}</code><description>${xmlEscape(description)}</description></error></errors>\n`;
    return c.body(xml, status, { 'Content-Type': 'application/xml; charset=utf-8' });
  }
  return c.json([{ code: status, description }], status);
}
