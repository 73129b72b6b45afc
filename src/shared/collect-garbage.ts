// A full garbage collection after bulk work (an import, an index rebuild), when the process allows it.
//
// V8 collects lazily and keeps the pages it grew into: after a service imported the 2,642 procedure records
// and rebuilt its index, a few hundred megabytes of dead objects (the records, the chunks the main thread read
// and cloned to the knowledge worker, the worker's previous index) stayed resident for hours. `npm start` runs
// Node with --expose-gc so these few calls can hand that memory back; without the flag they do nothing.

/** Runs a full collection if `gc` is exposed (node --expose-gc); a no-op otherwise. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
