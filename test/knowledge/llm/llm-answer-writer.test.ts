// LLM answers through the real openai client against a fake endpoint: citations, faithfulness, fallbacks,
// fixed replies, and no API key in logs or errors.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiChat } from '../../../src/knowledge/adapters/openai-chat.js';
import { createLlmAnswerWriter, loadAnswerPrompt } from '../../../src/knowledge/llm/index.js';
import type { IndexedChunk, Passage, RetrievalResult } from '../../../src/knowledge/types.js';
import { FakeOpenAI } from '../../support/fake-openai.js';
import { guardExternalNetwork, type NetworkGuard } from '../../support/no-external-network.js';
import { captureLogger, RESIDENCE, recordingWriter } from '../ai-fixtures.js';

const KEY = 'sk-proj-SECRETKEY0123456789abcdefXYZ';
let guard: NetworkGuard;
let openai: FakeOpenAI;
let systemPrompt: string;

const passages: Passage[] = RESIDENCE.chunks.map(
  (c, i): Passage => ({
    chunkId: i + 1,
    code: RESIDENCE.code,
    title: RESIDENCE.title,
    kind: 'procedure',
    level: RESIDENCE.level,
    url: RESIDENCE.url,
    section: c.section,
    aspect: c.aspect,
    ordinal: i,
    text: c.text,
    score: 10 - i,
  }),
);
// the fee passage first, as retrieval would rank it for a fee question
const retrieval: RetrievalResult = {
  passages: [passages[2], passages[0], passages[1]] as Passage[],
  abstained: false,
  aspect: 'le_phi',
};
const QUESTION = 'Đăng ký thường trú hết bao nhiêu tiền?';

beforeAll(async () => {
  guard = guardExternalNetwork();
  systemPrompt = await loadAnswerPrompt({ addressForm: 'Bạn' });
});
afterAll(() => {
  guard.restore();
  expect(guard.blocked).toEqual([]);
});
beforeEach(async () => {
  openai = new FakeOpenAI({ apiKey: KEY });
  await openai.start();
});
afterEach(async () => {
  await openai.close();
});

function setUp(options: { timeoutMs?: number; apiKey?: string } = {}) {
  const fallback = recordingWriter();
  const log = captureLogger();
  const chat = createOpenAiChat({ model: 'gpt-4o-mini', apiKey: options.apiKey ?? KEY, baseURL: openai.url });
  const writer = createLlmAnswerWriter({
    chat,
    fallback,
    systemPrompt,
    logger: log.logger,
    timeoutMs: options.timeoutMs ?? 5000,
  });
  return { writer, fallback, log };
}

