// Hand-written procedure records shaped like the national ones (tthc-dichvucong JSON): two variants of one permit,
// named like 1.013069 / 1.013070 ("Cấp mới…" / "Cấp lại…"), and two other procedures; and the knowledge path over them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createAnswerer,
  createExtractiveWriter,
  createMemoryKnowledgeStore,
  loadDocuments,
  openKnowledgeSearch,
  type QuestionAnswerer,
  type Retriever,
} from '../../src/knowledge/index.js';

export function record(code: string, name: string, fee: string, days: string, papers: string) {
  return {
    ma_thu_tuc: code,
    detail_url: `https://dichvucong.gov.vn/thu-tuc-hanh-chinh/${code}`,
    ten_thu_tuc: name,
    cap_thuc_hien: 'Cấp tỉnh',
    linh_vuc: 'Đường bộ',
    doi_tuong_thuc_hien: 'Công dân Việt Nam, Doanh nghiệp',
    co_quan_thuc_hien: 'Sở Xây dựng',
    trinh_tu_thuc_hien: 'Bước 1: Nộp hồ sơ tại Sở Xây dựng.\nBước 2: Sở Xây dựng thẩm định và trả kết quả.',
    cach_thuc_thuc_hien: `Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp${days}Lệ phí : ${fee}Nộp tại Sở Xây dựng`,
    thanh_phan_ho_so: `--Tên giấy tờMẫu đơn, tờ khaiSố lượng${papers}1 bản chính`,
    yeu_cau_dieu_kien: 'Không có thông tin',
    ket_qua_xu_ly: 'Giấy phép vận tải qua biên giới',
    can_cu_phap_ly: 'Nghị định 119/2021/NĐ-CP',
  };
}

export const VARIANT_RECORDS = [
  // the two variants score alike on a question naming neither
  record(
    '1.004261',
    'Cấp mới Giấy phép vận tải qua biên giới',
    '200.000 đồng',
    '05 Ngày làm việc',
    'Đơn đề nghị cấp mới giấy phép',
  ),
  record(
    '1.004259',
    'Cấp lại Giấy phép vận tải qua biên giới',
    '50.000 đồng',
    '02 Ngày làm việc',
    'Đơn đề nghị cấp lại giấy phép',
  ),
  record('1.000001', 'Cấp phù hiệu xe taxi', '30.000 đồng', '02 Ngày làm việc', 'Giấy đề nghị cấp phù hiệu'),
  record('1.000002', 'Đăng ký khai sinh', 'Miễn lệ phí', 'Trong ngày', 'Tờ khai đăng ký khai sinh'),
];

/** The loader, lexical search and extractive writer over these records, as service.ts builds them. */
export async function openVariantKnowledge(): Promise<{
  answerer: QuestionAnswerer;
  retriever: Retriever;
  writer: ReturnType<typeof createExtractiveWriter>;
  close(): Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tiepdan-variants-'));
  for (const r of VARIANT_RECORDS) await writeFile(path.join(dir, `${r.ma_thu_tuc}.json`), JSON.stringify(r));
  const { documents } = await loadDocuments([dir], { root: dir });
  const store = createMemoryKnowledgeStore();
  await store.upsertDocuments(documents);
  const search = await openKnowledgeSearch({ store });
  const writer = createExtractiveWriter({ synonyms: () => search.synonyms() });
  return {
    answerer: createAnswerer({ retriever: search.retriever, writer }),
    retriever: search.retriever,
    writer,
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
