// Use case: the FAQ entries in the knowledge base, newest first, for the editors' page and `tiepdan eval --faq`.
import type { KnowledgeStore } from '../knowledge/index.js';

export interface FaqEntry {
  code: string;
  question: string;
  /** "Cán bộ Phòng Tư pháp" */
  answeredBy: string;
  /** dd/mm/yyyy */
  answeredOn: string;
  updatedAt: Date;
}

export async function listFaq(knowledge: KnowledgeStore): Promise<FaqEntry[]> {
  const documents = await knowledge.listDocuments();
  return documents
    .filter((d) => d.kind === 'faq')
    .map((d) => ({
      code: d.code,
      question: d.title,
      answeredBy: d.issuer ?? '',
      answeredOn: d.issuedDate ?? '',
      updatedAt: d.updatedAt,
    }))
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.code.localeCompare(a.code));
}
