// Public face of the accounts context: console accounts with one role (unit-scoped for inspectors and officers),
// scrypt passwords, personal API tokens, sign-in slowed per account and address, TOTP second factor.
export { type AddAccountOptions, addAccount, checkAccountInput } from './add-account.js';
export { authenticateToken } from './authenticate-token.js';
export { changePassword } from './change-password.js';
export type { AccountDeps } from './deps.js';
export { disableAccount } from './disable-account.js';
export { ensureFirstAdmin, FIRST_ADMIN_LOGIN } from './ensure-first-admin.js';
export { issueApiToken } from './issue-api-token.js';
export { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.js';
export type { AccountPatch, AccountStore, NewAccount, StoredSession } from './ports.js';
export { requireAccount } from './require-account.js';
export { type ResetPasswordOptions, resetPassword } from './reset-password.js';
export { hashSecret, newSecret, sameSecret } from './secrets.js';
export {
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
  SIGN_IN_MAX_FAILURES_PER_ADDRESS,
  SIGN_IN_WINDOW_MS,
  type SignInOptions,
  signIn,
} from './sign-in.js';
export { toTicketActor } from './to-ticket-actor.js';
export { newTotpSecret, totpCode, totpUri, verifyTotp } from './totp.js';
export * from './types.js';
