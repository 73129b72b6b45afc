// The question queue's pages: the list (filters, paging), one question (the bot's earlier answer, the answer form
// with "dùng làm câu trả lời mẫu", "bỏ qua"), and the FAQ entries with "rút lại". The resident is never named.
import type { Account } from '../../accounts/index.js';
import type { QueuedQuestion } from '../../db/stores/unanswered-question-store.js';
import type { FaqEntry } from '../../questions/index.js';
import { MAX_ANSWER_CHARS } from '../../questions/index.js';
import { formatDateTime } from '../../tickets/index.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { Message, Page } from '../layout/page.js';
import { CHANNEL_LABEL, maskForList, REASON_LABEL, STATUS_LABEL, thumbsDownText } from './labels.js';

type Session = { account: Account; csrfToken: string };

export interface QueueQuery {
  status: string;
  reason: string;
  page: number;
}

function queueHref(query: QueueQuery, page: number): string {
  const q = new URLSearchParams();
  if (query.status) q.set('status', query.status);
  if (query.reason) q.set('reason', query.reason);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `/admin/cau-hoi${s ? `?${s}` : ''}`;
}

export function QueuePage(props: {
  session: Session;
  query: QueueQuery;
  items: QueuedQuestion[];
  total: number;
  pageSize: number;
  notice?: string | undefined;
}) {
  const { query } = props;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Page title="Câu hỏi chờ trả lời" session={props.session}>
      <h1>Câu hỏi chờ trả lời</h1>
      <p class="muted">
        Câu hỏi bot chưa trả lời được, bị người dân chấm 👎 (chưa hài lòng), hoặc người dân muốn cán bộ trả lời. Câu trả
        lời của cán bộ được gửi lại cho người hỏi; đánh dấu "dùng làm câu trả lời mẫu" để bot trả lời được câu hỏi này
        về sau. <a href="/admin/cau-hoi/mau">Các câu trả lời mẫu →</a>
      </p>
      <Message notice={props.notice} />
      <form class="card filters" method="get" action="/admin/cau-hoi">
        <div>
          <label for="q-status">Trạng thái</label>
          <select id="q-status" name="status">
            {[
              ['open', 'Đang chờ'],
              ['answered', 'Đã trả lời'],
              ['dismissed', 'Đã bỏ qua'],
              ['all', 'Tất cả'],
            ].map(([value, label]) => (
              <option value={value} selected={query.status === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="q-reason">Lý do</label>
          <select id="q-reason" name="reason">
            <option value="">Tất cả</option>
            {Object.entries(REASON_LABEL).map(([value, label]) => (
              <option value={value} selected={query.reason === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">Lọc</button>
        </div>
      </form>
      <p class="muted">{`${props.total.toLocaleString('vi-VN')} câu hỏi`}</p>
      {props.items.length === 0 ? (
        <div class="card">
          <p>Không có câu hỏi nào.</p>
        </div>
      ) : (
        <table class="inbox questions">
          <thead>
            <tr>
              <th>Số</th>
              <th>Câu hỏi</th>
              <th>Lý do</th>
              <th>Kênh · người hỏi</th>
              <th>Ngày</th>
              <th>Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((q) => {
              const down = thumbsDownText(q);
              return (
                <tr>
                  <td data-label="Số">
                    <a href={`/admin/cau-hoi/${q.id}`}>{`#${q.id}`}</a>
                  </td>
                  <td data-label="Câu hỏi">
                    <a href={`/admin/cau-hoi/${q.id}`}>
                      {q.question ? maskForList(q.question) : '(người hỏi đã yêu cầu xoá nội dung)'}
                    </a>
                  </td>
                  <td data-label="Lý do">
                    {REASON_LABEL[q.reason] ?? q.reason}
                    {down ? <div class="muted">{`👎 ${down}`}</div> : null}
                    {q.ticketCode ? <div class="muted">{`Đã chuyển thành yêu cầu ${q.ticketCode}`}</div> : null}
                  </td>
                  <td data-label="Kênh">{`${CHANNEL_LABEL[q.channel] ?? q.channel} · người dân (ẩn danh)`}</td>
                  <td data-label="Ngày">{formatDateTime(q.createdAt)}</td>
                  <td data-label="Trạng thái">
                    {STATUS_LABEL[q.status] ?? q.status}
                    {q.faqCode ? <div class="tag">Câu trả lời mẫu</div> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label="Trang">
          {query.page > 1 ? <a href={queueHref(query, query.page - 1)}>← Trang trước</a> : null}
          <span>{` Trang ${query.page}/${pages} `}</span>
          {query.page < pages ? <a href={queueHref(query, query.page + 1)}>Trang sau →</a> : null}
        </nav>
      ) : null}
    </Page>
  );
}

export function QuestionPage(props: {
  session: Session;
  question: QueuedQuestion & { botAnswer: string | null };
  answerText?: string | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const q = props.question;
  const down = thumbsDownText(q);
  const csrf = <input type="hidden" name={CSRF_FIELD} value={props.session.csrfToken} />;
  return (
    <Page title={`Câu hỏi #${q.id}`} session={props.session}>
      <p>
        <a href="/admin/cau-hoi">← Câu hỏi chờ trả lời</a>
      </p>
      <h1>{`Câu hỏi #${q.id}`}</h1>
      <Message error={props.error} notice={props.notice} />
      <div class="card">
        <dl class="facts">
          <dt>Người dân hỏi</dt>
          <dd class="conversation">
            <p class="bubble">{q.question || '(người hỏi đã yêu cầu xoá nội dung)'}</p>
          </dd>
          <dt>Lý do vào danh sách</dt>
          <dd>{REASON_LABEL[q.reason] ?? q.reason}</dd>
          {down ? (
            <>
              <dt>Người dân chấm 👎</dt>
              <dd>{down}</dd>
            </>
          ) : null}
          <dt>Kênh</dt>
          <dd>{`${CHANNEL_LABEL[q.channel] ?? q.channel} · người dân (ẩn danh)`}</dd>
          <dt>Ngày hỏi</dt>
          <dd>{formatDateTime(q.createdAt)}</dd>
          <dt>Trạng thái</dt>
          <dd>{STATUS_LABEL[q.status] ?? q.status}</dd>
          {q.ticketCode ? (
            <>
              <dt>Yêu cầu</dt>
              <dd>{`Đã chuyển thành yêu cầu ${q.ticketCode}: trả lời ở đây là trả lời yêu cầu đó.`}</dd>
            </>
          ) : null}
          <dt>Bot đã trả lời</dt>
          <dd>
            {q.botAnswer ? (
              <p class="bubble">{q.botAnswer}</p>
            ) : q.reason === 'abstain' ? (
              'Bot báo chưa tìm thấy thông tin.'
            ) : (
              '—'
            )}
          </dd>
          {q.docCodes.length > 0 ? (
            <>
              <dt>Tài liệu bot đã dùng</dt>
              <dd>{q.docCodes.join(', ')}</dd>
            </>
          ) : null}
          {q.staffAnswer ? (
            <>
              <dt>Cán bộ đã trả lời</dt>
              <dd>
                <p class="bubble officer">{q.staffAnswer}</p>
              </dd>
            </>
          ) : null}
          {q.staffNote ? (
            <>
              <dt>Ghi chú / lý do bỏ qua</dt>
              <dd>{q.staffNote}</dd>
            </>
          ) : null}
          {q.faqCode ? (
            <>
              <dt>Câu trả lời mẫu</dt>
              <dd>{`${q.faqCode} (bot đang dùng để trả lời câu hỏi này)`}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {q.status === 'open' ? (
        <>
          <form class="card" method="post" action={`/admin/cau-hoi/${q.id}/tra-loi`}>
            <h2>Trả lời người dân</h2>
            {csrf}
            <label for="answer-text">Câu trả lời (gửi đến người hỏi qua kênh họ đã dùng)</label>
            <textarea id="answer-text" name="text" rows={6} maxlength={MAX_ANSWER_CHARS} required>
              {props.answerText ?? ''}
            </textarea>
            <label class="check">
              <input type="checkbox" name="faq" value="1" /> dùng làm câu trả lời mẫu
            </label>
            <p class="muted">
              Câu trả lời mẫu được đưa vào cơ sở tri thức: bot sẽ trả lời câu hỏi này (và câu hỏi tương tự) bằng câu trả
              lời trên, ghi nguồn "Cán bộ … trả lời ngày …". Không ghi thông tin cá nhân của người hỏi.
            </p>
            <button type="submit">Gửi trả lời</button>
          </form>
          <form class="card" method="post" action={`/admin/cau-hoi/${q.id}/bo-qua`}>
            <h2>Bỏ qua</h2>
            {csrf}
            <label for="dismiss-reason">Lý do bỏ qua</label>
            <input id="dismiss-reason" type="text" name="reason" maxlength={1000} required />
            <button type="submit" class="secondary">
              Bỏ qua câu hỏi
            </button>
          </form>
        </>
      ) : null}
    </Page>
  );
}

export function FaqPage(props: {
  session: Session;
  entries: FaqEntry[];
  error?: string | undefined;
  notice?: string | undefined;
}) {
  return (
    <Page title="Câu trả lời mẫu" session={props.session}>
      <p>
        <a href="/admin/cau-hoi">← Câu hỏi chờ trả lời</a>
      </p>
      <h1>Câu trả lời mẫu</h1>
      <p class="muted">
        Câu hỏi cán bộ đã trả lời và đánh dấu làm mẫu: bot tìm và trích dẫn các câu trả lời này. Rút lại một mục thì bot
        không dùng nó nữa.
      </p>
      <Message error={props.error} notice={props.notice} />
      {props.entries.length === 0 ? (
        <div class="card">
          <p>Chưa có câu trả lời mẫu nào.</p>
        </div>
      ) : (
        <table class="inbox faq">
          <thead>
            <tr>
              <th>Mã</th>
              <th>Câu hỏi</th>
              <th>Nguồn</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td data-label="Mã">{e.code}</td>
                <td data-label="Câu hỏi">{maskForList(e.question)}</td>
                <td data-label="Nguồn">{`${e.answeredBy} trả lời ngày ${e.answeredOn}`}</td>
                <td>
                  <form method="post" action={`/admin/cau-hoi/mau/${encodeURIComponent(e.code)}/rut-lai`}>
                    <input type="hidden" name={CSRF_FIELD} value={props.session.csrfToken} />
                    <button type="submit" class="secondary">
                      Rút lại
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
