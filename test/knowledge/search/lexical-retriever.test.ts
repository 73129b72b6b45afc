import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDocuments, createMemoryKnowledgeStore } from '../../../src/knowledge/index.js';
import {
  citedArticle,
  DEFAULT_RANKING,
  detectAspects,
  detectLevels,
  LEGAL_HEADING_BITS,
  LexicalIndex,
  LexicalRetriever,
  legalHeadingCues,
  legalHeadingsOf,
} from '../../../src/knowledge/search/index.js';
import { parseSynonyms, tokenize } from '../../../src/knowledge/vietnamese/index.js';
import { REPO_ROOT } from '../../support/shared-data.js';
import { CORPUS, SYNONYMS } from './corpus.js';

const index = LexicalIndex.build(CORPUS);
const retriever = new LexicalRetriever({ index, synonyms: parseSynonyms(SYNONYMS) });
const codes = (question: string) => [...new Set(retriever.retrieveSync(question).passages.map((p) => p.code))];

describe('lexical retriever on a small corpus', () => {
  it('ranks the procedure named in the question first', () => {
    expect(codes('Đăng ký thường trú cần giấy tờ gì?')[0]).toBe('1.004222');
    expect(codes('Đăng ký tạm trú mất bao lâu?')[0]).toBe('1.004194');
  });

  it('finds accented text for a question typed without diacritics, and in any case', () => {
    expect(codes('dang ky tam tru mat bao lau')[0]).toBe('1.004194');
    expect(codes('DANG KY THUONG TRU LE PHI')[0]).toBe('1.004222');
    expect(codes('Đăng kí thường trú')[0]).toBe('1.004222');
  });

  it('treats old and new tone placement alike', () => {
    const corpus = [
      { ...(CORPUS[0] as (typeof CORPUS)[number]), code: 'X', title: 'Hoà giải tranh chấp đất đai', text: 'thuỷ lợi' },
    ];
    const r = new LexicalRetriever({ index: LexicalIndex.build(corpus), synonyms: { rules: [], problems: [] } });
    expect(r.retrieveSync('hòa giải tranh chấp').passages[0]?.code).toBe('X');
    expect(r.retrieveSync('thủy lợi').passages[0]?.code).toBe('X');
  });

  it('weights the title field: a title match beats the same words in another record’s text', () => {
    // 2.000986's text lists "giấy khai sinh, đăng ký kết hôn"; 1.001193's title is "đăng ký khai sinh"
    const question = 'giấy khai sinh kết hôn';
    expect(codes(question)[0]).toBe('1.001193');
    const textOnly = new LexicalRetriever({
      index: LexicalIndex.build(CORPUS, { ...DEFAULT_RANKING, wTitle: 0, titleMissPenalty: 0 }),
      synonyms: { rules: [], problems: [] },
    });
    expect(textOnly.retrieveSync(question).passages[0]?.code).toBe('2.000986');
  });

  it('prefers the basic procedure over a variant whose title adds words the question did not use', () => {
    expect(codes('đăng ký kết hôn cần giấy tờ gì')[0]).toBe('1.000894');
  });

  it('expands colloquial words through the synonyms file ("sổ đỏ", "bằng lái")', () => {
    expect(codes('làm sổ đỏ lần đầu mất bao lâu')[0]).toBe('1.013978');
    expect(codes('bị mất bằng lái thì làm lại thế nào')[0]).toBe('3.000348');
    const noSynonyms = new LexicalRetriever({ index, synonyms: { rules: [], problems: [] } });
    expect(noSynonyms.retrieveSync('làm sổ đỏ').passages[0]?.code).not.toBe('1.013978');
  });

  it('puts the passage of the asked aspect first for the best document', () => {
    const fee = retriever.retrieveSync('lệ phí đăng ký tạm trú bao nhiêu');
    expect(fee.aspects).toEqual(['le_phi']);
    expect(fee.passages[0]?.aspect).toBe('le_phi');
    const where = retriever.retrieveSync('đăng ký tạm trú nộp ở đâu');
    expect(where.passages[0]?.aspect).toBe('co_quan');
  });

  it('abstains on an off-topic question and answers an on-topic one', () => {
    const offTopic = retriever.retrieveSync('Giá vàng SJC hôm nay bao nhiêu một lượng?');
    expect(offTopic.abstained).toBe(true);
    const weather = retriever.retrieveSync('Mai Hà Nội có mưa không ad ơi');
    expect(weather.abstained).toBe(true);
    const onTopic = retriever.retrieveSync('lệ phí đăng ký thường trú');
    expect(onTopic.abstained).toBe(false);
    expect(onTopic.relevance).toBeGreaterThan(offTopic.relevance);
  });

  it('abstains when the question has no searchable word', () => {
    expect(retriever.retrieveSync('ạ ơi').abstained).toBe(true);
    expect(retriever.retrieveSync('你好吗').abstained).toBe(true);
  });

  it('restricts a follow-up to one document and never abstains there', () => {
    const follow = retriever.retrieveSync('còn lệ phí thì sao?', { code: '1.001193' });
    expect(follow.abstained).toBe(false);
    expect(new Set(follow.passages.map((p) => p.code))).toEqual(new Set(['1.001193']));
    expect(follow.passages[0]?.aspect).toBe('le_phi');
    // no word in common at all: the document's passages, asked aspect first
    const bare = retriever.retrieveSync('mất bao lâu?', { code: '1.004194' });
    expect(bare.passages[0]?.aspect).toBe('thoi_han');
    expect(retriever.retrieveSync('lệ phí', { code: 'không-có' }).passages).toEqual([]);
  });

  it('returns documents in rank order, each with its passages, as the Retriever port promises', async () => {
    const result = await retriever.retrieve('đăng ký', { k: 40 });
    const seen: string[] = [];
    for (const p of result.passages) {
      if (seen.at(-1) !== p.code) {
        expect(seen).not.toContain(p.code);
        seen.push(p.code);
      }
    }
    const scores = result.passages.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(result.passages.length).toBeLessThanOrEqual(40);
  });
});

