// Loader for PDF files (text layer via pdf-parse); a corrupt or image-only PDF is a named failure.
import { PDFParse } from 'pdf-parse';
import { cleanText, failed, type Loader, sha256 } from '../source-file.js';
import { textDocument } from './text-document.js';

/**
 * PDF text breaks lines where the page did; a line that continues a sentence (starts lower-case or with a
 * digit, and is not a heading such as "2. Nộp hồ sơ") is joined back to the line before it.
 */
function joinWrappedLines(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const previous = out.at(-1);
    const continues =
      previous !== undefined &&
      previous.trim() !== '' &&
      !/[.:;!?]$/.test(previous.trim()) &&
      /^\s*[\p{Ll}\d]/u.test(line) &&
      !/^\s*(\d{1,2}(\.\d{1,2})*[.)]\s|[a-zđ]\)\s)/u.test(line);
    if (continues) out[out.length - 1] = `${previous.trimEnd()} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}

export const loadPdfFile: Loader = async (file) => {
  if (file.bytes.subarray(0, 1024).indexOf('%PDF-') === -1)
    return failed(file, 'tệp PDF hỏng (không có phần đầu %PDF)');
  const parser = new PDFParse({ data: new Uint8Array(file.bytes) });
  let raw: string;
  try {
    const result = await parser.getText();
    raw = result.text;
  } catch (error) {
    return failed(file, `tệp PDF hỏng hoặc không đọc được (${(error as Error).message})`);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  // pdf-parse marks page breaks with "-- 1 of 3 --" lines.
  const text = joinWrappedLines(cleanText(raw).replace(/^-- \d+ of \d+ --$/gm, ''));
  if (text.trim() === '') return failed(file, 'tệp PDF không có lớp chữ (có thể là ảnh quét), cần nhận dạng chữ trước');
  return textDocument({ file, text, contentHash: sha256(file.bytes) });
};
