// The LLM answer prompt: the Vietnamese system prompt from prompts/answer.vi.md and the numbered passages.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { levelsLabel } from '../answer/messages.js';
import type { Passage } from '../types.js';

/** prompts/answer.vi.md, found from this file so it works from any working directory. */
export const ANSWER_PROMPT_PATH = fileURLToPath(new URL('../../../prompts/answer.vi.md', import.meta.url));

/** Reads the system prompt; staff may edit the file, so it is read at start-up rather than built in. */
export async function loadAnswerPrompt(options: { path?: string; addressForm?: string } = {}): Promise<string> {
  const text = await readFile(options.path ?? ANSWER_PROMPT_PATH, 'utf8');
  return text.replaceAll('{{address}}', (options.addressForm ?? 'Bạn').toLowerCase()).trim();
}

/** One passage as the model sees it (without its number): its document's identity, its (possibly cut) text. */
export function formatPassage(passage: Passage, maxPassageChars: number): string {
  const text = passage.text.length > maxPassageChars ? `${passage.text.slice(0, maxPassageChars)}…` : passage.text;
  // every level the record names: a procedure done at commune and province is not only the commune's
  const levels = levelsLabel(passage.levels ?? (passage.level ? [passage.level] : []));
  const header = [passage.title, `mã ${passage.code}`, levels, passage.section].filter((part) => part).join(' — ');
  return `${header}\n${text}`;
}

/** The user message: the question, then the passages (as formatted by `formatPassage`) numbered from 1. */
export function formatAnswerRequest(question: string, shownPassages: readonly string[]): string {
  const numbered = shownPassages.map((body, i) => `[${i + 1}] ${body}`);
  return `Câu hỏi: ${question}\n\nCác đoạn trích:\n\n${numbered.join('\n\n')}`;
}
