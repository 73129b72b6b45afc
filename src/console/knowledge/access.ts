// Who may use the knowledge base pages, and where they live.
import type { AccountRole } from '../../accounts/index.js';

export const KNOWLEDGE_BASE_PATH = '/admin/kien-thuc';

/** Editors keep the knowledge base; admins may too. Every other role gets 403 and no link. */
export const KNOWLEDGE_ROLES: readonly AccountRole[] = ['editor', 'admin'];

export function canEditKnowledge(role: AccountRole): boolean {
  return KNOWLEDGE_ROLES.includes(role);
}

/** Largest file the upload form takes (the largest shipped document, a PDF law, is under 5 MB). */
export const KNOWLEDGE_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** The upload route, whose body limit is raised above the 1 MB of every other route. */
export const KNOWLEDGE_UPLOAD_PATH = `${KNOWLEDGE_BASE_PATH}/tai-len`;
