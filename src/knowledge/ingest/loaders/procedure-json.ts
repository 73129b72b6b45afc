// Loader for .json files: a national procedure record (tthc-dichvucong) or a single {code, title, text}.
import path from 'node:path';
import { chunkByHeadings } from '../../chunk/heading-chunks.js';
import { parseCachThuc } from '../../chunk/procedure/parse-cach-thuc.js';
import { chunkProcedure, type ProcedureFields } from '../../chunk/procedure-chunks.js';
import type { DocumentDraft } from '../../types.js';
import { guessKind } from '../detect-code.js';
import { parseLevels } from '../procedure/levels.js';
import { cleanText, failed, type LoadedFile, type Loader, oneLine, type SourceFile, sha256 } from '../source-file.js';

const REQUIRED: Array<[keyof ProcedureFields, string]> = [
  ['ma_thu_tuc', 'mã thủ tục'],
  ['ten_thu_tuc', 'tên thủ tục'],
];
/** Keys that only a procedure record has: any of them marks the object as one. */
const PROCEDURE_KEYS = ['ma_thu_tuc', 'ten_thu_tuc', 'thanh_phan_ho_so', 'cach_thuc_thuc_hien', 'trinh_tu_thuc_hien'];

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}

function procedureDocument(file: SourceFile, record: Record<string, unknown>): LoadedFile {
  const missing = REQUIRED.filter(([key]) => text(record[key]) === undefined);
  if (missing.length > 0) {
    const names = missing.map(([key, label]) => `${key} (${label})`).join(', ');
    return failed(file, `hồ sơ thủ tục thiếu trường bắt buộc: ${names}`);
  }
  const fields: ProcedureFields = {
    ma_thu_tuc: oneLine(record.ma_thu_tuc as string),
    ten_thu_tuc: oneLine(record.ten_thu_tuc as string),
  };
  const optional: Array<Exclude<keyof ProcedureFields, 'ma_thu_tuc' | 'ten_thu_tuc'>> = [
    'cap_thuc_hien',
    'linh_vuc',
    'loai_thu_tuc',
    'so_quyet_dinh',
    'doi_tuong_thuc_hien',
    'co_quan_thuc_hien',
    'co_quan_co_tham_quyen',
    'dia_chi_tiep_nhan',
    'co_quan_duoc_uy_quyen',
    'co_quan_phoi_hop',
    'trinh_tu_thuc_hien',
    'thanh_phan_ho_so',
    'yeu_cau_dieu_kien',
    'ket_qua_xu_ly',
    'can_cu_phap_ly',
  ];
  for (const key of optional) fields[key] = text(record[key]);
  const rows = parseCachThuc(text(record.cach_thuc_thuc_hien) ?? '');
  const levels = parseLevels(fields.cap_thuc_hien);
  const document: DocumentDraft = {
    code: fields.ma_thu_tuc,
    title: fields.ten_thu_tuc,
    kind: 'procedure',
    level: levels[0],
    levels,
    field: fields.linh_vuc ? oneLine(fields.linh_vuc) : undefined,
    url: text(record.detail_url),
    sourcePath: file.sourcePath,
    contentHash: sha256(file.bytes),
    meta: {
      format: 'procedure',
      capThucHien: fields.cap_thuc_hien,
      // The folder names the ministry in the portal dump (bo-cong-an/1.004222.json).
      group: path.basename(path.dirname(file.absolutePath)),
      decision: fields.so_quyet_dinh,
      agency: fields.co_quan_thuc_hien ?? fields.co_quan_co_tham_quyen,
      submission: rows,
    },
    chunks: chunkProcedure(fields, rows),
  };
  return { documents: [document], failures: [] };
}

function plainDocument(file: SourceFile, record: Record<string, unknown>): LoadedFile {
  const missing = ['code', 'title', 'text'].filter((key) => text(record[key]) === undefined);
  if (missing.length > 0) return failed(file, `thiếu trường bắt buộc: ${missing.join(', ')}`);
  const code = oneLine(record.code as string);
  const title = oneLine(record.title as string);
  const chunks = chunkByHeadings(cleanText(record.text as string), { rootSection: title });
  if (chunks.length === 0) return failed(file, 'trường text không có nội dung');
  return {
    documents: [
      {
        code,
        title,
        kind: guessKind({ code, title }),
        url: text(record.url),
        sourcePath: file.sourcePath,
        contentHash: sha256(file.bytes),
        meta: { format: 'json' },
        chunks,
      },
    ],
    failures: [],
  };
}

export const loadJsonFile: Loader = async (file) => {
  let record: unknown;
  try {
    record = JSON.parse(file.bytes.toString('utf8'));
  } catch (error) {
    return failed(file, `tệp JSON hỏng (${(error as Error).message})`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return failed(file, 'tệp JSON phải chứa một đối tượng (một hồ sơ thủ tục hoặc {code, title, text})');
  }
  const r = record as Record<string, unknown>;
  if (PROCEDURE_KEYS.some((key) => key in r)) return procedureDocument(file, r);
  if ('code' in r || 'text' in r) return plainDocument(file, r);
  return failed(
    file,
    'không nhận ra cấu trúc JSON: cần hồ sơ thủ tục (ma_thu_tuc, ten_thu_tuc, …) hoặc {code, title, text}',
  );
};
