// Checks of what a resident types: Vietnamese names and phone numbers, and which personal fields the law
// requires for each kind of ticket.
import { AppError } from '../shared/errors.js';
import type { TicketKind, TicketPersonalData } from './types.js';

/**
 * Mobile prefixes in use (after the 2018 renumbering): 032–039, 052/055/056/058/059, 070/076–079, 081–089, 090–099.
 */
const MOBILE = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-9])\d{7}$/;
/** Landlines: 02 + area code, 11 digits in all (Bắc Kạn 0209…). */
const LANDLINE = /^02\d{9}$/;

export type PhoneCheck = { ok: true; phone: string; kind: 'mobile' | 'landline' } | { ok: false; message: string };

/** Accepts 0912 345 678, 0912.345.678, +84 912 345 678, 84912345678; returns the 0-prefixed form. */
export function normalizePhone(input: string): PhoneCheck {
  const raw = input.normalize('NFC').trim();
  if (!/^[+\d\s.\-()]+$/.test(raw))
    return { ok: false, message: 'Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84).' };
  let digits = raw.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  if (digits.startsWith('+')) return { ok: false, message: 'Chỉ nhận số điện thoại Việt Nam (+84).' };
  if (MOBILE.test(digits)) return { ok: true, phone: digits, kind: 'mobile' };
  if (LANDLINE.test(digits)) return { ok: true, phone: digits, kind: 'landline' };
  if (/^0[35789]/.test(digits) && digits.length !== 10)
    return { ok: false, message: 'Số di động phải có đúng 10 chữ số, ví dụ 0912345678.' };
  return {
    ok: false,
    message: 'Số điện thoại chưa đúng. Số di động có 10 chữ số và bắt đầu bằng 03, 05, 07, 08 hoặc 09.',
  };
}

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** Họ và tên: letters with diacritics, at least two words, no digits; spaces collapsed. */
export function normalizeFullName(input: string): NameCheck {
  const name = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length < 3) return { ok: false, message: 'Vui lòng nhập đầy đủ họ và tên.' };
  if (name.length > 80) return { ok: false, message: 'Họ và tên quá dài (tối đa 80 ký tự).' };
  if (!/^[\p{L}\p{M}' -]+$/u.test(name))
    return { ok: false, message: 'Họ và tên chỉ gồm chữ cái (có dấu), không có chữ số hay ký hiệu.' };
  if (name.split(' ').length < 2) return { ok: false, message: 'Vui lòng nhập cả họ và tên, ví dụ: Nguyễn Văn An.' };
  return { ok: true, name };
}

export type AddressCheck = { ok: true; address: string } | { ok: false; message: string };

export function normalizeAddress(input: string): AddressCheck {
  const address = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (address.length < 5) return { ok: false, message: 'Vui lòng ghi rõ địa chỉ (thôn/tổ, xã/phường).' };
  if (address.length > 300) return { ok: false, message: 'Địa chỉ quá dài (tối đa 300 ký tự).' };
  return { ok: true, address };
}

/**
 * What the law requires per kind (see law-and-papi notes):
 * petitions — name, address and phone (Decree 20/2008: no anonymous petitions);
 * denunciations — name, address and a way to contact (Law on Denunciations 2018, Art. 23);
 * complaints — name and address (Law on Complaints 2011, Art. 8);
 * questions — nothing.
 */
export const REQUIRED_PERSONAL_FIELDS: Record<TicketKind, Array<keyof TicketPersonalData>> = {
  petition: ['fullName', 'address', 'phone'],
  denunciation: ['fullName', 'address', 'phone'],
  complaint: ['fullName', 'address'],
  question: [],
};

const FIELD_LABEL: Record<keyof TicketPersonalData, string> = {
  fullName: 'họ và tên',
  address: 'địa chỉ',
  phone: 'số điện thoại',
};

/** Fields still missing for this kind, as Vietnamese labels (for the dialogue to ask). */
export function missingPersonalFields(
  kind: TicketKind,
  data: Partial<TicketPersonalData>,
): Array<keyof TicketPersonalData> {
  return REQUIRED_PERSONAL_FIELDS[kind].filter((f) => !data[f] || String(data[f]).trim() === '');
}

/**
 * Validates and normalises the personal part for a kind. Throws BAD_INPUT with a Vietnamese message naming
 * every problem; nothing is stored on failure.
 */
export function validatePersonalData(kind: TicketKind, data: Partial<TicketPersonalData>): TicketPersonalData {
  const problems: string[] = [];
  const result: TicketPersonalData = { fullName: null, phone: null, address: null };
  if (data.fullName?.trim()) {
    const r = normalizeFullName(data.fullName);
    if (r.ok) result.fullName = r.name;
    else problems.push(r.message);
  }
  if (data.phone?.trim()) {
    const r = normalizePhone(data.phone);
    if (r.ok) result.phone = r.phone;
    else problems.push(r.message);
  }
  if (data.address?.trim()) {
    const r = normalizeAddress(data.address);
    if (r.ok) result.address = r.address;
    else problems.push(r.message);
  }
  const missing = missingPersonalFields(kind, data);
  if (missing.length > 0) {
    problems.push(
      `Loại yêu cầu này cần có ${missing.map((f) => FIELD_LABEL[f]).join(', ')} theo quy định; không nhận yêu cầu ẩn danh.`,
    );
  }
  if (problems.length > 0) {
    throw new AppError('BAD_INPUT', `Invalid personal data for ${kind}: ${problems.length} problem(s)`, {
      userMessage: problems.join('\n'),
      details: { missing },
    });
  }
  return result;
}
