// Tells a grievance of the resident's own from a question, however it is phrased: "nộp hồ sơ từ tháng 6 đến giờ chưa
// ai trả lời là sao?" is a delay to file, "mẫu đơn khiếu nại lấy ở đâu?" a question to answer. Works on folded text.
import type { IntakeKind } from '../ports.js';

/** Cues are regular expressions over folded text (lower-case, no accents, single spaces), matched on word edges. */
function cue(source: string): RegExp {
  return new RegExp(`(?:^| )(?:${source})(?= |$)`);
}
const anyOf = (cues: readonly RegExp[], folded: string) => cues.some((c) => c.test(folded));

const NUMBER = '(?:\\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|may|vai|nhieu|hon)';
const UNIT = '(?:ngay|tuan|thang|nam)';

/** Time gone by since something was filed or reported: "từ tháng 6", "3 tháng trước", "cả tuần nay", "đến giờ". */
const TIME_ELAPSED = [
  cue(`tu (?:thang|nam|ngay|tuan|dau|hoi|truoc|sau)`),
  cue(`${NUMBER} ${UNIT}(?: lam viec)?(?: nay| roi| r| truoc| qua| lien)`),
  cue(`${NUMBER} ${UNIT} (?:van|ma|chua|khong|ko|k|vay|nay)`),
  cue(`(?:ca|may|nhieu|mấy) (?:ngay|tuan|thang|nam|hom) (?:nay|roi|qua|lien)`),
  cue(`(?:ca|may) (?:tuan|thang) nay`),
  cue(`den (?:nay|gio|hom nay|bay gio|thang \\d+|nay thang \\d+)`),
  cue(`(?:qua|tre|lo) hen`),
  cue(`qua han`),
  cue(`giay hen`),
  cue(`hen (?:\\d+|mot|hai|ba) (?:ngay|thang)`),
  cue(`lau (?:roi|r|lam)`),
  cue(`(?:hoi|bao|phan anh|nhac|len|goi) mai`),
  cue(`(?:ngap|hong|tat|vo) mai`),
  cue(`(?:\\d+|nhieu|bao nhieu|may|vai) lan(?: roi)?`),
  cue(`di lai`),
];

/** Nothing came of it: "chưa ai trả lời", "vẫn chưa có", "không ai sửa", "gọi không ai nghe máy", "cứ bảo chờ". */
const NO_RESPONSE = [
  cue(`(?:van |ma |cung )?(?:chua|khong|ko|k|chang) (?:ai|thay ai|thay|co ai|co nguoi)`),
  cue(`(?:van )?chua (?:co|duoc|nhan|xong|sua|lam|thay|xu ly|giai quyet|tra loi|cap)`),
  cue(`van (?:chua|dang|khong|ko|bo do|the|vay|y nguyen|tat)`),
  cue(`(?:khong|ko|k|chua) (?:tra loi|nghe may|xuong|sua|lam|xu ly|giai quyet|thay)`),
  cue(`(?:cu|chi) bao (?:cho|doi|ve|len)`),
  cue(`bao cho`),
  cue(`hen len hen xuong`),
  cue(`dang xu ly`),
  cue(`bo do`),
  cue(`cham`),
  cue(`bao gio (?:\\S+ ){0,3}moi`),
];

/** Harm to people, homes, roads, water or air; broken public works; pollution and nuisance. */
const HARM = [
  // short words mean other things alone ("vợ", "cổng tắc", "khởi công", "ngã tư"): only with what shows the damage
  cue(`bi (?:ngap|sap|gay|vo|nut|lun|hong|tac|muc|thung|nat|sat lo|do|chay)`),
  cue(`(?:sap|gay|vo|nut|lun|hong|tac|muc|thung|nat) (?:roi|r|het|ca|mat|tuong|lien|tu|mai|lau|d+)`),
  cue(`(?:ngap|ngap ung|ngap trang|tran (?:xuong|vao|ra)|sut lun|nut tuong|dot nat|hu hong|xuong cap|cay nat|sat lo)`),
  cue(`o (?:ga|voi)`),
  cue(
    `(?:o nhiem|mui hoi|hoi thoi|boc mui|mui tanh|duc ngau|mau den|ca chet|ruoi nhang|tieng on|on ao|xa thai|nuoc thai|xa (?:thang|ra))`,
  ),
  cue(`(?:khoi|bui) (?:mu|bay|den|bam|than)`),
  cue(`on (?:khong|ko|qua|lam|tu|ca|den)`),
  cue(`(?:mat dien|mat nuoc|cup dien|cup nuoc|tat ngom|toi om)`),
  cue(`den (?:duong|tin hieu|chieu sang)? ?(?:\\S+ ){0,4}(?:tat|hong)`),
  cue(`(?:nguy hiem|tai nan|nga lien tuc|nga xe|suyt)`),
  cue(`(?:khong co thuoc|ra ngoai mua)`),
];

