// Splits a national procedure record into one passage per field (documents, time, fee, steps, where,
// conditions, result, legal basis, who) plus an overview, each tagged with the aspect it answers.
import type { Aspect, ChunkDraft } from '../types.js';
import { oneLine } from './clean-text.js';
import { packParagraphs } from './heading-chunks.js';
import { describeSubmissionRows, findTimeUnits, type SubmissionRow } from './procedure/parse-cach-thuc.js';
import { tidyDocumentList, tidyField, tidyLegalBasis, tidyResults } from './procedure/tidy-tables.js';

/** The fields of a portal record this chunker reads (all strings in the source files). */
export interface ProcedureFields {
  ma_thu_tuc: string;
  ten_thu_tuc: string;
  cap_thuc_hien?: string | undefined;
  linh_vuc?: string | undefined;
  loai_thu_tuc?: string | undefined;
  so_quyet_dinh?: string | undefined;
  doi_tuong_thuc_hien?: string | undefined;
  co_quan_thuc_hien?: string | undefined;
  co_quan_co_tham_quyen?: string | undefined;
  dia_chi_tiep_nhan?: string | undefined;
  co_quan_duoc_uy_quyen?: string | undefined;
  co_quan_phoi_hop?: string | undefined;
  trinh_tu_thuc_hien?: string | undefined;
  thanh_phan_ho_so?: string | undefined;
  yeu_cau_dieu_kien?: string | undefined;
  ket_qua_xu_ly?: string | undefined;
  can_cu_phap_ly?: string | undefined;
}

/** Section labels people see, per aspect. */
export const PROCEDURE_SECTIONS: Record<Exclude<Aspect, 'text'>, string> = {
  tong_quan: 'Thông tin chung',
  ho_so: 'Thành phần hồ sơ',
  thoi_han: 'Thời hạn giải quyết',
  le_phi: 'Phí, lệ phí',
  trinh_tu: 'Trình tự thực hiện',
  co_quan: 'Cơ quan thực hiện, nơi nộp hồ sơ',
  dieu_kien: 'Yêu cầu, điều kiện',
  ket_qua: 'Kết quả thực hiện',
  can_cu: 'Căn cứ pháp lý',
  doi_tuong: 'Đối tượng thực hiện',
};

/** Field passages longer than this are split at line boundaries (long document lists, step lists). */
const MAX_FIELD_CHARS = 2500;

function labelled(pairs: Array<[string, string | undefined]>): string {
  return pairs
    .map(([label, value]) => [label, value ? oneLine(value) : ''] as const)
    .filter(([, value]) => value !== '' && value !== 'Không có thông tin')
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
}

function pushField(chunks: ChunkDraft[], aspect: Exclude<Aspect, 'text'>, text: string): void {
  if (text.trim() === '') return;
  const parts = packParagraphs(text.split('\n'), MAX_FIELD_CHARS);
  // A group heading ("* Giấy tờ phải xuất trình:") belongs with the items after it, not at the end of a part.
  for (let i = 0; i + 1 < parts.length; i++) {
    const lines = (parts[i] as string).split('\n');
    while (lines.length > 1 && /[:：]$/.test(lines.at(-1) as string)) {
      parts[i + 1] = `${lines.pop()}\n${parts[i + 1]}`;
    }
    parts[i] = lines.join('\n');
  }
  parts.forEach((part, i) => {
    const section = parts.length > 1 && i > 0 ? `${PROCEDURE_SECTIONS[aspect]} (tiếp)` : PROCEDURE_SECTIONS[aspect];
    chunks.push({ section, aspect, text: part });
  });
}

/** One passage per non-empty field, overview first. `rows` are the re-parsed submission channels. */
export function chunkProcedure(record: ProcedureFields, rows: SubmissionRow[]): ChunkDraft[] {
  const chunks: ChunkDraft[] = [];
  const channels = [...new Set(rows.map((r) => r.channel))];
  const agency = record.co_quan_thuc_hien || record.co_quan_co_tham_quyen;
  pushField(
    chunks,
    'tong_quan',
    labelled([
      ['Tên thủ tục', record.ten_thu_tuc],
      ['Mã thủ tục', record.ma_thu_tuc],
      ['Cấp thực hiện', record.cap_thuc_hien],
      ['Lĩnh vực', record.linh_vuc],
      ['Cơ quan thực hiện', agency],
      ['Loại thủ tục', record.loai_thu_tuc],
      ['Số quyết định công bố', record.so_quyet_dinh],
    ]),
  );
  pushField(chunks, 'ho_so', tidyDocumentList(record.thanh_phan_ho_so ?? ''));
  const rowLines = describeSubmissionRows(
    findTimeUnits(rows, [
      ['trình tự thực hiện', record.trinh_tu_thuc_hien],
      ['yêu cầu, điều kiện', record.yeu_cau_dieu_kien],
    ]),
  );
  pushField(chunks, 'thoi_han', rowLines.join('\n'));
  pushField(chunks, 'le_phi', rowLines.join('\n'));
  pushField(chunks, 'trinh_tu', tidyField(record.trinh_tu_thuc_hien));
  pushField(
    chunks,
    'co_quan',
    labelled([
      ['Cơ quan thực hiện', record.co_quan_thuc_hien],
      ['Cơ quan có thẩm quyền', record.co_quan_co_tham_quyen],
      ['Địa chỉ tiếp nhận hồ sơ', record.dia_chi_tiep_nhan],
      ['Cơ quan được ủy quyền', record.co_quan_duoc_uy_quyen],
      ['Cơ quan phối hợp', record.co_quan_phoi_hop],
      ['Cách thức nộp hồ sơ', channels.join(', ')],
    ]),
  );
  pushField(chunks, 'dieu_kien', tidyField(record.yeu_cau_dieu_kien));
  pushField(chunks, 'ket_qua', tidyResults(record.ket_qua_xu_ly ?? ''));
  pushField(chunks, 'can_cu', tidyLegalBasis(record.can_cu_phap_ly ?? ''));
  pushField(chunks, 'doi_tuong', tidyField(record.doi_tuong_thuc_hien));
  return chunks;
}
