// Rule-based intent classifier: Vietnamese with or without diacritics, commands, greetings, follow-ups.
import { foldDiacritics, isWithoutDiacritics, normalizeForSearch } from '../../knowledge/vietnamese/index.js';
import type { IntakeKind, Intent, IntentClassifier } from '../ports.js';
import { findTrackingCode } from '../tracking-code.js';
import { findGrievance, isInfoQuestion, type Segment, splitSegments } from './grievance.js';

/** Lower-case, accents folded, words separated by single spaces: "Còn lệ phí thì sao?" → "con le phi thi sao". */
export function foldForMatching(text: string): string {
  return foldDiacritics(normalizeForSearch(text))
    .replace(/[^\p{L}\p{N}/@]+/gu, ' ')
    .trim();
}

/** True when `phrase` (folded words) occurs in `folded` on word boundaries. */
function has(folded: string, phrase: string): boolean {
  return ` ${folded} `.includes(` ${phrase} `);
}

function hasAny(folded: string, phrases: readonly string[]): boolean {
  return phrases.some((p) => has(folded, p));
}

function wordCount(folded: string): number {
  return folded === '' ? 0 : folded.split(' ').length;
}

/** Commands every channel may send (Telegram `/cmd@bot` included), mapped to intents. */
const COMMANDS: Record<string, Intent | ((arg: string) => Intent)> = {
  start: { kind: 'greeting' },
  help: { kind: 'help' },
  menu: { kind: 'help' },
  trogiup: { kind: 'help' },
  huy: { kind: 'cancel' },
  cancel: { kind: 'cancel' },
  hoi: (arg) => (arg ? { kind: 'ask', question: arg, aspectOnly: false } : { kind: 'help' }),
  phananh: { kind: 'intake', ticketKind: 'petition', explicit: true },
  kiennghi: { kind: 'intake', ticketKind: 'petition', explicit: true },
  khieunai: { kind: 'intake', ticketKind: 'complaint', explicit: true },
  tocao: { kind: 'intake', ticketKind: 'denunciation', explicit: true },
  tracuu: (arg) => ({ kind: 'track', code: findTrackingCode(arg) }),
  danhgia: { kind: 'rate_prompt' },
  canbo: { kind: 'human' },
  dulieu: { kind: 'privacy_report' },
  xoadulieu: { kind: 'privacy_erase' },
};

const CANCEL_WORDS = new Set([
  'huy',
  'huy bo',
  'thoi',
  'dung',
  'dung lai',
  'thoat',
  'cancel',
  'stop',
  'bo qua',
  'khong lam nua',
]);

/** Stopping what is under way, said in a short sentence: "dừng lại, tôi không gửi nữa", "thôi hủy". */
const CANCEL_PHRASES = [
  'khong gui nua',
  'k gui nua',
  'ko gui nua',
  'khong lam nua',
  'thoi huy',
  'huy giup',
  'huy thao tac',
  'dung lai',
];

const GREETINGS = ['xin chao', 'chao', 'hello', 'hi', 'helo', 'alo', 'a lo', 'hey', 'kinh chao', 'chao buoi sang'];
/** Words that may follow a greeting or thanks without changing what the message is. */
const POLITE_FILLER = new Set([
  'ban',
  'anh',
  'chi',
  'em',
  'ad',
  'admin',
  'bot',
  'tro',
  'ly',
  'a',
  'nhe',
  'nha',
  'nhieu',
  'rat',
  'oi',
  'ok',
  'oke',
  'vang',
  'da',
  'u',
  'cac',
  'quy',
  'vi',
  'tong',
  'dai',
  'minh',
  'toi',
  'buoi',
  'sang',
  'chieu',
  'nhung',
  'nguoi',
  'roi',
  'lam',
  'hieu',
  'duoc',
  'very',
  'much',
  'you',
  'so',
  'xin',
  'ro',
  'r',
  'kinh',
  'e',
  'cua',
]);
/** Polite phrases a greeting or thanks may carry ("kính chào quý cơ quan", "cảm ơn sự hỗ trợ của quý cơ quan"). */
const POLITE_PHRASES = ['co quan', 'su ho tro', 'su giup do', 'chan thanh'];

