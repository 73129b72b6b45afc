// The default Retriever: question → Vietnamese-aware query → BM25F documents → their best passages, or abstain.
import type { Aspect, Level, Passage, RetrievalResult, RetrieveOptions, Retriever } from '../types.js';
import { foldDiacritics, foldToken, type SynonymTable, tokenize } from '../vietnamese/index.js';
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
 * Abstention on evidence (see `LexicalRetriever.evidence`): the best document covers less than this share of
 * the question's content words (idf-weighted, its aliases and synonyms included)…
 */
export const UNCOVERED_BELOW = 0.25;
/** …or less than this share while a word of the asking sentence occurs nowhere in the knowledge base. */
export const UNKNOWN_WORD_COVERAGE_BELOW = 0.45;
/** The two coverage rules need a knowledge base at least this large (a small one lacks common words). */
export const EVIDENCE_MIN_DOCUMENTS = 500;

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
  /**
   * Topics the knowledge base does not handle (knowledge/off-domain.txt: weather, hospitals, schools, power
   * cuts…), as syllable lists: a question naming one is off-domain unless a leading document names it too.
   */
  offDomain?: readonly string[][] | undefined;
  /** Passages kept for the best document (the answer writer picks among them) and for the others. */
  passagesForFirst?: number | undefined;
  passagesForOthers?: number | undefined;
}

/** What the lexical retriever knows beyond the port's result (for eval, explanations and tests). */
export interface LexicalRetrievalResult extends RetrievalResult {
  /** Best score ÷ query weight (0 when nothing matched). */
  relevance: number;
  /**
   * idf-weighted share of the question's content words found in the best document, its aliases included
   * (0..1; 0 when nothing matched).
   */
  coverage: number;
  /** Why the retriever abstained, when it did on evidence (eval and explanations). */
  abstainReason?: 'uncovered' | 'unknown-word' | 'off-domain' | 'low-relevance' | undefined;
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

/** Position of a phrase in the tokens (syllables compared accent-folded), or -1. */
function findPhrase(tokens: readonly string[], phrase: readonly string[]): number {
  const folded = phrase.map(foldToken);
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < phrase.length && ok; j++) ok = foldToken(tokens[i + j] as string) === folded[j];
    if (ok) return i;
  }
  return -1;
}

/** The indexed forms of a term (itself, and its accent variants when typed without accents). */
function variants(index: LexicalIndex, term: string): string[] {
  return index.hasTerm(term) ? [term] : index.variantsOf(foldToken(term));
}

export class LexicalRetriever implements Retriever {
  private current: LexicalIndex;
  private synonyms: SynonymTable;
  private readonly queryParams: QueryParams;
  private readonly abstainBelow: number;
  private readonly aspectBoost: number;
  private readonly passagesForFirst: number;
  private readonly passagesForOthers: number;
  private offDomain: readonly string[][];

  constructor(options: LexicalRetrieverOptions) {
    this.current = options.index;
    this.synonyms = options.synonyms;
    this.queryParams = { ...DEFAULT_QUERY, ...options.query };
    this.abstainBelow = options.abstainBelow ?? DEFAULT_ABSTAIN_BELOW;
    this.aspectBoost = options.aspectBoost ?? 0.3;
    this.passagesForFirst = options.passagesForFirst ?? 16;
    this.passagesForOthers = options.passagesForOthers ?? 1;
    this.offDomain = options.offDomain ?? [];
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
  replace(next: {
    index?: LexicalIndex | undefined;
    synonyms?: SynonymTable | undefined;
    offDomain?: readonly string[][] | undefined;
  }): void {
    if (next.index) this.current = next.index;
    if (next.synonyms) this.synonyms = next.synonyms;
    if (next.offDomain) this.offDomain = next.offDomain;
  }

  /**
   * Why a question should not be answered from these documents, on evidence rather than on a score
   * calibrated to one set: the best document covers too little of the question; or a word of the asking
   * sentence is unknown to the whole knowledge base and the coverage is low; or the question names a topic
   * of knowledge/off-domain.txt that none of the three leading documents names in its title or aliases.
   */
  private evidence(
    tokens: readonly string[],
    groups: ReturnType<typeof analyzeQuery>['groups'],
    codes: readonly string[],
    coverage: number,
  ): LexicalRetrievalResult['abstainReason'] {
    // only for residents' questions about procedures: a legal statement to judge ("… đúng hay sai?") restates an
    // article in its own long wording and covers little of it, and laws speak of hospitals, loans and copyright
    // (the relevance threshold still applies to them). Coverage only means something over a broad vocabulary: in
    // a small knowledge base most everyday words are missing and weigh as the rarest.
    const best = this.current.docs.find((d) => d.code === codes[0]);
    if (best?.kind !== 'procedure') return undefined;
    const broad = this.current.docs.length >= EVIDENCE_MIN_DOCUMENTS;
    if (broad && coverage < UNCOVERED_BELOW) return 'uncovered';
    const unknown = groups.some(
      (g) => g.isCore && g.terms.length === 0 && g.weight >= 0.5 && /^\p{Script=Latin}{2,}$/u.test(g.label),
    );
    if (broad && unknown && coverage < UNKNOWN_WORD_COVERAGE_BELOW) return 'unknown-word';
    const index = this.current;
    const leading = codes.slice(0, 3);
    for (const cue of this.offDomain) {
      const at = findPhrase(tokens, cue);
      if (at === -1) continue;
      const terms = cue.length === 1 ? cue : cue.slice(1).map((t, i) => `${cue[i]} ${t}`);
      const typed = tokens.slice(at, at + cue.length);
      const forms = [terms, typed.length === 1 ? typed : typed.slice(1).map((t, i) => `${typed[i]} ${t}`)];
      const named = leading.some((code) =>
        forms.some((f) => f.every((term) => variants(index, term).some((v) => index.namesTerm(code, v)))),
      );
      if (!named) return 'off-domain';
    }
    return undefined;
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
      coverage: 0,
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
    const reason =
      options.code !== undefined
        ? undefined
        : relevance < this.abstainBelow
          ? 'low-relevance'
          : this.evidence(
              tokenize(question),
              query.groups,
              hits.map((h) => (index.docs[h.doc] as { code: string }).code),
              first.coverage,
            );
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
      abstained: reason !== undefined,
      abstainReason: reason,
      aspect: aspects[0] ?? 'none',
      relevance,
      coverage: first.coverage,
      aspects,
      levels: query.levels,
    };
  }
}
