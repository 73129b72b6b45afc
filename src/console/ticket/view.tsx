// The ticket page: facts, the resident's words and the replies as text (never HTML), the legal deadlines with
// their rules, the delivery state of each reply, the audit history, and the forms to act (each with its CSRF token).
import type { Account } from '../../accounts/index.js';
import { isStoredRef } from '../../channels/shared/index.js';
import {
  type CannedReply,
  CLOSE_REASON_LABEL,
  CLOSE_REASONS,
  formatDate,
  formatDateTime,
  MAX_NOTE_LENGTH,
  STATUS_LABEL,
  type TicketDetail,
  type TicketSettings,
  TRANSITIONS,
} from '../../tickets/index.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { Message, Page } from '../layout/page.js';

const DELIVERY_LABEL: Record<string, string> = {
  pending: 'đang chờ gửi',
  sending: 'đang gửi',
  sent: 'đã gửi',
  failed: 'gửi thất bại',
  uncertain: 'không rõ đã đến chưa',
  cancelled: 'đã huỷ (người dân xoá dữ liệu)',
  phoned: 'đã báo qua điện thoại',
};

/** Zalo refuses a message once the resident's reply window closed (the channel's reason, see channels/zalo). */
const WINDOW_CLOSED = 'zalo_window_closed';

type DeliveredMessage = TicketDetail['messages'][number];

function deliveryLabel(m: DeliveredMessage): string {
  if (m.status === 'failed' && m.lastError?.includes(WINDOW_CLOSED))
    return 'Zalo: quá thời hạn được nhắn cho người dân (sẽ gửi lại khi người dân nhắn tới)';
  return DELIVERY_LABEL[m.status] ?? m.status;
}

function needsAction(m: DeliveredMessage): boolean {
  return m.status === 'failed' || m.status === 'uncertain';
}

const PAGE_CSS = `
.notes li,.attachments li{margin:.5rem 0}
.notes p{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2rem 0}
.attachments img{display:block;max-width:100%;max-height:320px;margin:.3rem 0;border:1px solid #d8dde3;border-radius:4px}
.attachments .name{overflow-wrap:anywhere}
.fix{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.4rem 0 .8rem}
.fix form{margin:0}
.fix .phone{flex:1 1 260px}
.fix .phone button{margin-top:.3rem}
form.template{margin-bottom:.5rem;padding-bottom:.5rem;border-bottom:1px solid #e3e7ec}
form.template button{margin-top:.4rem}
`;

const ACTION_LABEL: Record<string, string> = {
  'ticket.created': 'tiếp nhận',
  'ticket.answered': 'trả lời người dân',
  'ticket.assigned': 'chuyển đơn vị',
  'ticket.accepted': 'thụ lý',
  'ticket.refused': 'không thụ lý',
  'ticket.forwarded': 'chuyển cơ quan khác',
  'ticket.in_progress': 'đang xử lý',
  'ticket.closed': 'đóng',
  'ticket.disputed': 'người dân đề nghị xem xét lại',
  'ticket.extended': 'gia hạn',
  'personal.viewed': 'xem dữ liệu cá nhân',
  'ticket.note_added': 'thêm ghi chú nội bộ',
  'ticket.reply_retried': 'gửi lại tin nhắn lỗi',
  'ticket.reply_delivered_by_phone': 'đánh dấu đã báo qua điện thoại',
};

export interface TicketPageProps {
  session: { account: Account; csrfToken: string };
  ticket: TicketDetail;
  settings: TicketSettings;
  /** The templates offered for this ticket's category, and the one chosen (its text fills the reply box). */
  cannedReplies: CannedReply[];
  chosenReply?: CannedReply | undefined;
  /** What the officer had typed when a form was refused: kept, never lost. */
  draft?: { reply?: string | undefined; note?: string | undefined } | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}

