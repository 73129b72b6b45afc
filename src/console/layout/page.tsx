// The frame of every console page: Vietnamese, a viewport for phones, the stylesheet, the top bar with sign-out.
import type { Child } from 'hono/jsx';
import type { Account } from '../../accounts/index.js';
import { ACCOUNT_ROLE_LABEL } from '../../accounts/index.js';
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
          {props.session ? <a href="/admin/bao-cao">Báo cáo</a> : null}
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