function withoutPolitePhrases(folded: string): string {
  let rest = ` ${folded} `;
  for (const p of POLITE_PHRASES) rest = rest.split(` ${p} `).join(' ');
  return rest.trim().replace(/ +/g, ' ');
}
const THANKS = ['cam on', 'thank', 'thanks', 'thank you', 'tks', 'thanks you', 'camon', 'cam ta'];

const HELP_EXACT = new Set([
  'help',
  'menu',
  'giup',
  'giup do',
  'giup voi',
  'tro giup',
  'huong dan',
  'huong dan su dung',
  'chuc nang',
  'danh muc',
  'bat dau',
]);
const HELP_PHRASES = [
  'lam duoc gi',
  'giup duoc gi',
  'ho tro nhung gi',
  'ho tro gi',
  'co the lam gi',
  'biet lam gi',
  'lam duoc nhung gi',
  'giup duoc nhung gi',
  'nhung viec gi',
  'chuc nang gi',
  'nhung chuc nang',
  'dung de lam gi',
];

const HUMAN_PHRASES = [
  'gap can bo',
  'gap nguoi',
  'gap truc tiep',
  'noi chuyen voi nguoi',
  'noi chuyen voi can bo',
  'noi chuyen voi nhan vien',
  'noi chuyen truc tiep',
  'nguoi that',
  'nhan vien ho tro',
  'tong dai vien',
  'lien he can bo',
  'lien he voi can bo',
  'chuyen cho can bo',
  'chuyen can bo',
  'can bo tra loi',
  'can bo truc',
  'hoi can bo',
  'hoi truc tiep can bo',
  'nguoi truc',
  'nhan vien truc',
  'chuyen cho nguoi',
];

const ERASE_VERBS = ['xoa', 'xoa bo', 'xoa het', 'huy bo', 'go bo', 'quen'];
const PERSONAL_DATA = [
  'du lieu',
  'thong tin ca nhan',
  'thong tin cua toi',
  'thong tin cua minh',
  'thong tin ve toi',
  'du lieu cua toi',
  'du lieu ca nhan',
  'lich su',
  'sdt',
  'so dien thoai',
  'so dt',
];
const REPORT_PHRASES = [
  'luu gi',
  'luu nhung gi',
  'luu tru gi',
  'giu gi',
  'giu nhung gi',
  'biet gi ve toi',
  'co gi ve toi',
  'luu thong tin gi',
  'luu du lieu gi',
  'du lieu cua toi',
  'du lieu ca nhan cua toi',
  'thong tin cua toi',
  'thong tin ca nhan cua toi',
  'luu tru thong tin',
  'giu thong tin gi',
  'giu du lieu gi',
  'giu nhung thong tin gi',
  'luu nhung thong tin gi',
  'luu giu gi',
  'luu giu thong tin gi',
  'luu giu nhung gi',
  'biet thong tin gi ve toi',
  'co thong tin gi ve toi',
];

const TRACK_PHRASES = [
  'tra cuu ma',
  'ma tra cuu',
  'tra cuu phan anh',
  'tra cuu khieu nai',
  'tra cuu don',
  'tra cuu to cao',
  'kiem tra tinh trang',
  'kiem tra trang thai',
  'tinh trang phan anh',
  'tinh trang khieu nai',
  'tinh trang don',
  'don cua toi',
  'phan anh cua toi',
  'khieu nai cua toi',
  'ket qua phan anh',
  'ket qua xu ly',
  'da xu ly chua',
  'xu ly den dau',
];
/** Asking where a request has got to, whatever else the sentence says ("tôi gửi đơn tuần trước, xem tình trạng xử lý"). */
const STRONG_TRACK_PHRASES = [
  'tinh trang xu ly',
  'xu ly toi dau',
  'xu ly den dau',
  'toi dau roi',
  'den dau roi',
  'toi dau r',
];
/** "giúp tôi", "cho em", "với ạ", "nhé": words asking politely that say nothing about what is asked. */
const POLITE_REQUEST_WORDS = ['cho', 'giup', 'voi', 'toi', 'minh', 'em', 'a', 'nhe', 'nha', 'di'];
/** Words that may follow a bare "tra cứu" ("tra cứu mã", "tra cứu giúp tôi") without naming something else to look up. */
const BARE_TRACK_TAIL = new Set([...POLITE_REQUEST_WORDS, 'ma', 'ket', 'qua']);

