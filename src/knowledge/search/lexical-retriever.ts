// The default Retriever: question → Vietnamese-aware query → BM25F documents → their best passages, or abstain.
import type { Aspect, Level, Passage, RetrievalResult, RetrieveOptions, Retriever } from '../types.js';
import { foldDiacritics, type SynonymTable } from '../vietnamese/index.js';
import { detectAspects } from './aspect.js';
import type { LexicalIndex } from './lexical-index.js';
import { analyzeQuery, DEFAULT_QUERY, type QueryParams } from './query.js';

/**
 * Relevance (best document score ÷ the query's total weight, see `SearchResult.queryWeight`) under which
 * the retriever says nothing relevant was found. Calibrated on the dev sets (procedure-qa dev, with and
 * without diacritics, and ALQAC dev): off-topic questions score ≤ 0.143, answerable ones ≥ 0.166 on the
 * procedure set; see bench/README.md for the measurement.
 */
export const DEFAULT_ABSTAIN_BELOW = 0.125;

/**
 * Questions run once after an index is loaded, so the first residents do not pay for the JavaScript
 * engine's warm-up (compiling the search loops). Generic on purpose: not taken from any eval set.
 */
export const WARM_UP_QUESTIONS = [
  'Làm giấy khai sinh cần những giấy tờ gì?',
  'dang ky tam tru mat bao lau',
  'Lệ phí cấp hộ chiếu là bao nhiêu?',
  'Xin giấy phép xây dựng nhà ở nộp ở đâu?',
  'cap lai the can cuoc bi mat',
  'Thủ tục đăng ký kết hôn như thế nào?',
  'Đăng ký thành lập hộ kinh doanh mất mấy ngày?',
  'chứng thực bản sao có mất phí không',
  'Điều kiện được cấp giấy chứng nhận quyền sử dụng đất lần đầu?',
  'thời tiết hôm nay thế nào',
];

/** Documents ranked per question at most (an answer cites one; eval looks at ten). */
const MAX_DOCUMENTS = 12;

export interface LexicalRetrieverOptions {
  index: LexicalIndex;
  synonyms: SynonymTable;
  query?: Partial<QueryParams> | undefined;
  abstainBelow?: number | undefined;
  /** How much more a passage of the asked aspect counts (0.3 = 30 %). */
  aspectBoost?: number | undefined;
  /** Passages kept for the best document (the answer writer picks among them) and for the others. */
  passagesForFirst?: number | undefined;
  passagesForOthers?: number | undefined;
}

/** What the lexical retriever knows beyond the port's result (for eval, explanations and tests). */
export interface LexicalRetrievalResult extends RetrievalResult {
  /** Best score ÷ query weight (0 when nothing matched). */
  relevance: number;
  /** Every aspect asked about, in the order asked. */
  aspects: Aspect[];
  /** Levels the question names. */
  levels: Level[];
}

/** The article number a question cites ("Điều 6 của Luật…", "dieu 6"), if any. */
export function citedArticle(question: string): number | undefined {
  const m = /(?<![\p{L}\p{N}])(?:điều|dieu)\s+(\d{1,4})(?!\p{N})/iu.exec(question.normalize('NFC'));
  return m ? Number(m[1]) : undefined;
}

export class LexicalRetriever implements Retriever {
  private current: LexicalIndex;
  private synonyms: SynonymTable;
  private readonly queryParams: QueryParams;
  private readonly abstainBelow: number;
  private readonly aspectBoost: number;
  private readonly passagesForFirst: number;
  private readonly passagesForOthers: number;

  constructor(options: LexicalRetrieverOptions) {
    this.current = options.index;
    this.synonyms = options.synonyms;
    this.queryParams = { ...DEFAULT_QUERY, ...options.query };
    this.abstainBelow = options.abstainBelow ?? DEFAULT_ABSTAIN_BELOW;
    this.aspectBoost = options.aspectBoost ?? 0.3;
    this.passagesForFirst = options.passagesForFirst ?? 16;
    this.passagesForOthers = options.passagesForOthers ?? 1;
  }

  /** The index in use. */
  get index(): LexicalIndex {
    return this.current;
  }

