// The knowledge base pages (Hono JSX): the document list with upload, remove and reindex; the remove confirmation;
// "Thử câu hỏi"; the synonyms editor (the sample questions' editor is in aliases-view.tsx). Plain forms that work
// without JavaScript; /admin/kien-thuc.js adds progress.
import type { Account } from '../../accounts/index.js';
import type { Answer } from '../../knowledge/index.js';
import type { StoredDocument } from '../../knowledge/types.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { Message, Page } from '../layout/page.js';
import { KNOWLEDGE_BASE_PATH } from './access.js';

type Session = { account: Account; csrfToken: string };

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

function dateLabel(date: Date): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

export function Tabs(props: { current: 'list' | 'try' | 'synonyms' | 'aliases' }) {
  const tab = (key: typeof props.current, href: string, label: string) =>
    key === props.current ? <strong aria-current="page">{label}</strong> : <a href={href}>{label}</a>;
  return (
    <nav class="tabs" aria-label="Cơ sở tri thức">
      {tab('list', KNOWLEDGE_BASE_PATH, 'Tài liệu')}
      {tab('try', `${KNOWLEDGE_BASE_PATH}/thu-cau-hoi`, 'Thử câu hỏi')}
      {tab('synonyms', `${KNOWLEDGE_BASE_PATH}/tu-dong-nghia`, 'Từ đồng nghĩa')}
      {tab('aliases', `${KNOWLEDGE_BASE_PATH}/cach-goi`, 'Cách gọi, câu hỏi mẫu')}
    </nav>
  );
}

export interface KnowledgeListProps {
  session: Session;
  documents: StoredDocument[];
  /** Documents matching the search, in all pages. */
  matching: number;
  total: number;
  q: string;
  page: number;
  pages: number;
  extensions: readonly string[];
  uploadMaxBytes: number;
  error?: string | undefined;
  notice?: string | undefined;
}

function pageHref(q: string, page: number): string {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  query.set('trang', String(page));
  return `${KNOWLEDGE_BASE_PATH}?${query.toString()}`;
}

