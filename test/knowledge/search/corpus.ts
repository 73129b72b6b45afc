// A small built-in knowledge base (shaped like the chunker's output for procedure records and plans) for
// search and answer tests. Facts are copied from real records of the national portal.
import type { Aspect, DocumentKind, IndexedChunk, Level } from '../../../src/knowledge/types.js';

let nextId = 1;

function doc(
  code: string,
  title: string,
  kind: DocumentKind,
  level: Level | undefined,
  chunks: Array<[section: string, aspect: Aspect, text: string]>,
): IndexedChunk[] {
  return chunks.map(([section, aspect, text], ordinal) => ({
    chunkId: nextId++,
    code,
    title,
    kind,
    level,
    url: kind === 'procedure' ? `https://dichvucong.gov.vn/thu-tuc-hanh-chinh/${code}` : undefined,
    section,
    aspect,
    ordinal,
    text,
  }));
}

export const CORPUS: IndexedChunk[] = [
  ...doc('1.004222', 'Đăng ký thường trú', 'procedure', 'xã', [
    [
      'Thông tin chung',
      'tong_quan',
      'Tên thủ tục: Đăng ký thường trú\nCấp thực hiện: Cấp xã\nLĩnh vực: Đăng ký, quản lý cư trú',
    ],
    [
      'Thành phần hồ sơ',
      'ho_so',
      '- Tờ khai thay đổi thông tin cư trú (Mẫu CT01) (1 bản chính)\n- Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (1 bản chính)',
    ],
    [
      'Thời hạn giải quyết',
      'thoi_han',
      'Trực tuyến: 7 Ngày làm việc; phí, lệ phí: 10,000 Việt Nam Đồng (Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 10.000 đồng/lần đăng ký.)\nTrực tiếp: 7 Ngày làm việc; phí, lệ phí: 20,000 Việt Nam Đồng',
    ],
    [
      'Phí, lệ phí',
      'le_phi',
      'Trực tuyến: 7 Ngày làm việc; phí, lệ phí: 10,000 Việt Nam Đồng (Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 10.000 đồng/lần đăng ký.)\nTrực tiếp: 7 Ngày làm việc; phí, lệ phí: 20,000 Việt Nam Đồng',
    ],
    [
      'Cơ quan thực hiện, nơi nộp hồ sơ',
      'co_quan',
      'Cơ quan thực hiện: Công an cấp Xã\nCách thức nộp hồ sơ: Trực tuyến, Trực tiếp',
    ],
  ]),
  ...doc('1.004194', 'Đăng ký tạm trú', 'procedure', 'xã', [
    ['Thông tin chung', 'tong_quan', 'Tên thủ tục: Đăng ký tạm trú\nCấp thực hiện: Cấp xã'],
    [
      'Phí, lệ phí',
      'le_phi',
      'Trực tuyến: 3 Ngày làm việc; phí, lệ phí: 7,000 Việt Nam Đồng (thu 7.000 đồng/lần đăng ký)\nTrực tiếp: 3 Ngày làm việc; phí, lệ phí: 15,000 Việt Nam Đồng',
    ],
    ['Thời hạn giải quyết', 'thoi_han', 'Trực tuyến: 3 Ngày làm việc\nTrực tiếp: 3 Ngày làm việc'],
    ['Cơ quan thực hiện, nơi nộp hồ sơ', 'co_quan', 'Cơ quan thực hiện: Công an cấp Xã'],
  ]),
  ...doc(
    '1.013978',
    'Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân',
    'procedure',
    'xã',
    [
      ['Thời hạn giải quyết', 'thoi_han', 'Trực tiếp: 27 Ngày làm việc; phí, lệ phí: Miễn phí'],
      ['Thành phần hồ sơ', 'ho_so', '- Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK) (1 bản chính)'],
      ['Cơ quan thực hiện, nơi nộp hồ sơ', 'co_quan', 'Cơ quan thực hiện: Văn phòng đăng ký đất đai'],
    ],
  ),
  ...doc('3.000348', 'Cấp lại giấy phép lái xe', 'procedure', 'trung ương', [
    [
      'Phí, lệ phí',
      'le_phi',
      'Trực tuyến, Trực tiếp: 5 Ngày làm việc; phí, lệ phí: Miễn phí (Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.)',
    ],
    [
      'Thành phần hồ sơ',
      'ho_so',
      '- Đơn đề nghị cấp lại giấy phép lái xe (1 bản chính)\n- Giấy khám sức khỏe của người lái xe (1 bản chính)',
    ],
  ]),
  ...doc('1.001193', 'Thủ tục đăng ký khai sinh', 'procedure', 'xã', [
    [
      'Thành phần hồ sơ',
      'ho_so',
      '- Tờ khai đăng ký khai sinh theo mẫu (1 bản chính)\n- Giấy chứng sinh (1 bản chính)',
    ],
    ['Phí, lệ phí', 'le_phi', 'Trực tuyến, Trực tiếp: thời hạn: 1 (nguồn không ghi đơn vị); phí, lệ phí: Miễn phí'],
    [
      'Trình tự thực hiện',
      'trinh_tu',
      '- Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.',
    ],
  ]),
  ...doc('1.000894', 'Thủ tục đăng ký kết hôn', 'procedure', 'xã', [
    ['Thành phần hồ sơ', 'ho_so', '- Tờ khai đăng ký kết hôn theo mẫu (1 bản chính)'],
    ['Phí, lệ phí', 'le_phi', 'Trực tiếp: 1 Ngày làm việc; phí, lệ phí: Miễn phí (Miễn lệ phí đăng ký kết hôn)'],
  ]),
  ...doc('1.000593', 'Thủ tục đăng ký kết hôn lưu động', 'procedure', 'xã', [
    ['Thành phần hồ sơ', 'ho_so', '- Tờ khai đăng ký kết hôn theo mẫu (1 bản chính)'],
    ['Phí, lệ phí', 'le_phi', 'Trực tiếp: 5 Ngày làm việc; phí, lệ phí: Miễn phí'],
  ]),
  ...doc('2.000986', 'Thủ tục xác nhận thông tin hộ tịch', 'procedure', 'tỉnh', [
    [
      'Thành phần hồ sơ',
      'ho_so',
      '- Tờ khai (1 bản chính)\n- Sổ hộ khẩu cũ, giấy khai sinh, đăng ký kết hôn, tạm trú, thường trú',
    ],
  ]),
  ...doc('416/KH-UBND', 'Kế hoạch 416/KH-UBND về nâng cao Chỉ số PAPI của tỉnh Bắc Kạn', 'plan', undefined, [
    [
      'Kế hoạch 416/KH-UBND',
      'text',
      'Chỉ số PAPI có 08 chỉ số nội dung với 28 nội dung thành phần, điểm tối đa là 80 điểm.\nTheo kết quả công bố Chỉ số PAPI năm 2021, tỉnh Bắc Kạn đạt 42,153/80 điểm, xếp thứ 34/63 tỉnh, thành phố.',
    ],
  ]),
];

/** Synonyms used by the tests (the same format as knowledge/synonyms.txt). */
export const SYNONYMS = `
# test synonyms
sổ đỏ => giấy chứng nhận quyền sử dụng đất
bằng lái => giấy phép lái xe
làm lại => cấp lại
online => trực tuyến
CCCD = căn cước công dân
`;