describe('LLM answer writer', () => {
  it('answers from numbered passages with citations, and attaches sources from the passages', async () => {
    openai.replyWith('Lệ phí là 20.000 đồng/lần khi nộp trực tiếp và 10.000 đồng/lần khi nộp trực tuyến [1].');
    const { writer, fallback } = setUp();

    const answer = await writer.write({ question: QUESTION, retrieval });

    expect(fallback.calls).toHaveLength(0);
    expect(answer.abstained).toBe(false);
    expect(answer.text).toMatch(
      /^Lệ phí là 20\.000 đồng\/lần .* \[1\]\.\n\nNguồn:\n\[1\] Đăng ký thường trú \(mã 1\.004222, Lệ phí\) — https:/,
    );
    expect(answer.sources).toEqual([
      { code: RESIDENCE.code, title: RESIDENCE.title, url: RESIDENCE.url, section: 'Lệ phí' },
    ]);
    expect(answer.docCodes).toEqual([RESIDENCE.code]);
    expect(answer.focus).toEqual({ code: RESIDENCE.code, title: RESIDENCE.title, level: 'xã' });
    expect(writer.stats().generated).toBe(1);

    const [request] = openai.chatRequests();
    const messages = request?.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]?.role).toBe('system');
    expect(messages[0]?.content).toContain('Chỉ dùng thông tin trong các đoạn trích được đánh số');
    expect(messages[1]?.content).toContain(`Câu hỏi: ${QUESTION}`);
    expect(messages[1]?.content).toContain('[1] Đăng ký thường trú — mã 1.004222 — cấp xã — Lệ phí\n20.000 đồng/lần');
    expect(messages[1]?.content).toContain('[3] Đăng ký thường trú — mã 1.004222 — cấp xã — Thời hạn giải quyết');
    expect(request?.body.temperature).toBe(0);
  });

  it('replaces an answer that invents a number by the extractive answer, and logs only a counter', async () => {
    openai.replyWith('Lệ phí là 50.000 đồng [1].');
    const { writer, fallback, log } = setUp();

    const answer = await writer.write({ question: QUESTION, retrieval });

    expect(answer.text).toBe('EXTRACTIVE: trả lời');
    expect(fallback.calls).toEqual([{ question: QUESTION, retrieval }]);
    expect(writer.stats().rejected).toEqual({ unsupported_number: 1 });
    const line = JSON.parse(log.lines[0] as string);
    expect(line).toMatchObject({ event: 'llm_answer_rejected', reason: 'unsupported_number' });
    expect(log.text()).not.toContain('50.000');
    expect(log.text()).not.toContain(QUESTION);
  });

  it('replaces an answer citing a passage that does not exist', async () => {
    openai.replyWith('Lệ phí là 20.000 đồng [7].');
    const { writer, fallback } = setUp();
    await writer.write({ question: QUESTION, retrieval });
    expect(fallback.calls).toHaveLength(1);
    expect(writer.stats().rejected).toEqual({ bad_citation: 1 });
  });

  it('falls back on an API error (500)', async () => {
    openai.fail(500, { path: 'chat' });
    const { writer, fallback, log } = setUp();
    const answer = await writer.write({ question: QUESTION, retrieval });
    expect(answer.text).toBe('EXTRACTIVE: trả lời');
    expect(fallback.calls).toHaveLength(1);
    expect(writer.stats()).toMatchObject({ upstreamErrors: 1, timeouts: 0 });
    expect(JSON.parse(log.lines[0] as string)).toMatchObject({
      event: 'llm_answer_fallback',
      reason: 'upstream_error',
      status: 500,
    });
    expect(openai.chatRequests()).toHaveLength(1); // no retry: the resident gets the extractive answer now
  });

  it('falls back when the model does not answer in time', async () => {
    openai.fail('stall', { path: 'chat' });
    const { writer, fallback } = setUp({ timeoutMs: 300 });
    const answer = await writer.write({ question: QUESTION, retrieval });
    expect(answer.text).toBe('EXTRACTIVE: trả lời');
    expect(fallback.calls).toHaveLength(1);
    expect(writer.stats()).toMatchObject({ timeouts: 1, upstreamErrors: 0 });
  });

  it('never lets the API key reach a log line or an error, even when the endpoint echoes it', async () => {
    const wrongKey = 'sk-proj-WRONGKEY9876543210zyxwvu';
    const { writer, log } = setUp({ apiKey: wrongKey });
    await writer.write({ question: QUESTION, retrieval });
    expect(writer.stats().upstreamErrors).toBe(1);
    expect(log.text()).not.toContain(wrongKey);
    expect(log.text()).not.toContain('WRONGKEY');

    const chat = createOpenAiChat({ model: 'gpt-4o-mini', apiKey: wrongKey, baseURL: openai.url });
    const error = await chat.complete({ system: 's', user: 'u', maxTokens: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_FAILED', details: { status: 401 } });
    const dump = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`;
    expect(dump).not.toContain('WRONGKEY');
    expect((error as Error).cause).toBeUndefined();
  });

  it('hands an abstained retrieval to the fallback without calling the model', async () => {
    const { writer, fallback } = setUp();
    const answer = await writer.write({
      question: 'Thủ tục nuôi rồng?',
      retrieval: { passages: [], abstained: true, aspect: 'none' },
    });
    expect(answer.text).toBe('EXTRACTIVE: không tìm thấy');
    expect(fallback.calls).toHaveLength(1);
    expect(openai.chatRequests()).toHaveLength(0);
  });

  it('says plainly that nothing was found when the model finds the passages do not answer', async () => {
    openai.replyWith('[[KHONG_CO_THONG_TIN]]');
    const { writer, fallback } = setUp();
    const answer = await writer.write({ question: 'Đăng ký thường trú cho chó mèo thế nào?', retrieval });
    expect(answer).toMatchObject({ abstained: true, text: 'EXTRACTIVE: không tìm thấy' });
    expect(fallback.calls[0]?.retrieval.abstained).toBe(true);
    expect(writer.stats().declined).toBe(1);
  });

  it('gives fixed replies to crisis questions without calling the model, and when the model routes one', async () => {
    const { writer, fallback } = setUp();
    const crisis = await writer.write({ question: 'Tôi bị bạo lực gia đình, cứu tôi với', retrieval });
    expect(crisis.text).toContain('113');
    expect(crisis.sources).toEqual([]);
    expect(openai.chatRequests()).toHaveLength(0);

    openai.replyWith('[[CHUYEN:tu_van_rieng]]');
    const advice = await writer.write({ question: 'Nhà tôi bị lấn đất thì xử lý sao cho có lợi?', retrieval });
    expect(advice.text).toContain('không tư vấn pháp lý cho trường hợp riêng');
    expect(fallback.calls).toHaveLength(0);
    expect(writer.stats().routed).toBe(2);
  });

  it('shows the model at most the configured number of passages, cut to length', async () => {
    const many: IndexedChunk[] = Array.from({ length: 9 }, (_, i) => ({
      ...(passages[0] as Passage),
      chunkId: 100 + i,
      text: `Đoạn ${i} ${'x'.repeat(3000)}`,
    }));
    openai.replyWith('[[KHONG_CO_THONG_TIN]]');
    const { writer } = setUp();
    await writer.write({
      question: QUESTION,
      retrieval: { ...retrieval, passages: many.map((p) => ({ ...p, score: 1 })) },
    });
    const messages = openai.chatRequests()[0]?.body.messages as Array<{ content: string }>;
    const user = messages[1]?.content as string;
    expect(user).toContain('[6] ');
    expect(user).not.toContain('[7] ');
    expect(user.length).toBeLessThan(6 * 1700);
  });
});

describe('fake OpenAI endpoint', () => {
  it('streams chat completions as server-sent events the real client can read', async () => {
    const { default: OpenAI } = await import('openai');
    openai.replyWith('Xin chào, đây là câu trả lời dài hơn mười hai ký tự.');
    const client = new OpenAI({ apiKey: KEY, baseURL: openai.url, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Xin chào, đây là câu trả lời dài hơn mười hai ký tự.');
  });
});
