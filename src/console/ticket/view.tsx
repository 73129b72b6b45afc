// The ticket page: facts, the resident's words and the replies as text (never HTML), the legal deadlines with
// their rules, the delivery state of each reply, the audit history, and the forms to act (each with its CSRF token).
import type { Account } from '../../accounts/index.js';
import {
  CLOSE_REASON_LABEL,
  CLOSE_REASONS,
  formatDate,
  formatDateTime,
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
};

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
};

export interface TicketPageProps {
  session: { account: Account; csrfToken: string };
  ticket: TicketDetail;
  settings: TicketSettings;
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
              <span class={m.status === 'failed' || m.status === 'uncertain' ? 'tag bad' : 'tag'}>
                {DELIVERY_LABEL[m.status] ?? m.status}
              </span>{' '}
              {formatDateTime(m.sentAt ?? m.createdAt)} — {m.preview}
              {m.lastError ? <div class="muted">Lỗi: {m.lastError}</div> : null}
              {m.status === 'failed' || m.status === 'uncertain' ? (
                <form method="post" action={`${base}/retry`}>
                  <Csrf token={csrf} />
                  <input type="hidden" name="message" value={String(m.id)} />
                  <button type="submit" class="secondary">
                    Gửi lại
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section class="actions">
        <form class="card" method="post" action={`${base}/reply`}>
          <h2>Trả lời người dân</h2>
          <Csrf token={csrf} />
          <label for="reply-text">Nội dung trả lời (công khai với người dân, không ghi dữ liệu cá nhân)</label>
          <textarea id="reply-text" name="text" required maxlength={3500} />
          <button type="submit">Gửi trả lời</button>
        </form>
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
