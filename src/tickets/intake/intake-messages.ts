// What the complaint intake says to residents, in Vietnamese: prompts, the law behind each requirement, the consent
// wording (recorded word for word) and the summary.

import type { AddressForm } from '../messages.js';
import { formatDate } from '../messages.js';
import { inSentence } from '../places/names.js';
import { KIND_LABEL, type TicketKind } from '../types.js';
import type { IntakeData, PersonalField } from './intake-data.js';

const KIND_NOUN: Record<TicketKind, string> = {
  petition: 'phản ánh, kiến nghị',
  complaint: 'khiếu nại',
  denunciation: 'tố cáo',
  question: 'câu hỏi',
};

const FIELD_NOUN: Record<PersonalField, string> = {
  fullName: 'họ tên',
  address: 'địa chỉ',
  phone: 'số điện thoại',
};

/** "a, b và c" */
function listVi(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** 2026-11-25T01:15:00Z → "08:15 ngày 25/11/2026" (Việt Nam time). */
function formatTime(iso: string): string {
  const at = new Date(iso);
  const local = new Date(at.getTime() + 7 * 3600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm} ngày ${formatDate(at)}`;
}

/**
 * Under each "đúng không?": the button, or «phải» typed (a typed «đúng» folds to the same letters as «dừng», which
 * stops the dialogue), or another name.
 */
const PLACE_CHECK_HINT =
  'Bấm «Đúng» (hoặc gõ «phải») để xác nhận; nếu không, chọn bên dưới hoặc gõ tên xã/phường khác.';

export function createIntakeMessages(you: AddressForm) {
  const u = you.toLowerCase();
  return {
    kindNoun: (kind: TicketKind) => KIND_NOUN[kind],

    intro: (kind: TicketKind | undefined, prefilled: string | undefined) =>
      [
        kind
          ? `Gửi ${KIND_NOUN[kind]}: chỉ vài bước.`
          : 'Gửi phản ánh, kiến nghị, khiếu nại hoặc tố cáo: chỉ vài bước.',
        prefilled ? `Nội dung đã điền sẵn: «${clip(prefilled, 300)}» (có thể sửa ở bước cuối).` : undefined,
        `Gõ «hủy» bất cứ lúc nào để dừng; chưa có gì được gửi cho đến khi ${u} xác nhận.`,
      ]
        .filter(Boolean)
        .join('\n'),

    kindPrompt: (withQuestion: boolean) =>
      [
        `${you} muốn gửi loại nào?`,
        '• Phản ánh, kiến nghị: báo một vấn đề ở địa phương (đường hỏng, ngập nước, rác thải, tiếng ồn…) hoặc góp ý, đề xuất với chính quyền.',
        `• Khiếu nại: đề nghị xem xét lại một quyết định hoặc việc làm của cơ quan, cán bộ mà ${u} cho là trái pháp luật, xâm phạm quyền lợi của mình.`,
        '• Tố cáo: báo cho cơ quan có thẩm quyền về hành vi vi phạm pháp luật của cơ quan, tổ chức, cá nhân.',
        withQuestion ? `• Câu hỏi chưa có lời đáp: chuyển câu hỏi của ${u} cho cán bộ trả lời.` : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
    kindNotUnderstood: 'Chưa rõ loại yêu cầu; mời chọn một nút bên dưới.',

    roundPrompt:
      `Đây là khiếu nại lần đầu hay lần hai? (Lần hai: ${u} đã nhận quyết định giải quyết khiếu nại lần đầu nhưng chưa đồng ý.)\n` +
      `Lưu ý: khiếu nại lần đầu cần gửi trong 90 ngày kể từ khi ${u} nhận được quyết định hoặc biết được việc làm bị khiếu nại (Luật Khiếu nại 2011, Điều 9); ` +
      `khiếu nại lần hai trong 30 ngày (vùng sâu, vùng xa: 45 ngày) kể từ ngày nhận quyết định giải quyết lần đầu hoặc ngày hết hạn giải quyết mà chưa được giải quyết (Điều 33).`,
    roundFirst: 'Lần đầu',
    roundSecond: 'Lần hai',

    categoryPrompt: 'Vấn đề thuộc lĩnh vực nào?',
    categoryNotUnderstood: 'Chưa rõ lĩnh vực; mời chọn một nút bên dưới (hoặc «Khác»).',

    placePrompt: (options: {
      canLocate: boolean;
      current: string;
      old?: string | undefined;
      since?: string | undefined;
    }) =>
      [
        'Sự việc xảy ra ở xã, phường nào?',
        options.old
          ? `Gõ tên xã/phường (ví dụ: ${options.current}); tên cũ${options.since ? ` trước ngày ${options.since}` : ''} cũng được, có hoặc không kèm huyện cũ (ví dụ: ${options.old}). Hoặc chọn bên dưới.`
          : `Gõ tên xã/phường (ví dụ: ${options.current}) hoặc chọn bên dưới.`,
        options.canLocate ? `${you} cũng có thể gửi vị trí (📎 → Vị trí).` : undefined,
      ]
        .filter(Boolean)
        .join(' '),
    /** "Xã Nông Thượng (cũ, thành phố Bắc Kạn) nay thuộc phường Bắc Kạn, tỉnh Thái Nguyên — đúng không?" */
    placeOldCheck: (old: { name: string; district: string }, commune: string, province: string) =>
      `${old.name} (cũ, ${inSentence(old.district)}) nay thuộc ${inSentence(commune)}, ${inSentence(province)} — đúng không?\n` +
      PLACE_CHECK_HINT,
    placeYes: 'Đúng',
    placeNo: 'Không, chọn lại',
    placeOther: 'Tìm tên khác',
    /** One line per unit offered: an old one with where it belongs now, or today's. */
    placeLine: (commune: string, old?: { name: string; district: string }) =>
      old ? `• ${old.name} (cũ, ${inSentence(old.district)}) nay thuộc ${inSentence(commune)}` : `• ${commune}`,
    placeNames: (typed: string, lines: string[]) =>
      `Có ${lines.length} nơi khớp với «${clip(typed, 60)}»:\n${lines.join('\n')}\nMời chọn nơi xảy ra sự việc:`,
    placeSplit: (old: { name: string; district: string }, communes: string[], province: string) =>
      `${old.name} (cũ, ${inSentence(old.district)}) nay được chia cho ${listVi(communes.map(inSentence))}, ${inSentence(province)}. ` +
      'Sự việc xảy ra ở phần nào? Mời chọn:',
    placeDistrict: (district: string, communes: string[], since: string | undefined, sameName?: string) =>
      [
        sameName
          ? `«${sameName}» hiện nay là tên một xã/phường, đồng thời là tên ${inSentence(district)} cũ.`
          : `${district} không còn${since ? ` từ ngày ${since}` : ''} (bỏ cấp huyện).`,
        `Các xã, phường, thị trấn cũ của ${inSentence(district)} nay thuộc: ${listVi(communes.map(inSentence))}.`,
        'Mời chọn xã/phường nơi xảy ra sự việc, hoặc gõ tên xã cũ:',
      ].join('\n'),
    placeChosenOld: (old: { name: string; district: string }, commune: string) =>
      `Đã ghi: ${old.name} (cũ, ${inSentence(old.district)}), nay thuộc ${inSentence(commune)}.`,
    placeLocatedInside: (lat: number, lon: number, commune: string, province: string) =>
      `Vị trí đã gửi (${lat.toFixed(5)}, ${lon.toFixed(5)}) nằm trong ${inSentence(commune)}, ${inSentence(province)} — đúng không?\n` +
      PLACE_CHECK_HINT,
    placeLocatedNear: (lat: number, lon: number, commune: string, km: number) =>
      `Vị trí đã gửi (${lat.toFixed(5)}, ${lon.toFixed(5)}) gần trung tâm ${inSentence(commune)} nhất (khoảng ${km < 1 ? 'dưới 1' : km.toFixed(0)} km) — ` +
      `sự việc xảy ra ở ${inSentence(commune)}, đúng không?\n${PLACE_CHECK_HINT}`,
    placeLocatedOutside: (lat: number, lon: number, province: string) =>
      `Vị trí đã gửi (${lat.toFixed(5)}, ${lon.toFixed(5)}) nằm ngoài ${inSentence(province)}. ` +
      'Mời gõ tên xã/phường nơi xảy ra sự việc, hoặc chỉ dùng vị trí đã gửi.',
    placeNotFound: (typed: string, province: string, example: string) =>
      `Không tìm thấy xã/phường «${clip(typed, 60)}» trong ${inSentence(province)}, kể cả tên cũ. Mời gõ lại tên (ví dụ: ${example}) hoặc chọn bên dưới.`,
    onlyLocation: 'Chỉ dùng vị trí đã gửi',
    skipCommune: 'Bỏ qua',

    describePrompt: (options: { hasText: boolean; media: number; canLocate: boolean }) => {
      if (options.hasText) {
        return (
          `Đã ghi nhận nội dung${options.media > 0 ? ` và ${options.media} ảnh/tệp` : ''}. ` +
          `${you} có thể gửi thêm ảnh hoặc bổ sung nội dung; xong thì bấm «Xong».`
        );
      }
      return [
        options.media > 0 ? `Đã nhận ${options.media} ảnh/tệp.` : undefined,
        `Mời ${u} mô tả vấn đề bằng chữ: việc gì, ở đâu (thôn/tổ, đường), từ khi nào, ảnh hưởng thế nào.`,
        options.media > 0 ? undefined : 'Có thể gửi kèm một hoặc nhiều ảnh.',
        options.canLocate ? 'Có thể gửi cả vị trí (📎 → Vị trí).' : undefined,
      ]
        .filter(Boolean)
        .join(' ');
    },
    describeDone: 'Xong',
    describeClearMedia: 'Xóa ảnh đã gửi',
    mediaCleared: 'Đã xóa các ảnh/tệp đã gửi.',
    mediaTooMany: (max: number) => `Chỉ nhận tối đa ${max} ảnh/tệp cho một yêu cầu; các ảnh sau không được thêm.`,
    mediaReceived: (count: number) => `Đã nhận ${count} ảnh/tệp.`,
    locationReceived: 'Đã nhận vị trí.',
    describeTooShort: 'Vui lòng mô tả rõ hơn: việc gì, ở đâu, từ khi nào (ít nhất vài từ).',
    describeTooLong: (max: number) => `Nội dung quá dài (tối đa ${max} ký tự); vui lòng rút gọn.`,
    describeNeedsText: 'Vui lòng mô tả vấn đề bằng chữ trước khi bấm «Xong».',

    personalIntro: (kind: TicketKind) => {
      switch (kind) {
        case 'petition':
          return (
            'Theo Nghị định 20/2008/NĐ-CP, phản ánh, kiến nghị phải ghi rõ họ tên, địa chỉ, số điện thoại của người gửi ' +
            `(không nhận phản ánh ẩn danh). Thông tin chỉ dùng để giải quyết và liên hệ với ${u}; ${u} sẽ được hỏi ý kiến đồng ý trước khi lưu.`
          );
        case 'complaint':
          return (
            'Theo Luật Khiếu nại 2011, khiếu nại phải ghi rõ họ tên, địa chỉ của người khiếu nại; số điện thoại không bắt buộc ' +
            `nhưng giúp cán bộ liên hệ nhanh hơn. ${you} sẽ được hỏi ý kiến đồng ý trước khi lưu.`
          );
        case 'denunciation':
          return (
            'Theo Luật Tố cáo 2018, tố cáo phải có họ tên, địa chỉ và cách liên lạc của người tố cáo, và được gửi bằng đơn ' +
            'hoặc trình bày trực tiếp. Tin nhắn qua kênh này được tiếp nhận là «thông tin có nội dung tố cáo»; cán bộ sẽ ' +
            `liên hệ để hướng dẫn ${u} hoàn thiện đơn.\n` +
            'Danh tính người tố cáo được pháp luật bảo vệ: Điều 8 Luật Tố cáo 2018 nghiêm cấm tiết lộ họ tên, địa chỉ, bút tích ' +
            'và thông tin làm lộ danh tính người tố cáo; ở đây chỉ thanh tra viên và lãnh đạo có thẩm quyền được xem.'
          );
        case 'question':
          return `Để cán bộ liên hệ khi cần, ${u} có thể cho biết họ tên, địa chỉ, số điện thoại — không bắt buộc, bấm «Bỏ qua» nếu không muốn.`;
      }
    },
    namePrompt: `Họ và tên của ${u}? (ví dụ: Nguyễn Văn An)`,
    addressPrompt: `Địa chỉ của ${u} (số nhà, thôn/tổ, xã/phường)?`,
    phonePrompt: (required: boolean) =>
      `Số điện thoại để cán bộ liên hệ${required ? '' : ' (không bắt buộc)'}? Ví dụ: 0912 345 678.`,
    skip: 'Bỏ qua',
    contactWithoutPhone: 'Danh bạ vừa gửi không có số điện thoại; vui lòng gõ số điện thoại.',

    consentPurpose: (kind: TicketKind) => `Tiếp nhận, giải quyết và trả lời ${KIND_NOUN[kind]} qua kênh trò chuyện`,
    /** The exact sentence the resident agrees to; stored word for word with the time it was given. */
    consentWording: (kind: TicketKind, fields: PersonalField[]) => {
      const what =
        fields.length > 0
          ? `${listVi(fields.map((f) => FIELD_NOUN[f]))} của tôi cùng tài khoản trò chuyện này`
          : 'tài khoản trò chuyện này';
      return (
        `Tôi đồng ý để cơ quan tiếp nhận lưu và sử dụng ${what} để tiếp nhận, giải quyết, trả lời ${KIND_NOUN[kind]} này ` +
        'và liên hệ với tôi về việc này, không dùng cho mục đích khác. Tôi có thể xem, yêu cầu xóa thông tin này và rút ' +
        'lại sự đồng ý bất cứ lúc nào (lệnh /dulieu, /xoadulieu).'
      );
    },
    consentPrompt: (wording: string) =>
      `Trước khi lưu, cần ${u} đồng ý với nội dung sau:\n«${wording}»\n` +
      `Nếu không đồng ý, thông tin cá nhân ${u} vừa nhập sẽ được xóa ngay, không lưu lại.`,
    consentYes: 'Tôi đồng ý',
    consentNo: 'Không đồng ý',

    noConsent: (kind: TicketKind) => {
      const erased = `Thông tin cá nhân ${u} đã nhập đã được xóa khỏi cuộc trò chuyện.`;
      switch (kind) {
        case 'petition':
          return (
            `${erased} Theo Nghị định 20/2008/NĐ-CP, phản ánh, kiến nghị phải có họ tên, địa chỉ, số điện thoại của ` +
            `người gửi, nên không thể gửi phản ánh, kiến nghị khi không có các thông tin này. ${you} có thể nhập lại và ` +
            'đồng ý, hủy, hoặc đến gửi trực tiếp tại Bộ phận tiếp công dân.'
          );
        case 'complaint':
          return (
            `${erased} Theo Luật Khiếu nại 2011, khiếu nại phải có họ tên, địa chỉ của người khiếu nại, nên không thể ` +
            `gửi khiếu nại khi không có các thông tin này. ${you} có thể nhập lại và đồng ý, hủy, hoặc đến gửi trực tiếp ` +
            'tại Bộ phận tiếp công dân.'
          );
        case 'denunciation':
          return (
            `${erased} Không có họ tên, địa chỉ của người tố cáo thì không thể giải quyết như một đơn tố cáo (Luật Tố ` +
            'cáo 2018). Tuy vậy, nếu nội dung rõ ràng, có thông tin, tài liệu cụ thể, cơ quan có thẩm quyền vẫn có thể dùng ' +
            `để thanh tra, kiểm tra. ${you} có thể gửi nội dung này dưới dạng tin báo ẩn danh: không lưu họ tên, số điện ` +
            `thoại, không gắn với tài khoản trò chuyện này, nên cơ quan sẽ không trả lời về đây; ${u} chỉ theo dõi được bằng mã tra cứu.`
          );
        case 'question':
          return (
            `${erased} Câu hỏi vẫn có thể gửi ẩn danh: không lưu thông tin cá nhân, không gắn với tài khoản trò chuyện ` +
            `này, nên câu trả lời sẽ không được nhắn về đây; ${u} xem câu trả lời bằng mã tra cứu.`
          );
      }
    },
    sendAnonymously: (kind: TicketKind) => (kind === 'denunciation' ? 'Gửi tin báo ẩn danh' : 'Gửi ẩn danh'),
    backToConsent: 'Nhập lại và đồng ý',

    summary: (d: IntakeData, names: { kind: string; category: string; commune: string | null }): string => {
      const lines = ['Vui lòng kiểm tra lại trước khi gửi:', `• Loại: ${names.kind}`];
      if (d.kind === 'complaint') lines.push(`• Khiếu nại: ${d.secondTime ? 'lần hai' : 'lần đầu'}`);
      lines.push(`• Lĩnh vực: ${names.category}`);
      lines.push(
        `• Xã/phường: ${names.commune ?? (d.latitude !== undefined ? 'không nêu (dùng vị trí đã gửi)' : 'không nêu')}`,
      );
      if (d.latitude !== undefined && d.longitude !== undefined)
        lines.push(`• Vị trí: ${d.latitude.toFixed(5)}, ${d.longitude.toFixed(5)}`);
      lines.push(`• Nội dung: ${clip(d.description ?? '', 600)}`);
      if (d.attachments.length > 0) lines.push(`• Ảnh/tệp đính kèm: ${d.attachments.length}`);
      if (d.anonymous) {
        lines.push(
          `• Gửi ẩn danh: không lưu họ tên, số điện thoại, không gắn với tài khoản trò chuyện; ${u} theo dõi bằng mã tra cứu.`,
        );
      } else {
        lines.push(`• Họ và tên: ${d.fullName ?? 'không cung cấp'}`);
        lines.push(`• Địa chỉ: ${d.address ?? 'không cung cấp'}`);
        lines.push(`• Số điện thoại: ${d.phone ?? 'không cung cấp'}`);
        if (d.consent) lines.push(`• Đồng ý cho phép xử lý thông tin: có, lúc ${formatTime(d.consent.givenAt)}`);
      }
      lines.push(`${you} bấm «Gửi» để gửi, «Sửa» để sửa một mục, hoặc «Hủy».`);
      return lines.join('\n');
    },
    send: 'Gửi',
    edit: 'Sửa',

    editPrompt: 'Sửa mục nào?',
    editLabels: {
      kind: 'Loại yêu cầu',
      round: 'Lần khiếu nại',
      category: 'Lĩnh vực',
      commune: 'Xã/phường',
      describe: 'Nội dung',
      media: 'Xóa ảnh/tệp',
      name: 'Họ và tên',
      address: 'Địa chỉ',
      phone: 'Số điện thoại',
      identify: 'Gửi kèm thông tin cá nhân',
      back: 'Quay lại bản tóm tắt',
    },

    filed: (kind: TicketKind) =>
      [
        `Đã gửi ${KIND_NOUN[kind]} của ${u}. Mã tra cứu được gửi ngay trong tin nhắn tiếp theo; cơ quan sẽ trả lời qua chính cuộc trò chuyện này.`,
        kind === 'denunciation'
          ? `Cán bộ sẽ liên hệ để hướng dẫn ${u} hoàn thiện đơn tố cáo; danh tính của ${u} được giữ bí mật.`
          : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
    filedAnonymously: (kind: TicketKind, code: string) =>
      `Đã gửi ${kind === 'denunciation' ? 'tin báo ẩn danh' : `${KIND_NOUN[kind]} ẩn danh`}.\nMã tra cứu: ${code}\n` +
      `Hãy lưu lại mã này: đây là cách duy nhất để theo dõi, vì cơ quan không lưu thông tin liên lạc của ${u} và sẽ không nhắn về đây.`,
    lookupLabel: 'Xem tình trạng',
    kindLabel: (kind: TicketKind) => KIND_LABEL[kind],
  };
}

export type IntakeMessages = ReturnType<typeof createIntakeMessages>;
