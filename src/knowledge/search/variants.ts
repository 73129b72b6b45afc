// Variants of one procedure (lần đầu / cấp lại / gia hạn…, trong nước / có yếu tố nước ngoài, cấp xã / cấp tỉnh),
// mined from the records' names, and the clarifying question to ask when the best documents are such variants and
// the resident's words do not say which one is meant.
import type { AddressForm } from '../answer/messages.js';
import type { Level, Passage } from '../types.js';
import { foldDiacritics } from '../vietnamese/index.js';

/** What a variant qualifier tells apart: the kind of issuance, a foreign element, or the level that handles it. */
export type VariantGroup = 'action' | 'foreign' | 'level';

interface Qualifier {
  group: VariantGroup;
  key: string;
  /** Shown on the option button ("Cấp lại"); lower-cased in the question ("…lần đầu hay cấp lại?"). */
  label: string;
  /** Folded phrases naming it in a procedure's name, longest first within a group. */
  names: string[];
  /** What a name phrase leaves in the base name ("đăng ký lại khai sinh" → "đăng ký khai sinh"). */
  keep?: string | undefined;
  /**
   * Words of a question that choose this variant, with diacritics. Questions typed without diacritics are
   * matched on `foldedCues` only: folded short words ("mat", "han", "doi") mean too many other things.
   */
  cues: string[];
  foldedCues: string[];
}

/**
 * "Mất" alone is no cue: "mất bao lâu", "có mất tiền không", "mẹ tôi mất" (died). Lost is "bị mất", or "mất" with
 * the paper lost.
 */
const LOST = [
  'bị mất',
  'làm mất',
  'đánh mất',
  'mất giấy',
  'mất thẻ',
  'mất sổ',
  'mất bằng',
  'mất hộ chiếu',
  'mất căn cước',
  'mất chứng chỉ',
  'mất bản',
];

const QUALIFIERS: Qualifier[] = [
  {
    group: 'action',
    key: 'lan-dau',
    label: 'Lần đầu',
    names: ['cap lan dau', 'lan dau', 'cap moi'],
    cues: ['lần đầu', 'cấp mới', 'làm mới', 'chưa có', 'chưa từng', 'đầu tiên', 'mới đẻ', 'mới sinh', 'mở'],
    foldedCues: ['lan dau', 'cap moi', 'chua co', 'chua tung', 'dau tien', 'mo quan', 'mo tiem', 'mo cua hang'],
  },
  {
    group: 'action',
    key: 'cap-lai',
    label: 'Cấp lại',
    names: ['cap lai'],
    cues: ['cấp lại', 'làm lại', 'xin lại', ...LOST, 'thất lạc', 'hỏng', 'hư', 'rách', 'cháy', 'nát', 'bị thu hồi'],
    foldedCues: ['cap lai', 'lam lai', 'xin lai', 'bi mat', 'danh mat', 'lam mat', 'that lac', 'bi hong', 'hu hong'],
  },
  {
    group: 'action',
    key: 'dang-ky-lai',
    label: 'Đăng ký lại',
    names: ['dang ky lai'],
    keep: 'dang ky',
    cues: ['đăng ký lại', 'làm lại', ...LOST, 'thất lạc', 'hỏng', 'rách', 'cháy'],
    foldedCues: ['dang ky lai', 'dk lai', 'lam lai', 'bi mat', 'that lac'],
  },
  {
    group: 'action',
    key: 'cap-doi',
    label: 'Cấp đổi',
    names: ['cap doi'],
    cues: ['đổi', 'cấp đổi'],
    foldedCues: ['cap doi', 'doi sang', 'doi lai'],
  },
  {
    group: 'action',
    key: 'gia-han',
    label: 'Gia hạn',
    names: ['gia han'],
    cues: ['gia hạn', 'hết hạn', 'kéo dài'],
    foldedCues: ['gia han', 'het han', 'keo dai'],
  },
  {
    group: 'action',
    key: 'dieu-chinh',
    label: 'Điều chỉnh',
    names: ['dieu chinh'],
    cues: ['điều chỉnh', 'sửa', 'thay đổi', 'sai', 'cải chính', 'bổ sung'],
    foldedCues: ['dieu chinh', 'thay doi', 'sua doi', 'sua lai', 'cai chinh', 'bo sung'],
  },
  {
    group: 'foreign',
    key: 'trong-nuoc',
    label: 'Trong nước',
    names: ['o trong nuoc', 'trong nuoc'],
    cues: ['trong nước'],
    foldedCues: ['trong nuoc'],
  },
  {
    group: 'foreign',
    key: 'nuoc-ngoai',
    label: 'Có yếu tố nước ngoài',
    names: ['co yeu to nuoc ngoai'],
    cues: [
      'nước ngoài',
      'ngoại quốc',
      'việt kiều',
      'định cư',
      'quốc tịch',
      'hàn',
      'nhật',
      'trung quốc',
      'đài loan',
      'mỹ',
      'lào',
      'campuchia',
      'pháp',
      'đức',
      'úc',
      'nga',
      'thái lan',
      'tây',
      'singapore',
      'malaysia',
      'canada',
    ],
    foldedCues: [
      'nuoc ngoai',
      'ngoai quoc',
      'viet kieu',
      'dinh cu',
      'quoc tich',
      'han quoc',
      'nhat ban',
      'trung quoc',
      'dai loan',
      'campuchia',
      'thai lan',
      'singapore',
      'malaysia',
      'canada',
      'chong han',
      'vo han',
      'chong tay',
      'vo tay',
      'chong nhat',
      'vo nhat',
    ],
  },
  {
    group: 'level',
    key: 'trung-uong',
    label: 'Trung ương',
    names: ['cap trung uong', 'trung uong', 'cap bo'],
    cues: ['trung ương', 'cục'],
    foldedCues: ['trung uong'],
  },
  {
    group: 'level',
    key: 'tinh',
    label: 'Cấp tỉnh',
    names: ['cap tinh'],
    cues: ['tỉnh', 'thành phố trực thuộc'],
    foldedCues: ['cap tinh', 'o tinh', 'len tinh', 'ubnd tinh', 'cong an tinh'],
  },
  {
    group: 'level',
    key: 'huyen',
    label: 'Cấp huyện',
    names: ['cap huyen'],
    cues: ['huyện', 'quận'],
    foldedCues: ['cap huyen', 'o huyen', 'len huyen'],
  },
  {
    group: 'level',
    key: 'xa',
    label: 'Cấp xã',
    names: ['cap xa'],
    cues: ['xã', 'phường', 'thị trấn'],
    foldedCues: ['cap xa', 'o xa', 'ubnd xa', 'ub xa', 'uy ban xa', 'cong an xa'],
  },
];

