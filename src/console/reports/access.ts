// Who may open the reports pages: viewer and above (officer and inspector see their own units' figures only).
import type { AccountRole } from '../../accounts/index.js';

export const REPORTS_PATH = '/admin/bao-cao';
export const REPORT_ROLES: readonly AccountRole[] = ['admin', 'lead', 'inspector', 'officer', 'viewer'];
