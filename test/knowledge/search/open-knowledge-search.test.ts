import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ChunkSource,
  LexicalIndex,
  loadIndexSnapshot,
  openKnowledgeSearch,
  saveIndexSnapshot,
  snapshotFile,
} from '../../../src/knowledge/search/index.js';
import type { IndexedChunk } from '../../../src/knowledge/types.js';
import { CORPUS, SYNONYMS } from './corpus.js';

/** A chunk source that counts how often the chunks are read (a read means the index was rebuilt). */
function source(chunks: IndexedChunk[], revision = 1) {
  const state = { chunks, revision, loads: 0 };
  const store: ChunkSource = {
    async loadChunks() {
      state.loads++;
      return state.chunks;
    },
    async getRevision() {
      return state.revision;
    },
  };
  return { store, state };
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-search-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('index snapshot', () => {
  it('round-trips an index: the restored one answers exactly like the built one', async () => {
    const dir = await tempDir();
    const built = LexicalIndex.build(CORPUS);
    await saveIndexSnapshot(path.join(dir, 'i.bin'), built.toParts(), 7);
    const parts = await loadIndexSnapshot(path.join(dir, 'i.bin'), 7);
    expect(parts).toBeDefined();
    const restored = LexicalIndex.fromParts(parts as NonNullable<typeof parts>);
    for (const q of ['lệ phí đăng ký thường trú', 'dang ky ket hon', 'PAPI năm 2021']) {
      const groups = [{ terms: q.split(' '), weight: 1, label: q, isCore: true }];
      expect(restored.search({ groups, limit: 5 })).toEqual(built.search({ groups, limit: 5 }));
    }
  });

  it('is ignored when made for another revision, or damaged', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'i.bin');
    await saveIndexSnapshot(file, LexicalIndex.build(CORPUS).toParts(), 3);
    expect(await loadIndexSnapshot(file, 4)).toBeUndefined();
    await writeFile(file, 'not an index');
    expect(await loadIndexSnapshot(file, 3)).toBeUndefined();
    expect(await loadIndexSnapshot(path.join(dir, 'missing.bin'), 3)).toBeUndefined();
  });
});

describe('index snapshot format', () => {
  it('a snapshot written in an earlier layout (format 7: 32-bit float frequencies) is rebuilt, never misread', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'i.bin');
    await saveIndexSnapshot(file, LexicalIndex.build(CORPUS).toParts(), 3);
    expect(await loadIndexSnapshot(file, 3)).toBeDefined();
    const bytes = await readFile(file);
    const at = bytes.indexOf('"format":8');
    expect(at).toBeGreaterThan(0);
    bytes.write('"format":7', at);
    await writeFile(file, bytes);
    expect(await loadIndexSnapshot(file, 3)).toBeUndefined();
  });

  it('keeps term frequencies exactly: a word said three times outranks the same word said once, restored too', async () => {
    const dir = await tempDir();
    const base = CORPUS[0] as IndexedChunk;
    const chunks: IndexedChunk[] = [
      { ...base, chunkId: 9001, code: 'X.1', title: 'Thủ tục một', ordinal: 0, text: 'giếng khoan nước' },
      { ...base, chunkId: 9002, code: 'X.2', title: 'Thủ tục hai', ordinal: 0, text: 'giếng giếng giếng khoan nước' },
    ];
    const built = LexicalIndex.build(chunks);
    await saveIndexSnapshot(file(dir), built.toParts(), 1);
    const restored = LexicalIndex.fromParts(
      (await loadIndexSnapshot(file(dir), 1)) as NonNullable<Awaited<ReturnType<typeof loadIndexSnapshot>>>,
    );
    const groups = [{ terms: ['giếng'], weight: 1, label: 'giếng', isCore: true }];
    for (const index of [built, restored]) {
      const hits = index.search({ groups, limit: 2 }).hits;
      expect(hits.map((h) => index.docs[h.doc]?.code)).toEqual(['X.2', 'X.1']);
    }
    expect(restored.search({ groups, limit: 2 })).toEqual(built.search({ groups, limit: 2 }));
  });
});

const file = (dir: string) => path.join(dir, 'i.bin');

describe('openKnowledgeSearch', () => {
  it('builds once, then restores from the snapshot while the revision is unchanged', async () => {
    const dataDir = await tempDir();
    const { store, state } = source(CORPUS, 5);
    const first = await openKnowledgeSearch({ store, dataDir });
    expect(first.origin).toBe('built');
    expect(state.loads).toBe(1);
    const second = await openKnowledgeSearch({ store, dataDir });
    expect(second.origin).toBe('snapshot');
    expect(state.loads).toBe(1);
    expect(second.retriever.retrieveSync('đăng ký tạm trú').passages[0]?.code).toBe('1.004194');
    state.revision = 6;
    const third = await openKnowledgeSearch({ store, dataDir });
    expect(third.origin).toBe('built');
    expect(state.loads).toBe(2);
    expect(snapshotFile(dataDir).startsWith(dataDir)).toBe(true);
  });

  it('refresh() rebuilds after the knowledge base changed and re-reads the synonyms file', async () => {
    const dataDir = await tempDir();
    const synonymsFile = path.join(dataDir, 'synonyms.txt');
    await writeFile(synonymsFile, '');
    const { store, state } = source(
      CORPUS.filter((c) => c.code !== '1.004194'),
      1,
    );
    const search = await openKnowledgeSearch({ store, dataDir, synonymsFile });
    expect(search.retriever.retrieveSync('đăng ký tạm trú lệ phí').passages[0]?.code).not.toBe('1.004194');
    expect(await search.refresh()).toBe(false);
    state.chunks = CORPUS;
    state.revision = 2;
    await writeFile(synonymsFile, SYNONYMS);
    expect(await search.refresh()).toBe(true);
    expect(search.revision()).toBe(2);
    expect(search.retriever.retrieveSync('đăng ký tạm trú lệ phí').passages[0]?.code).toBe('1.004194');
    expect(search.synonyms().rules.length).toBeGreaterThan(0);
    expect(search.retriever.retrieveSync('làm sổ đỏ lần đầu').passages[0]?.code).toBe('1.013978');
  });

  it('a refresh asked for while one runs sees a change made meanwhile (it runs next, not shared)', async () => {
    const dataDir = await tempDir();
    const { store, state } = source(
      CORPUS.filter((c) => c.code !== '1.004194'),
      1,
    );
    const search = await openKnowledgeSearch({ store, dataDir });
    // the periodic refresh reads the revision, then is held up before it compares it
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    store.getRevision = async () => {
      const read = state.revision;
      await held;
      return read;
    };
    const periodic = search.refresh();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // an upload commits a new revision and asks for a refresh
    state.chunks = CORPUS;
    state.revision = 2;
    const afterUpload = search.refresh();
    expect(search.refresh()).toBe(afterUpload);
    release();
    expect(await periodic).toBe(false);
    expect(await afterUpload).toBe(true);
    expect(search.revision()).toBe(2);
    expect(search.retriever.retrieveSync('đăng ký tạm trú lệ phí').passages[0]?.code).toBe('1.004194');
  });
});
