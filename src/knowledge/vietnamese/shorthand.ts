// Chat shorthand residents type ("bn ngày", "có đc k", "CA xã", "e muốn"): written out before a question is
// searched and answered, so the aspect ("bao nhiêu") and the words reach the ranker as the records write them.
// Only unambiguous forms are rewritten; ambiguous ones (CA, UB, TP) only next to a word that decides them.

/** Whole-word shorthand → its written-out form (matched case-insensitively, with or without diacritics). */
const WORDS: ReadonlyArray<[RegExp, string]> = [
  [/bn|bnh|bnhiu|bao nhiu/, 'bao nhiêu'],
  [/k|ko|kg|kh|khg|hk|hok|hông|hong|khum|khôg|kô/, 'không'],
  [/đc|dc|đuợc|dk được/, 'được'],
  [/ntn|ntnao/, 'như thế nào'],
  [/lsao|lm sao/, 'làm sao'],
  [/lm/, 'làm'],
  [/j|ji|gì z|gi z/, 'gì'],
  [/z|dzậy|vại/, 'vậy'],
  [/cx|cũg/, 'cũng'],
  [/vs/, 'với'],
  [/mk|mik|mh/, 'mình'],
  [/r|rùi|ròi/, 'rồi'],
  [/trc|trk/, 'trước'],
  [/ng/, 'người'],
  [/sđt|sdt/, 'số điện thoại'],
  [/gđ/, 'gia đình'],
  [/gtờ/, 'giấy tờ'],
  [/ck/, 'chồng'],
  [/vk/, 'vợ'],
  [/tg/, 'thời gian'],
  [/sk/, 'sức khỏe'],
  [/vn/, 'Việt Nam'],
  [/hn/, 'Hà Nội'],
  [/tphcm|hcm|sg/, 'Thành phố Hồ Chí Minh'],
  [/cty|cti/, 'công ty'],
  [/dn/, 'doanh nghiệp'],
  [/hđ/, 'hợp đồng'],
  [/qsdđ|qsdd/, 'quyền sử dụng đất'],
  [/csdl/, 'cơ sở dữ liệu'],
  [/cđt/, 'chủ đầu tư'],
  [/xm/, 'xe máy'],
  [/oto|ôtô/, 'ô tô'],
];

/** Ambiguous abbreviations, written out only before a word that decides them ("CA xã", "UB phường"). */
const BEFORE_LEVEL = 'xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|tp|tw|trung ương|cấp xã|cấp tỉnh';
const CONTEXTUAL: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(`(?<![\\p{L}\\p{N}])CA(?=\\s+(?:${BEFORE_LEVEL})(?![\\p{L}\\p{N}]))`, 'giu'), 'công an'],
  [new RegExp(`(?<![\\p{L}\\p{N}])UB(?=\\s+(?:${BEFORE_LEVEL})(?![\\p{L}\\p{N}]))`, 'giu'), 'ủy ban'],
  [/(?<![\p{L}\p{N}])CA(?![\p{L}\p{N}])/gu, 'công an'],
  [/(?<![\p{L}\p{N}])UB(?![\p{L}\p{N}])/gu, 'ủy ban'],
  [new RegExp(`(?<=(?:${BEFORE_LEVEL}|công an|ủy ban|sở|ở|tại)\\s+)TP(?![\\p{L}\\p{N}])`, 'giu'), 'thành phố'],
  [/(?<![\p{L}\p{N}])TP(?=\s+\p{Lu})/gu, 'thành phố'],
  [/(?<![\p{L}\p{N}])CC(?=\s+(?:bản|giấy|bản sao|hợp đồng|chữ ký))/giu, 'chứng thực'],
  // "e" for "em" at the start of a clause or before a verb, never a licence class ("hạng E") or a form ("mẫu E")
  [/(?<=^|[,.!?;]\s*|\s)(?<!(?:hạng|loại|mẫu|số|khối|nhóm)\s)e(?=\s+\p{Ll})/gu, 'em'],
];

const compiled = WORDS.map(
  ([pattern, full]) => [new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern.source})(?![\\p{L}\\p{N}])`, 'giu'), full] as const,
);

/**
 * Writes out chat shorthand. Letters that are also licence classes or form names (a, b, c, e) are left alone,
 * except "e" (em) before a lower-case word and not after "hạng", "loại", "mẫu"…
 */
export function expandShorthand(question: string): string {
  let out = question.normalize('NFC');
  for (const [pattern, full] of CONTEXTUAL) out = out.replace(pattern, full);
  for (const [pattern, full] of compiled) out = out.replace(pattern, full);
  return out;
}
