// Questions the bot must not answer from documents (crisis, personal legal advice, accounts) and their fixed replies.
import { foldDiacritics, normalizeForSearch } from '../vietnamese/index.js';

/** Why a question gets a fixed reply instead of a generated one (as GOV.UK Chat routes such questions). */
export type QuestionRoute = 'khan_cap' | 'tu_van_rieng' | 'tai_khoan';

/**
 * Phrases that route a question, written with accents (matched on the normalised question). Kept narrow:
 * a false route hides a real answer. Folded forms are matched only when the question has no accents at
 * all, and only for phrases that stay unambiguous without them ("tu tu" is also "từ từ", so it is absent).
 */
const ROUTES: Record<QuestionRoute, { accented: string[]; folded: string[] }> = {
  khan_cap: {
    accented: [
      'tự tử',
      'tự sát',
      'muốn chết',
      'không muốn sống',
      'bạo lực gia đình',
      'bị đánh đập',
      'bị xâm hại',
      'cứu tôi với',
    ],
    folded: ['muon tu tu', 'tu sat', 'muon chet', 'khong muon song', 'bao luc gia dinh', 'bi danh dap', 'bi xam hai'],
  },
  tu_van_rieng: {
    accented: ['có nên kiện', 'kiện được không', 'thắng kiện', 'tư vấn pháp lý', 'tư vấn luật', 'thuê luật sư'],
    folded: ['co nen kien', 'kien duoc khong', 'thang kien', 'tu van phap ly', 'tu van luat', 'thue luat su'],
  },
  tai_khoan: {
    accented: [
      'mật khẩu',
      'mã otp',
      'tài khoản của tôi',
      'khóa tài khoản',
      'không đăng nhập được',
      'đăng nhập không được',
    ],
    folded: [
      'mat khau',
      'ma otp',
      'tai khoan cua toi',
      'khoa tai khoan',
      'khong dang nhap duoc',
      'dang nhap khong duoc',
    ],
  },
};

function containsPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase} `);
}

/** The route of a question, or undefined for an ordinary question about procedures. */
export function routeQuestion(question: string): QuestionRoute | undefined {
  const normalized = normalizeForSearch(question)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const folded = foldDiacritics(normalized);
  const withoutAccents = folded === normalized;
  for (const route of Object.keys(ROUTES) as QuestionRoute[]) {
    const { accented, folded: foldedPhrases } = ROUTES[route];
    const accentedHit = accented.some((p) => containsPhrase(normalized, normalizeForSearch(p)));
    if (accentedHit || (withoutAccents && foldedPhrases.some((p) => containsPhrase(folded, p)))) return route;
  }
  return undefined;
}

/** Fixed replies, reviewed text rather than generated. `{addr}` is how the bot addresses the resident. */
const FIXED_REPLIES: Record<QuestionRoute, string> = {
  khan_cap:
    'Nếu {addr} hoặc người thân đang gặp nguy hiểm, hãy gọi ngay 113 (Công an), 115 (Cấp cứu) hoặc 111 (Tổng đài quốc gia bảo vệ trẻ em). Tôi là trợ lý tự động về thủ tục hành chính nên không thể hỗ trợ tình huống khẩn cấp.',
  tu_van_rieng:
    'Tôi chỉ cung cấp thông tin chung về thủ tục hành chính theo văn bản chính thức, không tư vấn pháp lý cho trường hợp riêng. {Addr} có thể gửi câu hỏi để cán bộ tiếp công dân xem xét, hoặc liên hệ Trung tâm trợ giúp pháp lý nhà nước của tỉnh hay một luật sư.',
  tai_khoan:
    'Tôi không xem được tài khoản, mật khẩu hay hồ sơ cá nhân của {addr} trên cổng dịch vụ công. Xin đừng gửi mật khẩu hay mã OTP cho bất kỳ ai, kể cả cán bộ. Để được hỗ trợ tài khoản, {addr} hãy liên hệ tổng đài hỗ trợ ghi trên cổng dịch vụ công hoặc bộ phận một cửa nơi đã nộp hồ sơ.',
};

export function fixedReply(route: QuestionRoute, addressForm = 'Bạn'): string {
  const lower = addressForm.toLowerCase();
  const capital = lower.charAt(0).toUpperCase() + lower.slice(1);
  return FIXED_REPLIES[route].replaceAll('{addr}', lower).replaceAll('{Addr}', capital);
}