/** A record's own level, as a qualifier, for variants whose names are equal. */
const LEVEL_KEYS: Record<Level, string> = { xã: 'xa', tỉnh: 'tinh', 'trung ương': 'trung-uong' };

/** The default a name without a qualifier of the group stands for ("Đăng ký kết hôn" is the domestic one). */
const DEFAULTS: Partial<Record<VariantGroup, string>> = { action: 'lan-dau', foreign: 'trong-nuoc' };

/** Words of a name that say nothing about the procedure ("Thủ tục …", "(thực hiện tại cấp tỉnh)"). */
const FILLER_PHRASES = ['thu tuc', 'thuc hien tai', 'thuc hien', 'doi voi', 'trong truong hop', 'truong hop'];
const FILLER_WORDS = new Set(['tai', 'o']);

const byKey = new Map(QUALIFIERS.map((q) => [q.key, q]));

function foldName(text: string): string {
  return ` ${foldDiacritics(text.normalize('NFC'))
    .toLowerCase()
    .replace(/\(\s*[\d.]+\s*\)/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** A procedure's name read as a base name plus variant qualifiers: the catalogue entry of one record. */
export interface ProcedureVariant {
  /** The folded name without its qualifiers and filler words: equal for variants of one procedure. */
  base: string;
  /** The qualifier key per group the name states. */
  named: Partial<Record<VariantGroup, string>>;
  level?: Level | undefined;
}

/** Reads a procedure's name (and its record's level) as a base name and the qualifiers it states. */
export function describeVariant(title: string, level?: Level | undefined): ProcedureVariant {
  let text = foldName(title);
  const words0 = text.trim().split(' ');
  const named: Partial<Record<VariantGroup, string>> = {};
  for (const q of QUALIFIERS) {
    for (const name of q.names) {
      const phrase = ` ${name} `;
      if (!text.includes(phrase)) continue;
      // "Cấp lại, điều chỉnh, gia hạn giấy phép…" is one record for three kinds of issuance
      const had = named[q.group];
      if (had === undefined) named[q.group] = q.key;
      else if (!had.split('+').includes(q.key)) named[q.group] = `${had}+${q.key}`;
      text = text.split(phrase).join(` ${q.keep ?? ''} `);
    }
  }
  for (const filler of FILLER_PHRASES) text = text.split(` ${filler} `).join(' ');
  const words = text.split(' ').filter((w) => w !== '' && !FILLER_WORDS.has(w));
  // "Đổi giấy phép…" and "Cấp lại giấy phép…" name the same document as "Cấp giấy phép…"
  if (words0[0] === 'doi' && words[0] === 'doi') {
    named.action ??= 'cap-doi';
    words.shift();
  }
  if (words[0] === 'cap') words.shift();
  return { base: words.join(' '), named, level };
}

/** The qualifier of `group` a variant stands for: the one its name states, else the group's default. */
function qualifierOf(v: ProcedureVariant, group: VariantGroup): string | undefined {
  if (group === 'level') return v.named.level ?? (v.level ? LEVEL_KEYS[v.level] : undefined);
  return v.named[group] ?? DEFAULTS[group];
}

/**
 * Long names of variants are seldom word for word the same ("Cấp giấy phép xây dựng mới đối với công trình…" and
 * "Cấp lại giấy phép xây dựng đối với công trình…, sửa chữa, cải tạo…"): those of at least this many words may
 * differ in this share of them.
 */
const LONG_NAME_WORDS = 12;
const LONG_NAME_SLACK = 0.1;

function nearlySameBase(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  const longer = Math.max(wa.length, wb.length);
  if (Math.min(wa.length, wb.length) < LONG_NAME_WORDS) return false;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const w of wb) counts.set(w, (counts.get(w) ?? 0) - 1);
  let differing = 0;
  for (const n of counts.values()) differing += Math.abs(n);
  return differing <= LONG_NAME_SLACK * longer;
}

/** The one group two variants of a base differ in, or undefined (not variants, or different in several ways). */
function differingGroup(a: ProcedureVariant, b: ProcedureVariant): VariantGroup | undefined {
  if (a.base === '') return undefined;
  const same = a.base === b.base;
  if (!same && !nearlySameBase(a.base, b.base)) return undefined;
  const named = (['action', 'foreign', 'level'] as const).filter(
    (g) => (a.named[g] !== undefined || b.named[g] !== undefined) && qualifierOf(a, g) !== qualifierOf(b, g),
  );
  if (named.length === 1) return named[0];
  if (named.length > 1 || !same) return undefined;
  // equal names: the records' own levels may still tell them apart
  return qualifierOf(a, 'level') !== undefined && qualifierOf(b, 'level') !== undefined ? 'level' : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patterns = new Map<string, RegExp>();

function mentions(text: string, phrase: string): boolean {
  let pattern = patterns.get(phrase);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, 'u');
    patterns.set(phrase, pattern);
  }
  return pattern.test(text);
}

/** True when the question's own words choose this qualifier ("bị mất" → cấp lại, "chồng Hàn" → nước ngoài). */
export function questionChooses(question: string, key: string): boolean {
  if (key.includes('+')) return key.split('+').some((k) => questionChooses(question, k));
  const q = byKey.get(key);
  if (!q) return false;
  const lower = question.normalize('NFC').toLowerCase();
  const folded = foldDiacritics(lower);
  if (folded !== lower && q.cues.some((cue) => mentions(lower, cue))) return true;
  return q.foldedCues.some((cue) => mentions(folded, cue));
}

export interface ClarifyOption {
  code: string;
  label: string;
}

/** What the variants among the best documents call for: asking back, or the one the question's words choose. */
export type VariantDecision =
  | { kind: 'clarify'; question: string; options: ClarifyOption[]; group: VariantGroup }
  | { kind: 'prefer'; code: string; group: VariantGroup };

export interface FindVariantChoiceOptions {
  question: string;
  /** The retriever's passages, best document first (a document's score on each of its passages). */
  passages: readonly Pick<Passage, 'code' | 'title' | 'level' | 'kind' | 'score'>[];
  addressForm?: AddressForm | undefined;
  /** A variant is offered when its score is at least this share of the best document's (default 0.7). */
  closeness?: number | undefined;
  /** Documents looked at below the best one (default 5). */
  depth?: number | undefined;
}

/**
 * Variants score below the best one by their names' extra words alone ("Cấp lại…" is longer than "Cấp…"):
 * on the tune half of bench/data/procedure-qa-2.jsonl, 0.75 keeps asking back rare (see bench/README.md).
 */
export const DEFAULT_CLOSENESS = 0.75;
/** When the plain procedure leads, a variant must come this close to be worth asking about (a near tie). */
export const DEFAULT_TIE = 0.9;

/** At most this many options: a short question, buttons that fit every channel. */
const MAX_OPTIONS = 4;

function labelOf(key: string): string {
  const labels = key.split('+').map((k) => byKey.get(k)?.label ?? k);
  return [labels[0], ...labels.slice(1).map((l) => l.toLocaleLowerCase('vi'))].join(', ');
}

function joinOr(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} hay ${labels[labels.length - 1]}`;
}