/** Officials' misconduct, unlawful charges, fraud and abuse: what a denunciation or a complaint is about. */
const MISCONDUCT = [
  cue(`(?:nhung nhieu|hach sach|gay kho de|gay phien ha|quat mang|kho nghe|thai do|bo vi tri|khong co ai)`),
  cue(`(?:an chan|an bot|tham o|bien thu|rut tien|boi duong|lai qua|phong bi)`),
  cue(`(?:doi|voi|dua them|dua) (?:tien|\\d+)`),
  cue(`moi (?:lam|cap|ky|giai quyet|xac nhan)`),
  cue(`(?:thu|bat (?:\\S+ ){0,3}(?:nop|dong|dua|hoc))`),
  cue(`(?:khong|ko|k) (?:co )?(?:phieu thu|van ban|cong khai|quyet dinh)`),
  cue(`(?:trai phep|khong phep|lan chiem|vuot ranh gioi|chat pha)`),
  cue(`(?:xe cong|nguoi nha|nguoi da chet|ky nhan|chung tu)`),
];

/** A decision or act of an authority against the resident: what a complaint contests. */
const ADVERSE_ACT = [
  cue(`(?:bi )?cat (?:che do|tro cap|hoc bong|the|bhyt|ten|ho tro|chinh sach)`),
  cue(`bi (?:cat|phat|thu hoi|cuong che|dua ra khoi|tu choi|bac|tra lai|ghi sai|tinh sai|xu phat|ra quyet dinh)`),
  cue(`(?:khong|ko|chua) (?:cap|xac nhan|boi thuong|chiu ky|ky|cho huong|tiep nhan)`),
  cue(`(?:tu choi|bac don|tra lai ho so|ghi sai|sai muc|dang le|thap hon|chi (?:\\d+|co))`),
  cue(`(?:toi |em |minh )?(?:khong|ko) (?:dong y|chap nhan) (?:voi )?(?:quyet dinh|viec|phuong an|ket qua do|muc)`),
  cue(`khong chap nhan`),
  // a charge laid on the resident's own household: "xã thu của nhà em 200k", "bắt gđ em nộp 3tr"
  cue(`(?:thu|bat) (?:cua )?(?:nha |gd |gia dinh )?(?:toi|em|e|minh)`),
  cue(`gia boi thuong`),
];

/** The harm is the resident's own, or a place they name: "nhà tôi", "con em", "thôn Nà Cà", "cạnh nhà", "hôm qua". */
const OWN = [
  cue(
    `(?:nha|con|bo|me|ong|ba|vo|chong|gia dinh|gd|ruong|dat|duong|xom|thon|ban|khu|to|ho so|hs|the|tuong|san) (?:toi|em|e|minh|tui)`,
  ),
  cue(`(?:cua|cho) (?:toi|em|e|minh|tui|nha toi|nha em|con toi|con em|gia dinh toi)`),
  cue(`(?:toi|em|e|minh|tui) (?:nop|gui|lam|dang ky|dk|bao|bi|phan anh|da)`),
  cue(`(?:ba con|ca xom|ca lang|ca khu|ca thon|nha dan|bo toi|me toi|me em|bo em)`),
  cue(`(?:thon|xom|ban|ngo|to|khu|duong|cho|truong|tram y te|canh nha|dau ngo|dau ban|dau thon|truoc nha) \\S+`),
  cue(`(?:hom qua|sang nay|toi qua|dem qua|hom nay|nam ngoai|thang truoc|tuan truoc)`),
];

