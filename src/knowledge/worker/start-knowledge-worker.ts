// Runs the knowledge base's answering in a worker thread: ranking is CPU work, and on the main thread it
// would delay every other resident's message behind it. The index lives only in the worker.

import type { Worker } from 'node:worker_threads';
import { collectGarbage } from '../../shared/collect-garbage.js';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { spawnModuleWorker } from '../../shared/module-worker.js';
import type { AddressForm } from '../answer/index.js';
import type { QuestionAnswerer } from '../answer-question.js';
import type { Answer, KnowledgeStore } from '../types.js';
import {
  CHUNK_PAGE_DOCUMENTS,
  type HostMessage,
  type SerializedError,
  type WorkerInit,
  type WorkerMessage,
} from './protocol.js';

export interface KnowledgeWorkerOptions {
  /** Read on the main thread: the revision, and the chunks a page at a time when the worker rebuilds its index. */
  store: Pick<KnowledgeStore, 'getRevision' | 'loadChunkPage'>;
  dataDir?: string | undefined;
  synonymsFile?: string | undefined;
  /** knowledge/aliases/ (sample questions per procedure), read by the worker. */
  aliasesDir?: string | undefined;
  /** knowledge/off-domain.txt, read by the worker. */
  offDomainFile?: string | undefined;
  addressForm: AddressForm;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;
  /** Warm the search up in the background once loaded (default true). */
  warmUp?: boolean;
}

export interface KnowledgeWorker {
  answerer: QuestionAnswerer;
  /** Re-reads synonyms and rebuilds the index if the knowledge revision moved. True when rebuilt. */
  refresh(): Promise<boolean>;
  revision(): number;
  origin: 'snapshot' | 'built';
  close(): Promise<void>;
  /** @internal Ends the thread as a crash would (it is then restarted); for tests. */
  kill(): Promise<void>;
}

function toError(error: SerializedError): AppError {
  return new AppError((error.code as ErrorCode | undefined) ?? 'INTERNAL', error.message, {
    ...(error.userMessage ? { userMessage: error.userMessage } : {}),
  });
}

/**
 * The worker's heap limits: V8's defaults. Capping the young generation at 8 MB saved about 20 MB of resident
 * semi-spaces after a burst, but on a quiet 2-core machine it cut the Zalo bench from 163 to 132 msg/s at capacity and
 * raised p95 at 200 msg/s offered from 413 ms to 1,667 ms (`npm run bench -- zalo`, 2026-12-03): a busy desk needs
 * the throughput more than the memory.
 */
const WORKER_LIMITS = {};

const ENTRY = new URL(`./knowledge-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * Starts the worker and resolves once its index is loaded (from the snapshot, or built). A worker thread that
 * dies on its own (crash, out of memory) is started again; questions asked meanwhile wait for it.
 */
export async function startKnowledgeWorker(options: KnowledgeWorkerOptions): Promise<KnowledgeWorker> {
  const init: WorkerInit = {
    dataDir: options.dataDir,
    synonymsFile: options.synonymsFile,
    aliasesDir: options.aliasesDir,
    offDomainFile: options.offDomainFile,
    addressForm: options.addressForm,
    warmUp: options.warmUp ?? true,
  };
  let nextId = 1;
  let revision = 0;
  let closed = false;
  /** The newest thread, loaded or still loading. */
  let thread: Worker | undefined;
  /** The thread to send to: the loaded one, or the one being restarted (rejected if the restart failed). */
  let live: Promise<Worker>;
  const pending = new Map<number, { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void }>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  /** Spawns a thread and resolves with it once its index is loaded; an unexpected exit afterwards restarts it. */
  const launch = (): Promise<{ worker: Worker; origin: 'snapshot' | 'built' }> => {
    const worker = spawnModuleWorker(ENTRY, { workerData: init, resourceLimits: WORKER_LIMITS });
    thread = worker;
    const post = (message: HostMessage) => worker.postMessage(message);
    let isReady = false;
    return new Promise((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'ready':
            revision = message.revision;
            isReady = true;
            resolve({ worker, origin: message.origin });
            return;
          case 'failed':
            reject(toError(message.error));
            return;
          case 'log':
            options.logger?.[message.level](message.fields, message.message);
            return;
          case 'need':
            void (async () => {
              try {
                if (message.what === 'revision')
                  post({ type: 'reply', id: message.id, revision: await options.store.getRevision() });
                else {
                  const page = await options.store.loadChunkPage(message.after, CHUNK_PAGE_DOCUMENTS);
                  post({ type: 'reply', id: message.id, chunks: page.chunks, last: page.last });
                  // the last page is cloned to the worker: this thread's copies of the chunks are garbage now
                  if (page.last === undefined) collectGarbage();
                }
              } catch (error) {
                post({ type: 'reply', id: message.id, error: (error as Error).message });
              }
            })();
            return;
          default: {
            const p = pending.get(message.id);
            pending.delete(message.id);
            p?.resolve(message);
          }
        }
      });
      worker.on('error', (error) => {
        options.logger?.error({ err: error.message }, 'knowledge worker failed');
        reject(error);
        failAll(new AppError('INTERNAL', `knowledge worker failed: ${error.message}`));
      });
      worker.on('exit', (code) => {
        const error = new AppError('INTERNAL', `knowledge worker exited with ${code}`);
        reject(error);
        if (closed || worker !== thread) return;
        // the questions it was answering are lost with it; the next ones go to a new thread
        failAll(error);
        if (!isReady) return;
        options.logger?.error({ code }, 'knowledge worker exited unexpectedly; restarting it');
        live = restart();
        // already logged; whoever asks next gets the error
        live.catch(() => undefined);
      });
    });
  };

  const restart = async (): Promise<Worker> => {
    try {
      return (await launch()).worker;
    } catch (error) {
      await thread?.terminate();
      if (!closed) options.logger?.error({ err: (error as Error).message }, 'knowledge worker failed to restart');
      throw new AppError('INTERNAL', `knowledge worker failed to restart: ${(error as Error).message}`);
    }
  };

  const first = await launch().catch(async (error: unknown) => {
    closed = true;
    await thread?.terminate();
    throw error;
  });
  live = Promise.resolve(first.worker);

  const request = async (message: Extract<HostMessage, { type: 'ask' | 'refresh' }>): Promise<WorkerMessage> => {
    const closedError = () => new AppError('INTERNAL', 'knowledge worker closed');
    if (closed) throw closedError();
    const worker = await live;
    if (closed) throw closedError();
    return new Promise<WorkerMessage>((resolve, reject) => {
      pending.set(message.id, { resolve, reject });
      worker.postMessage(message);
    });
  };

  return {
    origin: first.origin,
    revision: () => revision,
    answerer: {
      async ask(question, askOptions): Promise<Answer> {
        const reply = await request({
          type: 'ask',
          id: nextId++,
          question,
          focusCode: askOptions?.focusCode,
          explain: askOptions?.explain,
        });
        if (reply.type !== 'answer') throw new AppError('INTERNAL', 'unexpected worker reply');
        if (reply.error || !reply.answer) throw toError(reply.error ?? { message: 'no answer' });
        return reply.answer;
      },
    },
    async refresh() {
      const reply = await request({ type: 'refresh', id: nextId++ });
      if (reply.type !== 'refreshed') throw new AppError('INTERNAL', 'unexpected worker reply');
      if (reply.error) throw toError(reply.error);
      revision = reply.revision;
      return reply.changed;
    },
    async kill() {
      await thread?.terminate();
    },
    async close() {
      closed = true;
      failAll(new AppError('INTERNAL', 'knowledge worker closed'));
      await thread?.terminate();
    },
  };
}