describe('legal articles', () => {
  let id = 1000;
  const article = (n: number, heading: string, text: string, law = 'Luật Cư trú') => ({
    chunkId: id++,
    code: `${law}|${n}`,
    title: `${law} – Điều ${n}. ${heading}`,
    kind: 'legal' as const,
    section: heading,
    aspect: 'text' as const,
    ordinal: 0,
    text,
  });
  const legal = new LexicalRetriever({
    index: LexicalIndex.build([
      article(5, 'Bảo đảm việc thực hiện quyền tự do cư trú', 'Công dân được bảo đảm quyền tự do cư trú.'),
      article(6, 'Các hành vi bị nghiêm cấm', 'Nghiêm cấm cản trở công dân đăng ký thường trú, tạm trú.'),
      article(20, 'Điều kiện đăng ký thường trú', 'Công dân có chỗ ở hợp pháp được đăng ký thường trú.'),
      // other laws' articles 6 and 20: "6" alone does not pick the article
      ...['Luật Đất đai', 'Luật Hộ tịch', 'Luật Căn cước', 'Luật Xây dựng'].flatMap((law) => [
        article(6, 'Nguyên tắc', 'Nguyên tắc chung.', law),
        article(20, 'Thẩm quyền', 'Thẩm quyền giải quyết.', law),
      ]),
    ]),
    synonyms: { rules: [], problems: [] },
  });

  it('prefers the article whose number the question cites', () => {
    expect(citedArticle('Điều 6 của Luật Cư trú quy định gì?')).toBe(6);
    expect(citedArticle('dieu 20 luat cu tru')).toBe(20);
    expect(citedArticle('điều kiện đăng ký')).toBeUndefined();
    // article 20 is about registering permanent residence; the question cites article 6
    expect(legal.retrieveSync('Điều 6 Luật Cư trú nói gì về đăng ký thường trú?').passages[0]?.code).toBe(
      'Luật Cư trú|6',
    );
    expect(legal.retrieveSync('Luật Cư trú nói gì về đăng ký thường trú?').passages[0]?.code).toBe('Luật Cư trú|20');
  });

  // the standard articles of a law: scope, definitions, prohibitions, next to articles that repeat the
  // question's words more often
  const standard = () =>
    LexicalIndex.build([
      article(
        1,
        'Phạm vi điều chỉnh',
        'Luật này quy định về việc thực hiện quyền tiếp cận thông tin của công dân.',
        'Luật Tiếp cận thông tin',
      ),
      article(
        2,
        'Giải thích từ ngữ',
        'Cung cấp thông tin là việc cơ quan nhà nước công khai thông tin.',
        'Luật Tiếp cận thông tin',
      ),
      article(6, 'Các hành vi bị nghiêm cấm', 'Cung cấp thông tin sai lệch, không đầy đủ.', 'Luật Tiếp cận thông tin'),
      article(
        34,
        'Trách nhiệm của cơ quan cung cấp thông tin',
        'Cơ quan nhà nước cung cấp thông tin, công khai thông tin, bảo đảm quyền tiếp cận thông tin của công dân theo yêu cầu; cung cấp thông tin chính xác.',
        'Luật Tiếp cận thông tin',
      ),
    ]);

  it('sends "X là gì?", "Luật X quy định về…" and "… bị nghiêm cấm" to the definitions, scope and prohibitions articles', () => {
    const withHeadings = new LexicalRetriever({ index: standard(), synonyms: { rules: [], problems: [] } });
    const top = (q: string) => withHeadings.retrieveSync(q).passages[0]?.code;
    expect(top('Cung cấp thông tin của cơ quan nhà nước là gì?')).toBe('Luật Tiếp cận thông tin|2');
    expect(top('cung cap thong tin cua co quan nha nuoc la gi')).toBe('Luật Tiếp cận thông tin|2');
    expect(top('Luật Tiếp cận thông tin quy định về quyền tiếp cận thông tin của công dân, đúng hay sai?')).toBe(
      'Luật Tiếp cận thông tin|1',
    );
    expect(top('Cơ quan nhà nước cung cấp thông tin sai lệch có bị nghiêm cấm không?')).toBe(
      'Luật Tiếp cận thông tin|6',
    );
    // without a cue, the article that repeats the words wins: the preference comes from the cue alone
    expect(top('Cơ quan nhà nước cung cấp thông tin cho công dân')).toBe('Luật Tiếp cận thông tin|34');
    // and with the boost switched off, the cued questions fall back to it as well
    const off = standard();
    off.params = { ...DEFAULT_RANKING, headingBoost: 0 };
    const plain = new LexicalRetriever({ index: off, synonyms: { rules: [], problems: [] } });
    expect(plain.retrieveSync('Cung cấp thông tin của cơ quan nhà nước là gì?').passages[0]?.code).toBe(
      'Luật Tiếp cận thông tin|34',
    );
  });

  it('recognises the standard headings and the questions that ask for them', () => {
    expect(legalHeadingsOf('Luật Cư trú – Điều 2. Giải thích từ ngữ')).toBe(LEGAL_HEADING_BITS.definitions);
    expect(legalHeadingsOf('Luật X – Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng')).toBe(LEGAL_HEADING_BITS.scope);
    expect(legalHeadingsOf('Luật X – Điều 9. Những nội dung và hành vi bị nghiêm cấm')).toBe(
      LEGAL_HEADING_BITS.prohibitions,
    );
    // only the heading counts, not the law's name before it
    expect(legalHeadingsOf('Luật Giải thích từ ngữ – Điều 5. Nguyên tắc')).toBe(0);
    expect(legalHeadingsOf('Đăng ký thường trú')).toBe(0);
    expect(legalHeadingCues(tokenize('Cư trú là gì?'))).toBe(LEGAL_HEADING_BITS.definitions);
    expect(legalHeadingCues(tokenize('Luật Trồng trọt quy định về những nội dung nào?'))).toBe(
      LEGAL_HEADING_BITS.scope,
    );
    expect(legalHeadingCues(tokenize('Nghị định 20/2008/NĐ-CP quy định về những nội dung gì?'))).toBe(
      LEGAL_HEADING_BITS.scope,
    );
    expect(legalHeadingCues(tokenize('thong tu nay quy dinh ve gi'))).toBe(LEGAL_HEADING_BITS.scope);
    // "quy định về" after something else than a legal text's name says nothing
    expect(legalHeadingCues(tokenize('Lệ phí theo quy định về đăng ký thường trú'))).toBe(0);
    expect(legalHeadingCues(tokenize('Đăng ký thường trú mất bao lâu?'))).toBe(0);
  });
});