/** "Tra cứu", "tra cuu ma", "tra cứu kết quả giúp tôi": the resident wants to look a request up and has not said which. */
function isBareTrackRequest(folded: string): boolean {
  const words = folded.split(' ');
  return words[0] === 'tra' && words[1] === 'cuu' && words.slice(2).every((w) => BARE_TRACK_TAIL.has(w));
}

/**
 * Words saying the message asks how something works rather than files it. Written with diacritics: folded,
 * "ở đâu" (where) and "ở đầu" (at the head of) are the same, so accented input is matched accented.
 */
const QUESTION_MARKERS = [
  'thủ tục',
  'như thế nào',
  'thế nào',
  'làm sao',
  'ra sao',
  'ở đâu',
  'bao lâu',
  'bao nhiêu',
  'cần gì',
  'cần những gì',
  'hồ sơ',
  'lệ phí',
  'thời hạn',
  'quy định',
  'có được không',
  'có phải',
  'được không',
  'không ạ',
  'gì ạ',
  'hay không',
  'cách nào',
  'mẫu đơn',
  'thời hiệu',
  'trình tự',
  'ai giải quyết',
  'thẩm quyền',
  'cơ quan nào',
];
const QUESTION_MARKERS_FOLDED = QUESTION_MARKERS.map((m) => foldForMatching(m));

/** Lower-case words with their diacritics, punctuation removed. */
function wordsWithMarks(text: string): string {
  return normalizeForSearch(text)
    .replace(/[^\p{L}\p{N}/@]+/gu, ' ')
    .trim();
}

/** Tells whether a message holds one of a list of markers (QUESTION_MARKERS unless given). */
type QuestionMarkerTest = (marks?: readonly string[], foldedMarks?: readonly string[]) => boolean;

/**
 * Accented input is matched against the accented phrases; input typed without accents against folded ones. The
 * accented words are worked out once, when first needed, however many lists are tried.
 */
function questionMarkerTest(text: string, folded: string): QuestionMarkerTest {
  let isFolded: boolean | undefined;
  let marked: string | undefined;
  return (marks = QUESTION_MARKERS, foldedMarks = QUESTION_MARKERS_FOLDED) => {
    isFolded ??= isWithoutDiacritics(text);
    if (isFolded) return hasAny(folded, foldedMarks);
    marked ??= wordsWithMarks(text);
    return hasAny(marked, marks);
  };
}

/** Markers of a yes/no question ("…xem xét lại được không?"): asking that does not make a dispute a how-to question. */
const YES_NO_MARKERS = new Set(['có được không', 'có phải', 'được không', 'không ạ', 'gì ạ', 'hay không']);
const HOW_TO_MARKERS = QUESTION_MARKERS.filter((m) => !YES_NO_MARKERS.has(m));
const HOW_TO_MARKERS_FOLDED = HOW_TO_MARKERS.map((m) => foldForMatching(m));

/**
 * The resident disagrees with the answer to their request: a dispute with a code, and without one unless it is a
 * how-to question ("thủ tục đề nghị xem xét lại như thế nào?") or a wish to file ("tôi muốn khiếu nại…").
 */
const DISPUTE_PHRASES = [
  'khong dong y voi cau tra loi',
  'khong dong y voi tra loi',
  'khong dong y cau tra loi',
  'khong dong y voi ket qua',
  'khong dong y voi phan hoi',
  'khong dong y voi cach giai quyet',
  'khong hai long voi ket qua',
  'khong hai long voi cau tra loi',
  'khong hai long voi tra loi',
  'khong hai long voi cach giai quyet',
  'chua hai long voi ket qua',
  'chua hai long voi cau tra loi',
  'tra loi chua thoa dang',
  'tra loi khong thoa dang',
  'mo lai yeu cau',
  'mo lai don',
  'mo lai phan anh',
  'mo lai khieu nai',
  'de nghi giai quyet lai',
  'de nghi xu ly lai',
];
/** The answer the resident got to their own request ("câu trả lời về đơn của tôi", "xã trả lời phản ánh của em"). */
const REPLY_TO_OWN_REQUEST = [
  'cau tra loi ve don',
  'cau tra loi cho don',
  'tra loi phan anh',
  'tra loi don',
  'duoc tra loi la',
];
/** …is wrong, or changed nothing. */
const REPLY_IS_WRONG = ['khong dung', 'sai su that', 'khong chap nhan', 'ko chap nhan', 'van', 'y nguyen', 'gi dau'];

