// Open311 GeoReport v2 read endpoints (JSON only) over petitions, with public fields only: no names, phones,
// addresses, resident-written text, photos or shared locations. Complaints and denunciations are individual
// legal procedures and are never published here.
import type { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import {
  currentDeadline,
  parseTrackingCode,
  type Ticket,
  type TicketDeps,
  type TicketStatus,
} from '../../tickets/index.js';

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

  const toRequest = (t: Ticket) => {
    const category = settings.categories.find((c) => c.code === t.category);
    const commune = t.commune ? settings.places.commune(t.commune) : undefined;
    const deadline = currentDeadline(t);
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
      expected_datetime: deadline ? deadline.toISOString() : null,
      address: commune ? `${commune.name}, ${settings.province.name}` : null,
      zipcode: null,
      // the commune's own coordinates when configured; never the location a resident shared
      lat: commune?.latitude ?? null,
      long: commune?.longitude ?? null,
      media_url: null,
    };
  };

  const badRequest = (message: string) => new AppError('BAD_INPUT', message, { userMessage: message });

  app.get('/open311/v2/services.json', (c) =>
    c.json(
      settings.categories.map((cat) => ({
        service_code: cat.code,
        service_name: cat.name,
        description: `Phản ánh, kiến nghị về ${cat.name.toLowerCase()}`,
        metadata: false,
        type: 'realtime',
        keywords: '',
        group: 'Phản ánh, kiến nghị',
      })),
    ),
  );

  app.get('/open311/v2/requests.json', async (c) => {
    const parsed = querySchema.safeParse(c.req.query());
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
      return c.json(found.map(toRequest));
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
    return c.json(tickets.map(toRequest));
  });

  app.get('/open311/v2/requests/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.json')) throw badRequest('Chỉ hỗ trợ định dạng JSON (.json).');
    const parsed = parseTrackingCode(decodeURIComponent(file.slice(0, -'.json'.length)));
    const ticket = parsed.ok ? await deps.store.findTicket({ code: parsed.code }) : null;
    if (ticket?.kind !== 'petition')
      throw new AppError('NOT_FOUND', 'No such public request', { userMessage: 'Không tìm thấy phản ánh có mã này.' });
    return c.json([toRequest(ticket)]);
  });
}
