// Số hiệu detection and file-name codes.
import { describe, expect, it } from 'vitest';
import { codeFromFileName, detectDocumentCode } from '../../../src/knowledge/ingest/index.js';

describe('detectDocumentCode', () => {
  it.each([
    ['Số hiệu 416/KH-UBND\nNgày ban hành 01/07/2022', '416/KH-UBND'],
    ['UBND TỈNH BẮC KẠN\nSố: 416/KH-UBND\nBắc Kạn, ngày 01 tháng 7 năm 2022', '416/KH-UBND'],
    ['Số hiệu: 68/2020/QH14', '68/2020/QH14'],
    ['Số 1523/QĐ-BCA-C06', '1523/QĐ-BCA-C06'],
    ['CHÍNH PHỦ        Số: 66.7/2025/NQ-CP      Hà Nội, ngày…', '66.7/2025/NQ-CP'],
    ['Số: 12/CT-TTg', '12/CT-TTg'],
    ['Số văn bản: 02/2014/TTLT-TANDTC-VKSNDTC', '02/2014/TTLT-TANDTC-VKSNDTC'],
  ])('finds the code in %j', (text, code) => {
    expect(detectDocumentCode(text)).toBe(code);
  });

  it.each([
    'Số điện thoại: 0209 3870 123',
    'Số lượng: 02 bộ hồ sơ',
    'Căn cứ Luật Tổ chức chính quyền địa phương số 65/2025/QH15',
    '',
  ])('finds nothing in %j', (text) => {
    expect(detectDocumentCode(text)).toBeUndefined();
  });

  it.each([
    ['SỐ: 416/KH-UBND', '416/KH-UBND'],
    ['số hiệu: 416/KH-UBND', '416/KH-UBND'],
    ['SỐ HIỆU VĂN BẢN: 416/KH-UBND', '416/KH-UBND'],
    ['Số: 416 /KH-UBND', '416/KH-UBND'],
    ['Số: 416/ KH-UBND', '416/KH-UBND'],
    ['Số: 68 / 2020 / QH14', '68/2020/QH14'],
    ['UBND XÃ A        SỐ: 12 /KH-UBND      A, ngày…', '12/KH-UBND'],
  ])('finds %j in any case and with stray spaces around "/", as the canonical code', (text, code) => {
    expect(detectDocumentCode(text)).toBe(code);
  });

  it('keeps the case of the code itself and does not take a cited document for the own one', () => {
    expect(detectDocumentCode('số: 12/CT-TTg')).toBe('12/CT-TTg');
    expect(detectDocumentCode('Số: 12/kh-ubnd')).toBeUndefined();
    expect(detectDocumentCode('Thực hiện văn bản số: 10/KH-UBND của UBND tỉnh')).toBeUndefined();
  });

  it('prefers the line that starts with Số over a reference later on', () => {
    expect(detectDocumentCode('Căn cứ Kế hoạch số 10/KH-UBND\nSố: 22/KH-UBND')).toBe('22/KH-UBND');
  });
});

describe('codeFromFileName', () => {
  it('uses the base name, spaces made dashes, NFC', () => {
    expect(codeFromFileName('tai-lieu/Hướng dẫn nộp hồ sơ.pdf')).toBe('Hướng-dẫn-nộp-hồ-sơ');
    expect(codeFromFileName('a/b/thong-bao.txt')).toBe('thong-bao');
    expect(codeFromFileName('Hu\u031Bo\u031B\u0301ng.md'.normalize('NFD'))).toBe('Hướng');
  });
});
