// The rule-based intent classifier: every intent with and without diacritics, commands, codes, follow-ups.
import { describe, expect, test } from 'vitest';
import { classifyText, findTrackingCode, foldForMatching, isAspectOnly } from '../../src/conversation/index.js';

const kind = (text: string) => classifyText(text).kind;

describe('intents with and without diacritics', () => {
  const cases: Array<[string, string, string]> = [
    ['greeting', 'Xin chào', 'xin chao'],
    ['greeting', 'Chào bạn!', 'chao ban'],
    ['thanks', 'Cảm ơn bạn nhiều', 'cam on ban nhieu'],
    ['thanks', 'Cám ơn ạ', 'cam on a'],
    ['help', 'Hướng dẫn sử dụng', 'huong dan su dung'],
    ['help', 'Bạn làm được gì?', 'ban lam duoc gi'],
    ['human', 'Tôi muốn gặp cán bộ', 'toi muon gap can bo'],
    ['human', 'cho tôi nói chuyện với người thật', 'cho toi noi chuyen voi nguoi that'],
    ['privacy_report', 'Bạn lưu gì về tôi?', 'ban luu gi ve toi'],
    ['privacy_report', 'Dữ liệu của tôi', 'du lieu cua toi'],
    ['privacy_erase', 'Xóa dữ liệu của tôi', 'xoa du lieu cua toi'],
    ['privacy_erase', 'Xoá hết thông tin cá nhân của tôi', 'xoa het thong tin ca nhan cua toi'],
    ['intake', 'Tôi muốn gửi phản ánh', 'toi muon gui phan anh'],
    ['intake', 'Khiếu nại', 'khieu nai'],
    ['intake', 'Tôi muốn tố cáo cán bộ xã', 'toi muon to cao can bo xa'],
    ['intake', 'Đường xóm tôi bị ngập mấy hôm nay không ai xử lý', 'duong xom toi bi ngap may hom nay khong ai xu ly'],
    ['track', 'Tra cứu mã phản ánh', 'tra cuu ma phan anh'],
    ['track', 'Mã của tôi là pa-2611-7k3qx9 nhé', 'ma cua toi la PA 2611 7K3QX9'],
    ['cancel', 'Hủy', 'huy'],
    ['cancel', 'Huỷ bỏ', 'huy bo'],
    ['ask', 'Lệ phí đăng ký khai sinh là bao nhiêu?', 'le phi dang ky khai sinh la bao nhieu'],
    ['ask', 'Chào anh, cho hỏi làm sổ đỏ cần giấy tờ gì?', 'chao anh cho hoi lam so do can giay to gi'],
  ];
  test.each(cases)('%s: "%s" / "%s"', (expected, withMarks, withoutMarks) => {
    expect(kind(withMarks)).toBe(expected);
    expect(kind(withoutMarks)).toBe(expected);
  });

  test('intake kinds are told apart', () => {
    expect(classifyText('Tôi muốn gửi phản ánh')).toMatchObject({
      kind: 'intake',
      ticketKind: 'petition',
      explicit: true,
    });
    expect(classifyText('khieu nai')).toMatchObject({ ticketKind: 'complaint', explicit: true });
    expect(classifyText('toi muon to cao')).toMatchObject({ ticketKind: 'denunciation', explicit: true });
    expect(classifyText('Rác thải đổ bừa bãi ở đầu ngõ gây ô nhiễm')).toMatchObject({
      kind: 'intake',
      explicit: false,
      description: 'Rác thải đổ bừa bãi ở đầu ngõ gây ô nhiễm',
    });
  });

  test('a question about filing is answered, with the intake offered', () => {
    expect(classifyText('Thủ tục khiếu nại lần đầu như thế nào?')).toMatchObject({
      kind: 'ask',
      offerIntake: 'complaint',
    });
    expect(classifyText('to cao can bo thi nop don o dau')).toMatchObject({ kind: 'ask', offerIntake: 'denunciation' });
  });

  test('greetings in front of a question do not hide it', () => {
    expect(classifyText('xin chào, lệ phí kết hôn bao nhiêu')).toMatchObject({ kind: 'ask' });
  });
});

describe('commands', () => {
  test.each([
    ['/start', 'greeting'],
    ['/help', 'help'],
    ['/menu', 'help'],
    ['/huy', 'cancel'],
    ['/phananh', 'intake'],
    ['/khieunai', 'intake'],
    ['/tocao', 'intake'],
    ['/tracuu', 'track'],
    ['/canbo', 'human'],
    ['/dulieu', 'privacy_report'],
    ['/xoadulieu', 'privacy_erase'],
    ['/help@tiepdan_bot', 'help'],
    ['/khonghieu', 'help'],
  ])('%s → %s', (text, expected) => {
    expect(kind(text)).toBe(expected);
  });

  test('arguments of /tracuu and /hoi are used', () => {
    expect(classifyText('/tracuu KN-2612-ABCDE1')).toEqual({ kind: 'track', code: 'KN-2612-ABCDE1' });
    expect(classifyText('/hoi lệ phí kết hôn')).toMatchObject({ kind: 'ask', question: 'lệ phí kết hôn' });
  });
});

describe('tracking codes', () => {
  test.each([
    ['PA-2611-7K3QX9', 'PA-2611-7K3QX9'],
    ['mã kn-2612-abcde1 của tôi', 'KN-2612-ABCDE1'],
    ['TC 2701 ZZZZZ9?', 'TC-2701-ZZZZZ9'],
    ['(CH–2611–00000A)', 'CH-2611-00000A'],
  ])('finds %s', (text, code) => {
    expect(findTrackingCode(text)).toBe(code);
  });
  test.each(['XX-2611-7K3QX9', 'PA-26-7K3QX9', 'PA-2611-7K3QX', 'APA-2611-7K3QX9A', 'số điện thoại 0912345678'])(
    'ignores %s',
    (text) => {
      expect(findTrackingCode(text)).toBeUndefined();
    },
  );
});

describe('follow-ups: only an aspect, no procedure named', () => {
  test.each(['còn lệ phí thì sao?', 'thế hồ sơ gồm gì?', 'mat bao lau', 'nộp ở đâu vậy', 'lệ phí bao nhiêu tiền ạ'])(
    '"%s" is aspect-only',
    (text) => {
      expect(isAspectOnly(foldForMatching(text))).toBe(true);
      expect(classifyText(text)).toMatchObject({ kind: 'ask', aspectOnly: true });
    },
  );
  test.each(['lệ phí đăng ký kết hôn bao nhiêu?', 'ho so cap lai can cuoc gom gi', 'xin chào'])(
    '"%s" is not',
    (text) => {
      expect(isAspectOnly(foldForMatching(text))).toBe(false);
    },
  );
});

describe('nothing readable', () => {
  test.each(['😀😀😀', '...', '   ', '🙏'])('"%s" is unreadable', (text) => {
    expect(kind(text)).toBe('unreadable');
  });
  test('thumbs are ratings', () => {
    expect(classifyText('👍')).toEqual({ kind: 'rate', rating: 'up' });
    expect(classifyText('👎🏻')).toEqual({ kind: 'rate', rating: 'down' });
  });
});
