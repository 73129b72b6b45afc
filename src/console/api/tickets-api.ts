// The officer API, /api/admin/v1: the console's ticket actions as JSON for the province's own systems. Same use
// cases, same scoping as the pages: no credentials 401, another unit's ticket 404, a role that may not act 403.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { toTicketActor } from '../../accounts/index.js';
import { AppError } from '../../shared/errors.js';
import {
  answerTicket,
  assignTicket,
  CLOSE_REASONS,
  changeTicketStatus,
  extendTicketDeadline,
  listTickets,
  markReplyDeliveredByPhone,
  retryTicketReply,
  showTicket,
  TICKET_STATUSES,
  type Ticket,
} from '../../tickets/index.js';
import { authenticateApi } from '../auth/authenticate.js';
import type { ConsoleDeps } from '../deps.js';
import { parseInboxQuery, toListOptions } from '../inbox/filters.js';
import { OPENAPI_DOCUMENT } from './openapi.js';

export const API_PREFIX = '/api/admin/v1';

const replySchema = z.object({ text: z.string().min(1).max(4000) });
const statusSchema = z.object({
  status: z.enum(TICKET_STATUSES),
  reason: z.string().max(2000).optional(),
  closeReason: z.enum(CLOSE_REASONS).optional(),
  isComplex: z.boolean().optional(),
  isSecondTime: z.boolean().optional(),
});
const assignSchema = z.object({ unit: z.string().min(1).max(64), assignee: z.string().max(100).optional() });
const extendSchema = z.object({ reason: z.string().min(1).max(2000), especiallyComplex: z.boolean().optional() });
const phoneSchema = z.object({ note: z.string().min(1).max(2000) });

async function bodyOf<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success)
    throw new AppError('BAD_INPUT', 'Bad JSON body', {
      userMessage: `Nội dung JSON không hợp lệ: ${parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ')}.`,
    });
  return parsed.data;
}

/** What an action returns: the ticket's new state, without its description or personal data. */
function summary(t: Ticket) {
  return {
    code: t.code,
    kind: t.kind,
    status: t.status,
    closeReason: t.closeReason,
    unit: t.unitCode,
    assignee: t.assignee,
    acknowledgeBy: t.acknowledgeBy,
    dueAt: t.dueAt,
    answeredAt: t.answeredAt,
    updatedAt: t.updatedAt,
  };
}

export function mountTicketsApi(app: Hono, deps: ConsoleDeps): void {
  const actorOf = async (c: Context) => toTicketActor(await authenticateApi(c, deps));

  app.get(`${API_PREFIX}/openapi.json`, (c) => c.json(OPENAPI_DOCUMENT));

  app.get(`${API_PREFIX}/tickets`, async (c) => {
    const actor = await actorOf(c);
    const query = parseInboxQuery(c.req.query());
    const items = await listTickets(deps.tickets, { ...toListOptions(query), actor });
    return c.json({
      items: items.slice(0, query.perPage),
      page: query.page,
      perPage: query.perPage,
      hasMore: items.length > query.perPage,
    });
  });

  app.get(`${API_PREFIX}/tickets/:code`, async (c) => {
    const actor = await actorOf(c);
    return c.json(await showTicket(deps.tickets, { code: c.req.param('code'), actor }));
  });

  app.post(`${API_PREFIX}/tickets/:code/reply`, async (c) => {
    const actor = await actorOf(c);
    const body = await bodyOf(c, replySchema);
    return c.json(summary(await answerTicket(deps.tickets, { code: c.req.param('code'), answer: body.text, actor })));
  });

  app.post(`${API_PREFIX}/tickets/:code/status`, async (c) => {
    const actor = await actorOf(c);
    const body = await bodyOf(c, statusSchema);
    const t = await changeTicketStatus(deps.tickets, {
      code: c.req.param('code'),
      to: body.status,
      actor,
      reason: body.reason,
      closeReason: body.closeReason,
      isComplex: body.isComplex,
      isSecondTime: body.isSecondTime,
    });
    return c.json(summary(t));
  });

  app.post(`${API_PREFIX}/tickets/:code/assign`, async (c) => {
    const actor = await actorOf(c);
    const body = await bodyOf(c, assignSchema);
    const t = await assignTicket(deps.tickets, {
      code: c.req.param('code'),
      unitCode: body.unit,
      assignee: body.assignee,
      actor,
    });
    return c.json(summary(t));
  });

  app.post(`${API_PREFIX}/tickets/:code/extend`, async (c) => {
    const actor = await actorOf(c);
    const body = await bodyOf(c, extendSchema);
    const t = await extendTicketDeadline(deps.tickets, {
      code: c.req.param('code'),
      reason: body.reason,
      especiallyComplex: body.especiallyComplex,
      actor,
    });
    return c.json(summary(t));
  });

  app.post(`${API_PREFIX}/tickets/:code/outbox/:id/retry`, async (c) => {
    const actor = await actorOf(c);
    const code = c.req.param('code');
    const messageId = Number(c.req.param('id'));
    await retryTicketReply(deps.tickets, { code, messageId, actor });
    return c.json({ code, message: messageId, status: 'pending' });
  });

  app.post(`${API_PREFIX}/tickets/:code/outbox/:id/delivered-by-phone`, async (c) => {
    const actor = await actorOf(c);
    const body = await bodyOf(c, phoneSchema);
    const code = c.req.param('code');
    const messageId = Number(c.req.param('id'));
    await markReplyDeliveredByPhone(deps.tickets, { code, messageId, note: body.note, actor });
    return c.json({ code, message: messageId, status: 'phoned' });
  });
}
