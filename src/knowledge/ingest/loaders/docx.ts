// Loader for Word .docx files (text via mammoth); a damaged file is a named failure.
import mammoth from 'mammoth';
import { cleanText, failed, type Loader, sha256 } from '../source-file.js';
import { textDocument } from './text-document.js';

export const loadDocxFile: Loader = async (file) => {
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: file.bytes })).value;
  } catch (error) {
    return failed(file, `tệp Word (.docx) hỏng hoặc không đọc được (${(error as Error).message})`);
  }
  const text = cleanText(raw).replace(/\n{3,}/g, '\n\n');
  return textDocument({ file, text, contentHash: sha256(file.bytes) });
};
