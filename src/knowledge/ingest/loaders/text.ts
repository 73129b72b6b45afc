// Loader for plain .txt documents (legal texts, plans): số hiệu detection and heading chunking.
import { cleanText, decodeUtf8, type Loader, sha256 } from '../source-file.js';
import { textDocument } from './text-document.js';

export const loadTextFile: Loader = async (file) => {
  const decoded = decodeUtf8(file);
  if (!('text' in decoded)) return decoded;
  return textDocument({ file, text: cleanText(decoded.text), contentHash: sha256(file.bytes) });
};
