// The frame of every console page: Vietnamese, a viewport for phones, the stylesheet, the top bar with sign-out.
import type { Child } from 'hono/jsx';
import type { Account } from '../../accounts/index.js';
import { ACCOUNT_ROLE_LABEL, TICKET_ROLES } from '../../accounts/index.js';
import { ACCOUNTS_PATH } from '../accounts/access.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { canEditKnowledge, KNOWLEDGE_BASE_PATH } from '../knowledge/access.js';
import { QUESTION_ROLES, QUESTIONS_PATH } from '../questions/access.js';
import { REPORT_ROLES, REPORTS_PATH } from '../reports/access.js';

export interface PageProps {
  title: string;
  /** The signed-in account and its CSRF token (the sign-out form); absent on the sign-in pages. */
  session?: { account: Account; csrfToken: string } | undefined;
  /** A script of the console's own (served under /admin/), for progressive enhancement. */
  script?: string | undefined;
  children?: Child;
}

/** The sections the signed-in account may open: each link only for the roles its page admits. */
function Nav(props: { account: Account }) {
  const links: Array<[string, string]> = [];
  if (TICKET_ROLES.includes(props.account.role)) links.push(['/admin/', 'Hộp thư']);
  if (canEditKnowledge(props.account.role)) links.push([KNOWLEDGE_BASE_PATH, 'Cơ sở tri thức']);
  if (QUESTION_ROLES.includes(props.account.role)) links.push([QUESTIONS_PATH, 'Câu hỏi chờ trả lời']);
  if (REPORT_ROLES.includes(props.account.role)) links.push([REPORTS_PATH, 'Báo cáo']);
  if (props.account.role === 'admin') links.push([ACCOUNTS_PATH, 'Tài khoản']);
  if (links.length === 0) return null;
  return (
    <nav class="sections" aria-label="Mục">
      {links.map(([href, label]) => (
        <a href={href}>{label}</a>
      ))}
    </nav>
  );
}

export function Page(props: PageProps) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${props.title} · Bàn làm việc tiếp dân`}</title>
        <link rel="stylesheet" href="/admin/console.css" />
        {props.script ? <script src={props.script} defer /> : null}
      </head>
      <body>
        <header class="top">
          <a href="/admin/">Bàn làm việc tiếp dân</a>
          {props.session ? <Nav account={props.session.account} /> : null}
          {props.session ? (
            <span>
              <span class="muted" style="color:#dfe8f2">
                {props.session.account.login} · {ACCOUNT_ROLE_LABEL[props.session.account.role]}
              </span>{' '}
              <form method="post" action="/admin/logout">
                <input type="hidden" name={CSRF_FIELD} value={props.session.csrfToken} />
                <button type="submit">Đăng xuất</button>
              </form>
            </span>
          ) : null}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/** A message box: an error or a notice. */
export function Message(props: { error?: string | undefined; notice?: string | undefined }) {
  return (
    <>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
    </>
  );
}
