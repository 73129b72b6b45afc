// Starts a module in a worker thread, whether the process runs compiled JavaScript or TypeScript from source.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker thread running the module at `url`: directly for JavaScript, through tsx for a .ts module. */
export function spawnModuleWorker(url: URL, options?: WorkerOptions): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(source, { ...options, eval: true });
}
