// Re-inserts the row breaks the portal's scraper lost in table cells (documents to submit, results,
// legal basis), only where a marker makes the boundary certain; the words themselves are never changed.
import { cleanText, oneLine } from '../clean-text.js';

const NO_INFO = 'Không có thông tin';
const DOCUMENT_TABLE_HEADER = /\s*Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng\s*/gu;
// "1 bản chính" / "1 bản chính,1 bản sao" glued to the next row ("…bản chínhGiấy tờ…"); inside a sentence
// ("nộp 01 bản sao có chứng thực") it is followed by a space and a lower-case word, and stays put.
// The count is one digit, or two with a leading zero ("01"): the scraper also glues it to a form number before
// it ("Mẫu số 18" + "1 bản chính" = "Mẫu số 181 bản chính"), and the leftmost match then leaves "Mẫu số 18".
const COUNT = String.raw`(?:0\d|\d)\s*bản\s*(?:chính|sao)`;
const QUANTITY = new RegExp(String.raw`(${COUNT}(?:\s*,\s*${COUNT})*)(?=\p{Lu}|[-+*•]|\s*$)`, 'gu');

function isEmpty(text: string | undefined): boolean {
  const t = (text ?? '').trim();
  return t === '' || t === NO_INFO;
}

/**
 * `thanh_phan_ho_so` as lines: group headings ("* Giấy tờ phải nộp:") on their own line, then one
 * "- <giấy tờ> (1 bản chính)" line per document.
 */
export function tidyDocumentList(cell: string): string {
  if (isEmpty(cell)) return '';
  const text = cleanText(cell);
  const groups = text.split(DOCUMENT_TABLE_HEADER);
  const lines: string[] = [];
  groups.forEach((group, index) => {
    const isLast = index === groups.length - 1;
    // Before each table header sits the previous table's last rows and then the next group's heading.
    const rows = group.split(QUANTITY);
    // split() with a capture group alternates [text, quantity, text, quantity, …, trailing text]
    for (let i = 0; i + 1 < rows.length; i += 2) {
      const name = (rows[i] as string).trim();
      const quantity = (rows[i + 1] as string).replace(/\s+/g, ' ');
      if (name) lines.push(`${/^[-+*•]/.test(name) ? name : `- ${name}`} (${quantity})`);
    }
    const trailing = (rows.at(-1) as string).trim().replace(/^-+$/, '');
    if (trailing) lines.push(!isLast && !/[:：]$/.test(trailing) ? `${trailing}:` : trailing);
  });
  return lines.join('\n');
}

const RESULT_CODE = /(Mã:\s*[A-Z]{2,}(?:\.[A-Z]?\d+)*)/gu;
const PORTAL_WIDGET = /Chọn cơ quan thực hiện.*$/su;

/** `ket_qua_xu_ly` as "- <kết quả> (Mã: KQ…)" lines, without the portal's search widget text. */
export function tidyResults(cell: string): string {
  if (isEmpty(cell)) return '';
  let text = cleanText(cell).replace(PORTAL_WIDGET, '').trim();
  const extras: string[] = [];
  const keyword = /\s*Từ khóa\s*(.*?)\s*Mô tả\s*(.*)$/su.exec(text);
  if (keyword) {
    text = text.slice(0, keyword.index).trim();
    if (!isEmpty(keyword[1])) extras.push(`Từ khóa: ${oneLine(keyword[1] as string)}`);
    if (!isEmpty(keyword[2])) extras.push(`Mô tả: ${oneLine(keyword[2] as string)}`);
  }
  const parts = text.split(RESULT_CODE);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const name = oneLine(parts[i] as string);
    const code = parts[i + 1];
    if (!name && !code) continue;
    const label = /^[-+*•]/.test(name) ? name : `- ${name}`;
    lines.push(code ? `${label} (${code.replace(/\s+/g, ' ')})` : label);
  }
  return [...lines, ...extras].join('\n');
}

const LEGAL_HEADER = /^\s*Tên văn bản pháp lý\s*Mã văn bản\s*/u;
// A document code glued to the end of its name: "…dựa trên dữ liệu66.7/2025/NQ-CPThông tư…". The code
// follows a letter or bracket with no space (inline references have one) and is followed by the next name.
const GLUED_CODE =
  /(?<=[\p{L})\].”"])(\d+(?:\.\d+)?(?:\/\d{4})?\/[A-ZĐ][A-ZĐ0-9]*?(?:-[A-ZĐ0-9]+?)*?)(?=\p{Lu}\p{Ll}|$)/gu;

/** `can_cu_phap_ly` as "- <tên văn bản> (<số hiệu>)" lines where the boundary is certain. */
export function tidyLegalBasis(cell: string): string {
  if (isEmpty(cell)) return '';
  const text = oneLine(cell).replace(LEGAL_HEADER, '');
  const parts = text.split(GLUED_CODE);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const name = (parts[i] as string).trim();
    const code = parts[i + 1];
    if (!name && !code) continue;
    lines.push(code ? `- ${name} (${code})` : `- ${name}`);
  }
  return lines.join('\n');
}

/** Any other field: whitespace tidied, line structure kept ("Bước 1: …" lines), empty when "Không có thông tin". */
export function tidyField(cell: string | undefined): string {
  if (isEmpty(cell)) return '';
  return cleanText(cell as string)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}
