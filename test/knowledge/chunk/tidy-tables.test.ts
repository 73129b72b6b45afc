// The documents table of a procedure record, its rows re-split where the scraper glued them together.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tidyDocumentList } from '../../../src/knowledge/chunk/procedure/tidy-tables.js';
import { EVAL_DATA_DIR, hasSharedData } from '../../support/shared-data.js';

const HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

describe('tidyDocumentList', () => {
  it('keeps a form number whole when the copy count is glued to it ("Mẫu số 181 bản chính" = Mẫu số 18, 1 bản)', () => {
    const text = tidyDocumentList(
      `${HEADER}Đơn đăng ký biến động đất đai theo Mẫu số 181 bản chính,1 bản saoĐơn theo Mẫu số 031 bản saoPhụ lục số 271 bản chính`,
    );
    expect(text.split('\n')).toEqual([
      '- Đơn đăng ký biến động đất đai theo Mẫu số 18 (1 bản chính,1 bản sao)',
      '- Đơn theo Mẫu số 03 (1 bản sao)',
      '- Phụ lục số 27 (1 bản chính)',
    ]);
  });

  it('still reads counts written with a leading zero, and counts of notes ("0 bản chính")', () => {
    const text = tidyDocumentList(
      `${HEADER}Giấy tờ tùy thân01 bản chínhGhi chú cho người nộp0 bản chínhẢnh 4x62 bản chính`,
    );
    expect(text.split('\n')).toEqual([
      '- Giấy tờ tùy thân (01 bản chính)',
      '- Ghi chú cho người nộp (0 bản chính)',
      '- Ảnh 4x6 (2 bản chính)',
    ]);
  });

  it.skipIf(!hasSharedData)(
    'reads "Mẫu số 18" in the real land-registration records, never "Mẫu số 1 (81 bản …)"',
    () => {
      const dir = path.join(EVAL_DATA_DIR, 'tthc-dichvucong/raw/bo-nong-nghiep-mt');
      let checked = 0;
      for (const file of readdirSync(dir)) {
        const cell = (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { thanh_phan_ho_so?: string })
          .thanh_phan_ho_so;
        if (!cell?.includes('Mẫu số 181 bản')) continue;
        const text = tidyDocumentList(cell);
        expect(text).toContain('Mẫu số 18 (1 bản chính,1 bản sao)');
        expect(text).not.toMatch(/\(\d{2,} bản/u);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    },
  );
});