/**
 * "Still not resolved": a dispute unless the message describes a problem of its own ("đường bị ngập mấy tháng
 * chưa được giải quyết" is a new petition) or asks how something works.
 */
const UNRESOLVED_PHRASES = [
  'chua duoc giai quyet',
  'chua giai quyet',
  'chua duoc xu ly xong',
  'chua xu ly xong',
  'chua duoc xu ly dut diem',
  'chua giai quyet dut diem',
];
/** What "(đề nghị) xem xét lại …" may be about for it to mean the resident's request, not a new matter. */
const RECONSIDER_OBJECTS = [
  'yeu cau',
  'don',
  'phan anh',
  'kien nghi',
  'khieu nai',
  'to cao',
  'cau tra loi',
  'tra loi',
  'ket qua',
  'viec giai quyet',
  'cach giai quyet',
  'van de',
  'vu viec',
];
/** Words that may stand between "xem xét lại" and its object, or after it: "xem xét lại giúp tôi ạ". */
const RECONSIDER_FILLER = new Set([...POLITE_REQUEST_WORDS, 'cua']);
/** A reason or a polite question after "xem xét lại" ("… vì đường vẫn chưa sửa", "… được không") still means the request. */
const RECONSIDER_TAILS = ['vi', 'boi vi', 'tai vi', 'do', 'nhung', 'duoc khong'];

/** "xem xét lại" about the resident's request ("đề nghị xem xét lại yêu cầu"), not "xem xét lại quyết định thu hồi đất". */
function asksToReconsider(folded: string, hasCode: boolean): boolean {
  const at = ` ${folded} `.indexOf(' xem xet lai ');
  if (at < 0) return false;
  if (hasCode) return true;
  const words = folded
    .slice(at + 'xem xet lai'.length)
    .split(' ')
    .filter(Boolean);
  while (words.length > 0 && RECONSIDER_FILLER.has(words[0] as string)) words.shift();
  const rest = words.join(' ');
  return (
    rest === '' || [...RECONSIDER_OBJECTS, ...RECONSIDER_TAILS].some((o) => rest === o || rest.startsWith(`${o} `))
  );
}

const INTAKE_KIND_WORDS: Array<[IntakeKind, string[]]> = [
  ['denunciation', ['to cao']],
  ['complaint', ['khieu nai']],
  ['petition', ['phan anh', 'kien nghi', 'gop y', 'phan nan']],
];

/** A problem described in free text (petition material), e.g. "đường xóm tôi bị ngập mấy hôm nay không ai xử lý". */
const CONCRETE_PROBLEM_PHRASES = [
  'bi ngap',
  'ngap nuoc',
  'ngap ung',
  'ngap lut',
  'hu hong',
  'bi hong',
  'hong hoc',
  'o nhiem',
  'rac thai',
  'vut rac',
  'do rac',
  'bai rac',
  'boc mui',
  'hoi thoi',
  'tieng on',
  'gay on',
  'on ao',
  'mat dien',
  'mat nuoc',
  'cup dien',
  'cup nuoc',
  'sat lo',
  'lan chiem',
  'lan chiem dat',
  'xay dung trai phep',
  'xay trai phep',
  'khong phep',
  'nhung nhieu',
  'gay kho de',
  'hach sach',
  'doi tien',
  'voi tien',
  'o ga',
  'ho ga',
  'den duong hong',
  'cay do',
  'tai nan',
  'lan duong',
  'chiem via he',
  'chiem long duong',
  'dot rac',
  'khoi bui',
  'nuoc thai',
  'xa thai',
];
/** Generic "nobody handles it" words: they do not make "vẫn chưa được giải quyết" a new problem. */
const GENERIC_PROBLEM_PHRASES = [
  'khong ai xu ly',
  'khong ai giai quyet',
  'chua duoc giai quyet',
  'chua ai xu ly',
  'khong xu ly',
  'buc xuc',
];
const PROBLEM_PHRASES = [...CONCRETE_PROBLEM_PHRASES, ...GENERIC_PROBLEM_PHRASES];

