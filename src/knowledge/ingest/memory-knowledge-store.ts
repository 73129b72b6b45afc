// An in-memory KnowledgeStore: for throw-away knowledge bases (`tiepdan eval --kb`) and as the fake in tests.
import type {
  DocumentDraft,
  IndexedChunk,
  KnowledgeStore,
  StoredDocument,
  UpsertOptions,
  UpsertOutcome,
} from '../types.js';

interface Entry {
  draft: DocumentDraft;
  chunkIds: number[];
  updatedAt: Date;
}

/** Behaves like the database store (same outcomes, same revision rules), without a database. */
export function createMemoryKnowledgeStore(): KnowledgeStore {
  const documents = new Map<string, Entry>();
  let revision = 0;
  let nextChunkId = 1;

  function upsertOne(draft: DocumentDraft, force: boolean): UpsertOutcome | 'moved' {
    const stored = documents.get(draft.code);
    if (stored && !force && stored.draft.contentHash === draft.contentHash) {
      if (stored.draft.sourcePath === draft.sourcePath) return 'unchanged';
      // the index does not hold the source path: a document that only moved file keeps its chunks and revision
      documents.set(draft.code, {
        ...stored,
        draft: { ...stored.draft, sourcePath: draft.sourcePath },
        updatedAt: new Date(),
      });
      return 'moved';
    }
    documents.set(draft.code, {
      draft: structuredClone(draft),
      chunkIds: draft.chunks.map(() => nextChunkId++),
      updatedAt: new Date(),
    });
    return stored ? 'updated' : 'added';
  }

  /** Documents of re-read source files that the files no longer hold; how many were removed. */
  function removeMissing(drafts: DocumentDraft[], options: UpsertOptions): number {
    let count = 0;
    const writing = new Set(drafts.map((d) => d.code));
    for (const { sourcePath, keepCodes } of options.replaceSources ?? []) {
      const keep = new Set(keepCodes);
      for (const [code, { draft }] of documents) {
        if (draft.sourcePath === sourcePath && !keep.has(code) && !writing.has(code)) {
          documents.delete(code);
          count++;
        }
      }
    }
    return count;
  }

  const store: KnowledgeStore = {
    async upsertDocuments(drafts, options = {}) {
      const removed = removeMissing(drafts, options);
      const changes = drafts.map((draft) => upsertOne(draft, options.force === true));
      if (removed > 0 || changes.some((c) => c === 'added' || c === 'updated')) revision++;
      return changes.map((change) => (change === 'moved' ? 'updated' : change));
    },
    async upsertDocument(draft, options) {
      const [outcome] = await store.upsertDocuments([draft], options);
      return outcome as UpsertOutcome;
    },
    async removeDocument(code) {
      const existed = documents.delete(code);
      if (existed) revision++;
      return existed;
    },
    async listDocuments() {
      return [...documents.values()]
        .sort((a, b) => (a.draft.code < b.draft.code ? -1 : a.draft.code > b.draft.code ? 1 : 0))
        .map(
          ({ draft, updatedAt }): StoredDocument => ({
            code: draft.code,
            title: draft.title,
            kind: draft.kind,
            level: draft.level,
            issuer: draft.issuer,
            issuedDate: draft.issuedDate,
            field: draft.field,
            url: draft.url,
            sourcePath: draft.sourcePath,
            contentHash: draft.contentHash,
            chunkCount: draft.chunks.length,
            updatedAt,
          }),
        );
    },
    async countDocuments() {
      return documents.size;
    },
    async loadChunks() {
      return chunksOf([...documents.keys()].sort());
    },
    async loadChunkPage(after, count) {
      const codes = [...documents.keys()].sort().filter((code) => after === undefined || code > after);
      const page = codes.slice(0, count);
      return { chunks: chunksOf(page), last: codes.length > count ? page.at(-1) : undefined };
    },
    async getRevision() {
      return revision;
    },
    async bumpRevision() {
      return ++revision;
    },
  };

  /** The chunks of these documents, in the order given, each joined with its document's identity. */
  function chunksOf(codes: string[]): IndexedChunk[] {
    return codes.flatMap((code) => {
      const { draft, chunkIds } = documents.get(code) as Entry;
      return draft.chunks.map(
        (chunk, ordinal): IndexedChunk => ({
          chunkId: chunkIds[ordinal] as number,
          code: draft.code,
          title: draft.title,
          kind: draft.kind,
          level: draft.level,
          levels: draft.levels && draft.levels.length > 1 ? draft.levels : undefined,
          url: draft.url,
          section: chunk.section,
          aspect: chunk.aspect,
          ordinal,
          text: chunk.text,
        }),
      );
    });
  }
  return store;
}
