// Hybrid retrieval: the lexical ranker and the semantic retriever, fused by reciprocal rank at document level.
import type { Logger } from '../../shared/logger.js';
import type { Passage, RetrievalResult, RetrieveOptions, Retriever } from '../types.js';

export interface HybridRetrieverOptions {
  lexical: Retriever;
  semantic: Retriever;
  logger?: Pick<Logger, 'warn'> | undefined;
  /** RRF constant: larger flattens the advantage of the top ranks (default 60, as in Cormack et al. 2009). */
  rrfK?: number;
  /** Weight of the semantic list against the lexical one (default 1). */
  semanticWeight?: number;
  /**
   * Cosine similarity at which the semantic side may overrule a lexical abstention (default 0.85). Keep it
   * high: see `createHybridRetriever`.
   */
  overrideScore?: number;
  /** Passages asked from each side before fusing (default 20). */
  depth?: number;
}

/** Semantic passages added to one document: enough for the aspect asked, without crowding out other documents. */
const SEMANTIC_PASSAGES_PER_DOCUMENT = 2;

interface Ranked {
  code: string;
  score: number;
  lexicalRank: number;
}

/** Documents in order of first appearance in a passage list. */
function documentOrder(passages: readonly Passage[]): string[] {
  const seen = new Set<string>();
  for (const p of passages) seen.add(p.code);
  return [...seen];
}

/**
 * Fuses two retrievers with reciprocal-rank fusion over documents: score(d) = Σ w / (rrfK + rank(d)).
 * RRF needs no score calibration, which matters because BM25 scores and cosine similarities live on
 * different scales, and cosine scales differ between embedding models.
 *
 * The abstain decision stays lexical. The lexical threshold is calibrated on the dev question sets;
 * cosine similarities are not calibrated for whatever model a province plugs in (none is reachable
 * here to calibrate against), and an embedding model finds *something* similar for any question, so
 * letting it decide would make the bot answer questions it should refuse. Only a near-paraphrase
 * (cosine ≥ overrideScore) may overrule a lexical abstention; then the semantic passages alone are used.
 * If the semantic side fails (endpoint down, timeout), the lexical result is returned unchanged.
 */
export function createHybridRetriever(options: HybridRetrieverOptions): Retriever {
  const { lexical, semantic, logger } = options;
  const rrfK = options.rrfK ?? 60;
  const semanticWeight = options.semanticWeight ?? 1;
  const overrideScore = options.overrideScore ?? 0.85;
  const depth = options.depth ?? 20;
  let semanticFailures = 0;

  return {
    async retrieve(question: string, retrieveOptions: RetrieveOptions = {}): Promise<RetrievalResult> {
      const k = retrieveOptions.k ?? 10;
      const sideOptions: RetrieveOptions = { k: Math.max(k, depth), code: retrieveOptions.code };
      const [lex, sem] = await Promise.all([
        lexical.retrieve(question, sideOptions),
        semantic.retrieve(question, sideOptions).catch((error: unknown) => {
          semanticFailures++;
          // the error may carry an upstream message; log its class only, never its text
          logger?.warn(
            { event: 'semantic_retrieval_failed', error: (error as Error)?.name ?? 'Error', semanticFailures },
            'semantic retrieval failed; using lexical results only',
          );
          return undefined;
        }),
      ]);
      if (!sem) return { ...lex, passages: lex.passages.slice(0, k) };

      if (lex.abstained) {
        const best = sem.passages[0]?.score ?? Number.NEGATIVE_INFINITY;
        if (best < overrideScore) return { ...lex, passages: lex.passages.slice(0, k) };
        const confident = sem.passages.filter((p) => p.score >= overrideScore).slice(0, k);
        return { passages: confident, abstained: false, aspect: lex.aspect };
      }

      const fused = new Map<string, Ranked>();
      documentOrder(lex.passages).forEach((code, rank) => {
        fused.set(code, { code, score: 1 / (rrfK + rank + 1), lexicalRank: rank });
      });
      documentOrder(sem.passages).forEach((code, rank) => {
        const entry = fused.get(code) ?? { code, score: 0, lexicalRank: Number.POSITIVE_INFINITY };
        entry.score += semanticWeight / (rrfK + rank + 1);
        fused.set(code, entry);
      });
      const order = [...fused.values()].sort((a, b) => b.score - a.score || a.lexicalRank - b.lexicalRank);

      // A document keeps the lexical ranker's passages (it picked them for the asked aspect) and gains
      // the semantic ones it lacked. Passage scores become the fused document score, decreasing within a
      // document, so "higher score = better" still holds across the merged list.
      const passages: Passage[] = [];
      for (const doc of order) {
        const own = lex.passages.filter((p) => p.code === doc.code);
        const seen = new Set(own.map((p) => p.chunkId));
        const extra = sem.passages.filter((p) => p.code === doc.code && !seen.has(p.chunkId));
        own.push(...extra.slice(0, SEMANTIC_PASSAGES_PER_DOCUMENT));
        own.forEach((p, i) => {
          passages.push({ ...p, score: doc.score - i * 1e-6 });
        });
        if (passages.length >= k) break;
      }
      return { passages: passages.slice(0, k), abstained: false, aspect: lex.aspect };
    },
  };
}