/** Words saying what about a procedure is asked (fee, documents, time, place…). */
const ASPECT_PHRASES = [
  'le phi',
  'phi',
  'bao nhieu tien',
  'tien',
  'ho so',
  'giay to',
  'thanh phan',
  'thoi han',
  'thoi gian',
  'bao lau',
  'may ngay',
  'bao nhieu ngay',
  'o dau',
  'noi nop',
  'nop',
  'co quan',
  'dieu kien',
  'ket qua',
  'trinh tu',
  'cac buoc',
  'quy trinh',
  'cach thuc',
  'lam the nao',
  'nhu the nao',
  'the nao',
  'can cu',
  'mau don',
  'to khai',
  'truc tuyen',
  'online',
  'mien giam',
  'doi tuong',
  'ai duoc',
  'can gi',
  'can nhung gi',
  'gom gi',
  'gom nhung gi',
];

/** Syllables that carry no procedure name: fillers, pronouns, aspect and question words. */
const NON_NAMING = new Set(
  `con the thi sao vay a nhi nhe nha la bao nhieu cua no nay do cai ra gio het khoang phai co khong can xin hoi cho toi
   minh em ban anh chi thu tuc duoc nhan ket qua ai may dong vnd mien giam bang nhung gi dang luc khi le phi ho so giay to
   thoi han gian lau ngay o dau noi nop quan nao dieu kien trinh tu buoc cac quy cach thuc lam nhu can cu mau don khai truc
   tuyen online tien mat gom phan thanh doi tuong the vay thi sao ve them nua tiep ha u uh ok roi luon voi va hay hoac
   cung de duoc biet muon vui long giup hoi chut`
    .split(/\s+/)
    .filter(Boolean),
);

function commandIntent(text: string): Intent | undefined {
  const match = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const name = (match[1] as string).toLowerCase();
  const arg = (match[2] ?? '').trim();
  const entry = COMMANDS[name];
  if (entry === undefined) return { kind: 'help' };
  return typeof entry === 'function' ? entry(arg) : entry;
}

function stripLeadingGreeting(folded: string): string {
  for (const greeting of [...GREETINGS].sort((a, b) => b.length - a.length)) {
    if (folded === greeting || folded.startsWith(`${greeting} `)) {
      const words = folded.slice(greeting.length).trim().split(' ').filter(Boolean);
      // drop the address words right after the greeting ("chào bạn", "chào anh chị")
      while (words.length > 0 && POLITE_FILLER.has(words[0] as string)) words.shift();
      const rest = words.join(' ');
      return withoutPolitePhrases(rest)
        .split(' ')
        .every((w) => w === '' || POLITE_FILLER.has(w))
        ? ''
        : rest;
    }
  }
  return folded;
}

function isOnlyThanks(folded: string): boolean {
  let rest = ` ${withoutPolitePhrases(folded)} `;
  for (const t of [...THANKS].sort((a, b) => b.length - a.length)) rest = rest.split(` ${t} `).join(' ');
  if (rest === ` ${withoutPolitePhrases(folded)} `) return false;
  return rest
    .trim()
    .split(' ')
    .filter(Boolean)
    .every((w) => POLITE_FILLER.has(w));
}

function intakeKindOf(folded: string): IntakeKind | undefined {
  for (const [kind, words] of INTAKE_KIND_WORDS) if (hasAny(folded, words)) return kind;
  return undefined;
}

/**
 * True when the question names only an aspect (fee, documents…) and no procedure:
 * "còn lệ phí thì sao?", "thế hồ sơ gồm gì?", "mất bao lâu?".
 */
export function isAspectOnly(folded: string): boolean {
  if (!hasAny(folded, ASPECT_PHRASES)) return false;
  return folded.split(' ').filter(Boolean).length <= 12 && !namesSomething(folded);
}

/**
 * The question actually asked for a follow-up: the resident's words plus the procedure's name, so that any
 * retriever (and a person reading the staff queue) sees what "còn lệ phí thì sao?" is about. Sent with its focusCode.
 */
export function followUpQuestion(question: string, title: string): string {
  return title.trim() === '' ? question : `${question} (${title.trim()})`;
}

/** True when some word could be part of a procedure's name (not a filler, pronoun, aspect or question word). */
export function namesSomething(folded: string): boolean {
  return folded
    .split(' ')
    .filter(Boolean)
    .some((w) => !NON_NAMING.has(w) && !/^\d+$/.test(w));
}

