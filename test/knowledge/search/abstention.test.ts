import { describe, expect, it } from 'vitest';
import { LexicalIndex, LexicalRetriever } from '../../../src/knowledge/search/index.js';
import { parseOffDomain } from '../../../src/knowledge/search/off-domain.js';
import { parseSynonyms } from '../../../src/knowledge/vietnamese/index.js';
import { CORPUS, SYNONYMS } from './corpus.js';

const index = LexicalIndex.build(CORPUS);
const synonyms = parseSynonyms(SYNONYMS);

describe('abstention on evidence', () => {
  it('reads the off-domain topics: phrases by comma or line, comments skipped', () => {
    expect(parseOffDomain('# y tế\nbệnh viện, khám bệnh # ghi chú\n\nthời tiết')).toEqual([
      ['bệnh', 'viện'],
      ['khám', 'bệnh'],
      ['thời', 'tiết'],
    ]);
  });

  it('abstains on an off-domain topic unless a leading document names it in its title', () => {
    const question = 'Đăng ký tạm trú nằm bệnh viện mất bao lâu?';
    const plain = new LexicalRetriever({ index, synonyms });
    expect(plain.retrieveSync(question).abstained).toBe(false);
    const offDomain = new LexicalRetriever({ index, synonyms, offDomain: parseOffDomain('bệnh viện') });
    const result = offDomain.retrieveSync(question);
    expect(result).toMatchObject({ abstained: true, abstainReason: 'off-domain' });
    // typed without diacritics, the cue is still recognised
    expect(offDomain.retrieveSync('dang ky tam tru nam benh vien').abstainReason).toBe('off-domain');
    // a cue the leading record names ("tạm trú") is the record's topic: answered
    const named = new LexicalRetriever({ index, synonyms, offDomain: parseOffDomain('tạm trú') });
    expect(named.retrieveSync(question).abstained).toBe(false);
  });

  it('abstains when the best document covers too little of the question, and says why', () => {
    // coverage is evidence over a broad vocabulary only: 600 more records of ordinary administrative words
    const filler = Array.from({ length: 600 }, (_, i) => ({
      ...(CORPUS[0] as (typeof CORPUS)[number]),
      chunkId: 10_000 + i,
      code: `9.${String(i).padStart(6, '0')}`,
      title: `Cấp giấy xác nhận ${['hộ tịch', 'nhà ở', 'đất đai', 'thuế', 'xe', 'người nhà'][i % 6]} loại ${i}`,
      text: 'Hồ sơ gồm tờ khai, giấy tờ tùy thân; thời hạn giải quyết 5 ngày làm việc; nộp tại bộ phận một cửa.',
    }));
    const r = new LexicalRetriever({ index: LexicalIndex.build([...CORPUS, ...filler]), synonyms, abstainBelow: 0 });
    const result = r.retrieveSync('xe khách chạy tuyến Bắc Nam có dừng đón khách ở bến Giáp Bát không');
    expect(result.coverage).toBeLessThan(0.25);
    expect(result).toMatchObject({ abstained: true, abstainReason: 'uncovered' });
    expect(r.retrieveSync('Đăng ký tạm trú mất bao lâu?').abstained).toBe(false);
  });
});
