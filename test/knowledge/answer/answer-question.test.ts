import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
  createAnswerer,
  createExtractiveWriter,
  MAX_QUESTION_CHARS,
} from '../../../src/knowledge/index.js';
import { LexicalIndex, LexicalRetriever } from '../../../src/knowledge/search/index.js';
import { parseSynonyms } from '../../../src/knowledge/vietnamese/index.js';
import { CORPUS, SYNONYMS } from '../search/corpus.js';

const synonyms = parseSynonyms(SYNONYMS);
const retriever = new LexicalRetriever({ index: LexicalIndex.build(CORPUS), synonyms });
const writer = createExtractiveWriter({ synonyms });
const ask = (question: string, focusCode?: string) => answerQuestion({ question, retriever, writer, focusCode });

describe('answerQuestion: bad input gets a clear Vietnamese message, never a crash', () => {
  it('empty, blank and emoji-only questions', async () => {
    for (const q of ['', '   ', '\n\t', '😀😀🙏', '???!!!']) {
      const a = await ask(q);
      expect(a.abstained).toBe(true);
      expect(a.text).toMatch(/chưa nhận được câu hỏi/);
    }
  });

  it('50,000 characters', async () => {
    const a = await ask('đăng ký tạm trú '.repeat(3200).slice(0, 50_000));
    expect(a.abstained).toBe(true);
    expect(a.text).toContain(`tối đa ${MAX_QUESTION_CHARS.toLocaleString('vi-VN')} ký tự`);
    expect(a.text).toMatch(/rút gọn/);
  });

  it('mixed scripts, HTML and SQL are searched as plain words', async () => {
    const mixed = await ask('Привет 你好 đăng ký tạm trú lệ phí bao nhiêu');
    expect(mixed.abstained).toBe(false);
    expect(mixed.docCodes[0]).toBe('1.004194');
    const html = await ask('<script>alert("x")</script><b>lệ phí đăng ký thường trú</b>&nbsp;');
    expect(html.docCodes[0]).toBe('1.004222');
    expect(html.text).not.toContain('<script>');
    const sql = await ask('\'; DROP TABLE "Document"; -- lệ phí đăng ký kết hôn');
    expect(sql.docCodes[0]).toBe('1.000894');
    const foreign = await ask('Привет, как дела? 你好吗');
    expect(foreign.abstained).toBe(true);
    expect(foreign.text).toMatch(/chưa tìm thấy/);
  });
});

describe('answerQuestion: follow-ups', () => {
  it('answers "còn lệ phí thì sao?" about the document in focus', async () => {
    const a = await ask('còn lệ phí thì sao?', '1.004194');
    expect(a.abstained).toBe(false);
    expect(a.focus?.code).toBe('1.004194');
    expect(a.text).toContain('7.000 đồng');
  });

  it('falls back to a normal search when the document in focus no longer exists', async () => {
    const a = await ask('lệ phí đăng ký thường trú', 'đã-xóa');
    expect(a.docCodes[0]).toBe('1.004222');
  });

  it('is available as the conversation’s Answerer port', async () => {
    const answerer = createAnswerer({ retriever, writer });
    const a = await answerer.ask('còn lệ phí thì sao?', { focusCode: '1.000894' });
    expect(a.focus?.code).toBe('1.000894');
  });
});