/** `alreadyFolded`: `foldForMatching(text)`, when the caller has it. */
export function classifyText(text: string, alreadyFolded?: string): Intent {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'unreadable' };
  if (trimmed.startsWith('/')) {
    const command = commandIntent(trimmed);
    if (command) return command;
  }
  if (/^(\s*👍[\u{1F3FB}-\u{1F3FF}]?)+\s*$/u.test(trimmed)) return { kind: 'rate', rating: 'up' };
  if (/^(\s*👎[\u{1F3FB}-\u{1F3FF}]?)+\s*$/u.test(trimmed)) return { kind: 'rate', rating: 'down' };

  const folded = alreadyFolded ?? foldForMatching(trimmed);
  if (folded === '' || !/[\p{L}\p{N}]/u.test(folded)) return { kind: 'unreadable' };
  // "dừng" (stop) and "đúng" (right) fold alike: typed with accents, "đúng" is an answer, never a cancel
  if (CANCEL_WORDS.has(folded) && !/đúng/iu.test(trimmed)) return { kind: 'cancel' };

  const code = findTrackingCode(trimmed);
  // with a code, a dispute phrase wins over the lookup: the resident is told what pressing the button will do first
  if (code) return isDisputeWithCode(folded) ? { kind: 'dispute', code } : { kind: 'track', code };

  const body = stripLeadingGreeting(folded);
  if (body === '') return { kind: 'greeting' };
  if (isOnlyThanks(body)) return { kind: 'thanks' };
  if (HELP_EXACT.has(body) || (wordCount(body) <= 8 && hasAny(body, HELP_PHRASES))) return { kind: 'help' };
  // "Trang này dùng để làm gì vậy? Tôi hỏi thủ tục ở đây được không…": the first sentence asks what the desk does
  // sentences are worked out once per message, and only for messages that may need them
  let segments: Segment[] | undefined;
  const sentences = () => (segments ??= splitSegments(trimmed, foldForMatching));
  if (hasAny(body, HELP_PHRASES)) {
    const first = sentences()[0];
    if (first && wordCount(first.folded) <= 8 && hasAny(first.folded, HELP_PHRASES)) return { kind: 'help' };
  }

  const hasQuestionMarker = questionMarkerTest(trimmed, body);
  const isQuestion = trimmed.includes('?') || hasQuestionMarker();
  if (isDisputeWithoutCode(body, hasQuestionMarker)) return { kind: 'dispute' };
  if (hasAny(body, ERASE_VERBS) && hasAny(body, PERSONAL_DATA)) return { kind: 'privacy_erase' };
  if (wordCount(body) <= 14 && hasAny(body, REPORT_PHRASES)) return { kind: 'privacy_report' };
  if (!isQuestion && wordCount(body) <= 10 && hasAny(body, CANCEL_PHRASES)) return { kind: 'cancel' };
  if (hasAny(body, HUMAN_PHRASES)) return { kind: 'human' };
  if (
    isBareTrackRequest(body) ||
    (wordCount(body) <= 12 && hasAny(body, TRACK_PHRASES)) ||
    (wordCount(body) <= 20 && hasAny(body, STRONG_TRACK_PHRASES))
  )
    return { kind: 'track' };

  const intakeKind = intakeKindOf(body);
  const files = intakeKind !== undefined && (wantsFiling(body) || declaresFiling(body));
  const grievance = findGrievance(sentences, body);
  if (grievance) {
    const ticketKind = (files ? intakeKind : undefined) ?? grievance.ticketKind;
    // a grievance with a question of its own: answer the question, then offer to file the grievance
    if (grievance.questions.length > 0)
      return {
        kind: 'ask',
        question: grievance.questions.join('. '),
        aspectOnly: false,
        grievance: { ticketKind, description: trimmed },
      };
    return { kind: 'intake', ticketKind, explicit: files, description: trimmed };
  }
  if (files && intakeKind) {
    // "tôi muốn tố cáo. Người tố cáo có phải ghi tên thật không?": filing, and a question besides
    const isFiling = (f: string) => wantsFiling(f) || declaresFiling(f);
    // the wish to file is the resident's own ("tôi muốn tố cáo"), not a question about filing ("… thì làm đơn khiếu nại?")
    const filed = sentences().some((s) => isFiling(s.folded) && !isInfoQuestion(s) && FIRST_PERSON.test(s.folded));
    const questions = sentences().filter((s) => !isFiling(s.folded) && isInfoQuestion(s));
    if (filed && questions.length > 0)
      return {
        kind: 'ask',
        question: questions.map((q) => q.text).join('. '),
        aspectOnly: false,
        grievance: { ticketKind: intakeKind, description: trimmed },
      };
  }
  if (intakeKind) {
    const bare = INTAKE_KIND_WORDS.some(([, words]) => words.includes(body)) || body === 'gui don';
    if (bare || (wantsFiling(body) && !isQuestion)) return { kind: 'intake', ticketKind: intakeKind, explicit: true };
    // "khiếu nại thế nào?", "thủ tục tố cáo": a question about the procedure, with the intake offered next to the answer
    return { kind: 'ask', question: trimmed, aspectOnly: false, offerIntake: intakeKind };
  }
  // "tôi muốn gửi đơn", "nộp đơn": filing something, kind not said yet
  if (!isQuestion && /(^| )(gui|nop|lam|viet) don( |$)/.test(body) && wordCount(body) <= 8) {
    return { kind: 'intake', explicit: true };
  }
  if (!isQuestion && wordCount(body) >= 4 && hasAny(body, PROBLEM_PHRASES)) {
    return { kind: 'intake', ticketKind: 'petition', explicit: false, description: trimmed };
  }
  return { kind: 'ask', question: trimmed, aspectOnly: isAspectOnly(body) };
}

