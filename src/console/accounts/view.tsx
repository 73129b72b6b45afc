// The admin's accounts page: every account (login, role, units, disabled, last sign-in), the form to add one, and per
// account "Khoá" and "Đặt lại mật khẩu". A generated password is shown once, on the page that answers the form.
import { ACCOUNT_ROLE_LABEL, ACCOUNT_ROLES, type Account, UNIT_SCOPED_ROLES } from '../../accounts/index.js';
import { formatDateTime } from '../../tickets/index.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { Message, Page } from '../layout/page.js';

export interface AccountsPageProps {
  session: { account: Account; csrfToken: string };
  accounts: Account[];
  units: Array<{ code: string; name: string }>;
  /** A password just made: shown once, never stored in the clear. */
  oneTimePassword?: { login: string; password: string } | undefined;
  /** What the admin typed when the add form was refused: kept. */
  draft?: { login?: string | undefined; role?: string | undefined; units?: string[] | undefined } | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}

const PAGE_CSS = `
.secret{font:1.2rem/1.4 ui-monospace,Menlo,Consolas,monospace;background:#fff8e1;border:1px solid #e0c36a;padding:.5rem .8rem;border-radius:4px;display:inline-block;user-select:all}
.units{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.1rem .8rem}
.units label{font-weight:400;display:flex;gap:.4rem;align-items:center;margin:.15rem 0}
.units input{width:auto}
td form{display:inline-block;margin:0 .3rem .3rem 0}
td form button{margin-top:0;padding:.3rem .7rem}
tr.disabled td{color:#5f6b7a}
@media (max-width:700px){
  table.accounts thead{display:none}
  table.accounts tr{display:block;border-bottom:1px solid #d8dde3;padding:.4rem 0}
  table.accounts td{display:block;border:0;padding:.15rem .5rem}
  table.accounts td[data-label]::before{content:attr(data-label) ": ";color:#5f6b7a;font-size:.85rem}
}
`;

function Csrf(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

export function AccountsPage(props: AccountsPageProps) {
  const csrf = props.session.csrfToken;
  const unitName = new Map(props.units.map((u) => [u.code, u.name]));
  const chosenUnits = new Set(props.draft?.units ?? []);
  return (
    <Page title="Tài khoản" session={props.session}>
      <style>{PAGE_CSS}</style>
      <h1>Tài khoản</h1>
      <Message error={props.error} notice={props.notice} />
      {props.oneTimePassword ? (
        <section class="card" role="status">
          <h2>Mật khẩu dùng một lần của {props.oneTimePassword.login}</h2>
          <p class="secret">{props.oneTimePassword.password}</p>
          <p>
            Mật khẩu này chỉ hiện một lần. Hãy trao trực tiếp cho người dùng; họ phải đổi mật khẩu ở lần đăng nhập đầu
            tiên.
          </p>
        </section>
      ) : null}
      <section class="card">
        <table class="accounts">
          <thead>
            <tr>
              <th>Tên đăng nhập</th>
              <th>Vai trò</th>
              <th>Đơn vị</th>
              <th>Trạng thái</th>
              <th>Đăng nhập gần nhất</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((a) => {
              const base = `/admin/tai-khoan/${encodeURIComponent(a.login)}`;
              return (
                <tr class={a.disabledAt ? 'disabled' : undefined}>
                  <td data-label="Tên đăng nhập">{a.login}</td>
                  <td data-label="Vai trò">{ACCOUNT_ROLE_LABEL[a.role]}</td>
                  <td data-label="Đơn vị">
                    {a.units.length ? a.units.map((u) => unitName.get(u) ?? u).join(', ') : '—'}
                  </td>
                  <td data-label="Trạng thái">
                    {a.disabledAt ? (
                      <span class="tag bad">đã khoá {formatDateTime(a.disabledAt)}</span>
                    ) : (
                      <span class="tag">đang dùng</span>
                    )}
                    {a.mustChangePassword ? <span class="tag">phải đổi mật khẩu</span> : null}
                  </td>
                  <td data-label="Đăng nhập gần nhất">{a.lastSignInAt ? formatDateTime(a.lastSignInAt) : 'chưa'}</td>
                  <td data-label="Thao tác">
                    {a.disabledAt || a.id === props.session.account.id ? null : (
                      <form method="post" action={`${base}/khoa`}>
                        <Csrf token={csrf} />
                        <button type="submit" class="secondary">
                          Khoá
                        </button>
                      </form>
                    )}
                    {a.disabledAt ? null : (
                      <form method="post" action={`${base}/dat-lai-mat-khau`}>
                        <Csrf token={csrf} />
                        <button type="submit" class="secondary">
                          Đặt lại mật khẩu
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <form class="card" method="post" action="/admin/tai-khoan">
        <h2>Thêm tài khoản</h2>
        <Csrf token={csrf} />
        <label for="acc-login">Tên đăng nhập (chữ thường không dấu, ví dụ nguyen.van.a)</label>
        <input id="acc-login" type="text" name="login" required maxlength={64} value={props.draft?.login ?? ''} />
        <label for="acc-role">Vai trò</label>
        <select id="acc-role" name="role">
          {ACCOUNT_ROLES.map((r) => (
            <option value={r} selected={r === (props.draft?.role ?? 'officer')}>
              {ACCOUNT_ROLE_LABEL[r]}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>
            Đơn vị (bắt buộc với {UNIT_SCOPED_ROLES.map((r) => ACCOUNT_ROLE_LABEL[r].toLowerCase()).join(', ')})
          </legend>
          <div class="units">
            {props.units.map((u) => (
              <label>
                <input type="checkbox" name="unit" value={u.code} checked={chosenUnits.has(u.code)} /> {u.name}
              </label>
            ))}
          </div>
        </fieldset>
        <p class="muted">Mật khẩu được tạo ngẫu nhiên và hiện một lần sau khi thêm.</p>
        <button type="submit">Thêm tài khoản</button>
      </form>
    </Page>
  );
}
