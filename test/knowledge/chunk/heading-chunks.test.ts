// Heading-aware chunking of legal and plan text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkByHeadings } from '../../../src/knowledge/chunk/heading-chunks.js';
import { REPO_ROOT } from '../../support/shared-data.js';

const LAW = `LUẬT MẪU
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về việc tiếp công dân ${'tại các cơ quan nhà nước '.repeat(12)}.
Điều 2. Giải thích từ ngữ
Trong Luật này, các từ ngữ dưới đây được hiểu như sau:
1. Tiếp công dân là việc cơ quan, tổ chức, đơn vị đón tiếp để lắng nghe, tiếp nhận khiếu nại, tố cáo.
a) điểm a của khoản 1;
b) điểm b của khoản 1.
2. Người tiếp công dân là người được giao nhiệm vụ tiếp công dân.
Chương II
QUYỀN VÀ NGHĨA VỤ
Mục 1
QUYỀN CỦA NGƯỜI KHIẾU NẠI
Điều 3. Quyền của người khiếu nại
${'Người khiếu nại có quyền tự mình khiếu nại hoặc thông qua người đại diện. '.repeat(10)}`;

describe('chunkByHeadings', () => {
  it('labels each passage with its heading path', () => {
    const chunks = chunkByHeadings(LAW, { rootSection: 'Luật mẫu', maxChars: 600, minChars: 100 });
    const sections = chunks.map((c) => c.section);
    expect(sections).toContain('Chương I. NHỮNG QUY ĐỊNH CHUNG › Điều 1. Phạm vi điều chỉnh');
    expect(sections).toContain('Chương I. NHỮNG QUY ĐỊNH CHUNG › Điều 2. Giải thích từ ngữ');
    expect(sections).toContain(
      'Chương II. QUYỀN VÀ NGHĨA VỤ › Mục 1. QUYỀN CỦA NGƯỜI KHIẾU NẠI › Điều 3. Quyền của người khiếu nại',
    );
    // a short article with its clauses and points stays whole
    const article2 = chunks.find((c) => c.section.endsWith('Điều 2. Giải thích từ ngữ'));
    expect(article2?.text).toContain('a) điểm a của khoản 1;');
    expect(article2?.text).toContain('2. Người tiếp công dân');
    expect(chunks.every((c) => c.aspect === 'text')).toBe(true);
  });

  it('keeps every word of the source, in order', () => {
    const chunks = chunkByHeadings(LAW, { rootSection: 'Luật mẫu', maxChars: 300, minChars: 80 });
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(chunks.map((c) => c.text).join('\n'))).toEqual(words(LAW));
  });

  it('splits an over-long article at sentence ends, never above the limit', () => {
    const chunks = chunkByHeadings(LAW, { rootSection: 'Luật mẫu', maxChars: 300, minChars: 80 });
    const article3 = chunks.filter((c) => c.section.endsWith('Điều 3. Quyền của người khiếu nại'));
    expect(article3.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(300);
    for (const chunk of article3.slice(1)) expect(chunk.text).toMatch(/^Người khiếu nại có quyền/);
  });

  it('marks a preamble of "Căn cứ …" lines as legal basis', () => {
    const text = `Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Luật Tiếp công dân;\nĐiều 1. Nội dung\n${'Văn bản này quy định việc tiếp công dân. '.repeat(8)}`;
    const chunks = chunkByHeadings(text, { rootSection: 'Quyết định', maxChars: 400, minChars: 20 });
    expect(chunks[0]).toMatchObject({ section: 'Quyết định', aspect: 'can_cu' });
    expect(chunks[1]).toMatchObject({ section: 'Điều 1. Nội dung', aspect: 'text' });
  });

  it('merges tiny sibling items and names them, or names their parent when the labels are too long', () => {
    const short = chunkByHeadings(`II. NỘI DUNG\n${'Mở đầu của phần hai. '.repeat(22)}\n1. Một: ngắn.\n2. Hai: ngắn.`, {
      rootSection: 'KH',
      maxChars: 500,
      minChars: 100,
    });
    expect(short.map((c) => c.section)).toEqual(['II. NỘI DUNG', 'II. NỘI DUNG › 1. Một; 2. Hai']);
    const items = Array.from(
      { length: 8 },
      (_, i) => `${i + 1}. Khoản số ${i + 1} là một câu định nghĩa khá dài, không có dấu hai chấm nào.`,
    );
    const long = chunkByHeadings(`Điều 2. Giải thích từ ngữ\n${items.join('\n')}`, {
      rootSection: 'Luật',
      maxChars: 400,
      minChars: 200,
    });
    expect(long.length).toBeGreaterThan(1);
    for (const chunk of long) {
      expect(chunk.section.startsWith('Điều 2. Giải thích từ ngữ')).toBe(true);
      expect(chunk.section.length).toBeLessThanOrEqual('Điều 2. Giải thích từ ngữ › '.length + 120);
    }
    expect(long.map((c) => c.section)).toContain('Điều 2. Giải thích từ ngữ');
  });

  it('names a text that is one article by that article', () => {
    const chunks = chunkByHeadings('Điều 7. Lệ phí\nMiễn lệ phí đối với người thuộc hộ nghèo.', {
      rootSection: 'Luật',
    });
    expect(chunks).toEqual([
      { section: 'Điều 7. Lệ phí', aspect: 'text', text: 'Điều 7. Lệ phí\nMiễn lệ phí đối với người thuộc hộ nghèo.' },
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(chunkByHeadings(' \n\n ', { rootSection: 'x' })).toEqual([]);
  });
});

describe('chunking the plan 416/KH-UBND', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'knowledge/416-KH-UBND.txt'), 'utf8');
  const chunks = chunkByHeadings(text, { rootSection: 'Kế hoạch 416/KH-UBND' });

  it('splits at its Roman and numbered headings', () => {
    const sections = chunks.map((c) => c.section);
    expect(sections).toContain('I. MỤC ĐÍCH, YÊU CẦU › 1. Mục đích');
    expect(sections).toContain('I. MỤC ĐÍCH, YÊU CẦU › 2. Yêu cầu');
    // the Roman heading line opens its first sub-item's passage instead of standing alone
    expect(chunks.find((c) => c.section.endsWith('1. Mục đích'))?.text).toMatch(
      /^I\. MỤC ĐÍCH, YÊU CẦU\n1\. Mục đích\n/,
    );
    expect(sections).toContain('II. NỘI DUNG THỰC HIỆN › 5. Thủ tục hành chính công');
    expect(sections.filter((s) => s.startsWith('II. NỘI DUNG THỰC HIỆN')).length).toBeGreaterThanOrEqual(4);
  });

  it('keeps the PAPI facts together in the introduction', () => {
    const intro = chunks.find((c) => c.text.includes('42,153/80'));
    expect(intro?.section).toBe('Kế hoạch 416/KH-UBND');
    expect(intro?.text).toContain('xếp thứ 34/63 tỉnh, thành phố, giảm 02 bậc so với năm 2020');
  });

  it('makes passages of a useful size', () => {
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(1200);
      expect(chunk.text.length).toBeGreaterThan(100);
    }
  });
});