describe('aspect and level detection', () => {
  it('finds every aspect asked, in order, with or without accents', () => {
    expect(detectAspects('Đăng ký thường trú mất bao lâu và lệ phí bao nhiêu?')).toEqual(['thoi_han', 'le_phi']);
    expect(detectAspects('dang ky tam tru nop o dau, may ngay thi xong')).toEqual(['co_quan', 'thoi_han']);
    expect(detectAspects('làm giấy khai sinh cần mang những gì')).toEqual(['ho_so']);
    expect(detectAspects('Xin chào')).toEqual([]);
  });

  it('does not take an accented word for a different cue ("công nhân được" is not "nhận được")', () => {
    expect(detectAspects('làm công nhân được 2 năm')).not.toContain('ket_qua');
    expect(detectAspects('nhận được giấy gì')).toContain('ket_qua');
  });

  it('detects the administrative level a question names', () => {
    expect(detectLevels(tokenize('Làm hộ chiếu tại Công an tỉnh'))).toEqual(['tỉnh']);
    expect(detectLevels(tokenize('ra ubnd xa lam'))).toEqual(['xã']);
    expect(detectLevels(tokenize('nhà ở xã hội'))).toEqual([]);
  });
});

describe('a fresh install (the shipped plan alone)', () => {
  it('says it does not know about a law it does not hold, even though the plan says "quy định" everywhere', async () => {
    const store = createMemoryKnowledgeStore();
    await addDocuments({ store, paths: [path.join(REPO_ROOT, 'knowledge/416-KH-UBND.txt')], root: REPO_ROOT });
    const plan = new LexicalRetriever({
      index: LexicalIndex.build(await store.loadChunks()),
      synonyms: { rules: [], problems: [] },
    });
    expect(plan.retrieveSync('Luật Cư trú quy định về những gì?').abstained).toBe(true);
    expect(plan.retrieveSync('Luật Đất đai quy định về những gì?').abstained).toBe(true);
    const known = plan.retrieveSync('Kế hoạch 416 quy định về công khai minh bạch thế nào?');
    expect(known.abstained).toBe(false);
    expect(known.passages[0]?.section).toContain('Công khai, minh bạch');
  });
});
