// Variant detection on procedure names shaped like the national records: the base name, the qualifiers, and when
// the bot asks back, prefers a variant, or answers.
import { describe, expect, test } from 'vitest';
import { describeVariant, questionChooses, resolveVariants } from '../../../src/knowledge/search/variants.js';
import type { Level } from '../../../src/knowledge/types.js';

function doc(code: string, title: string, score: number, level: Level = 'tỉnh') {
  return { code, title, score, level, kind: 'procedure' as const };
}

const PERMIT = [
  doc('1.004261', 'Cấp Giấy phép vận tải qua biên giới', 10),
  doc('1.004259', 'Cấp lại Giấy phép vận tải qua biên giới', 9.5),
  doc('1.009999', 'Cấp phù hiệu xe taxi', 9.4),
];

const MARRIAGE = [
  doc('1.000894', 'Thủ tục đăng ký kết hôn', 10, 'xã'),
  doc('2.000806', 'Thủ tục đăng ký kết hôn có yếu tố nước ngoài', 9, 'xã'),
];

const PASSPORT = [
  doc('1.001456', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)', 10),
  doc('1.001471', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)', 9.8, 'trung ương'),
];

describe('describeVariant', () => {
  test('variants of one procedure share a base name and differ in their qualifiers', () => {
    const first = describeVariant('Cấp Giấy phép vận tải qua biên giới');
    const again = describeVariant('Cấp lại Giấy phép vận tải qua biên giới');
    const renewed = describeVariant('Thủ tục gia hạn chứng chỉ hành nghề kiến trúc');
    const exchanged = describeVariant('Đổi thẻ sỹ quan kiểm tra tàu biển');
    expect(first.base).toBe(again.base);
    expect(first.named.action).toBeUndefined();
    expect(again.named.action).toBe('cap-lai');
    expect(renewed).toMatchObject({ base: 'chung chi hanh nghe kien truc', named: { action: 'gia-han' } });
    expect(exchanged).toMatchObject({ base: 'the sy quan kiem tra tau bien', named: { action: 'cap-doi' } });
    expect(describeVariant('Cấp thẻ sỹ quan kiểm tra tàu biển').base).toBe(exchanged.base);
  });

  test('a foreign element, a level in brackets and "đăng ký lại" are qualifiers too', () => {
    expect(describeVariant(MARRIAGE[1]?.title ?? '')).toMatchObject({
      base: 'dang ky ket hon',
      named: { foreign: 'nuoc-ngoai' },
    });
    expect(describeVariant('Đăng ký lại khai sinh')).toMatchObject({
      base: 'dang ky khai sinh',
      named: { action: 'dang-ky-lai' },
    });
    const province = describeVariant(PASSPORT[0]?.title ?? '');
    const central = describeVariant(PASSPORT[1]?.title ?? '');
    expect(province.base).toBe('ho chieu pho thong');
    expect(central.base).toBe(province.base);
    expect([province.named.level, central.named.level]).toEqual(['tinh', 'trung-uong']);
  });

  test('a name covering several kinds of issuance keeps them all', () => {
    const v = describeVariant('Thủ tục cấp lại, điều chỉnh, gia hạn Giấy chứng nhận đăng ký đại lý đổi tiền');
    expect(v.named.action).toBe('cap-lai+gia-han+dieu-chinh');
    expect(v.base).toBe('giay chung nhan dang ky dai ly doi tien');
  });
});

describe('questionChooses', () => {
  test('context words choose a variant, with or without diacritics', () => {
    expect(questionChooses('bằng lái bị mất thì làm sao', 'cap-lai')).toBe(true);
    expect(questionChooses('bang lai bi mat thi lam sao', 'cap-lai')).toBe(true);
    expect(questionChooses('em sắp lấy chồng Hàn', 'nuoc-ngoai')).toBe(true);
    expect(questionChooses('lam giay phep lan dau', 'lan-dau')).toBe(true);
  });

  test('"mất bao lâu" and "thời hạn" typed without diacritics choose nothing', () => {
    expect(questionChooses('lam giay phep mat bao lau', 'cap-lai')).toBe(false);
    expect(questionChooses('thoi han giai quyet bao lau', 'nuoc-ngoai')).toBe(false);
    expect(questionChooses('giấy phép vận tải qua biên giới hồ sơ gồm gì', 'lan-dau')).toBe(false);
  });
});

