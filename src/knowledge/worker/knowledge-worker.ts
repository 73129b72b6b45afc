// Worker thread entry: holds the search index and answers questions, so the service's main thread (database,
// channels, HTTP) never waits for ranking. The knowledge store stays on the main thread; the worker asks it
// for the revision and, when the index snapshot is stale, for the chunks.
import { parentPort, workerData } from 'node:worker_threads';
import { collectGarbage } from '../../shared/collect-garbage.js';
import { isAppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { createExtractiveWriter } from '../answer/index.js';
import { createAnswerer, warmUpAnswering } from '../answer-question.js';
import { openKnowledgeSearch } from '../search/index.js';
import type { IndexedChunk } from '../types.js';
import type { HostMessage, SerializedError, WorkerInit, WorkerMessage } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('knowledge-worker must run in a worker thread');
const init = workerData as WorkerInit;
const post = (message: WorkerMessage) => port.postMessage(message);

let nextRequest = 1;
const waiting = new Map<number, (m: Extract<HostMessage, { type: 'reply' }>) => void>();
function need(what: 'revision' | 'chunks', after?: string): Promise<Extract<HostMessage, { type: 'reply' }>> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    waiting.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    post({ type: 'need', id, what, after });
  });
}

/**
 * Every chunk, a page of documents at a time. Pages are separate reads: a change between them is caught by the
 * next refresh, since the index is labelled with the revision read before the first page.
 */
async function loadAllChunks(): Promise<IndexedChunk[]> {
  const chunks: IndexedChunk[] = [];
  let after: string | undefined;
  let previous: IndexedChunk | undefined;
  do {
    const page = await need('chunks', after);
    for (const chunk of page.chunks ?? []) {
      // a cloned chunk brings its own copy of its document's strings: keep one per document (the index
      // holds them for as long as it lives, ~10 MB over the 26,508 chunks of the national records)
      if (previous?.code === chunk.code) {
        chunk.code = previous.code;
        chunk.title = previous.title;
        chunk.url = previous.url;
        chunk.levels = previous.levels;
      }
      previous = chunk;
      chunks.push(chunk);
    }
    after = page.last;
  } while (after !== undefined);
  return chunks;
}

function serialize(error: unknown): SerializedError {
  if (isAppError(error)) return { code: error.code, message: error.message, userMessage: error.userMessage };
  return { message: error instanceof Error ? error.message : String(error) };
}

// pino's call shape (fields, message), forwarded to the service's logger
const forward =
  (level: 'info' | 'warn') =>
  (fields: unknown, message?: string): void =>
    post({ type: 'log', level, fields: (fields ?? {}) as Record<string, unknown>, message: message ?? '' });
const logger = { info: forward('info'), warn: forward('warn') } as unknown as Pick<Logger, 'info' | 'warn'>;

const search = openKnowledgeSearch({
  store: {
    getRevision: async () => (await need('revision')).revision ?? 0,
    loadChunks: loadAllChunks,
  },
  dataDir: init.dataDir,
  synonymsFile: init.synonymsFile,
  aliasesDir: init.aliasesDir,
  offDomainFile: init.offDomainFile,
  // the worker answers at once; the sample questions join the index a few seconds later
  aliasesInBackground: true,
  logger,
});

port.on('message', (message: HostMessage) => {
  if (message.type === 'reply') {
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
    return;
  }
  void handle(message);
});

const ready = search.then(async (s) => {
  const answerer = createAnswerer({
    retriever: s.retriever,
    writer: createExtractiveWriter({ addressForm: init.addressForm, synonyms: () => s.synonyms() }),
    addressForm: init.addressForm,
  });
  post({ type: 'ready', revision: s.revision(), origin: s.origin });
  // the snapshot's read buffers (or the cloned chunks and the builder's lists) are garbage now, and so are the
  // parsed aliases files once their field is built: hand that memory back rather than keep it for hours
  collectGarbage();
  void s.aliasesReady.then(collectGarbage);
  return { s, answerer };
});
ready.catch((error: unknown) => post({ type: 'failed', error: serialize(error) }));
void ready.then(({ s, answerer }) =>
  init.warmUp ? warmUpAnswering(answerer, s.retriever.warmUpQuestions(30)) : undefined,
);

async function handle(message: Exclude<HostMessage, { type: 'reply' }>): Promise<void> {
  if (message.type === 'ask') {
    try {
      const { answerer } = await ready;
      post({
        type: 'answer',
        id: message.id,
        answer: await answerer.ask(message.question, { focusCode: message.focusCode, explain: message.explain }),
      });
    } catch (error) {
      post({ type: 'answer', id: message.id, error: serialize(error) });
    }
    return;
  }
  try {
    const { s } = await ready;
    const changed = await s.refresh();
    post({ type: 'refreshed', id: message.id, changed, revision: s.revision() });
    // the previous index and the cloned chunks are garbage now: hand the memory back (see collect-garbage.ts)
    if (changed) collectGarbage();
  } catch (error) {
    post({ type: 'refreshed', id: message.id, changed: false, revision: -1, error: serialize(error) });
  }
}
