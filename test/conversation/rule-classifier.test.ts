// The rule-based intent classifier: every intent with and without diacritics, commands, codes, follow-ups.
import { describe, expect, test } from 'vitest';
import {
  anotherRequest,
  classifyText,
  findTrackingCode,
  foldForMatching,
  isAspectOnly,
  typedRating,
} from '../../src/conversation/index.js';

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
    ['track', 'Tra cứu', 'tra cuu'],
    ['track', 'Tra cứu mã', 'tra cuu ma'],
    ['track', 'Tra cứu kết quả giúp tôi', 'tra cuu ket qua giup toi'],
    ['privacy_report', 'Bạn giữ thông tin gì của tôi?', 'ban giu thong tin gi cua toi'],
    ['privacy_report', 'Bạn lưu thông tin gì về tôi', 'ban luu thong tin gi ve toi'],
    ['privacy_report', 'Các bạn lưu giữ những gì', 'cac ban luu giu nhung gi'],
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

  test('"tra cứu" followed by something to look up is a question, not a request lookup', () => {
    expect(classifyText('Tra cứu')).toEqual({ kind: 'track' });
    expect(classifyText('tra cứu thông tin quy hoạch đất')).toMatchObject({ kind: 'ask' });
    expect(classifyText('tra cuu so do o dau')).toMatchObject({ kind: 'ask' });
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
    ['/danhgia', 'rate_prompt'],
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

describe('ratings typed in words (the engine counts them only right after an answer)', () => {
  test.each([
    ['Hữu ích', 'huu ich'],
    ['Cảm ơn, đúng rồi', 'cam on, dung roi'],
    ['Chính xác', 'chinh xac'],
    ['Tốt lắm', 'tot lam'],
    ['Rất hữu ích', 'rat huu ich'],
    ['Rất hữu ích, cảm ơn bạn', 'rat huu ich cam on ban'],
    ['Câu trả lời hữu ích quá', 'cau tra loi huu ich qua'],
  ])('up: "%s" / "%s"', (withMarks, withoutMarks) => {
    expect(typedRating(withMarks)).toBe('up');
    expect(typedRating(withoutMarks)).toBe('up');
  });

  test.each([
    ['Sai rồi', 'sai roi'],
    ['Không đúng', 'khong dung'],
    ['Không chính xác', 'khong chinh xac'],
    ['Chưa đúng', 'chua dung'],
    ['Không hữu ích', 'khong huu ich'],
    ['Trả lời sai', 'tra loi sai'],
    ['Trả lời chưa chính xác ạ', 'tra loi chua chinh xac a'],
  ])('down: "%s" / "%s"', (withMarks, withoutMarks) => {
    expect(typedRating(withMarks)).toBe('down');
    expect(typedRating(withoutMarks)).toBe('down');
  });

  test.each([
    'xử lý chứng từ điện tử đã lập sai',
    'chứng từ lập sai rồi',
    'Chính xác thì lệ phí là bao nhiêu',
    'chính xác không?',
    'hữu ích gì đâu, tôi hỏi lệ phí kết hôn cơ mà',
    'câu trả lời này chưa chính xác lắm ạ',
    'Cảm ơn',
    'ok',
    '👍',
  ])('not a rating: "%s"', (text) => {
    expect(typedRating(text)).toBeUndefined();
  });

  test('the classifier itself keeps them as it always did: without an answer "sai rồi" is just text', () => {
    expect(classifyText('sai rồi')).toMatchObject({ kind: 'ask' });
    expect(classifyText('hữu ích')).toMatchObject({ kind: 'ask' });
  });
});

describe('another request typed inside a dialogue step', () => {
  test.each([
    ['Lệ phí đăng ký khai sinh bao nhiêu?', 'ask'],
    ['le phi dang ky khai sinh bao nhieu', 'ask'],
    ['làm giấy khai sinh ở đâu', 'ask'],
    ['toi muon gui phan anh', 'intake'],
    ['Tôi muốn khiếu nại', 'intake'],
    ['PA-2611-7K3QX9', 'track'],
    ['tra cứu mã', 'track'],
    ['PA-2611-7K3QX9 chưa được giải quyết', 'dispute'],
    ['gặp cán bộ', 'human'],
    ['menu', 'help'],
    ['xin chào', 'greeting'],
    ['cảm ơn', 'thanks'],
    ['bạn lưu gì về tôi', 'privacy_report'],
  ])('"%s" is another request (%s)', (text, expected) => {
    expect(anotherRequest(text)?.kind).toBe(expected);
  });

  test.each([
    'thông tin đã cũ',
    'thong tin da cu',
    'Thông tin lệ phí đã cũ, nay phải nộp 10.000 đồng',
    'sai thủ tục rồi',
    'không đồng ý với câu trả lời',
    'Đường xóm tôi bị ngập mấy hôm nay không ai xử lý',
    'sai rồi',
    'hủy',
  ])('"%s" may be the step\'s own answer', (text) => {
    expect(anotherRequest(text)).toBeUndefined();
  });
});

describe('typed disputes: "chưa được giải quyết", with or without diacritics', () => {
  test.each([
    ['PA-2611-7K3QX9 chưa được giải quyết', 'PA-2611-7K3QX9 chua duoc giai quyet'],
    ['Mã PA-2611-7K3QX9 vẫn chưa được giải quyết', 'ma PA-2611-7K3QX9 van chua duoc giai quyet'],
    ['Tôi đề nghị xem xét lại yêu cầu PA-2611-7K3QX9', 'toi de nghi xem xet lai yeu cau pa 2611 7k3qx9'],
    ['pa-2611-7k3qx9: tôi không đồng ý với câu trả lời', 'pa-2611-7k3qx9 toi khong dong y voi cau tra loi'],
  ])('a code and a dispute phrase: a dispute of that code, not a lookup — "%s" / "%s"', (withMarks, withoutMarks) => {
    expect(classifyText(withMarks)).toEqual({ kind: 'dispute', code: 'PA-2611-7K3QX9' });
    expect(classifyText(withoutMarks)).toEqual({ kind: 'dispute', code: 'PA-2611-7K3QX9' });
  });

  test.each([
    ['Không đồng ý với câu trả lời', 'khong dong y voi cau tra loi'],
    ['Vấn đề vẫn chưa được giải quyết', 'van de van chua duoc giai quyet'],
    ['Chưa giải quyết xong', 'chua giai quyet xong'],
    ['Tôi không hài lòng với kết quả giải quyết', 'toi khong hai long voi ket qua giai quyet'],
    ['Đề nghị xem xét lại giúp tôi ạ', 'de nghi xem xet lai giup toi a'],
    ['Chào bạn, khiếu nại của tôi vẫn chưa được giải quyết', 'chao ban khieu nai cua toi van chua duoc giai quyet'],
    ['Cán bộ trả lời chưa thỏa đáng', 'can bo tra loi chua thoa dang'],
  ])(
    'without a code: a dispute to be matched with the resident\'s tickets — "%s" / "%s"',
    (withMarks, withoutMarks) => {
      expect(classifyText(withMarks)).toEqual({ kind: 'dispute' });
      expect(classifyText(withoutMarks)).toEqual({ kind: 'dispute' });
    },
  );

  test('a code alone, or asking whether it is done, is still a lookup', () => {
    expect(classifyText('PA-2611-7K3QX9')).toEqual({ kind: 'track', code: 'PA-2611-7K3QX9' });
    expect(classifyText('PA-2611-7K3QX9 đã giải quyết chưa?')).toEqual({ kind: 'track', code: 'PA-2611-7K3QX9' });
    expect(classifyText('ma PA-2611-7K3QX9 xu ly den dau roi')).toEqual({ kind: 'track', code: 'PA-2611-7K3QX9' });
  });

  test.each([
    ['Đường xóm tôi bị ngập mấy hôm nay không ai xử lý', 'intake'],
    ['duong xom toi bi ngap may thang nay chua duoc giai quyet', 'intake'],
    ['Tôi muốn khiếu nại vì vấn đề chưa được giải quyết', 'intake'],
    ['Thủ tục khiếu nại lại như thế nào', 'ask'],
    ['thu tuc khieu nai lai nhu the nao', 'ask'],
    ['Thủ tục đề nghị xem xét lại như thế nào?', 'ask'],
    ['Đề nghị UBND xã xem xét lại quyết định thu hồi đất', 'ask'],
    ['hồ sơ đất đai của tôi chưa được giải quyết', 'ask'],
  ])('does not swallow new problems or questions: "%s" → %s', (text, expected) => {
    expect(kind(text)).toBe(expected);
  });
});
