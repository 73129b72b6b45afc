// Turns extracted text (from .txt, .md, .html, .pdf, .docx) into a document draft: code, title, facts, chunks.
import { chunkByHeadings } from '../../chunk/heading-chunks.js';
import type { DocumentDraft } from '../../types.js';
import { codeFromFileName, detectDocumentCode, detectHeaderFacts, firstLineTitle, guessKind } from '../detect-code.js';
import { failed, type LoadedFile, type SourceFile } from '../source-file.js';

/** Facts a format states explicitly (Markdown front matter, HTML <title>); they win over detection. */
export interface StatedFacts {
  code?: string | undefined;
  title?: string | undefined;
  issuer?: string | undefined;
  issuedDate?: string | undefined;
  field?: string | undefined;
  url?: string | undefined;
  kind?: string | undefined;
}

export interface TextDocumentInput {
  file: SourceFile;
  /** Clean text (NFC, one paragraph per line or blank-line separated). */
  text: string;
  contentHash: string;
  stated?: StatedFacts;
  markdownHeadings?: boolean;
  meta?: Record<string, unknown>;
}

const KINDS = new Set(['procedure', 'legal', 'plan', 'text']);

/** Where the code came from, kept in meta so staff can see why a document is named as it is. */
export type CodeSource = 'stated' | 'so_hieu' | 'file_name';

export function textDocument(input: TextDocumentInput): LoadedFile {
  const { file, text, stated = {} } = input;
  if (text.trim().length === 0) return failed(file, 'tệp không có nội dung chữ');
  const header = detectHeaderFacts(text);
  const detected = detectDocumentCode(text);
  const code = stated.code ?? detected ?? codeFromFileName(file.sourcePath);
  const codeSource: CodeSource = stated.code ? 'stated' : detected ? 'so_hieu' : 'file_name';
  const title = stated.title ?? firstLineTitle(text) ?? code;
  const kind =
    stated.kind && KINDS.has(stated.kind)
      ? (stated.kind as DocumentDraft['kind'])
      : guessKind({ code, documentType: header.documentType, title });
  const chunks = chunkByHeadings(text, { rootSection: title, markdownHeadings: input.markdownHeadings === true });
  if (chunks.length === 0) return failed(file, 'tệp không có nội dung chữ');
  const document: DocumentDraft = {
    code,
    title,
    kind,
    issuer: stated.issuer ?? header.issuer,
    issuedDate: stated.issuedDate ?? header.issuedDate,
    field: stated.field ?? header.field,
    url: stated.url,
    sourcePath: file.sourcePath,
    contentHash: input.contentHash,
    meta: { format: file.extension.slice(1), codeSource, ...(input.meta ?? {}) },
    chunks,
  };
  return { documents: [document], failures: [] };
}
