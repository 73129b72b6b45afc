// Sign-in, second factor and password pages.

import { Message, Page } from '../layout/page.js';
import { CSRF_FIELD } from './csrf.js';

export function LoginPage(props: {
  csrf: string;
  error?: string | undefined;
  login?: string | undefined;
  notice?: string | undefined;
}) {
  return (
    <Page title="Đăng nhập">
      <div class="card narrow">
        <h1>Đăng nhập</h1>
        <Message error={props.error} notice={props.notice} />
        <form method="post" action="/admin/login">
          <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          <label for="login">Tên đăng nhập</label>
          <input id="login" type="text" name="login" autocomplete="username" required value={props.login ?? ''} />
          <label for="password">Mật khẩu</label>
          <input id="password" type="password" name="password" autocomplete="current-password" required />
          <button type="submit">Đăng nhập</button>
        </form>
      </div>
    </Page>
  );
}

export function SecondFactorPage(props: {
  csrf: string;
  error?: string | undefined;
  /** Enrolment: the new secret and its otpauth:// link, shown until a first code confirms it. */
  enrol?: { secret: string; uri: string } | undefined;
}) {
  return (
    <Page title="Xác thực hai bước">
      <div class="card narrow">
        <h1>Xác thực hai bước</h1>
        <Message error={props.error} />
        {props.enrol ? (
          <>
            <p>
              Tài khoản của bạn cần xác thực hai bước. Mở ứng dụng xác thực (Google Authenticator, Microsoft
              Authenticator, FreeOTP…), thêm tài khoản bằng khoá dưới đây rồi nhập mã 6 chữ số ứng dụng hiển thị.
            </p>
            <p>
              <code style="overflow-wrap:anywhere">{props.enrol.secret}</code>
            </p>
            <p class="muted" style="overflow-wrap:anywhere">
              {props.enrol.uri}
            </p>
          </>
        ) : (
          <p>Nhập mã 6 chữ số trong ứng dụng xác thực của bạn.</p>
        )}
        <form method="post" action="/admin/2fa">
          <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          {props.enrol ? <input type="hidden" name="secret" value={props.enrol.secret} /> : null}
          <label for="code">Mã xác thực</label>
          <input id="code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required />
          <button type="submit">Xác nhận</button>
        </form>
      </div>
    </Page>
  );
}

export function PasswordPage(props: { csrf: string; error?: string | undefined; isRequired: boolean }) {
  return (
    <Page title="Đổi mật khẩu">
      <div class="card narrow">
        <h1>Đổi mật khẩu</h1>
        <Message
          error={props.error}
          notice={props.isRequired ? 'Bạn cần đặt mật khẩu mới trước khi làm việc.' : undefined}
        />
        <form method="post" action="/admin/password">
          <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          <label for="current">Mật khẩu hiện tại</label>
          <input id="current" type="password" name="current" autocomplete="current-password" required />
          <label for="next">Mật khẩu mới (ít nhất 10 ký tự)</label>
          <input id="next" type="password" name="next" autocomplete="new-password" required />
          <button type="submit">Lưu mật khẩu mới</button>
        </form>
      </div>
    </Page>
  );
}

/** A refused form (CSRF or cross-site): a page, not a JSON blob, since a person is looking. */
export function RefusedPage() {
  return (
    <Page title="Yêu cầu bị từ chối">
      <div class="card narrow">
        <h1>Yêu cầu bị từ chối</h1>
        <p class="error">Biểu mẫu đã hết hạn hoặc được gửi từ một trang khác. Vui lòng mở lại trang và thử lại.</p>
        <a class="button" href="/admin/">
          Về bàn làm việc
        </a>
      </div>
    </Page>
  );
}
