// Who works the question queue: editors, admins and leads.
import type { AccountRole } from '../../accounts/index.js';

export const QUESTIONS_PATH = '/admin/cau-hoi';
export const QUESTION_ROLES: readonly AccountRole[] = ['editor', 'admin', 'lead'];