/** A rule asked about in general, not a case told: "nếu…", "mức phạt", "hành vi … thì bị xử lý…", "thì được hỗ trợ". */
const GENERIC = [cue(`neu`), cue(`(?:muc phat|hanh vi|theo quy dinh|quy dinh (?:ve|cua|hien hanh)|theo van ban nao)`)];
/** "… thì được / bị …": a rule asked about, unless a person is named ("cô chủ nhiệm … không đi học thì bị điểm thấp"). */
const CONDITIONAL = cue(`thi (?:duoc|bi|co bi|phai|co phai|lam|xin|nop|can|co duoc|con duoc)`);

/** Asking on top of the grievance: "cho hỏi", "tiện hỏi luôn", "đồng thời hỏi", "em muốn hỏi thủ tục…". */
const ASKING = [
  cue(`(?:cho (?:toi |em |e |minh )?hoi|xin hoi|muon hoi|hoi luon|hoi them|tien hoi|dong thoi hoi|nhan tien)`),
];
/** What an answerable question asks for: documents, fee, time, place, whether something is needed. */
const INFO = [
  cue(`(?:giay to|ho so|hs|thu tuc|le phi|phi|dieu kien|mau don|trinh tu) (?:gi|nao|the nao|nhu the nao|o dau)`),
  cue(`(?:can|mang|gom|bo sung|dung) (?:\\S+ ){0,3}(?:gi|nhung gi)`),
  cue(`(?:bao lau|bao nhieu(?! lan)|may ngay|the nao|nhu the nao|lam the nao|o dau|co quan nao|khi nao|thoi diem nao)`),
  cue(`(?:co|co can|co phai|co duoc|co bat buoc|can) (?:\\S+ ){0,8}(?:khong|ko|k|hay khong)(?: a| vay| nhi| ha)?$`),
  cue(`(?:thu tuc|cach) (?:\\S+ ){0,6}(?:the nao|ra sao|gi)`),
];
/**
 * A question about the grievance itself, not for information: "là sao?", "sao chậm vậy?", "có đúng không?",
 * "ai đền?", "bao giờ mới có người sửa?", "cơ quan nào chịu trách nhiệm đây?", "vậy rốt cuộc … bao lâu?".
 */
const RHETORICAL = [
  cue(`(?:la sao|sao (?:lai|cham|khong|ko|chua|vay)|tai sao|vi sao|the la the nao|de lam gi|di dau)`),
  cue(
    `(?:co dung (?:khong|ko|k)|dung (?:khong|ko)|duoc chu|ai den|ai chiu|chiu trach nhiem|rot cuoc|cho phep lam vay)`,
  ),
  cue(`bao gio (?:\\S+ ){0,4}moi`),
  cue(`(?:gio |vay gio |the gio )?lam sao(?: day| vay| a)?$`),
  cue(`(?:biet lam sao|nhu the nay|nhu nay|nhu the|nhu vay|cai nay|vay thi|vay la)`),
  cue(`(?:cua toi|cua em|cua minh) (?:\\S+ ){0,3}(?:o dau|den dau|toi dau)`),
];
/** A question can start by pointing back at what was just told: "Vậy …", "Thế …". */
const POINTS_BACK = /^(?:vay|the|the thi|vay thi|ma sao|sao)(?: |$)/;

export interface Segment {
  /** The words as typed. */
  text: string;
  folded: string;
  /** It ended with a question mark. */
  asks: boolean;
}

/**
 * Sentences, and a sentence cut where it turns to another matter: ", giờ muốn…", ", đồng thời hỏi…", ": làm…".
 */
export function splitSegments(text: string, fold: (s: string) => string): Segment[] {
  const parts = text.split(
    /([.?!;:\n]+|,(?=\s*(?:giờ|gio|mà|ma|đồng thời|dong thoi|với lại|voi lai|nhân tiện|nhan tien|cho hỏi|cho hoi|xin hỏi|xin hoi)[\s,]))/iu,
  );
  const segments: Segment[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const part = (parts[i] ?? '').trim();
    const folded = fold(part);
    if (folded !== '') segments.push({ text: part, folded, asks: (parts[i + 1] ?? '').includes('?') });
  }
  return segments;
}

export interface GrievanceCues {
  delay: boolean;
  harm: boolean;
  misconduct: boolean;
  adverse: boolean;
}

