// Use case: create an account with one role (and its units for unit-scoped roles); recorded in the audit trail.
import { AppError } from '../shared/errors.js';
import type { AccountDeps } from './deps.js';
import { hashPassword, passwordProblem } from './password.js';
import { ACCOUNT_ROLES, type Account, type AccountRole, LOGIN_PATTERN, UNIT_SCOPED_ROLES } from './types.js';

export interface AddAccountOptions {
  login: string;
  role: string;
  units: string[];
  password: string;
  /** Who creates it, as written in the audit trail ("admin:ha.thu", "os:root"). */
  by: string;
  /** The password was made for the person (first start): they change it at their first sign-in. */
  mustChangePassword?: boolean | undefined;
}

function bad(message: string, userMessage: string): AppError {
  return new AppError('BAD_INPUT', message, { userMessage });
}

/** Checks a login, a role and its units; returns them cleaned. */
export function checkAccountInput(
  deps: Pick<AccountDeps, 'unitCodes'>,
  input: { login: string; role: string; units: string[] },
): { login: string; role: AccountRole; units: string[] } {
  const login = input.login.trim().toLowerCase();
  if (!LOGIN_PATTERN.test(login))
    throw bad(
      'Bad login',
      'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang, @; 2–64 ký tự (ví dụ nguyen.van.a).',
    );
  if (!ACCOUNT_ROLES.includes(input.role as AccountRole))
    throw bad('Bad role', `Vai trò "${input.role}" không hợp lệ. Chọn một trong: ${ACCOUNT_ROLES.join(', ')}.`);
  const role = input.role as AccountRole;
  const units = [...new Set(input.units.map((u) => u.trim()).filter(Boolean))];
  const unknown = units.filter((u) => !deps.unitCodes.includes(u));
  if (unknown.length > 0)
    throw bad(
      'Unknown unit',
      `Không có đơn vị: ${unknown.join(', ')}. Các đơn vị trong settings/routing.yaml: ${deps.unitCodes.join(', ')}.`,
    );
  if (UNIT_SCOPED_ROLES.includes(role) && units.length === 0)
    throw bad('Units required', `Vai trò ${role} làm việc theo đơn vị: cần ít nhất một --unit <mã đơn vị>.`);
  if (!UNIT_SCOPED_ROLES.includes(role) && units.length > 0)
    throw bad('Units not allowed', `Vai trò ${role} không gắn với đơn vị; bỏ --unit.`);
  return { login, role, units };
}

export async function addAccount(deps: AccountDeps, options: AddAccountOptions): Promise<Account> {
  const { login, role, units } = checkAccountInput(deps, options);
  const problem = passwordProblem(options.password);
  if (problem) throw bad('Weak password', problem);
  const now = deps.clock.now();
  const account = await deps.store.createAccount(
    {
      login,
      role,
      units,
      passwordHash: await hashPassword(options.password),
      mustChangePassword: options.mustChangePassword ?? false,
    },
    {
      actor: options.by,
      action: 'account.added',
      entity: 'account',
      entityId: login,
      before: null,
      after: { role, units },
    },
    now,
  );
  if (!account)
    throw new AppError('CONFLICT', `Login ${login} taken`, {
      userMessage: `Tên đăng nhập "${login}" đã có người dùng.`,
    });
  return account;
}
