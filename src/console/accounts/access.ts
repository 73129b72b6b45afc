// The admin's accounts page: its address.
export const ACCOUNTS_PATH = '/admin/tai-khoan';