describe('resolveVariants', () => {
  test('close variants and an undecided question: asks back with one option per variant', () => {
    const decision = resolveVariants({ question: 'giấy phép vận tải qua biên giới cần hồ sơ gì', passages: PERMIT });
    expect(decision).toEqual({
      kind: 'clarify',
      group: 'action',
      question: 'Bạn làm lần đầu hay cấp lại?',
      options: [
        { code: '1.004261', label: 'Lần đầu' },
        { code: '1.004259', label: 'Cấp lại' },
      ],
    });
  });

  test('the question follows the differing words and the address form', () => {
    expect(resolveVariants({ question: 'đăng ký kết hôn ở đâu', passages: MARRIAGE, addressForm: 'Quý vị' })).toEqual(
      expect.objectContaining({ kind: 'clarify', question: 'Quý vị làm thủ tục trong nước hay có yếu tố nước ngoài?' }),
    );
  });

  test('levels are not asked about: the best one is answered, or the one the question names', () => {
    expect(resolveVariants({ question: 'làm hộ chiếu mất bao lâu', passages: PASSPORT })).toBeUndefined();
    expect(resolveVariants({ question: 'làm hộ chiếu ở trung ương mất bao lâu', passages: PASSPORT })).toEqual({
      kind: 'prefer',
      code: '1.001471',
      group: 'level',
    });
  });

  test('a plain procedure that leads clearly answers a plain question; a variant that leads is asked about (options in the catalogue’s order)', () => {
    const clear = [PERMIT[0], { ...PERMIT[1], score: 8 }].filter((p) => p !== undefined);
    expect(resolveVariants({ question: 'giấy phép vận tải qua biên giới cần gì', passages: clear })).toBeUndefined();
    const reissueFirst = [
      doc('1.004259', 'Cấp lại Giấy phép vận tải qua biên giới', 10),
      doc('1.004261', 'Cấp Giấy phép vận tải qua biên giới', 8),
    ];
    expect(resolveVariants({ question: 'giấy phép vận tải qua biên giới cần gì', passages: reissueFirst })).toEqual(
      expect.objectContaining({
        kind: 'clarify',
        question: 'Bạn làm lần đầu hay cấp lại?',
        options: [
          { code: '1.004261', label: 'Lần đầu' },
          { code: '1.004259', label: 'Cấp lại' },
        ],
      }),
    );
  });

  test('a context word that chooses the best variant: no question', () => {
    expect(resolveVariants({ question: 'xin giấy phép vận tải qua biên giới lần đầu', passages: PERMIT })).toBe(
      undefined,
    );
  });

  test('a context word that chooses a variant ranked below: that one is preferred', () => {
    expect(resolveVariants({ question: 'giấy phép vận tải qua biên giới bị mất', passages: PERMIT })).toEqual({
      kind: 'prefer',
      code: '1.004259',
      group: 'action',
    });
    expect(resolveVariants({ question: 'em lấy chồng Hàn thì đăng ký kết hôn ở đâu', passages: MARRIAGE })).toEqual(
      expect.objectContaining({ kind: 'prefer', code: '2.000806' }),
    );
  });

  test('a variant far below the best score, or other procedures: no question', () => {
    const far = [PERMIT[0], { ...PERMIT[1], score: 6 }].filter((p) => p !== undefined);
    expect(resolveVariants({ question: 'giấy phép vận tải qua biên giới', passages: far })).toBeUndefined();
    const unrelated = [doc('1', 'Đăng ký khai sinh', 10, 'xã'), doc('2', 'Đăng ký khai tử', 9.9, 'xã')];
    expect(resolveVariants({ question: 'làm giấy tờ', passages: unrelated })).toBeUndefined();
  });

  test('long names that differ in a few words besides the qualifier are still variants', () => {
    const tail =
      'đối với công trình cấp III, cấp IV (công trình Không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án) và nhà ở riêng lẻ';
    const building = [
      doc('1.013225', `Cấp giấy phép xây dựng mới ${tail}`, 10, 'xã'),
      doc('1.013228', `Cấp lại giấy phép xây dựng ${tail.replace('tráng/', 'tráng/Sửa chữa, cải tạo/')}`, 9, 'xã'),
    ];
    expect(resolveVariants({ question: 'giấy phép xây nhà bị mối ăn mất, xin lại', passages: building })).toEqual(
      expect.objectContaining({ kind: 'prefer', code: '1.013228' }),
    );
  });

  test('a plan or legal text at the top is never a procedure variant', () => {
    const passages = [{ ...doc('416/KH-UBND', 'Kế hoạch chuyển đổi số', 11), kind: 'plan' as const }, ...PERMIT];
    expect(resolveVariants({ question: 'giấy phép vận tải qua biên giới', passages })).toBeUndefined();
  });
});
