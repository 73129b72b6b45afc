// Adapter: any Retriever of ours (lexical by default) as a LangChain BaseRetriever, so chains, vector stores
// and ensemble retrievers can be combined with it.
import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Retriever } from '../types.js';

/** What each LangChain Document carries besides the passage text. */
export interface PassageMetadata {
  code: string;
  title: string;
  url: string | undefined;
  section: string;
  aspect: string;
  kind: string;
  level: string | undefined;
  score: number;
}

export interface TiepdanLangChainRetrieverInput extends BaseRetrieverInput {
  retriever: Retriever;
  /** Passages per query (default 10). */
  k?: number;
  /** Return no Document when the retriever says nothing relevant was found (default true). */
  respectAbstain?: boolean;
}

/**
 * `new TiepdanLangChainRetriever({ retriever })` — `invoke(question)` returns `Document`s whose metadata
 * holds code, title, url (source link), section and score.
 */
export class TiepdanLangChainRetriever extends BaseRetriever<PassageMetadata> {
  static override lc_name(): string {
    return 'TiepdanLangChainRetriever';
  }

  override lc_namespace = ['tiepdan', 'retrievers'];
  private readonly retriever: Retriever;
  private readonly k: number;
  private readonly respectAbstain: boolean;

  constructor(fields: TiepdanLangChainRetrieverInput) {
    super(fields);
    this.retriever = fields.retriever;
    this.k = fields.k ?? 10;
    this.respectAbstain = fields.respectAbstain ?? true;
  }

  override async _getRelevantDocuments(
    query: string,
    _runManager?: CallbackManagerForRetrieverRun,
  ): Promise<Document<PassageMetadata>[]> {
    const result = await this.retriever.retrieve(query, { k: this.k });
    if (this.respectAbstain && result.abstained) return [];
    return result.passages.map(
      (p) =>
        new Document<PassageMetadata>({
          pageContent: p.text,
          id: String(p.chunkId),
          metadata: {
            code: p.code,
            title: p.title,
            url: p.url,
            section: p.section,
            aspect: p.aspect,
            kind: p.kind,
            level: p.level,
            score: p.score,
          },
        }),
    );
  }
}