  /**
   * Questions for warming up over this knowledge base: the fixed ones plus questions made from a spread of
   * document titles, so the engine has seen long and short, accented and unaccented questions.
   */
  warmUpQuestions(count = 60): string[] {
    const docs = this.current.docs;
    const asks = ['cần giấy tờ gì', 'lệ phí bao nhiêu', 'mất mấy ngày', 'nộp ở đâu'];
    const out = [...WARM_UP_QUESTIONS];
    // every kind of document at least a few times (their answers take other code paths)
    const picks = (['procedure', 'legal', 'plan', 'text'] as const).flatMap((kind) => {
      const ofKind = docs.filter((d) => d.kind === kind);
      const n = Math.min(ofKind.length, Math.max(4, Math.round((count * ofKind.length) / Math.max(1, docs.length))));
      return Array.from({ length: n }, (_, i) => ofKind[Math.floor((i * ofKind.length) / n)]);
    });
    for (let i = 0; i < picks.length; i++) {
      const doc = picks[i];
      if (!doc) continue;
      const question = `${doc.title.slice(0, 120)} ${asks[i % asks.length]}`;
      out.push(i % 3 === 0 ? foldDiacritics(question) : question);
    }
    return out;
  }

  /** Swaps in a rebuilt index or re-read synonyms (questions in flight finish on the old ones). */
  replace(next: { index?: LexicalIndex | undefined; synonyms?: SynonymTable | undefined }): void {
    if (next.index) this.current = next.index;
    if (next.synonyms) this.synonyms = next.synonyms;
  }

  /**
   * `k` is the number of passages wanted (default 10): documents come in rank order, the best one with
   * up to `passagesForFirst` passages, the others with up to `passagesForOthers`.
   */
  async retrieve(question: string, options: RetrieveOptions = {}): Promise<LexicalRetrievalResult> {
    return this.retrieveSync(question, options);
  }

  retrieveSync(question: string, options: RetrieveOptions = {}): LexicalRetrievalResult {
    const k = Math.max(1, options.k ?? 10);
    const aspects = detectAspects(question);
    const index = this.current;
    const query = analyzeQuery(question, index, this.synonyms, this.queryParams);
    const empty: LexicalRetrievalResult = {
      passages: [],
      abstained: true,
      aspect: aspects[0] ?? 'none',
      relevance: 0,
      aspects,
      levels: query.levels,
    };
    // A follow-up pinned to one document ("còn lệ phí thì sao?") may share no word with it: the document's
    // passages, those of the asked aspect first, are still the answer's material.
    const pinned = (): LexicalRetrievalResult => {
      const chunks = index.chunksOf(options.code as string);
      if (chunks.length === 0) return empty;
      const rank = (aspect: Aspect) => {
        const at = aspects.indexOf(aspect as never);
        return at === -1 ? aspects.length : at;
      };
      const ordered = [...chunks].sort((a, b) => rank(a.aspect) - rank(b.aspect) || a.ordinal - b.ordinal);
      return {
        ...empty,
        abstained: false,
        passages: ordered.slice(0, this.passagesForFirst).map((c, i) => ({ ...c, score: 1 - i * 1e-3 })),
      };
    };
    if (!query.groups.some((g) => g.terms.length > 0)) return options.code !== undefined ? pinned() : empty;
    const { hits, queryWeight } = index.search({
      groups: query.groups,
      limit: Math.min(k, MAX_DOCUMENTS),
      code: options.code,
      levels: query.levels,
      article: citedArticle(question),
      headings: query.headings,
      boostAspects: aspects,
      aspectBoost: this.aspectBoost,
    });
    const first = hits[0];
    if (!first) return options.code !== undefined ? pinned() : empty;
    const relevance = queryWeight > 0 ? first.score / queryWeight : 0;
    const passages: Passage[] = [];
    hits.forEach((hit, rank) => {
      const limit = rank === 0 ? this.passagesForFirst : this.passagesForOthers;
      for (const { chunk, score } of hit.chunks.slice(0, limit)) {
        // the document's score first, then the passage's, so "higher = better" holds across documents
        passages.push({ ...index.chunks[chunk], score: hit.score + score * 1e-6 } as Passage);
      }
    });
    return {
      passages: passages.slice(0, k),
      // a follow-up restricted to one document never abstains: the resident already chose it
      abstained: options.code === undefined && relevance < this.abstainBelow,
      aspect: aspects[0] ?? 'none',
      relevance,
      aspects,
      levels: query.levels,
    };
  }
}
