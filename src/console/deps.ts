// What the console is given by service.ts: the accounts and tickets use cases' deps and a few settings.
import type { Context } from 'hono';
import type { AccountDeps } from '../accounts/index.js';
import type { AttachmentStore } from '../channels/shared/index.js';
import type { KnowledgeStore, QuestionAnswerer } from '../knowledge/index.js';
import type { QuestionDeps } from '../questions/index.js';
import type { TicketDeps } from '../tickets/index.js';

export interface ConsoleDeps {
  accounts: AccountDeps;
  tickets: TicketDeps;
  /** The outbox, for "retry" on a failed reply. */
  outbox: { requeue(id: number, at: Date): Promise<boolean> };
  /** Where residents' photos and files are kept (the ticket page shows them to authorised officers). */
  attachments?: AttachmentStore | undefined;
  settings: { requireSecondFactor: boolean; sessionIdleMs: number; sessionMaxMs: number };
  /** The question queue and its FAQ entries (/admin/cau-hoi); the pages are not mounted without it. */
  questions?: QuestionDeps | undefined;
  /** The client address key of a request (rate limits of failed sign-ins). */
  clientKey: (c: Context) => string | undefined;
  /** The knowledge base pages (/admin/kien-thuc); without it they are not mounted. */
  knowledge?: KnowledgeConsoleDeps | undefined;
}

/** What the knowledge base pages use: the `kb` use cases' store, the chat's own answerer and its reload. */
export interface KnowledgeConsoleDeps {
  store: KnowledgeStore;
  /** The answerer the chat asks (the worker thread by default): "Thử câu hỏi" asks it too. */
  answerer: QuestionAnswerer;
  /** The reload a forwarded `kb add` triggers: the new revision and synonyms are searched once it resolves. */
  refresh: () => Promise<void>;
  /** KNOWLEDGE_DIR: synonyms.txt, and tai-len/ for uploaded files. */
  knowledgeDir: string;
  /** The folder stored source paths are relative to (the service's working directory, as for `kb reindex`). */
  root: string;
  /** Largest uploaded file. */
  uploadMaxBytes: number;
  /** Appends a row to the hash-chained audit trail. */
  audit: (entry: {
    actor: string;
    action: string;
    entity: string;
    entityId: string;
    before: unknown;
    after: unknown;
  }) => Promise<void>;
}
