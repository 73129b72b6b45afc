// The frame of every console page: Vietnamese, a viewport for phones, the stylesheet, the top bar with sign-out.
import type { Child } from 'hono/jsx';
import type { Account } from '../../accounts/index.js';
import { ACCOUNT_ROLE_LABEL, TICKET_ROLES } from '../../accounts/index.js';
import { CSRF_FIELD } from '../auth/csrf.js';

export interface PageProps {
  title: string;
  /** The signed-in account and its CSRF token (the sign-out form); absent on the sign-in pages. */
  session?: { account: Account; csrfToken: string } | undefined;
  children?: Child;
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
      </head>
      <body>
        <header class="top">
          <a href="/admin/">Bàn làm việc tiếp dân</a>
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
        {props.session ? <Nav role={props.session.account.role} /> : null}
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/** The pages an account's role works with. */
function Nav(props: { role: Account['role'] }) {
  const links: Array<[string, string]> = [];
  if (TICKET_ROLES.includes(props.role)) links.push(['/admin/', 'Hộp thư']);
  if (['editor', 'admin', 'lead'].includes(props.role)) links.push(['/admin/cau-hoi', 'Câu hỏi chờ trả lời']);
  if (links.length === 0) return null;
  return (
    <nav class="console-nav" aria-label="Trang">
      {links.map(([href, label]) => (
        <a href={href}>{label}</a>
      ))}
    </nav>
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
