// `tiepdan users …`: console accounts. Contracts used by tests outside the project:
//   users add <login> --role <role> [--unit <code>]... --password-stdin
//   users list | disable <login> | reset-password <login> [--password-stdin] | token <login>
// `users token` prints the new token as the last line of its output.
import type { Command } from 'commander';
import {
  ACCOUNT_ROLE_LABEL,
  ACCOUNT_ROLES,
  type AccountDeps,
  addAccount,
  disableAccount,
  generatePassword,
  issueApiToken,
  resetPassword,
} from '../../accounts/index.js';
import { PrismaAccountStore } from '../../db/stores/account-store.js';
import { PrismaRateLimiter } from '../../db/stores/ticket-store.js';
import { AppError } from '../../shared/errors.js';
import { formatDateTime, loadTicketSettings, systemClock } from '../../tickets/index.js';
import { type CliContext, print, printErr, printJson, withDatabase } from '../context.js';

function withAccounts<T>(context: CliContext, fn: (deps: AccountDeps) => Promise<T>): Promise<T> {
  return withDatabase(context, async (db) => {
    const settings = await loadTicketSettings(context.config().settingsDir);
    return fn({
      store: new PrismaAccountStore(db.prisma),
      clock: systemClock,
      unitCodes: settings.routing.units.map((u) => u.code),
      rateLimiter: new PrismaRateLimiter(db.prisma),
    });
  });
}

/** The password piped in: the whole of stdin without its final line break. */
async function passwordFromStdin(context: CliContext): Promise<string> {
  const text = (await context.readStdin()).replace(/\r?\n$/, '');
  if (!text)
    throw new AppError('BAD_INPUT', 'Empty stdin', {
      userMessage:
        'Không đọc được mật khẩu từ đầu vào chuẩn (ví dụ: echo "mật khẩu" | tiepdan users add … --password-stdin).',
    });
  return text;
}

/** Who runs the command, for the audit trail: the operating-system user. */
const byOf = (context: CliContext) => `cli:os:${context.osUser()}`;

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerUserCommands(program: Command, context: CliContext): void {
  const users = program.command('users').description('Tài khoản cán bộ dùng bàn làm việc /admin/ và API');

  users
    .command('add')
    .description('Tạo tài khoản')
    .argument('<tên đăng nhập>')
    .requiredOption('--role <vai trò>', `vai trò: ${ACCOUNT_ROLES.join(', ')}`)
    .option(
      '--unit <mã đơn vị>',
      'đơn vị (settings/routing.yaml), lặp lại cho nhiều đơn vị; bắt buộc với inspector, officer',
      collect,
      [],
    )
    .option('--password-stdin', 'đọc mật khẩu từ đầu vào chuẩn (không có: tạo mật khẩu ngẫu nhiên và in ra một lần)')
    .action(async (login: string, o: { role: string; unit: string[]; passwordStdin?: boolean }) => {
      // read before the database is opened: a forwarded command carries what was read here
      const piped = o.passwordStdin ? await passwordFromStdin(context) : undefined;
      const generated = piped === undefined;
      const password = piped ?? generatePassword();
      const account = await withAccounts(context, (deps) =>
        addAccount(deps, {
          login,
          role: o.role,
          units: o.unit,
          password,
          by: byOf(context),
          mustChangePassword: generated,
        }),
      );
      print(
        `Đã tạo tài khoản ${account.login} (${ACCOUNT_ROLE_LABEL[account.role]}${account.units.length ? `; đơn vị: ${account.units.join(', ')}` : ''}).`,
      );
      if (generated) {
        print(`Mật khẩu tạm thời (chỉ hiện một lần, phải đổi ở lần đăng nhập đầu): ${password}`);
      }
    });

  users
    .command('list')
    .description('Danh sách tài khoản')
    .option('--json', 'in JSON')
    .action(async (o: { json?: boolean }) => {
      const accounts = await withAccounts(context, (deps) => deps.store.listAccounts());
      if (o.json)
        return printJson(
          accounts.map((a) => ({
            login: a.login,
            role: a.role,
            units: a.units,
            disabled: a.disabledAt !== null,
            secondFactor: a.hasSecondFactor,
            createdAt: a.createdAt,
          })),
        );
      if (accounts.length === 0)
        return print('Chưa có tài khoản nào. Tạo bằng: tiepdan users add <tên> --role admin --password-stdin');
      for (const a of accounts)
        print(
          `${a.login}  ${a.role}${a.units.length ? ` [${a.units.join(', ')}]` : ''}` +
            `${a.hasSecondFactor ? ' · xác thực hai bước' : ''}${a.disabledAt ? ` · ĐÃ KHOÁ ${formatDateTime(a.disabledAt)}` : ''}`,
        );
      print(`Tổng: ${accounts.length} tài khoản.`);
    });

  users
    .command('disable')
    .description('Khoá tài khoản: không đăng nhập được, phiên và mã API hết hiệu lực')
    .argument('<tên đăng nhập>')
    .action(async (login: string) => {
      const account = await withAccounts(context, (deps) => disableAccount(deps, { login, by: byOf(context) }));
      print(`Đã khoá tài khoản ${account.login}.`);
    });

  users
    .command('reset-password')
    .description('Đặt lại mật khẩu (không có --password-stdin: tạo mật khẩu tạm thời, phải đổi khi đăng nhập)')
    .argument('<tên đăng nhập>')
    .option('--password-stdin', 'đọc mật khẩu mới từ đầu vào chuẩn')
    .action(async (login: string, o: { passwordStdin?: boolean }) => {
      const password = o.passwordStdin ? await passwordFromStdin(context) : undefined;
      const result = await withAccounts(context, (deps) => resetPassword(deps, { login, password, by: byOf(context) }));
      print(`Đã đặt lại mật khẩu cho ${result.login}; các phiên đăng nhập cũ đã kết thúc.`);
      if (result.generated)
        print(`Mật khẩu tạm thời (chỉ hiện một lần, phải đổi ở lần đăng nhập đầu): ${result.generated}`);
    });

  users
    .command('token')
    .description('Tạo mã API cá nhân mới (in ở dòng cuối; chỉ hiện một lần)')
    .argument('<tên đăng nhập>')
    .action(async (login: string) => {
      const token = await withAccounts(context, (deps) => issueApiToken(deps, { login, by: byOf(context) }));
      printErr('Mã API cá nhân (chỉ hiện một lần; gửi trong tiêu đề Authorization: Bearer <mã>):');
      print(token);
    });
}
