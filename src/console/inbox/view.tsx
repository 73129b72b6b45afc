// The inbox page: filters (a plain GET form), the tickets sorted by legal deadline, overdue in red, paging.
import type { Account } from '../../accounts/index.js';
import {
  formatDate,
  KIND_LABEL,
  STATUS_LABEL,
  TICKET_KINDS,
  TICKET_STATUSES,
  type TicketListItem,
  type TicketSettings,
} from '../../tickets/index.js';
import { Message, Page } from '../layout/page.js';
import type { InboxQuery } from './filters.js';

export interface InboxProps {
  session: { account: Account; csrfToken: string };
  query: InboxQuery;
  /** The query string as given, without page (for the pager links). */
  baseQuery: URLSearchParams;
  items: TicketListItem[];
  hasMore: boolean;
  settings: TicketSettings;
  error?: string | undefined;
}

function pageHref(base: URLSearchParams, page: number): string {
  const q = new URLSearchParams(base);
  q.set('page', String(page));
  return `/admin/?${q.toString()}`;
}

function who(item: TicketListItem): string {
  if (!item.personal.visible) return item.personal.note;
  return [item.personal.fullName, item.personal.phone].filter(Boolean).join(' · ') || '—';
}

export function InboxPage(props: InboxProps) {
  const { query, settings } = props;
  const categoryName = new Map(settings.categories.map((c) => [c.code, c.name]));
  const communeName = new Map(settings.communes.map((c) => [c.code, c.name]));
  const units = props.session.account.units.length
    ? settings.routing.units.filter((u) => props.session.account.units.includes(u.code))
    : settings.routing.units;
  return (
    <Page title="Hộp thư yêu cầu" session={props.session}>
      <h1>Hộp thư yêu cầu</h1>
      <Message error={props.error} />
      <form class="card filters" method="get" action="/admin/">
        <div>
          <label for="f-q">Tìm mã hoặc nội dung</label>
          <input id="f-q" type="search" name="q" value={query.q ?? ''} />
        </div>
        <div>
          <label for="f-status">Trạng thái</label>
          <select id="f-status" name="status">
            <option value="">Tất cả</option>
            {TICKET_STATUSES.map((s) => (
              <option value={s} selected={query.status.length === 1 && query.status[0] === s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-kind">Loại</label>
          <select id="f-kind" name="kind">
            <option value="">Tất cả</option>
            {TICKET_KINDS.map((k) => (
              <option value={k} selected={query.kind.length === 1 && query.kind[0] === k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-category">Lĩnh vực</label>
          <select id="f-category" name="category">
            <option value="">Tất cả</option>
            {settings.categories.map((c) => (
              <option value={c.code} selected={query.category.length === 1 && query.category[0] === c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-unit">Đơn vị</label>
          <select id="f-unit" name="unit">
            <option value="">Tất cả</option>
            {units.map((u) => (
              <option value={u.code} selected={query.unit === u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-commune">Xã, phường</label>
          <select id="f-commune" name="commune">
            <option value="">Tất cả</option>
            {settings.communes.map((c) => (
              <option value={c.code} selected={query.commune.length === 1 && query.commune[0] === c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-due">Đến hạn trong (ngày làm việc)</label>
          <input
            id="f-due"
            type="number"
            min="0"
            max="60"
            name="due"
            value={query.due === undefined ? '' : String(query.due)}
          />
        </div>
        <label class="check">
          <input type="checkbox" name="overdue" value="1" checked={query.overdue} /> Quá hạn
        </label>
        <label class="check">
          <input type="checkbox" name="disputed" value="1" checked={query.disputed} /> Bị đề nghị xem xét lại
        </label>
        <label class="check">
          <input type="checkbox" name="failures" value="1" checked={query.failures} /> Gửi trả lời lỗi
        </label>
        <div>
          <button type="submit">Lọc</button> <a href="/admin/">Bỏ lọc</a>
        </div>
      </form>

      {props.items.length === 0 ? (
        <p class="card">Không có yêu cầu nào khớp bộ lọc.</p>
      ) : (
        <table class="inbox">
          <thead>
            <tr>
              <th>Mã</th>
              <th>Loại · lĩnh vực</th>
              <th>Xã, phường</th>
              <th>Trạng thái</th>
              <th>Hạn luật định</th>
              <th>Đơn vị</th>
              <th>Người gửi</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((t) => (
              <tr class={t.isOverdue ? 'overdue' : undefined}>
                <td>
                  <a href={`/admin/tickets/${t.code}`}>{t.code}</a>
                </td>
                <td>
                  {t.kindLabel} · {categoryName.get(t.category) ?? t.category}
                </td>
                <td data-label="Xã, phường">{t.commune ? (communeName.get(t.commune) ?? t.commune) : '—'}</td>
                <td data-label="Trạng thái">
                  {t.statusLabel}
                  {t.isDisputed ? <span class="tag bad"> đề nghị xem xét lại</span> : null}
                  {t.deliveryProblem ? <span class="tag bad"> {t.deliveryProblem}</span> : null}
                </td>
                <td data-label="Hạn luật định">
                  {t.deadline ? (
                    <span class={t.isOverdue ? 'overdue-text' : undefined}>
                      {formatDate(t.deadline)}
                      {t.isOverdue
                        ? ` — quá hạn${t.workingDaysLeft !== null ? ` ${-t.workingDaysLeft} ngày làm việc` : ''}`
                        : t.workingDaysLeft !== null
                          ? ` — còn ${t.workingDaysLeft} ngày làm việc`
                          : ''}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label="Đơn vị">{t.unitCode ?? '—'}</td>
                <td data-label="Người gửi">{who(t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Phân trang">
        {query.page > 1 ? <a href={pageHref(props.baseQuery, query.page - 1)}>← Trang trước</a> : null}
        <span class="muted">Trang {query.page}</span>
        {props.hasMore ? <a href={pageHref(props.baseQuery, query.page + 1)}>Trang sau →</a> : null}
      </nav>
    </Page>
  );
}
