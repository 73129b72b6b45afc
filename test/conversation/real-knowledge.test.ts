// The engine with the REAL knowledge base (the Ministry of Justice's procedures + the plan), not a fake answerer.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answerer } from '../../src/conversation/index.js';
import {
  createAnswerer,
  createExtractiveWriter,
  createMemoryKnowledgeStore,
  loadDocuments,
  openKnowledgeSearch,
} from '../../src/knowledge/index.js';
import { EVAL_DATA_DIR, hasSharedData, REPO_ROOT } from '../support/shared-data.js';
import { actionsOf, createHarness, type Harness, textOf } from './harness.js';

if (!hasSharedData) console.log(`Real knowledge base test skipped: no shared data at ${EVAL_DATA_DIR}`);

/** The knowledge context's own answerer, built as service.ts builds it (lexical search + extractive answers). */
async function realAnswerer(): Promise<Answerer> {
  const { documents } = await loadDocuments(
    [path.join(EVAL_DATA_DIR, 'tthc-dichvucong/raw/bo-tu-phap'), path.join(REPO_ROOT, 'knowledge')],
    { root: REPO_ROOT },
  );
  const store = createMemoryKnowledgeStore();
  await store.upsertDocuments(documents);
  const search = await openKnowledgeSearch({ store, synonymsFile: path.join(REPO_ROOT, 'knowledge/synonyms.txt') });
  return createAnswerer({
    retriever: search.retriever,
    writer: createExtractiveWriter({ synonyms: () => search.synonyms() }),
  });
}

describe.runIf(hasSharedData)('with the real knowledge base', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ answerer: await realAnswerer() });
  });
  afterAll(async () => h?.close());

  test('a question, then follow-ups on the same procedure, typed with and without diacritics', async () => {
    const first = await h.send('real', 'dang ky ket hon can giay to gi');
    expect(first[0]?.text).toContain('Thủ tục đăng ký kết hôn');
    expect(first[0]?.text).toContain('mã thủ tục 1.000894');
    expect(actionsOf(first)).toEqual([
      'more:1.000894:ho_so',
      expect.stringMatching(/^rate:up:/),
      expect.stringMatching(/^rate:down:/),
    ]);

    const fee = await h.send('real', 'còn lệ phí thì sao?');
    expect(fee[0]?.text).toContain('Phí, lệ phí');
    expect(fee[0]?.text).toContain('mã thủ tục 1.000894');

    const time = await h.send('real', 'mat bao lau?');
    expect(time[0]?.text).toContain('Thời hạn giải quyết');
    expect(time[0]?.text).toContain('mã thủ tục 1.000894');
  });

  test('"Xem đủ" under a short answer sends the whole section it quoted a few lines of', async () => {
    const first = await h.send('real-more', 'Đăng ký khai tử cần giấy tờ gì?');
    const short = first[0]?.text ?? '';
    expect(short).toContain('mã thủ tục');
    const more = actionsOf(first).find((a) => a.startsWith('more:'));
    expect(more).toMatch(/^more:[\d.]+:ho_so$/);
    expect(first[0]?.quickReplies.find((q) => q.action === more)?.label).toBe('Xem đủ');

    const full = await h.send('real-more', { action: more as string });
    const text = full[0]?.text ?? '';
    const code = (more as string).split(':')[1] as string;
    expect(text).toContain(`mã thủ tục ${code}`);
    expect(text).toContain('Thành phần hồ sơ:');
    // every item the short answer quoted is there, and more besides
    const items = (t: string) => t.split('\n').filter((l) => /\(\d+ bản (?:chính|sao)/u.test(l));
    expect(items(text).length).toBeGreaterThan(items(short).length);
    for (const item of items(short)) expect(text).toContain(item.replace(/^.*?- /u, '').replace(/ … \(.*$/u, ''));
    // the whole section: no line cut short
    expect(text).not.toContain('…');
    // and the full answer offers no further "Xem đủ"
    expect(actionsOf(full).some((a) => a.startsWith('more:'))).toBe(false);
  });

  test('an off-topic question abstains, is queued for staff and offers the hand-over', async () => {
    const replies = await h.send('real-off', 'Giá vàng hôm nay bao nhiêu?');
    expect(textOf(replies)).toContain('chưa tìm thấy thông tin phù hợp');
    expect(actionsOf(replies)).toEqual([expect.stringMatching(/^staff:/)]);
    expect(
      await h.db.prisma.unansweredQuestion.findMany({ where: { question: 'Giá vàng hôm nay bao nhiêu?' } }),
    ).toMatchObject([{ reason: 'abstain', status: 'open' }]);
  });
});
