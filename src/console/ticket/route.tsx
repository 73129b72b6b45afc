// /admin/tickets/{code}: the ticket page and its forms (reply, status, assign, extend, retry a failed reply).
// Every form checks the session's CSRF token and the Origin; every action goes through the tickets use cases.
import type { Context, Hono } from 'hono';
import { toTicketActor } from '../../accounts/index.js';
import { AppError, toAppError } from '../../shared/errors.js';
import {
  type Actor,
  answerTicket,
  assignTicket,
  CLOSE_REASONS,
  type CloseReason,
  changeTicketStatus,
  extendTicketDeadline,
  showTicket,
  TICKET_STATUSES,
  type TicketStatus,
} from '../../tickets/index.js';
import { CSRF_FIELD, isCsrfValid } from '../auth/csrf.js';
import { requirePage } from '../auth/require-page.js';
import { formOf, refused } from '../auth/routes.js';
import type { ConsoleSession } from '../auth/session.js';
import type { ConsoleDeps } from '../deps.js';
import { Page } from '../layout/page.js';
import { TicketPage } from './view.js';

const NOTICES: Record<string, string> = {
  reply: 'Đã gửi trả lời vào hàng đợi; trạng thái gửi hiện ở mục "Tin nhắn gửi người dân".',
  status: 'Đã đổi trạng thái và báo cho người dân.',
  assign: 'Đã chuyển đơn vị.',
  extend: 'Đã gia hạn và ghi lý do.',
  retry: 'Tin nhắn sẽ được gửi lại.',
};

type Action = (form: Record<string, string>, actor: Actor, code: string) => Promise<unknown>;

export function mountTicketPage(app: Hono, deps: ConsoleDeps): void {
  const render = async (
    c: Context,
    session: ConsoleSession,
    code: string,
    extra: { error?: string; notice?: string; status?: number } = {},
  ) => {
    try {
      const ticket = await showTicket(deps.tickets, { code, actor: toTicketActor(session.account) });
      return c.html(
        <TicketPage
          session={session}
          ticket={ticket}
          settings={deps.tickets.settings}
          error={extra.error}
          notice={extra.notice}
        />,
        (extra.status ?? 200) as 200,
      );
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== 'NOT_FOUND' && e.code !== 'BAD_INPUT') throw error;
      return c.html(
        <Page title="Không tìm thấy" session={session}>
          <div class="card">
            <h1>Không tìm thấy yêu cầu</h1>
            <p>{e.userMessage}</p>
            <a href="/admin/">← Hộp thư</a>
          </div>
        </Page>,
        404,
      );
    }
  };

  app.get('/admin/tickets/:code', async (c) => {
    const gate = await requirePage(c, deps, { tickets: true });
    if (gate.response) return gate.response;
    const done = c.req.query('ok');
    return render(c, gate.session, c.req.param('code'), { notice: done ? NOTICES[done] : undefined });
  });

  const action = (name: string, run: Action) =>
    app.post(`/admin/tickets/:code/${name}`, async (c) => {
      const gate = await requirePage(c, deps, { tickets: true });
      if (gate.response) return gate.response;
      const form = await formOf(c);
      if (!isCsrfValid(c, gate.session.csrfToken, form[CSRF_FIELD])) return refused(c);
      const code = c.req.param('code');
      try {
        await run(form, toTicketActor(gate.session.account), code);
      } catch (error) {
        const e = toAppError(error);
        if (e.code === 'INTERNAL') throw error;
        const status = e.code === 'NOT_FOUND' ? 404 : e.code === 'FORBIDDEN' ? 403 : e.code === 'CONFLICT' ? 409 : 400;
        return render(c, gate.session, code, { error: e.userMessage, status });
      }
      return c.redirect(`/admin/tickets/${encodeURIComponent(code)}?ok=${name}`, 303);
    });

  action('reply', (form, actor, code) => answerTicket(deps.tickets, { code, answer: form.text ?? '', actor }));
  action('status', (form, actor, code) => {
    const to = TICKET_STATUSES.find((s) => s === form.status) as TicketStatus;
    const closeReason = CLOSE_REASONS.find((r) => r === form.closeReason) as CloseReason | undefined;
    return changeTicketStatus(deps.tickets, { code, to, actor, reason: form.reason || undefined, closeReason });
  });
  action('assign', (form, actor, code) =>
    assignTicket(deps.tickets, {
      code,
      unitCode: form.unit ?? '',
      assignee: form.assignee?.trim() || undefined,
      actor,
    }),
  );
  action('extend', (form, actor, code) =>
    extendTicketDeadline(deps.tickets, {
      code,
      reason: form.reason ?? '',
      especiallyComplex: form.especiallyComplex === '1',
      actor,
    }),
  );
  action('retry', async (form, actor, code) => {
    // the message must be one of this ticket's, and the ticket within the account's units
    const ticket = await showTicket(deps.tickets, { code, actor });
    const id = Number(form.message);
    if (!ticket.messages.some((m) => m.id === id && (m.status === 'failed' || m.status === 'uncertain')))
      throw new AppError('NOT_FOUND', 'No such failed message', { userMessage: 'Không có tin nhắn lỗi này.' });
    await deps.outbox.requeue(id, deps.tickets.clock.now());
  });
}
