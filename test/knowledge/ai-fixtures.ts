// A small procedure corpus and helpers shared by the semantic and LLM tests.
import { createHash } from 'node:crypto';
import { pino } from 'pino';
import type { Answer, AnswerWriter, ChunkDraft, DocumentDraft, RetrievalResult } from '../../src/knowledge/types.js';

export function procedure(
  code: string,
  title: string,
  chunks: Array<[ChunkDraft['aspect'], string, string]>,
  level: DocumentDraft['level'] = 'xã',
): DocumentDraft {
  const drafts = chunks.map(([aspect, section, text]) => ({ aspect, section, text }));
  return {
    code,
    title,
    kind: 'procedure',
    level,
    url: `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${code}`,
    sourcePath: `${code}.json`,
    contentHash: createHash('sha256')
      .update(JSON.stringify([code, title, drafts]))
      .digest('hex'),
    meta: {},
    chunks: drafts,
  };
}

export const MARRIAGE = procedure('1.000894', 'Đăng ký kết hôn', [
  ['ho_so', 'Thành phần hồ sơ', 'Tờ khai đăng ký kết hôn theo mẫu; giấy tờ chứng minh nhân thân của hai bên nam, nữ.'],
  [
    'thoi_han',
    'Thời hạn giải quyết',
    'Ngay trong ngày tiếp nhận; trường hợp cần xác minh thì không quá 05 ngày làm việc.',
  ],
  ['le_phi', 'Lệ phí', 'Miễn lệ phí đăng ký kết hôn.'],
]);

export const BUILDING = procedure(
  '1.009994',
  'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  [
    [
      'ho_so',
      'Thành phần hồ sơ',
      'Đơn đề nghị cấp giấy phép xây dựng theo Mẫu số 01; bản sao giấy tờ về quyền sử dụng đất; bản vẽ thiết kế.',
    ],
    ['thoi_han', 'Thời hạn giải quyết', '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.'],
    ['le_phi', 'Lệ phí', 'Lệ phí cấp giấy phép xây dựng: 75.000 đồng/giấy phép.'],
  ],
  'tỉnh',
);

export const RESIDENCE = procedure('1.004222', 'Đăng ký thường trú', [
  [
    'ho_so',
    'Thành phần hồ sơ',
    'Tờ khai thay đổi thông tin cư trú (mẫu CT01); giấy tờ, tài liệu chứng minh chỗ ở hợp pháp.',
  ],
  ['thoi_han', 'Thời hạn giải quyết', '07 ngày làm việc kể từ ngày nhận đủ hồ sơ.'],
  ['le_phi', 'Lệ phí', '20.000 đồng/lần đăng ký khi nộp hồ sơ trực tiếp; 10.000 đồng/lần khi nộp trực tuyến.'],
]);

export const CORPUS = [MARRIAGE, BUILDING, RESIDENCE];

/** What a real embedding model knows and a lexical ranker cannot: these phrases mean the same thing. */
export const CONCEPTS = { 'cuoi nhau': 'ket hon', 'cuoi vo': 'ket hon', 'lay chong': 'ket hon', 'lay vo': 'ket hon' };

/** A port fake of the extractive writer: records its calls, answers with a recognisable text. */
export function recordingWriter(): AnswerWriter & { calls: Array<{ question: string; retrieval: RetrievalResult }> } {
  const calls: Array<{ question: string; retrieval: RetrievalResult }> = [];
  return {
    calls,
    async write(input): Promise<Answer> {
      calls.push(input);
      return {
        text: input.retrieval.abstained ? 'EXTRACTIVE: không tìm thấy' : 'EXTRACTIVE: trả lời',
        abstained: input.retrieval.abstained,
        aspect: input.retrieval.aspect,
        docCodes: [...new Set(input.retrieval.passages.map((p) => p.code))],
        sources: [],
      };
    },
  };
}

/** A pino logger writing JSON lines into an array, with the service's redaction rules left to the code. */
export function captureLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug', base: undefined }, { write: (s: string) => lines.push(s) });
  return { logger, lines, text: () => lines.join('') };
}
