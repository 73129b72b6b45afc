// Domain types of the accounts context: the six roles of the console and what each may do.

export const ACCOUNT_ROLES = ['admin', 'lead', 'inspector', 'officer', 'editor', 'viewer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ACCOUNT_ROLE_LABEL: Record<AccountRole, string> = {
  admin: 'Quản trị hệ thống',
  lead: 'Lãnh đạo',
  inspector: 'Thanh tra viên',
  officer: 'Cán bộ xử lý',
  editor: 'Biên tập cơ sở tri thức',
  viewer: 'Xem báo cáo',
};

/** Roles that work only on the tickets of their own units (settings/routing.yaml), and so must name them. */
export const UNIT_SCOPED_ROLES: readonly AccountRole[] = ['inspector', 'officer'];

/** Roles that read and act on tickets (the others: accounts and settings, the knowledge base, reports). */
export const TICKET_ROLES: readonly AccountRole[] = ['lead', 'inspector', 'officer'];

/** Roles that must confirm a second factor when CONSOLE_REQUIRE_2FA=true. */
export const SECOND_FACTOR_ROLES: readonly AccountRole[] = ['admin', 'lead', 'inspector'];

export interface Account {
  id: number;
  login: string;
  role: AccountRole;
  /** Unit codes for unit-scoped roles; empty for the others. */
  units: string[];
  mustChangePassword: boolean;
  hasSecondFactor: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  /** When a console session was last opened with the account's password (null: never). */
  lastSignInAt?: Date | null | undefined;
}

/** Lower-case letters, digits and . _ @ -, 2–64 characters: "nguyen.van.a", "thanhtra@tinh". */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
