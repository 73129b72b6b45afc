// /admin/tickets/{code}: the ticket page and its forms (reply from a canned template, internal notes, status, assign,
// extend, retry a failed reply or mark it told by phone) and the ticket's photos and files.
// Every form checks the session's CSRF token and the Origin; every action goes through the tickets use cases.
import type { Context, Hono } from 'hono';
import { toTicketActor } from '../../accounts/index.js';
import { recogniseContent } from '../../channels/shared/index.js';
import { toAppError } from '../../shared/errors.js';
import {
  type Actor,
  addTicketNote,
  answerTicket,
  assignTicket,
  CLOSE_REASONS,
  type CloseReason,
  cannedRepliesFor,
  changeTicketStatus,
  extendTicketDeadline,
  markReplyDeliveredByPhone,
  retryTicketReply,
  showTicket,
  showTicketAttachment,
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
  note: 'Đã lưu ghi chú nội bộ.',
  phone: 'Đã ghi nhận: tin nhắn đã được báo cho người dân qua điện thoại.',
};

/** A file name safe in a content-disposition header: the ASCII fallback and the UTF-8 name (RFC 6266). */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .slice(0, 100);
  return `${kind}; filename="${ascii || 'tep'}"; filename*=UTF-8''${encodeURIComponent(name.slice(0, 150))}`;
}

const EXTENSION: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/x-ole-storage': 'doc',
};

type Action = (
  form: Record<string, string>,
  actor: Actor,
  code: string,
  params: Record<string, string>,
) => Promise<unknown>;

/** Where each action's refused input goes back to, so the officer's words are never lost. */
type Draft = { reply?: string | undefined; note?: string | undefined };

export function mountTicketPage(app: Hono, deps: ConsoleDeps): void {
  const render = async (
    c: Context,
    session: ConsoleSession,
    code: string,
    extra: { error?: string; notice?: string; status?: number; template?: string; draft?: Draft } = {},
  ) => {
    try {
      const ticket = await showTicket(deps.tickets, { code, actor: toTicketActor(session.account) });
      const canned = cannedRepliesFor(deps.tickets.settings.cannedReplies ?? [], ticket.category);
      return c.html(
        <TicketPage
          session={session}
          ticket={ticket}
          settings={deps.tickets.settings}
          cannedReplies={canned}
          chosenReply={canned.find((r) => r.id === extra.template)}
          draft={extra.draft}
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
    return render(c, gate.session, c.req.param('code'), {
      notice: done ? NOTICES[done] : undefined,
      template: c.req.query('mau'),
    });
  });

  // a resident's photo or file: only for who may see the ticket's attachments; another unit's ticket is unknown (404)
  app.get('/admin/tickets/:code/attachments/:id', async (c) => {
    const gate = await requirePage(c, deps, { tickets: true });
    if (gate.response) return gate.response;
    const notFound = () => c.text('Không tìm thấy tệp.', 404, { 'x-content-type-options': 'nosniff' });
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id <= 0 || !deps.attachments) return notFound();
    let attachment: Awaited<ReturnType<typeof showTicketAttachment>>;
    try {
      attachment = await showTicketAttachment(deps.tickets, {
        code: c.req.param('code'),
        attachmentId: id,
        actor: toTicketActor(gate.session.account),
      });
    } catch (error) {
      if (toAppError(error).code === 'NOT_FOUND') return notFound();
      throw error;
    }
    const bytes = await deps.attachments.read(attachment.ref);
    if (!bytes) return notFound();
    // the type is what the content is, whatever was declared when it arrived
    const type = recogniseContent(bytes);
    const mimeType = type?.mimeType ?? 'application/octet-stream';
    const isImage = type?.kind === 'photo';
    const name =
      attachment.name ?? `${attachment.kind === 'photo' ? 'anh' : 'tep'}-${id}.${EXTENSION[mimeType] ?? 'bin'}`;
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': mimeType,
      'content-length': String(bytes.byteLength),
      'content-disposition': contentDisposition(isImage ? 'inline' : 'attachment', name),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'same-origin',
    });
  });

  const action = (name: string, notice: string, run: Action, draftOf?: (form: Record<string, string>) => Draft) =>
    app.post(`/admin/tickets/:code/${name}`, async (c) => {
      const gate = await requirePage(c, deps, { tickets: true });
      if (gate.response) return gate.response;
      const form = await formOf(c);
      if (!isCsrfValid(c, gate.session.csrfToken, form[CSRF_FIELD])) return refused(c);
      const code = c.req.param('code');
      try {
        await run(form, toTicketActor(gate.session.account), code, c.req.param());
      } catch (error) {
        const e = toAppError(error);
        if (e.code === 'INTERNAL') throw error;
        const status = e.code === 'NOT_FOUND' ? 404 : e.code === 'FORBIDDEN' ? 403 : e.code === 'CONFLICT' ? 409 : 400;
        return render(c, gate.session, code, { error: e.userMessage, status, draft: draftOf?.(form) });
      }
      return c.redirect(`/admin/tickets/${encodeURIComponent(code)}?ok=${notice}`, 303);
    });

  action(
    'reply',
    'reply',
    (form, actor, code) => answerTicket(deps.tickets, { code, answer: form.text ?? '', actor }),
    (form) => ({ reply: form.text }),
  );
  action(
    'notes',
    'note',
    (form, actor, code) => addTicketNote(deps.tickets, { code, text: form.text ?? '', actor }),
    (form) => ({ note: form.text }),
  );
  action('status', 'status', (form, actor, code) => {
    const to = TICKET_STATUSES.find((s) => s === form.status) as TicketStatus;
    const closeReason = CLOSE_REASONS.find((r) => r === form.closeReason) as CloseReason | undefined;
    return changeTicketStatus(deps.tickets, { code, to, actor, reason: form.reason || undefined, closeReason });
  });
  action('assign', 'assign', (form, actor, code) =>
    assignTicket(deps.tickets, {
      code,
      unitCode: form.unit ?? '',
      assignee: form.assignee?.trim() || undefined,
      actor,
    }),
  );
  action('extend', 'extend', (form, actor, code) =>
    extendTicketDeadline(deps.tickets, {
      code,
      reason: form.reason ?? '',
      especiallyComplex: form.especiallyComplex === '1',
      actor,
    }),
  );
  action('outbox/:id/retry', 'retry', (_form, actor, code, params) =>
    retryTicketReply(deps.tickets, { code, messageId: Number(params.id), actor }),
  );
  action('outbox/:id/delivered-by-phone', 'phone', (form, actor, code, params) =>
    markReplyDeliveredByPhone(deps.tickets, { code, messageId: Number(params.id), note: form.note ?? '', actor }),
  );
}
