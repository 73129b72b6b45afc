// The fixed Vietnamese phrases around quoted passages: every word of an answer that is not source text is here.
import type { Level } from '../types.js';

export type AddressForm = 'Bạn' | 'Quý vị';

export const LEVEL_LABEL: Record<Level, string> = {
  xã: 'cấp xã',
  tỉnh: 'cấp tỉnh',
  'trung ương': 'cấp trung ương',
};

/** Said when retrieval found nothing relevant; the conversation offers the hand-over to staff right after. */
export function notFoundMessage(address: AddressForm): string {
  const you = address === 'Quý vị' ? 'Quý vị' : 'bạn';
  return (
    `Xin lỗi, tôi chưa tìm thấy thông tin phù hợp với câu hỏi của ${you} trong cơ sở dữ liệu thủ tục hành chính và văn bản của hệ thống. ` +
    `${capitalize(you)} có muốn chuyển câu hỏi này tới cán bộ để được giải đáp không?`
  );
}

/** Said when the question is empty or has no words to search for. */
export function emptyQuestionMessage(address: AddressForm): string {
  const you = address === 'Quý vị' ? 'Quý vị' : 'bạn';
  return `Tôi chưa nhận được câu hỏi. ${capitalize(you)} vui lòng nhập câu hỏi về thủ tục hành chính, ví dụ: "Đăng ký tạm trú cần giấy tờ gì?"`;
}

/** Said when the question is too long to be a question. */
export function tooLongMessage(maxChars: number, address: AddressForm): string {
  const you = address === 'Quý vị' ? 'Quý vị' : 'bạn';
  return `Câu hỏi quá dài (tối đa ${maxChars.toLocaleString('vi-VN')} ký tự). ${capitalize(you)} vui lòng rút gọn câu hỏi, nêu rõ thủ tục và điều cần hỏi.`;
}

/** Long titles (some run to 300 characters) are cut at a word for the heading; the link has the rest. */
export function shortTitle(title: string, max = 140): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:(/-]+$/u, '')} …`;
}

export function procedureHeading(title: string, level: Level | undefined): string {
  return level ? `Thủ tục «${shortTitle(title)}» (${LEVEL_LABEL[level]}):` : `Thủ tục «${shortTitle(title)}»:`;
}

export function documentHeading(title: string): string {
  return `Theo «${shortTitle(title)}»:`;
}

/** Procedure records come from the national public-service portal: the source line says so. */
export function procedureSource(code: string, url: string | undefined): string {
  return `Nguồn: Cổng Dịch vụ công quốc gia, mã thủ tục ${code}${url ? ` — ${url}` : ''}`;
}

export function documentSource(code: string, url: string | undefined): string {
  return `Nguồn: ${code}${url ? ` — ${url}` : ''}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
