// loadDocuments on small fixtures of every format: codes, facts, skipped files and named failures.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../../src/knowledge/ingest/index.js';
import type { DocumentDraft } from '../../../src/knowledge/types.js';
import { REPO_ROOT } from '../../support/shared-data.js';

const MIXED = 'test/fixtures/knowledge/mixed';
const load = () => loadDocuments([MIXED], { root: REPO_ROOT });

function byCode(documents: DocumentDraft[], code: string): DocumentDraft {
  const document = documents.find((d) => d.code === code);
  if (!document) throw new Error(`no document ${code} among ${documents.map((d) => d.code).join(', ')}`);
  return document;
}

const allText = (d: DocumentDraft) => d.chunks.map((c) => c.text).join('\n');

describe('loadDocuments on a folder of mixed formats', () => {
  it('loads every good file and names every bad one, without stopping', async () => {
    const { documents, failures } = await load();
    expect(documents.map((d) => d.code).sort()).toEqual(
      ['08/QC-UBND', '15/QĐ-UBND', '27/HD-UBND', '31/TB-UBND', '9.999001', 'HD|1', 'HD|3', 'thong-bao'].sort(),
    );
    const reasons = Object.fromEntries(failures.map((f) => [f.path, f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      [
        `${MIXED}/ghi-chu.rtf`,
        `${MIXED}/hoi-dap.jsonl:2`,
        `${MIXED}/hoi-dap.jsonl:3`,
        `${MIXED}/hong.pdf`,
        `${MIXED}/thieu-truong.json`,
      ].sort(),
    );
    expect(reasons[`${MIXED}/ghi-chu.rtf`]).toMatch(/định dạng chưa hỗ trợ/);
    expect(reasons[`${MIXED}/hong.pdf`]).toMatch(/PDF hỏng/);
    expect(reasons[`${MIXED}/thieu-truong.json`]).toMatch(/thiếu trường bắt buộc: ma_thu_tuc/);
    expect(reasons[`${MIXED}/hoi-dap.jsonl:2`]).toMatch(/thiếu trường bắt buộc: text/);
    expect(reasons[`${MIXED}/hoi-dap.jsonl:3`]).toMatch(/không phải JSON/);
  });

  it('skips synonyms.txt, README.md and names starting with "_" or "." inside folders', async () => {
    const { documents, failures } = await load();
    const seen = [...documents.map((d) => d.sourcePath), ...failures.map((f) => f.path)].join('\n');
    for (const skipped of ['synonyms.txt', 'README.md', '_nhap.txt', '.an.txt', '_cu/'])
      expect(seen).not.toContain(skipped);
    expect(documents.map((d) => d.code)).not.toContain('99/NHAP-UBND');
  });

  it('reads Markdown front matter and splits at its headings', async () => {
    const doc = byCode((await load()).documents, '08/QC-UBND');
    expect(doc).toMatchObject({
      title: 'Quy chế tiếp công dân của Ủy ban nhân dân xã An Bình',
      issuer: 'UBND xã An Bình',
      issuedDate: '2025-03-01',
      field: 'Tiếp công dân',
      url: 'https://anbinh.example.gov.vn/quy-che-tiep-cong-dan',
      sourcePath: `${MIXED}/quy-che-tiep-cong-dan.md`,
    });
    expect(doc.meta.codeSource).toBe('stated');
    expect(allText(doc)).toContain('Việc tiếp công dân phải bảo đảm công khai, dân chủ, kịp thời.');
    expect(allText(doc)).not.toContain('**');
  });

  it('keeps the words of an HTML page and drops its scripts, styles and navigation', async () => {
    const doc = byCode((await load()).documents, '31/TB-UBND');
    expect(doc.title).toBe('Giờ làm việc của Bộ phận Một cửa');
    expect(doc.url).toBe('https://anbinh.example.gov.vn/gio-lam-viec');
    const text = allText(doc);
    expect(text).toContain('Từ 13 giờ 30 đến 17 giờ');
    expect(text.split('\n')).toContain('2. Buổi chiều');
    for (const noise of ['tracking', 'Trang chủ', 'color', '©']) expect(text).not.toContain(noise);
  });

  it('extracts the text of a real PDF and a real Word file, with their số hiệu', async () => {
    const { documents } = await load();
    const pdf = byCode(documents, '15/QĐ-UBND');
    expect(pdf.kind).toBe('legal');
    expect(pdf.title).toBe('QUYẾT ĐỊNH VỀ GIỜ TIẾP CÔNG DÂN');
    expect(allText(pdf)).toContain('sáng thứ Năm hằng tuần, từ 7 giờ 30 đến 11 giờ 30.');
    expect(pdf.chunks.map((c) => c.section)).toEqual(
      expect.arrayContaining([expect.stringContaining('QUYẾT ĐỊNH VỀ GIỜ TIẾP CÔNG DÂN')]),
    );
    const docx = byCode(documents, '27/HD-UBND');
    expect(docx.title).toBe('HƯỚNG DẪN NỘP HỒ SƠ TRỰC TUYẾN');
    expect(allText(docx)).toContain('tài khoản định danh điện tử VNeID mức 2');
  });

  it('names a document without số hiệu after its file, stably', async () => {
    const first = byCode((await load()).documents, 'thong-bao');
    const again = byCode((await load()).documents, 'thong-bao');
    expect(first.meta.codeSource).toBe('file_name');
    expect(first.sourcePath).toBe(`${MIXED}/phu-luc/thong-bao.txt`);
    expect(again.contentHash).toBe(first.contentHash);
  });

  it('makes each JSONL line its own document with its code, title and url', async () => {
    const { documents } = await load();
    expect(byCode(documents, 'HD|1')).toMatchObject({
      title: 'Hỏi đáp – Đăng ký khai sinh quá hạn',
      url: 'https://anbinh.example.gov.vn/hoi-dap/1',
      meta: { format: 'jsonl', line: 1 },
    });
    expect(byCode(documents, 'HD|3').chunks[0]?.text).toBe('Chủ tịch xã tiếp công dân vào ngày 15 hằng tháng.');
    expect(byCode(documents, 'HD|1').contentHash).not.toBe(byCode(documents, 'HD|3').contentHash);
  });

  it('loads a procedure record that lacks only optional fields', async () => {
    const doc = byCode((await load()).documents, '9.999001');
    expect(doc).toMatchObject({ kind: 'procedure', level: 'xã', title: 'Xác nhận mẫu dùng cho kiểm thử' });
    expect(doc.levels).toEqual(['xã', 'tỉnh']);
    expect(doc.chunks.map((c) => c.aspect)).toEqual(['tong_quan', 'ho_so', 'thoi_han', 'le_phi', 'co_quan', 'ket_qua']);
  });

  it('reports a path that does not exist and a file of an unknown format by name', async () => {
    const { documents, failures } = await loadDocuments(['khong-co-tep-nay.txt', `${MIXED}/ghi-chu.rtf`], {
      root: REPO_ROOT,
    });
    expect(documents).toEqual([]);
    expect(failures).toEqual([
      { path: 'khong-co-tep-nay.txt', reason: 'không tìm thấy tệp hoặc thư mục' },
      { path: `${MIXED}/ghi-chu.rtf`, reason: 'định dạng chưa hỗ trợ (.rtf)' },
    ]);
  });

  it('reports progress file by file', async () => {
    const calls: Array<[number, number, string]> = [];
    await loadDocuments([path.join(MIXED, 'phu-luc'), `${MIXED}/gio-lam-viec.html`], {
      root: REPO_ROOT,
      onProgress: (done, total, file) => calls.push([done, total, file]),
    });
    expect(calls).toEqual([
      [1, 2, `${MIXED}/phu-luc/thong-bao.txt`],
      [2, 2, `${MIXED}/gio-lam-viec.html`],
    ]);
  });
});

describe('the shipped plan 416/KH-UBND', () => {
  it('is found by its số hiệu with the facts of its header', async () => {
    const { documents, failures } = await loadDocuments(['knowledge'], { root: REPO_ROOT });
    expect(failures).toEqual([]);
    expect(documents.map((d) => d.code)).toEqual(['416/KH-UBND']);
    expect(documents[0]).toMatchObject({
      kind: 'plan',
      issuer: 'Tỉnh Bắc Kạn',
      issuedDate: '01/07/2022',
      field: 'Bộ máy hành chính',
      sourcePath: 'knowledge/416-KH-UBND.txt',
    });
  });
});
