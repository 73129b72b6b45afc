// Loader for plain .txt documents (legal texts, plans): số hiệu detection and heading chunking.
import { cleanText, type Loader, sha256 } from '../source-file.js';
import { textDocument } from './text-document.js';

export const loadTextFile: Loader = async (file) => {
  const text = cleanText(file.bytes.toString('utf8'));
  return textDocument({ file, text, contentHash: sha256(file.bytes) });
};