function phrase(group: VariantGroup, labels: readonly string[], you: AddressForm): string {
  const lower = labels.map((l) => l.toLocaleLowerCase('vi'));
  if (group === 'action') return `${you} làm ${joinOr(lower)}?`;
  if (group === 'foreign') return `${you} làm thủ tục ${joinOr(lower)}?`;
  return `${you} làm ở ${joinOr(lower)}?`;
}

/**
 * Looks at the best document and the others close to it in score that are variants of it (same base name,
 * differing in one group of qualifiers). When the question's words choose exactly one of them and it is not the
 * best, that one is preferred ("lấy chồng Hàn": the marriage with a foreign element); when they choose none, the
 * question to ask back. Undefined otherwise (no variants, or the best one is the chosen one).
 */
export function resolveVariants(options: FindVariantChoiceOptions): VariantDecision | undefined {
  const closeness = options.closeness ?? DEFAULT_CLOSENESS;
  const depth = options.depth ?? 5;
  const docs: Array<{ code: string; title: string; level?: Level | undefined; score: number }> = [];
  for (const p of options.passages) {
    if (p.kind !== 'procedure') continue;
    if (!docs.some((d) => d.code === p.code))
      docs.push({ code: p.code, title: p.title, level: p.level, score: p.score });
    if (docs.length > depth) break;
  }
  const top = docs[0];
  // only when the best document overall is a procedure
  if (!top || options.passages[0]?.code !== top.code || top.score <= 0) return undefined;
  const topVariant = describeVariant(top.title, top.level);
  let group: VariantGroup | undefined;
  const chosen: Array<{ code: string; variant: ProcedureVariant; score: number }> = [
    { code: top.code, variant: topVariant, score: top.score },
  ];
  for (const doc of docs.slice(1)) {
    if (doc.score < closeness * top.score) break;
    const variant = describeVariant(doc.title, doc.level);
    const g = differingGroup(topVariant, variant);
    if (!g || (group !== undefined && g !== group)) continue;
    group = g;
    const key = qualifierOf(variant, g);
    if (chosen.some((c) => qualifierOf(c.variant, g) === key)) continue;
    chosen.push({ code: doc.code, variant, score: doc.score });
    if (chosen.length === MAX_OPTIONS) break;
  }
  if (!group || chosen.length < 2) return undefined;
  const g = group;
  const keys = chosen.map((c) => qualifierOf(c.variant, g) as string);
  const chosenByWords = chosen.filter((_, i) => questionChooses(options.question, keys[i] as string));
  if (chosenByWords.length === 1 && chosenByWords[0] !== chosen[0])
    return { kind: 'prefer', code: (chosenByWords[0] as { code: string }).code, group: g };
  if (chosenByWords.length > 0) return undefined;
  // The level is where to go, not which procedure: the answer says it, and a level named in the question already
  // chose above.
  if (g === 'level') return undefined;
  // A plain question ("đăng ký kết hôn cần gì") is read as the plain procedure (lần đầu, trong nước) when that one
  // leads clearly; asked back when the ranker puts a variant the resident did not name first, or nearly ties.
  if (keys[0] === DEFAULTS[g] && (chosen[1]?.score ?? 0) < DEFAULT_TIE * top.score) return undefined;
  // options in the catalogue's order ("lần đầu hay cấp lại?"), whichever ranked first
  const order = (key: string) => QUALIFIERS.findIndex((q) => q.key === key.split('+')[0]);
  const sorted = chosen.map((c, i) => ({ code: c.code, key: keys[i] as string }));
  sorted.sort((a, b) => order(a.key) - order(b.key));
  return {
    kind: 'clarify',
    group: g,
    question: phrase(
      g,
      sorted.map((o) => labelOf(o.key)),
      options.addressForm ?? 'Bạn',
    ),
    options: sorted.map((o) => ({ code: o.code, label: labelOf(o.key) })),
  };
}
