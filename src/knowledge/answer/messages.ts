// The fixed Vietnamese phrases around quoted passages: every word of an answer that is not source text is here.
import type { Level } from '../types.js';

export type AddressForm = 'Bạn' | 'Quý vị';

export const LEVEL_LABEL: Record<Level, string> = {
  xã: 'cấp xã',
  tỉnh: 'cấp tỉnh',
  'trung ương': 'cấp trung ương',
};

/** Highest first, as the portal lists them ("Cấp bộ, Cấp tỉnh, Cấp xã"). */
const LEVEL_ORDER: readonly Level[] = ['trung ương', 'tỉnh', 'xã'];

/** "cấp tỉnh, cấp xã": every level named, highest first, once each. */
export function levelsLabel(levels: readonly Level[]): string {
  return LEVEL_ORDER.filter((level) => levels.includes(level))
    .map((level) => LEVEL_LABEL[level])
    .join(', ');
}

// The resident is addressed exactly as the conversation core addresses them ("Bạn"/"Quý vị", capitalised as a
// form of respect) and the bot speaks as "chúng tôi", so a knowledge reply reads like the core's replies around it.

/** Said when retrieval found nothing relevant; the conversation offers the hand-over to staff right after. */
export function notFoundMessage(address: AddressForm): string {
  const you = youOf(address);
  return (
    `Xin lỗi, chúng tôi chưa tìm thấy thông tin phù hợp với câu hỏi của ${you} trong cơ sở dữ liệu thủ tục hành chính và văn bản của hệ thống. ` +
    `${you} có muốn chuyển câu hỏi này tới cán bộ để được giải đáp không?`
  );
}

/** Said when the question is empty or has no words to search for. */
export function emptyQuestionMessage(address: AddressForm): string {
  return `Chúng tôi chưa nhận được câu hỏi. ${youOf(address)} vui lòng nhập câu hỏi về thủ tục hành chính, ví dụ: "Đăng ký tạm trú cần giấy tờ gì?"`;
}

/** Said when the question is too long to be a question. */
export function tooLongMessage(maxChars: number, address: AddressForm): string {
  return `Câu hỏi quá dài (tối đa ${maxChars.toLocaleString('vi-VN')} ký tự). ${youOf(address)} vui lòng rút gọn câu hỏi, nêu rõ thủ tục và điều cần hỏi.`;
}

/** Long titles (some run to 300 characters) are cut at a word for the heading; the link has the rest. */
export function shortTitle(title: string, max = 140): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:(/-]+$/u, '')} …`;
}

/**
 * "Thủ tục «Đăng ký khai sinh» (cấp xã):", or "(cấp tỉnh, cấp xã)" for a procedure carried out at several
 * levels — without the word "thủ tục" twice when the title starts with it already.
 */
export function procedureHeading(title: string, levels: Level | readonly Level[] | undefined, maxTitle = 140): string {
  const short = shortTitle(title, maxTitle);
  const named = /^thủ tục(?![\p{L}\p{N}])/iu.test(short.normalize('NFC')) ? `«${short}»` : `Thủ tục «${short}»`;
  const label = levelsLabel(typeof levels === 'string' ? [levels] : (levels ?? []));
  return label ? `${named} (${label}):` : `${named}:`;
}

/** The heading without its colon, as the line naming the procedure under a short answer. */
export function procedureName(heading: string): string {
  return heading.replace(/:$/u, '');
}

export function documentHeading(title: string): string {
  return `Theo «${shortTitle(title)}»:`;
}

/** Procedure records come from the national public-service portal: the source line says so. */
export function procedureSource(code: string, url: string | undefined): string {
  return `Nguồn: Cổng DVC quốc gia, mã thủ tục ${code}${url ? ` — ${url}` : ''}`;
}

export function documentSource(code: string, url: string | undefined): string {
  return `Nguồn: ${code}${url ? ` — ${url}` : ''}`;
}

/** Any other value (a config typo) falls back to "Bạn", the default form. */
function youOf(address: AddressForm): AddressForm {
  return address === 'Quý vị' ? 'Quý vị' : 'Bạn';
}
