// Which questions get a fixed reply instead of a generated one.
import { describe, expect, it } from 'vitest';
import { fixedReply, routeQuestion } from '../../../src/knowledge/llm/index.js';

describe('routeQuestion', () => {
  it('routes crisis, personal legal advice and account questions, with or without accents', () => {
    expect(routeQuestion('Tôi bị bạo lực gia đình, phải làm sao?')).toBe('khan_cap');
    expect(routeQuestion('toi khong muon song nua')).toBe('khan_cap');
    expect(routeQuestion('Hàng xóm lấn đất, tôi có nên kiện không?')).toBe('tu_van_rieng');
    expect(routeQuestion('Tôi quên mật khẩu tài khoản dịch vụ công')).toBe('tai_khoan');
    expect(routeQuestion('khong dang nhap duoc cong dich vu cong')).toBe('tai_khoan');
  });

  it('leaves ordinary procedure questions alone, including ones sharing words with a route', () => {
    expect(routeQuestion('Đăng ký kết hôn cần giấy tờ gì?')).toBeUndefined();
    expect(routeQuestion('Làm từ từ có bị phạt chậm đăng ký khai sinh không?')).toBeUndefined();
    expect(routeQuestion('lam tu tu co sao khong')).toBeUndefined();
    expect(routeQuestion('Tài khoản định danh điện tử mức 2 đăng ký ở đâu?')).toBeUndefined();
  });

  it('fixed replies address the resident as configured', () => {
    expect(fixedReply('tu_van_rieng', 'Quý vị')).toContain('Quý vị có thể gửi câu hỏi');
    expect(fixedReply('khan_cap', 'Bạn')).toContain('113');
  });
});