function isDisputeWithCode(folded: string): boolean {
  return hasAny(folded, DISPUTE_PHRASES) || hasAny(folded, UNRESOLVED_PHRASES) || asksToReconsider(folded, true);
}

/**
 * A dispute typed without a code: "không đồng ý với câu trả lời", "vấn đề vẫn chưa được giải quyết". Not a how-to
 * question ("thủ tục đề nghị xem xét lại thế nào?"), not a wish to file ("tôi muốn khiếu nại…"), and a bare
 * "chưa được giải quyết" only when no concrete problem is described ("đường bị ngập chưa được giải quyết" is a new one)
 * or the answer is named.
 */
function isDisputeWithoutCode(folded: string, hasQuestionMarker: QuestionMarkerTest): boolean {
  const isStrong =
    hasAny(folded, DISPUTE_PHRASES) ||
    asksToReconsider(folded, false) ||
    (hasAny(folded, REPLY_TO_OWN_REQUEST) && hasAny(folded, REPLY_IS_WRONG));
  const isUnresolved =
    hasAny(folded, UNRESOLVED_PHRASES) &&
    (!hasAny(folded, CONCRETE_PROBLEM_PHRASES) || hasAny(folded, ['cau tra loi', 'ket qua tra loi']));
  if (!isStrong && !isUnresolved) return false;
  if (hasQuestionMarker(HOW_TO_MARKERS, HOW_TO_MARKERS_FOLDED)) return false;
  return !(intakeKindOf(folded) && wantsFiling(folded));
}

const FIRST_PERSON = /(^| )(toi|em|e|minh|tui|chung toi)( |$)/;

/** "Tôi khiếu nại quyết định…", "tôi tố cáo ông…": the resident files in the very words, without "muốn". */
function declaresFiling(folded: string): boolean {
  return /(^| )(toi|em|minh|chung toi|gia dinh toi) (xin )?(khieu nai|to cao|kien nghi)( |$)/.test(folded);
}

function wantsFiling(folded: string): boolean {
  // "tôi muốn (gửi) phản ánh", "cần khiếu nại", "gửi đơn tố cáo", "nộp đơn khiếu nại"
  return (
    /(^| )(toi |minh |em )?(muon|can|xin) (gui |nop |lam |viet )?(don |y kien )?(phan anh|kien nghi|khieu nai|to cao|gop y)/.test(
      folded,
    ) || /(^| )(gui|nop|lam|viet) (don |y kien |mot )?(phan anh|kien nghi|khieu nai|to cao|gop y)/.test(folded)
  );
}

/** A typed rating is a short reply, not a sentence about something else ("chứng từ đã lập sai rồi"). */
const MAX_RATING_WORDS = 6;
/** Longest first: "không hữu ích" must not be read as "hữu ích". */
const NEGATIVE_RATINGS = [
  'khong chinh xac',
  'chua chinh xac',
  'khong huu ich',
  'chua huu ich',
  'tra loi sai',
  'khong dung',
  'chua dung',
  'sai roi',
  'sai',
];
const POSITIVE_RATINGS = ['rat huu ich', 'chinh xac', 'huu ich', 'tot lam', 'rat tot', 'dung roi'];
/** What may surround a rating phrase: thanks, address and polite words, words naming the answer. */
const RATING_FILLER = new Set([
  ...POLITE_FILLER,
  'cam',
  'on',
  'thank',
  'thanks',
  'tks',
  'camon',
  'qua',
  'that',
  'day',
  'nay',
  'cau',
  'tra',
  'loi',
  'thong',
  'tin',
]);

