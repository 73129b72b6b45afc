// Finds a document's identity in its text: the số hiệu ("Số hiệu 416/KH-UBND", "Số: 416/KH-UBND"),
// the header facts legal sites print (issuer, date, field), or a stable code from the file name.
import path from 'node:path';
import type { DocumentKind } from '../types.js';

// 416/KH-UBND, 68/2020/QH14, 66.7/2025/NQ-CP, 1523/QĐ-BCA-C06, 02/2014/TTLT-TANDTC-VKSNDTC, 12/CT-TTg; typed
// headers also stray spaces around the slashes ("416 /KH-UBND"), removed from the code found.
const SLASH = String.raw`[ \t]*\/[ \t]*`;
const CODE = String.raw`\d+(?:\.\d+)?(?:${SLASH}\d{4})?${SLASH}[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ0-9][A-ZĐa-z0-9]*)*`;

/**
 * A word matched in any case ("Số", "SỐ", "số") while the code after it keeps its case ("12/CT-TTg"): a
 * case-insensitive flag would also take "12/kh" for a code. Node 20 has no inline (?i:…) groups.
 */
function anyCase(words: string): string {
  return [...words.normalize('NFC')]
    .map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`))
    .join('');
}

const AT_LINE_START = new RegExp(
  String.raw`^\s*${anyCase('số')}(?:\s+${anyCase('hiệu')})?(?:\s+${anyCase('văn')}\s+${anyCase('bản')})?\s*[:：.]?\s*(${CODE})(?![\w/])`,
  'u',
);
// Mid-line only the capitalised "Số:"/"SỐ:" of a header ("UBND XÃ A      Số: 12/KH-UBND"): a lower-case
// "văn bản số: 10/KH-UBND" cites another document.
const AFTER_COLON = new RegExp(String.raw`(?:^|[\s,;])S[ốỐ]\s*[:：]\s*(${CODE})(?![\w/])`, 'u');

/** The canonical form of a code: no spaces around its slashes. */
function canonicalCode(code: string): string {
  return code.replace(/[ \t]*\/[ \t]*/g, '/');
}

/** How far into a document a số hiệu is looked for: it sits in the header. */
const HEADER_LINES = 80;

/** The số hiệu of a legal or plan document, from its header lines; undefined when none is printed. */
export function detectDocumentCode(text: string): string | undefined {
  const lines = text.split('\n').slice(0, HEADER_LINES);
  for (const line of lines) {
    const match = AT_LINE_START.exec(line);
    if (match?.[1]) return canonicalCode(match[1]);
  }
  for (const line of lines) {
    const match = AFTER_COLON.exec(line);
    if (match?.[1]) return canonicalCode(match[1]);
  }
  return undefined;
}

/**
 * A stable code for a document that prints no số hiệu: its file name without extension, spaces made
 * dashes ("Hướng dẫn nộp hồ sơ.pdf" → "Hướng-dẫn-nộp-hồ-sơ"). Re-adding the same file keeps the code.
 */
export function codeFromFileName(sourcePath: string): string {
  const base = path.basename(sourcePath, path.extname(sourcePath)).normalize('NFC').trim();
  return base.replace(/\s+/g, '-') || 'tai-lieu';
}

export interface TextHeaderFacts {
  issuer?: string | undefined;
  issuedDate?: string | undefined;
  field?: string | undefined;
  /** "Kế hoạch", "Luật", "Nghị định"… */
  documentType?: string | undefined;
}

const HEADER_FACTS: Array<[keyof TextHeaderFacts, RegExp]> = [
  ['issuer', /^\s*Cơ quan ban hành\s*[:：]?\s*(.+)$/u],
  ['issuedDate', /^\s*Ngày ban hành\s*[:：]?\s*(.+)$/u],
  ['field', /^\s*Lĩnh vực\s*[:：]?\s*(.+)$/u],
  ['documentType', /^\s*Loại văn bản\s*[:：]?\s*(.+)$/u],
];

/** The "Cơ quan ban hành … / Ngày ban hành … / Lĩnh vực …" lines that legal databases print above a text. */
export function detectHeaderFacts(text: string): TextHeaderFacts {
  const facts: TextHeaderFacts = {};
  for (const line of text.split('\n').slice(0, HEADER_LINES)) {
    for (const [key, pattern] of HEADER_FACTS) {
      const value = facts[key] === undefined ? pattern.exec(line)?.[1]?.trim() : undefined;
      if (value) facts[key] = value;
    }
  }
  return facts;
}

// Letterhead lines that open an official document but do not name it.
const LETTERHEAD =
  /^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|CỘNG HÒA|CỘNG HOÀ|BỘ |SỞ |QUỐC HỘI|CHÍNH PHỦ)/u;
const DOCUMENT_TYPE =
  /^(QUYẾT ĐỊNH|KẾ HOẠCH|THÔNG BÁO|HƯỚNG DẪN|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ|LUẬT|CHỈ THỊ|QUY CHẾ|QUY ĐỊNH|CÔNG VĂN|BÁO CÁO)\b/u;

function shorten(line: string, maxLength: number): string {
  return line.length <= maxLength ? line : `${line.slice(0, maxLength - 1).trimEnd()}…`;
}

/**
 * A title for text that states none: the first line, unless it is a letterhead ("ỦY BAN NHÂN DÂN…"), then
 * the document-type line ("QUYẾT ĐỊNH …") with the upper-case line that completes it.
 */
export function firstLineTitle(text: string, maxLength = 300): string | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !/^[-_=*~.…\s]+$/.test(l));
  const first = lines[0];
  if (!first) return undefined;
  if (LETTERHEAD.test(first)) {
    const at = lines.slice(0, HEADER_LINES).findIndex((l) => DOCUMENT_TYPE.test(l));
    if (at >= 0) {
      const typeLine = lines[at] as string;
      const next = lines[at + 1];
      const complete =
        next && typeLine.split(/\s+/).length <= 3 && /\p{Lu}/u.test(next) && !/\p{Ll}/u.test(next)
          ? `${typeLine} ${next}`
          : typeLine;
      return shorten(complete, maxLength);
    }
  }
  return shorten(first, maxLength);
}

/** plan for a kế hoạch, legal for laws, decrees, circulars and decisions, text otherwise. */
export function guessKind(input: {
  code?: string | undefined;
  documentType?: string | undefined;
  title?: string;
}): DocumentKind {
  const type = (input.documentType ?? '').toLocaleLowerCase('vi');
  const code = input.code ?? '';
  const title = (input.title ?? '').toLocaleLowerCase('vi');
  if (type.includes('kế hoạch') || /\/KH-/.test(code) || title.startsWith('kế hoạch')) return 'plan';
  if (
    /^(luật|bộ luật|nghị định|nghị quyết|thông tư|quyết định|pháp lệnh|chỉ thị|hiến pháp)/.test(type) ||
    /\/(QH\d*|NĐ-|NQ-|TT-|TTLT-|QĐ-|PL-|CT-|L-)/.test(code) ||
    /^(luật|bộ luật|nghị định|nghị quyết|thông tư|quyết định|pháp lệnh|hiến pháp)(?:\s|$)/.test(title)
  )
    return 'legal';
  return 'text';
}
