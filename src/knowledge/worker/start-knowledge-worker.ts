// Runs the knowledge base's answering in a worker thread: ranking is CPU work, and on the main thread it
// would delay every other resident's message behind it. The index lives only in the worker.
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { AddressForm } from '../answer/index.js';
import type { QuestionAnswerer } from '../answer-question.js';
import type { ChunkSource } from '../search/index.js';
import type { Answer } from '../types.js';
import type { HostMessage, SerializedError, WorkerInit, WorkerMessage } from './protocol.js';

export interface KnowledgeWorkerOptions {
  store: ChunkSource;
  dataDir?: string | undefined;
  synonymsFile?: string | undefined;
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
}

function toError(error: SerializedError): AppError {
  return new AppError((error.code as ErrorCode | undefined) ?? 'INTERNAL', error.message, {
    ...(error.userMessage ? { userMessage: error.userMessage } : {}),
  });
}

/** The worker entry as a module the current runtime can load (TypeScript through tsx when run from source). */
function spawn(init: WorkerInit): Worker {
  const entry = new URL(`./knowledge-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: init });
  const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(source, { eval: true, workerData: init });
}

/** Starts the worker and resolves once its index is loaded (from the snapshot, or built). */
export async function startKnowledgeWorker(options: KnowledgeWorkerOptions): Promise<KnowledgeWorker> {
  const worker = spawn({
    dataDir: options.dataDir,
    synonymsFile: options.synonymsFile,
    addressForm: options.addressForm,
    warmUp: options.warmUp ?? true,
  });
  let nextId = 1;
  let revision = 0;
  let closed = false;
  const pending = new Map<number, { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void }>();
  const post = (message: HostMessage) => worker.postMessage(message);

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const ready = new Promise<{ origin: 'snapshot' | 'built' }>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'ready':
          revision = message.revision;
          resolve({ origin: message.origin });
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
              else post({ type: 'reply', id: message.id, chunks: await options.store.loadChunks() });
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
      if (!closed) {
        const error = new AppError('INTERNAL', `knowledge worker exited with ${code}`);
        reject(error);
        failAll(error);
      }
    });
  });
  const { origin } = await ready.catch(async (error: unknown) => {
    closed = true;
    await worker.terminate();
    throw error;
  });

  const request = (message: Extract<HostMessage, { type: 'ask' | 'refresh' }>) =>
    new Promise<WorkerMessage>((resolve, reject) => {
      if (closed) return reject(new AppError('INTERNAL', 'knowledge worker closed'));
      pending.set(message.id, { resolve, reject });
      post(message);
    });

  return {
    origin,
    revision: () => revision,
    answerer: {
      async ask(question, askOptions): Promise<Answer> {
        const reply = await request({ type: 'ask', id: nextId++, question, focusCode: askOptions?.focusCode });
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
    async close() {
      closed = true;
      failAll(new AppError('INTERNAL', 'knowledge worker closed'));
      await worker.terminate();
    },
  };
}
