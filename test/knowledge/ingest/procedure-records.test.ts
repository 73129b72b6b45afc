// Real national procedure records from ../shared: fields, level, chunks per aspect, re-inserted table rows.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../../src/knowledge/ingest/index.js';
import type { Aspect, DocumentDraft } from '../../../src/knowledge/types.js';
import { EVAL_DATA_DIR, hasSharedData } from '../../support/shared-data.js';

const RAW = path.join(EVAL_DATA_DIR, 'tthc-dichvucong/raw');

async function record(ministry: string, code: string): Promise<DocumentDraft> {
  const { documents, failures } = await loadDocuments([path.join(RAW, ministry, `${code}.json`)], { root: RAW });
  expect(failures).toEqual([]);
  return documents[0] as DocumentDraft;
}

function chunk(document: DocumentDraft, aspect: Aspect): string {
  const texts = document.chunks.filter((c) => c.aspect === aspect).map((c) => c.text);
  if (texts.length === 0) throw new Error(`${document.code} has no ${aspect} chunk`);
  return texts.join('\n');
}

describe.skipIf(!hasSharedData)('national procedure records', () => {
  if (!hasSharedData) console.log(`skipped: no shared eval data at ${EVAL_DATA_DIR}`);

  it('loads Đăng ký thường trú with its identity, level, link and parsed channels', async () => {
    const doc = await record('bo-cong-an', '1.004222');
    expect(doc).toMatchObject({
      code: '1.004222',
      title: 'Đăng ký thường trú',
      kind: 'procedure',
      level: 'xã',
      field: 'Đăng ký, quản lý cư trú',
      url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-7704-7449-9e95-fe7ebb959aa2',
      sourcePath: 'bo-cong-an/1.004222.json',
    });
    expect(doc.levels).toEqual(['xã']);
    expect(doc.meta).toMatchObject({ group: 'bo-cong-an' });
    expect((doc.meta.submission as unknown[]).length).toBe(2);
    expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives one chunk per field, each tagged with the aspect it answers', async () => {
    const doc = await record('bo-cong-an', '1.004222');
    const aspects = new Set(doc.chunks.map((c) => c.aspect));
    for (const aspect of [
      'tong_quan',
      'ho_so',
      'thoi_han',
      'le_phi',
      'trinh_tu',
      'co_quan',
      'dieu_kien',
      'ket_qua',
      'can_cu',
      'doi_tuong',
    ] as const) {
      expect(aspects.has(aspect), aspect).toBe(true);
    }
    expect(doc.chunks[0]).toMatchObject({ aspect: 'tong_quan', section: 'Thông tin chung' });
    expect(chunk(doc, 'tong_quan')).toContain('Mã thủ tục: 1.004222');
    expect(chunk(doc, 'trinh_tu')).toMatch(/^Bước 1: Cá nhân, tổ chức chuẩn bị hồ sơ/);
    expect(chunk(doc, 'co_quan')).toContain('Cơ quan thực hiện: Công an cấp Xã');
    expect(chunk(doc, 'co_quan')).toContain('Cách thức nộp hồ sơ: Trực tuyến, Trực tiếp');
    expect(chunk(doc, 'dieu_kien')).toContain('Cơ sở dữ liệu quốc gia về dân cư');
  });

  it('states time and fee per channel in the words of the source', async () => {
    const doc = await record('bo-cong-an', '1.004222');
    for (const aspect of ['thoi_han', 'le_phi'] as const) {
      const text = chunk(doc, aspect);
      expect(text).toContain('Trực tuyến: 7 Ngày làm việc; phí, lệ phí: 10,000 Việt Nam Đồng');
      expect(text).toContain('10.000 đồng/lần đăng ký');
      expect(text).toContain('Trực tiếp: 7 Ngày làm việc; phí, lệ phí: 20,000 Việt Nam Đồng');
    }
  });

  it('puts each document to submit on its own line with its quantity', async () => {
    const doc = await record('bo-tu-phap', '1.001193');
    const lines = chunk(doc, 'ho_so').split('\n');
    expect(lines).toContain('* Giấy tờ phải nộp:');
    expect(lines).toContain(
      '- Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh. (1 bản chính)',
    );
    expect(chunk(doc, 'ho_so')).not.toContain('Tên giấy tờMẫu đơn');
  });

  it('lists results with their codes and without the portal widget', async () => {
    const doc = await record('bo-tu-phap', '1.001193');
    expect(chunk(doc, 'ket_qua')).toBe('- Giấy khai sinh (Mã: KQ.G15.000031)');
  });

  it('keeps the lowest level and every level named', async () => {
    const doc = await record('bo-tu-phap', '2.000635');
    expect(doc.level).toBe('xã');
    expect(doc.levels).toEqual(['xã', 'tỉnh']);
    expect(chunk(doc, 'le_phi')).toContain('phí, lệ phí: 8,000 VNĐ');
    const central = await record('toa-an-nhan-dan', '3.000163');
    expect(central.levels).toEqual(['xã', 'tỉnh', 'trung ương']);
  });

  it('loads all 2,642 records without a failure', async () => {
    const { documents, failures } = await loadDocuments([RAW], { root: RAW });
    expect(failures).toEqual([]);
    expect(documents).toHaveLength(2642);
    expect(new Set(documents.map((d) => d.code)).size).toBe(2642);
    for (const d of documents) {
      expect(d.chunks[0]?.aspect).toBe('tong_quan');
      expect(d.chunks.some((c) => c.aspect === 'le_phi')).toBe(true);
      expect(d.chunks.every((c) => c.text.trim().length > 0)).toBe(true);
    }
  });
});