export function KnowledgeListPage(props: KnowledgeListProps) {
  const csrf = <input type="hidden" name={CSRF_FIELD} value={props.session.csrfToken} />;
  return (
    <Page title="Cơ sở tri thức" session={props.session} script="/admin/kien-thuc.js">
      <h1>Cơ sở tri thức</h1>
      <Tabs current="list" />
      <Message error={props.error} notice={props.notice} />
      <div class="actions">
        <form
          class="card"
          method="post"
          action={`${KNOWLEDGE_BASE_PATH}/tai-len`}
          enctype="multipart/form-data"
          data-upload
          data-max-bytes={String(props.uploadMaxBytes)}
        >
          <h2>Tải tài liệu lên</h2>
          {csrf}
          <label for="kb-file">
            Tệp ({props.extensions.join(', ')}; tối đa {sizeLabel(props.uploadMaxBytes)})
          </label>
          <input id="kb-file" type="file" name="tep" required accept={props.extensions.join(',')} />
          <p class="muted">
            Tệp được đọc và lập chỉ mục ngay; người dân hỏi trong khung chat sẽ được trả lời từ tài liệu mới. Tệp trùng
            tên sẽ thay thế tệp đã tải trước đó.
          </p>
          <progress max="100" value="0" hidden data-progress />
          <p class="muted" role="status" data-status />
          <button type="submit">Tải lên và lập chỉ mục</button>
        </form>
        <form class="card" method="post" action={`${KNOWLEDGE_BASE_PATH}/lap-chi-muc`}>
          <h2>Lập chỉ mục lại</h2>
          {csrf}
          <p class="muted">
            Đọc lại mọi tài liệu từ tệp nguồn và chia đoạn lại (sau khi sửa tệp trên máy chủ hoặc nâng cấp). Có thể mất
            vài phút với cơ sở tri thức lớn.
          </p>
          <button type="submit" class="secondary">
            Lập chỉ mục lại
          </button>
        </form>
      </div>
      <form class="card filters" method="get" action={KNOWLEDGE_BASE_PATH}>
        <div>
          <label for="kb-q">Tìm theo mã hoặc tên tài liệu</label>
          <input id="kb-q" type="search" name="q" value={props.q} />
        </div>
        <div>
          <button type="submit">Tìm</button>
        </div>
      </form>
      <p class="muted">
        {props.q
          ? `${props.matching} / ${props.total} tài liệu khớp với "${props.q}".`
          : `Tổng cộng ${props.total} tài liệu.`}
      </p>
      {props.documents.length === 0 ? (
        <p class="card">{props.total === 0 ? 'Chưa có tài liệu nào.' : 'Không có tài liệu nào khớp.'}</p>
      ) : (
        <table class="inbox kb">
          <thead>
            <tr>
              <th>Mã</th>
              <th>Tên tài liệu</th>
              <th>Nguồn</th>
              <th>Ngày</th>
              <th>Số đoạn</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.documents.map((d) => (
              <tr>
                <td data-label="Mã" class="code">
                  {d.code}
                </td>
                <td data-label="Tên">{d.title}</td>
                <td data-label="Nguồn" class="source">
                  {d.sourcePath}
                  {d.issuer ? <div class="muted">{d.issuer}</div> : null}
                </td>
                <td data-label="Ngày">
                  {d.issuedDate ? <div>Ban hành {d.issuedDate}</div> : null}
                  <div class="muted">Cập nhật {dateLabel(d.updatedAt)}</div>
                </td>
                <td data-label="Số đoạn">{d.chunkCount}</td>
                <td>
                  {d.kind === 'procedure' ? (
                    <div>
                      <a href={`${KNOWLEDGE_BASE_PATH}/cach-goi?ma=${encodeURIComponent(d.code)}`}>Câu hỏi mẫu</a>
                    </div>
                  ) : null}
                  <a href={`${KNOWLEDGE_BASE_PATH}/xoa?ma=${encodeURIComponent(d.code)}`}>Xoá…</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.pages > 1 ? (
        <nav class="pager" aria-label="Trang">
          {props.page > 1 ? <a href={pageHref(props.q, props.page - 1)}>← Trang trước</a> : null}
          <span>
            Trang {props.page} / {props.pages}
          </span>
          {props.page < props.pages ? <a href={pageHref(props.q, props.page + 1)}>Trang sau →</a> : null}
        </nav>
      ) : null}
    </Page>
  );
}

export function ConfirmRemovePage(props: { session: Session; document: StoredDocument }) {
  const d = props.document;
  return (
    <Page title="Xoá tài liệu" session={props.session}>
      <div class="card">
        <h1>Xoá tài liệu {d.code}?</h1>
        <p>
          <strong>{d.title}</strong>
        </p>
        <p class="muted">
          Nguồn: {d.sourcePath} · {d.chunkCount} đoạn. Sau khi xoá, bot không còn trả lời từ tài liệu này. Thao tác được
          ghi vào nhật ký.
        </p>
        <form method="post" action={`${KNOWLEDGE_BASE_PATH}/xoa`}>
          <input type="hidden" name={CSRF_FIELD} value={props.session.csrfToken} />
          <input type="hidden" name="ma" value={d.code} />
          <button type="submit">Xoá tài liệu</button> <a href={KNOWLEDGE_BASE_PATH}>Huỷ</a>
        </form>
      </div>
    </Page>
  );
}

export function TryQuestionPage(props: {
  session: Session;
  question: string;
  answer?: Answer | undefined;
  error?: string | undefined;
}) {
  const a = props.answer;
  return (
    <Page title="Thử câu hỏi" session={props.session}>
      <h1>Thử câu hỏi</h1>
      <Tabs current="try" />
      <Message error={props.error} />
      <form class="card" method="get" action={`${KNOWLEDGE_BASE_PATH}/thu-cau-hoi`}>
        <label for="kb-question">Câu hỏi của người dân</label>
        <textarea id="kb-question" name="q" maxlength={2000} required>
          {props.question}
        </textarea>
        <button type="submit">Hỏi thử</button>
      </form>
      {a ? (
        <>
          <div class="card">
            <h2>Bot sẽ trả lời</h2>
            {a.abstained ? <p class="tag bad">Bot không tìm được câu trả lời đủ tin cậy</p> : null}
            <div class="conversation">
              <p class="bubble" data-answer>
                {a.text}
              </p>
            </div>
            {a.clarify ? (
              <ul>
                {a.clarify.options.map((o) => (
                  <li>
                    {o.label} <span class="muted">({o.code})</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <div class="card">
            <h2>Các đoạn được xếp hạng</h2>
            {(a.passages ?? []).length === 0 ? (
              <p class="muted">Không có đoạn nào khớp với câu hỏi.</p>
            ) : (
              <table class="inbox passages">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Điểm</th>
                    <th>Mã tài liệu</th>
                    <th>Đoạn</th>
                  </tr>
                </thead>
                <tbody>
                  {(a.passages ?? []).map((p, i) => (
                    <tr>
                      <td data-label="Hạng">{i + 1}</td>
                      <td data-label="Điểm" class="score">
                        {p.score.toFixed(3)}
                      </td>
                      <td data-label="Mã" class="code">
                        {p.code}
                      </td>
                      <td data-label="Đoạn">
                        <strong>{p.title}</strong>
                        {p.section ? <div class="muted">{p.section}</div> : null}
                        <div class="excerpt">{p.text.length > 400 ? `${p.text.slice(0, 399)}…` : p.text}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      ) : null}
    </Page>
  );
}

/** One saved version of synonyms.txt, from the audit trail. */
export interface SynonymsVersion {
  id: number;
  at: Date;
  actor: string;
  added: number;
  removed: number;
}

export function dateTimeLabel(date: Date): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function SynonymsPage(props: {
  session: Session;
  text: string;
  history?: SynonymsVersion[] | undefined;
  problems?: Array<{ line: number; message: string }> | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  return (
    <Page title="Từ đồng nghĩa" session={props.session}>
      <h1>Từ đồng nghĩa và chữ viết tắt</h1>
      <Tabs current="synonyms" />
      <Message error={props.error} notice={props.notice} />
      {props.problems && props.problems.length > 0 ? (
        <ul class="error problems" aria-label="Các dòng chưa đúng">
          {props.problems.map((p) => (
            <li>{p.line > 0 ? `Dòng ${p.line}: ${p.message}` : p.message}</li>
          ))}
        </ul>
      ) : null}
      <form class="card" method="post" action={`${KNOWLEDGE_BASE_PATH}/tu-dong-nghia`}>
        <input type="hidden" name={CSRF_FIELD} value={props.session.csrfToken} />
        <p class="muted">
          Mỗi dòng một mục: <code>A, B =&gt; C</code> (một chiều), <code>A = B = C</code> (tương đương),{' '}
          <code>A ~&gt; C</code> (gợi ý, trọng số thấp hơn); phần sau dấu # là ghi chú. Nội dung được kiểm tra trước khi
          lưu, áp dụng ngay cho tìm kiếm và mỗi lần lưu được ghi (trước và sau) vào nhật ký kiểm toán.
        </p>
        <label for="kb-synonyms">Nội dung tệp synonyms.txt</label>
        <textarea id="kb-synonyms" name="noi_dung" rows={24} spellcheck={false} class="synonyms">
          {props.text}
        </textarea>
        <button type="submit">Kiểm tra và lưu</button>
      </form>
      {props.history && props.history.length > 0 ? (
        <div class="card">
          <h2>Các phiên bản đã lưu</h2>
          <ul class="history" data-history>
            {props.history.map((v) => (
              <li>
                {dateTimeLabel(v.at)} · {v.actor} · +{v.added} / −{v.removed} dòng ·{' '}
                <a href={`${KNOWLEDGE_BASE_PATH}/tu-dong-nghia?phien-ban=${v.id}`}>Xem (để khôi phục)</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Page>
  );
}

export function KnowledgeForbiddenPage(props: { session: Session }) {
  return (
    <Page title="Không có quyền" session={props.session}>
      <div class="card">
        <h1>Không có quyền sửa cơ sở tri thức</h1>
        <p>Chỉ tài khoản biên tập cơ sở tri thức hoặc quản trị hệ thống được xem và sửa trang này.</p>
      </div>
    </Page>
  );
}
