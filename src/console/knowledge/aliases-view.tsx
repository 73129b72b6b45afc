// The sample questions' pages (Hono JSX): the procedures whose names and sample questions a language model drafted
// and staff have not reviewed, and the editor of one procedure's entry, with its saved versions.
import type { Account } from '../../accounts/index.js';
import type { AliasEntryContent, AliasProblemLine } from '../../knowledge/ingest/index.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { Message, Page } from '../layout/page.js';
import { KNOWLEDGE_BASE_PATH } from './access.js';
import { dateTimeLabel, Tabs } from './view.js';

type Session = { account: Account; csrfToken: string };

export const ALIASES_PATH = `${KNOWLEDGE_BASE_PATH}/cach-goi`;

const FIELD_LABEL: Record<AliasProblemLine['field'], string> = {
  names: 'Cách gọi thông dụng',
  questions: 'Câu hỏi mẫu',
};

export interface AliasDraftRow {
  code: string;
  title: string;
  questions: number;
}

export function AliasesIndexPage(props: {
  session: Session;
  drafts: AliasDraftRow[];
  error?: string | undefined;
  status?: number;
}) {
  return (
    <Page title="Cách gọi, câu hỏi mẫu" session={props.session}>
      <h1>Cách gọi thông dụng và câu hỏi mẫu</h1>
      <Tabs current="aliases" />
      <Message error={props.error} />
      <p class="muted">
        Người dân hỏi bằng lời của mình ("làm sổ đỏ", "lấy chồng Hàn"), không bằng tên thủ tục. Mỗi thủ tục có vài cách
        gọi thông dụng và câu hỏi mẫu giúp bot tìm đúng thủ tục; câu trả lời luôn trích từ hồ sơ thủ tục.
      </p>
      <form class="card filters" method="get" action={ALIASES_PATH}>
        <div>
          <label for="alias-code">Mã thủ tục</label>
          <input id="alias-code" name="ma" required placeholder="ví dụ 1.001193" />
        </div>
        <div>
          <button type="submit">Mở</button>
        </div>
      </form>
      <h2>Bản nháp chờ duyệt</h2>
      {props.drafts.length === 0 ? (
        <p class="card">
          Không có bản nháp nào. Khi có mô hình ngôn ngữ (ANSWER_MODE=llm), thủ tục mới nhập được soạn nháp tự động.
        </p>
      ) : (
        <table class="inbox kb" data-drafts>
          <thead>
            <tr>
              <th>Mã</th>
              <th>Tên thủ tục</th>
              <th>Số câu hỏi mẫu</th>
            </tr>
          </thead>
          <tbody>
            {props.drafts.map((d) => (
              <tr>
                <td data-label="Mã" class="code">
                  <a href={`${ALIASES_PATH}?ma=${encodeURIComponent(d.code)}`}>{d.code}</a>
                </td>
                <td data-label="Tên">{d.title}</td>
                <td data-label="Số câu hỏi mẫu">{d.questions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

export interface AliasVersion {
  id: number;
  at: Date;
  actor: string;
  names: number;
  questions: number;
  reviewed: boolean;
}

export function AliasEditorPage(props: {
  session: Session;
  code: string;
  title: string;
  entry: AliasEntryContent | null;
  /** As typed, when a save was refused (nothing the editor wrote is lost). */
  typed?: { names: string; questions: string } | undefined;
  history: AliasVersion[];
  problems?: AliasProblemLine[] | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const names = props.typed?.names ?? props.entry?.names.join('\n') ?? '';
  const questions = props.typed?.questions ?? props.entry?.questions.join('\n') ?? '';
  const tryHref = (q: string) => `${KNOWLEDGE_BASE_PATH}/thu-cau-hoi?${new URLSearchParams({ q }).toString()}`;
  return (
    <Page title={`Câu hỏi mẫu ${props.code}`} session={props.session}>
      <h1>Cách gọi và câu hỏi mẫu</h1>
      <Tabs current="aliases" />
      <p>
        <strong>{props.code}</strong> · {props.title}
      </p>
      <Message error={props.error} notice={props.notice} />
      {props.problems && props.problems.length > 0 ? (
        <ul class="error problems" aria-label="Các dòng chưa đúng">
          {props.problems.map((p) => (
            <li>
              {FIELD_LABEL[p.field]}
              {p.line > 0 ? `, dòng ${p.line}` : ''}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {props.entry && !props.entry.reviewed ? (
        <p class="card" data-unreviewed>
          Chưa duyệt: đọc lại, sửa cho tự nhiên và đúng thủ tục này, rồi đánh dấu "Đã duyệt".
        </p>
      ) : null}
      <form class="card" method="post" action={ALIASES_PATH}>
        <input type="hidden" name={CSRF_FIELD} value={props.session.csrfToken} />
        <input type="hidden" name="ma" value={props.code} />
        <p class="muted">
          Mỗi dòng một mục, viết bằng lời người dân (xem hướng dẫn trong knowledge/aliases/README.md). Chỉ giúp tìm đúng
          thủ tục: đừng đưa số tiền, số ngày hay tên cơ quan mà hồ sơ không có. Xoá hết cả hai ô để bỏ mục này. Mỗi lần
          lưu được ghi (trước và sau) vào nhật ký kiểm toán và áp dụng ngay cho tìm kiếm.
        </p>
        <label for="alias-names">Cách gọi thông dụng (2–5 cụm ngắn)</label>
        <textarea id="alias-names" name="ten_goi" rows={5}>
          {names}
        </textarea>
        <label for="alias-questions">Câu hỏi mẫu (4–6 câu)</label>
        <textarea id="alias-questions" name="cau_hoi" rows={8}>
          {questions}
        </textarea>
        <label>
          <input type="checkbox" name="da_duyet" value="1" checked={props.entry?.reviewed ?? true} /> Đã duyệt
        </label>
        <button type="submit">Kiểm tra và lưu</button>
      </form>
      {props.entry && props.entry.questions.length > 0 ? (
        <div class="card">
          <h2>Thử ngay</h2>
          <ul>
            {props.entry.questions.slice(0, 3).map((q) => (
              <li>
                <a href={tryHref(q)}>{q}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.history.length > 0 ? (
        <div class="card">
          <h2>Các lần lưu</h2>
          <ul class="history" data-history>
            {props.history.map((v) => (
              <li>
                {dateTimeLabel(v.at)} · {v.actor} · {v.names} cách gọi, {v.questions} câu hỏi ·{' '}
                {v.reviewed ? 'đã duyệt' : 'chưa duyệt'}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Page>
  );
}