/**
 * The resident's verdict on an answer typed in words: "hữu ích", "cảm ơn, đúng rồi", "chính xác", "tốt lắm", "rất hữu
 * ích" (up); "sai rồi", "không đúng", "không chính xác", "chưa đúng", "không hữu ích", "trả lời sai" (down) — with or
 * without diacritics, at most six words, nothing else said. Whether it rates anything is the engine's call: only
 * when an answer was given lately ("sai rồi" out of the blue is a question like any other). `alreadyFolded`:
 * `foldForMatching(text)`, when the caller has it.
 */
export function typedRating(text: string, alreadyFolded?: string): 'up' | 'down' | undefined {
  if (text.includes('?')) return undefined; // "chính xác không?" asks, it does not rate
  const folded = alreadyFolded ?? foldForMatching(text);
  if (folded === '' || wordCount(folded) > MAX_RATING_WORDS) return undefined;
  for (const [rating, phrases] of [
    ['down', NEGATIVE_RATINGS],
    ['up', POSITIVE_RATINGS],
  ] as const) {
    const phrase = phrases.find((p) => has(folded, p));
    if (phrase === undefined) continue;
    const rest = ` ${folded} `.replace(` ${phrase} `, ' ').trim();
    return rest === '' || rest.split(' ').every((w) => RATING_FILLER.has(w)) ? rating : undefined;
  }
  return undefined;
}

/**
 * Interrogative words only: unlike QUESTION_MARKERS, no topic words ("lệ phí", "hồ sơ", "thủ tục"), which a 👎 reason
 * uses too ("thông tin lệ phí đã cũ").
 */
const INTERROGATIVE_MARKERS = [
  ...HOW_TO_MARKERS.filter(
    (m) =>
      ![
        'thủ tục',
        'hồ sơ',
        'lệ phí',
        'thời hạn',
        'quy định',
        'mẫu đơn',
        'thời hiệu',
        'trình tự',
        'thẩm quyền',
      ].includes(m),
  ),
  ...YES_NO_MARKERS,
  'là gì',
  'gồm gì',
  'gồm những gì',
  'khi nào',
  'mấy ngày',
  'cho hỏi',
  'xin hỏi',
];
const INTERROGATIVE_MARKERS_FOLDED = INTERROGATIVE_MARKERS.map((m) => foldForMatching(m));

/**
 * Typed text that is clearly a new request rather than the answer a step waits for (a 👎 reason, a tracking code,
 * a yes or no): a question (a "?" or an interrogative word), a wish to file, a tracking code or lookup, a dispute
 * with its code, asking for a person, help, a greeting, thanks, the resident's data. Returns its intent, or undefined
 * when the text may well be the step's answer ("thông tin đã cũ", "không đồng ý với câu trả lời"). `intent` and
 * `alreadyFolded`: `classifyText(text)` and `foldForMatching(text)`, when the caller has them.
 */
export function anotherRequest(text: string, intent = classifyText(text), alreadyFolded?: string): Intent | undefined {
  switch (intent.kind) {
    case 'ask': {
      const folded = alreadyFolded ?? foldForMatching(text);
      const asks =
        text.includes('?') || questionMarkerTest(text, folded)(INTERROGATIVE_MARKERS, INTERROGATIVE_MARKERS_FOLDED);
      return asks ? intent : undefined;
    }
    case 'intake':
      return intent.explicit ? intent : undefined;
    case 'dispute':
      return intent.code ? intent : undefined;
    case 'track':
    case 'human':
    case 'help':
    case 'greeting':
    case 'thanks':
    case 'privacy_report':
    case 'privacy_erase':
    case 'rate_prompt':
      return intent;
    case 'rate':
    case 'cancel':
    case 'unreadable':
      return undefined;
  }
}

/** The default classifier: the rules above, synchronous and without a model. */
export function createRuleClassifier(): IntentClassifier {
  return { classify: ({ text }) => classifyText(text) };
}
