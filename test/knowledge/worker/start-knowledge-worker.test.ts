// The answering worker thread: the real worker (loaded through tsx, as `npm start` does) answering from a chunk
// source that lives on the main thread, rebuilding when the knowledge revision moves, and reporting failures.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type KnowledgeWorker, startKnowledgeWorker } from '../../../src/knowledge/index.js';
import type { IndexedChunk, KnowledgeStore } from '../../../src/knowledge/types.js';

type WorkerStore = Pick<KnowledgeStore, 'getRevision' | 'loadChunkPage'>;

import { isAppError } from '../../../src/shared/errors.js';
import { CORPUS } from '../search/corpus.js';

const DRIVING = '3.000348';

/** A store on the main thread; `loads` counts full reads (first pages), `pages` every page asked for. */
function source(chunks: IndexedChunk[]) {
  const state = { chunks, revision: 1, loads: 0, pages: 0, fail: false };
  const store: WorkerStore = {
    async getRevision() {
      return state.revision;
    },
    async loadChunkPage(after, documents) {
      if (state.fail) throw new Error('database unavailable');
      if (after === undefined) state.loads++;
      state.pages++;
      const codes = [...new Set(state.chunks.map((c) => c.code))]
        .sort()
        .filter((c) => after === undefined || c > after);
      const page = new Set(codes.slice(0, documents));
      return {
        chunks: state.chunks.filter((c) => page.has(c.code)),
        last: codes.length > documents ? codes[documents - 1] : undefined,
      };
    },
  };
  return { store, state };
}

const open: KnowledgeWorker[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const w of open.splice(0)) await w.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function start(store: WorkerStore, dataDir?: string): Promise<KnowledgeWorker> {
  const worker = await startKnowledgeWorker({ store, dataDir, addressForm: 'Bạn', warmUp: false });
  open.push(worker);
  return worker;
}

describe('knowledge worker', { timeout: 60_000 }, () => {
  it('answers with the fact and its source from chunks read on the main thread', async () => {
    const { store, state } = source(CORPUS);
    const worker = await start(store);
    expect(worker.origin).toBe('built');
    expect(state.loads).toBe(1);
    const answer = await worker.answerer.ask('Lệ phí cấp lại giấy phép lái xe là bao nhiêu?');
    expect(answer.abstained).toBe(false);
    expect(answer.docCodes[0]).toBe(DRIVING);
    expect(answer.text).toContain('135.000 đồng');
    expect(answer.sources[0]).toMatchObject({ code: DRIVING });
    expect(answer.focus).toMatchObject({ code: DRIVING, level: 'trung ương' });
    // many questions at once each get their own answer
    const questions = ['đăng ký tạm trú cần giấy tờ gì', 'lệ phí đăng ký kết hôn', 'PAPI năm 2021'];
    const answers = await Promise.all(questions.map((q) => worker.answerer.ask(q)));
    expect(answers.map((a) => a.docCodes[0])).toEqual(['1.004194', '1.000894', '416/KH-UBND']);
  });

  it('abstains on a question the knowledge base cannot answer', async () => {
    const worker = await start(source(CORPUS).store);
    const answer = await worker.answerer.ask('Giá vé máy bay đi Thành phố Hồ Chí Minh hôm nay?');
    expect(answer.abstained).toBe(true);
    expect(answer.sources).toEqual([]);
  });

  it('rebuilds on refresh only when the revision moved, then finds the new document', async () => {
    const without = CORPUS.filter((c) => c.code !== DRIVING);
    const { store, state } = source(without);
    const worker = await start(store);
    expect((await worker.answerer.ask('cấp lại giấy phép lái xe')).docCodes).not.toContain(DRIVING);
    expect(await worker.refresh()).toBe(false);
    expect(state.loads).toBe(1);

    state.chunks = CORPUS;
    state.revision = 2;
    expect(await worker.refresh()).toBe(true);
    expect(worker.revision()).toBe(2);
    expect(state.loads).toBe(2);
    expect((await worker.answerer.ask('cấp lại giấy phép lái xe')).docCodes[0]).toBe(DRIVING);
  });

  it('restores its index from the snapshot in the data folder on the next start', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-worker-'));
    dirs.push(dataDir);
    const { store, state } = source(CORPUS);
    await (await start(store, dataDir)).close();
    const again = await start(store, dataDir);
    expect(again.origin).toBe('snapshot');
    expect(state.loads).toBe(1);
    expect((await again.answerer.ask('đăng ký tạm trú')).docCodes[0]).toBe('1.004194');
  });

  it('reads a large knowledge base a page of documents at a time, and finds what the last page held', async () => {
    // 600 documents: three pages of 250 (the main thread holds one page at a time, not every chunk)
    const many: IndexedChunk[] = Array.from({ length: 600 }, (_, i) => ({
      chunkId: 10_000 + i,
      code: `9.${String(i).padStart(6, '0')}`,
      title: `Thủ tục số ${i} về cấp phép khai thác gỗ rừng trồng`,
      kind: 'procedure' as const,
      section: 'Phí, lệ phí',
      aspect: 'le_phi' as const,
      ordinal: 0,
      text: `Lệ phí ${i}.000 đồng.`,
    }));
    many.push({
      ...(many[599] as IndexedChunk),
      chunkId: 20_000,
      title: 'Cấp giấy phép nuôi chim yến',
      text: 'Lệ phí 777.000 đồng.',
      code: '9.999999',
    });
    const { store, state } = source(many);
    const worker = await start(store);
    expect(state.pages).toBe(3);
    const answer = await worker.answerer.ask('Cấp giấy phép nuôi chim yến lệ phí bao nhiêu?');
    expect(answer.docCodes[0]).toBe('9.999999');
    expect(answer.text).toContain('777.000 đồng');
  });

  it('reports a failing store at start and on refresh, and keeps answering from the index it has', async () => {
    const failing = source(CORPUS);
    failing.state.fail = true;
    await expect(startKnowledgeWorker({ store: failing.store, addressForm: 'Bạn', warmUp: false })).rejects.toThrow(
      /database unavailable/,
    );

    const { store, state } = source(CORPUS);
    const worker = await start(store);
    state.revision = 2;
    state.fail = true;
    await expect(worker.refresh()).rejects.toThrow(/database unavailable/);
    expect((await worker.answerer.ask('đăng ký tạm trú')).docCodes[0]).toBe('1.004194');
  });

  it('rejects questions after close with an error, not a hang', async () => {
    const worker = await start(source(CORPUS).store);
    await worker.close();
    const error = await worker.answerer.ask('đăng ký tạm trú').catch((e: unknown) => e);
    expect(isAppError(error, 'INTERNAL')).toBe(true);
  });

  it('starts a new thread when the worker dies on its own, and answers the next question', async () => {
    const { store, state } = source(CORPUS);
    const worker = await start(store);
    await worker.kill();
    expect((await worker.answerer.ask('đăng ký tạm trú')).docCodes[0]).toBe('1.004194');
    // a restart that cannot load the index refuses the question instead of leaving it unanswered
    await worker.kill();
    state.fail = true;
    const error = await worker.answerer.ask('đăng ký tạm trú').catch((e: unknown) => e);
    expect(isAppError(error, 'INTERNAL')).toBe(true);
  });
});
