// What the bench suites share: a TypeScript module run in a worker thread and called by request/reply,
// deterministic pseudo-random numbers, percentiles and medians.
import { spawnModuleWorker } from '../../src/shared/module-worker.js';

export interface WorkerRpc {
  call<T>(message: Record<string, unknown>): Promise<T>;
  terminate(): Promise<number>;
}

/**
 * Runs `moduleUrl` (a .ts file, loaded through tsx) in a worker thread. The module answers each message
 * `{id, …}` with `{id, result}` or `{id, error}`.
 */
export function startWorkerRpc(moduleUrl: URL): WorkerRpc {
  const worker = spawnModuleWorker(moduleUrl);
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  worker.on('error', (error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });
  return {
    call: <T>(message: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, ...message });
      }),
    terminate: () => worker.terminate(),
  };
}

/** Deterministic pseudo-random numbers in [0, 1), so every run sends the same mix. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Nearest-rank percentile of unsorted values (NaN when empty). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Median of unsorted values (the mean of the middle two when even; NaN when empty). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
