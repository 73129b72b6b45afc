// What the question-queue use cases are given by service.ts (or a test): the queue, the knowledge base the FAQ
// entries go into, the tickets deps (outbox wake-up, question tickets, clock) and how to tell the answering side.
import type { UnansweredQuestionStore } from '../db/stores/unanswered-question-store.js';
import type { KnowledgeStore } from '../knowledge/index.js';
import type { TicketDeps } from '../tickets/index.js';

export interface QuestionDeps {
  queue: UnansweredQuestionStore;
  knowledge: KnowledgeStore;
  tickets: TicketDeps;
  /** Called after an FAQ entry is published or withdrawn: the running search index picks the new revision up. */
  knowledgeChanged: () => Promise<void>;
}

/** Who acts in the console: the login the audit trail records, and how an FAQ entry's source names them. */
export interface QuestionActor {
  login: string;
  /** "Phòng Tư pháp" (the account's unit) or the login: "Nguồn: Cán bộ <label> trả lời ngày …". */
  label: string;
}