function Csrf(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

export function TicketPage(props: TicketPageProps) {
  const t = props.ticket;
  const csrf = props.session.csrfToken;
  const base = `/admin/tickets/${t.code}`;
  const nextStatuses = TRANSITIONS[t.status].filter(
    (s) => s !== 'answered' && !(s === 'in_progress' && t.status === 'answered'),
  );
  const personal = t.personal.visible
    ? [t.personal.fullName, t.personal.phone, t.personal.address].filter(Boolean).join(' · ') ||
      '(không có hoặc đã xoá)'
    : t.personal.note;
  return (
    <Page title={t.code} session={props.session}>
      <style>{PAGE_CSS}</style>
      <p>
        <a href="/admin/">← Hộp thư</a>
      </p>
      <h1>
        {t.code} — {t.kindLabel}
      </h1>
      <Message error={props.error} notice={props.notice} />
      <section class="card">
        <dl class="facts">
          <dt>Trạng thái</dt>
          <dd>
            {t.statusLabel}
            {t.closeReasonLabel ? ` (${t.closeReasonLabel})` : ''}
            {t.isDisputed ? <span class="tag bad"> người dân đề nghị xem xét lại</span> : null}
          </dd>
          <dt>Lĩnh vực</dt>
          <dd>{t.categoryName}</dd>
          <dt>Xã, phường</dt>
          <dd>{t.communeName ?? '—'}</dd>
          <dt>Đơn vị</dt>
          <dd>
            {t.unitName ?? '—'}
            {t.assignee ? ` · cán bộ: ${t.assignee}` : ''}
          </dd>
          <dt>Kênh</dt>
          <dd>{t.channel}</dd>
          <dt>Ngày tiếp nhận</dt>
          <dd>{formatDateTime(t.receivedAt)}</dd>
          <dt>Người gửi</dt>
          <dd>{personal}</dd>
        </dl>
      </section>

      <section class="card">
        <h2>Thời hạn luật định</h2>
        <ul>
          {t.deadlines.map((d) => (
            <li>
              <strong>{d.label}:</strong> {formatDate(d.date)}
              {d.doneAt ? ` (đã thực hiện ngày ${formatDate(d.doneAt)})` : ''}
              {d.basis ? <span class="muted"> — căn cứ: {d.basis}</span> : null}
              {d.commitment ? <span class="muted"> — cam kết của tỉnh, không phải thời hạn luật định</span> : null}
              {d.verify ? <div class="muted">{d.verify}</div> : null}
            </li>
          ))}
        </ul>
        {t.acknowledgeExtensionReason ? <p>Lý do kéo dài thời hạn thụ lý: {t.acknowledgeExtensionReason}</p> : null}
      </section>

      <section class="card conversation">
        <h2>Nội dung trao đổi</h2>
        <div class="bubble">
          <p class="muted">Người dân, {formatDateTime(t.receivedAt)}</p>
          <p>{t.description}</p>
        </div>
        {t.publicAnswer ? (
          <div class="bubble officer">
            <p class="muted">Trả lời công khai{t.answeredAt ? `, ${formatDateTime(t.answeredAt)}` : ''}</p>
            <p>{t.publicAnswer}</p>
          </div>
        ) : null}
        {t.dispute ? (
          <div class="bubble">
            <p class="muted">
              Người dân đề nghị xem xét lại, {formatDateTime(t.dispute.at)}
              {t.dispute.isOpen ? ' — chưa trả lời lại' : ' — đã trả lời lại'}
            </p>
            <p>{t.dispute.reason ?? '(người dân không nêu lý do)'}</p>
          </div>
        ) : null}
        <h2>Tin nhắn gửi người dân</h2>
        {t.messages.length === 0 ? <p class="muted">Chưa có tin nhắn nào.</p> : null}
        <ul>
          {t.messages.map((m) => (
            <li>
              <span class={needsAction(m) ? 'tag bad' : 'tag'}>{deliveryLabel(m)}</span>{' '}
              {formatDateTime(m.sentAt ?? m.createdAt)} — {m.preview}
              {m.lastError && needsAction(m) ? <div class="muted">Lỗi: {m.lastError}</div> : null}
              {m.status === 'phoned' ? (
                <div class="muted">
                  {m.phonedBy ?? ''}: {m.phoneNote ?? ''}
                </div>
              ) : null}
              {needsAction(m) ? (
                <div class="fix">
                  <form method="post" action={`${base}/outbox/${m.id}/retry`}>
                    <Csrf token={csrf} />
                    <button type="submit" class="secondary">
                      Gửi lại
                    </button>
                  </form>
                  <form class="phone" method="post" action={`${base}/outbox/${m.id}/delivered-by-phone`}>
                    <Csrf token={csrf} />
                    <label for={`phone-note-${m.id}`}>Ghi chú cuộc gọi (đã báo cho ai, lúc nào)</label>
                    <input id={`phone-note-${m.id}`} type="text" name="note" required maxlength={2000} />
                    <button type="submit" class="secondary">
                      Đã báo qua điện thoại
                    </button>
                  </form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {t.attachments.length > 0 ? (
        <section class="card attachments">
          <h2>Ảnh và tệp người dân gửi</h2>
          <ul>
            {t.attachments.map((a) => {
              const href = `${base}/attachments/${a.id}`;
              const label = a.name ?? (a.kind === 'photo' ? 'Ảnh' : 'Tệp');
              if (!isStoredRef(a.ref))
                return (
                  <li>
                    <span class="name">{label}</span>{' '}
                    <span class="muted">
                      {a.kind === 'location' ? `(vị trí: ${a.ref})` : '(chưa tải về máy chủ, không xem được)'}
                    </span>
                  </li>
                );
              return (
                <li>
                  {a.mimeType?.startsWith('image/') ? (
                    <a href={href}>
                      <img src={href} alt={`Ảnh người dân gửi: ${label}`} loading="lazy" />
                    </a>
                  ) : null}
                  <a class="name" href={href}>
                    {label}
                  </a>{' '}
                  <span class="muted">({a.mimeType ?? a.kind})</span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section class="card notes">
        <h2>Ghi chú nội bộ</h2>
        <p class="muted">Chỉ cán bộ xử lý thấy; không bao giờ gửi cho người dân.</p>
        {t.notes.length === 0 ? <p class="muted">Chưa có ghi chú.</p> : null}
        <ul>
          {t.notes.map((n) => (
            <li>
              <span class="muted">
                {n.author}, {formatDateTime(n.createdAt)}
              </span>
              <p>{n.text}</p>
            </li>
          ))}
        </ul>
        <form method="post" action={`${base}/notes`}>
          <Csrf token={csrf} />
          <label for="note-text">Thêm ghi chú nội bộ</label>
          <textarea id="note-text" name="text" required maxlength={MAX_NOTE_LENGTH}>
            {props.draft?.note ?? ''}
          </textarea>
          <button type="submit">Lưu ghi chú</button>
        </form>
      </section>

      <section class="actions">
        <div class="card">
          <h2>Trả lời người dân</h2>
          {props.cannedReplies.length > 0 ? (
            <form class="template" method="get" action={base}>
              <div>
                <label for="reply-template">Mẫu trả lời ({t.categoryName})</label>
                <select id="reply-template" name="mau">
                  {props.cannedReplies.map((r) => (
                    <option value={r.id} selected={r.id === props.chosenReply?.id}>
                      {r.title}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="secondary">
                Dùng mẫu
              </button>
            </form>
          ) : null}
          <form method="post" action={`${base}/reply`}>
            <Csrf token={csrf} />
            <label for="reply-text">Nội dung trả lời (công khai với người dân, không ghi dữ liệu cá nhân)</label>
            <textarea id="reply-text" name="text" required maxlength={3500}>
              {props.draft?.reply ?? props.chosenReply?.text ?? ''}
            </textarea>
            {props.chosenReply ? (
              <p class="muted">Đã điền mẫu "{props.chosenReply.title}": sửa phần trong […] trước khi gửi.</p>
            ) : null}
            <button type="submit">Gửi trả lời</button>
          </form>
        </div>
        {nextStatuses.length > 0 ? (
          <form class="card" method="post" action={`${base}/status`}>
            <h2>Đổi trạng thái</h2>
            <Csrf token={csrf} />
            <label for="status-to">Trạng thái mới</label>
            <select id="status-to" name="status">
              {nextStatuses.map((s) => (
                <option value={s}>{STATUS_LABEL[s]}</option>
              ))}
            </select>
            <label for="status-reason">Lý do / cơ quan được chuyển đến / ghi chú cho người dân</label>
            <input id="status-reason" type="text" name="reason" maxlength={2000} />
            <label for="status-close">Kết quả (khi đóng)</label>
            <select id="status-close" name="closeReason">
              <option value="">—</option>
              {CLOSE_REASONS.map((r) => (
                <option value={r}>{CLOSE_REASON_LABEL[r]}</option>
              ))}
            </select>
            <button type="submit">Lưu trạng thái</button>
          </form>
        ) : null}
        <form class="card" method="post" action={`${base}/assign`}>
          <h2>Chuyển đơn vị</h2>
          <Csrf token={csrf} />
          <label for="assign-unit">Đơn vị</label>
          <select id="assign-unit" name="unit">
            {props.settings.routing.units.map((u) => (
              <option value={u.code} selected={u.code === t.unitCode}>
                {u.name}
              </option>
            ))}
          </select>
          <label for="assign-who">Cán bộ phụ trách (không bắt buộc)</label>
          <input id="assign-who" type="text" name="assignee" maxlength={100} value={t.assignee ?? ''} />
          <button type="submit">Chuyển</button>
        </form>
        <form class="card" method="post" action={`${base}/extend`}>
          <h2>Gia hạn theo luật</h2>
          <Csrf token={csrf} />
          <label for="extend-reason">Lý do gia hạn (gửi cho người dân)</label>
          <input id="extend-reason" type="text" name="reason" required maxlength={2000} />
          <label class="check">
            <input type="checkbox" name="especiallyComplex" value="1" /> Tố cáo đặc biệt phức tạp
          </label>
          <button type="submit">Gia hạn</button>
        </form>
      </section>

      <section class="card">
        <h2>Lịch sử xử lý</h2>
        <ul class="history">
          {t.history.map((h) => (
            <li>
              {formatDateTime(h.at)} — {h.actor} — {ACTION_LABEL[h.action] ?? h.action}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