const CUES = [...TIME_ELAPSED, ...HARM, ...MISCONDUCT, ...ADVERSE_ACT];

function cuesOf(folded: string): GrievanceCues {
  return {
    delay: anyOf(TIME_ELAPSED, folded) && anyOf(NO_RESPONSE, folded),
    harm: anyOf(HARM, folded),
    misconduct: anyOf(MISCONDUCT, folded),
    adverse: anyOf(ADVERSE_ACT, folded),
  };
}

/** A segment that asks for information (not about the grievance itself). */
export function isInfoQuestion(segment: Segment): boolean {
  const f = segment.folded;
  if (anyOf(RHETORICAL, f) || POINTS_BACK.test(f)) return false;
  if (anyOf(ASKING, f)) return true;
  return anyOf(INFO, f) && (segment.asks || /(?:^| )(?:khong|ko|k|gi|nao|dau|vay|a)$/.test(f));
}

/** A segment that tells a grievance of the resident's own, however it ends. */
function tellsGrievance(segment: Segment, wholeFolded: string): GrievanceCues | undefined {
  const c = cuesOf(segment.folded);
  if (!c.delay && !c.harm && !c.misconduct && !c.adverse) return undefined;
  if (anyOf(GENERIC, segment.folded)) return undefined;
  if (CONDITIONAL.test(segment.folded) && !PERSON.test(segment.folded)) return undefined;
  if (!anyOf(OWN, segment.folded) && !anyOf(OWN, wholeFolded) && !c.delay && !(c.harm && c.misconduct))
    return undefined;
  return c;
}

/** A person named by role or title: "ông trưởng thôn", "kế toán xã", "chủ tịch xã", "cô chủ nhiệm", "bác sĩ". */
const PERSON = cue(
  `(?:ong|ba|anh|chi|co|thay) (?:[a-z]+ )?(?:[a-z]\\b|truong|chu tich|pho|can bo|ke toan|chu nhiem|bac si|giao vien|\\S+ \\S+ s|ly|nguyen|tran|le|pham|hoang)|truong thon|chu tich|pho chu tich|ke toan|bac si|can bo (?:lao dong|dia chinh|tu phap|\\S+ xa)`,
);
/** Unlawful gain or abuse of office: a denunciation when someone is named. */
const DENOUNCE = [
  cue(
    `(?:an chan|an bot|tham o|bien thu|rut tien|boi duong|lai qua|phong bi|xe cong|nguoi da chet|trai phep|khai thac)`,
  ),
  cue(`(?:doi|dua them|dua) (?:tien|\\d+)`),
  cue(`bat (?:\\S+ ){0,3}(?:hoc them|dua|nop)`),
  cue(`(?:ky nhan|chung tu) (?:\\S+ ){0,12}(?:khong|chua|ma)`),
  cue(`lan chiem`),
];

export interface Grievance {
  ticketKind: IntakeKind;
  /** The segments that ask for information, as typed (empty when nothing else is asked). */
  questions: string[];
}

function kindFor(folded: string, cues: GrievanceCues): IntakeKind {
  if (anyOf(DENOUNCE, folded) && PERSON.test(folded)) return 'denunciation';
  if (cues.adverse) return 'complaint';
  return 'petition';
}

/**
 * The resident's own grievance told in the message, if any, with what it asks besides. `sentences`: the message's
 * sentences (splitSegments), worked out only when needed; `folded`: the whole message folded.
 */
export function findGrievance(sentences: () => readonly Segment[], folded: string): Grievance | undefined {
  // no cue anywhere in the message: no sentence can tell a grievance (and the message need not be cut)
  if (!anyOf(CUES, folded)) return undefined;
  const segments = sentences();
  const told: GrievanceCues[] = [];
  const questions: string[] = [];
  for (const segment of segments) {
    const asks = isInfoQuestion(segment);
    const cues = asks ? undefined : tellsGrievance(segment, folded);
    if (cues) told.push(cues);
    else if (asks) questions.push(segment.text);
  }
  if (told.length === 0) return undefined;
  const merged: GrievanceCues = {
    delay: told.some((c) => c.delay),
    harm: told.some((c) => c.harm),
    misconduct: told.some((c) => c.misconduct),
    adverse: told.some((c) => c.adverse),
  };
  return { ticketKind: kindFor(folded, merged), questions };
}
