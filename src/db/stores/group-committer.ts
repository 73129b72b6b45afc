// Group commit for per-message statements: requests that arrive while one statement runs are written by the next.
// Shared by the Telegram update store and the Zalo stores (claims, "done" marks, per-resident records).

/**
 * Writes one batch: every key submitted since the last batch, in arrival order (duplicates kept). Returns how to
 * answer each request of the batch, given its key and its position in the batch.
 */
export type WriteBatch<K, T> = (keys: K[]) => Promise<(key: K, index: number) => T>;

interface Waiting<K, T> {
  key: K;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * One statement when idle, one per batch under load. On the embedded database every statement costs main-thread
 * time, so this is what keeps a burst of webhooks or updates from queueing behind each other's writes. A failed
 * statement rejects every request of its batch and nothing else; the next batch is written as usual.
 */
export class GroupCommitter<K, T = void> {
  private pending: Array<Waiting<K, T>> = [];
  private running: Promise<void> | undefined;

  /**
   * @param lingerMs wait this long before writing a batch (0: at the end of this turn of the event loop). Lets marks that nobody awaits share
   *   one statement instead of costing one each; requests somebody awaits should not linger.
   */
  constructor(
    private readonly write: WriteBatch<K, T>,
    private readonly lingerMs = 0,
  ) {}

  submit(key: K): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      this.running ??= this.run();
    });
  }

  /** Resolves once every request submitted so far is written (or failed): what a stop waits for. */
  async settled(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private async run(): Promise<void> {
    if (this.lingerMs > 0) await new Promise((resolve) => setTimeout(resolve, this.lingerMs));
    // not a microtask: every request whose I/O arrived in this turn of the event loop (each webhook call is its own
    // callback) joins the batch; with a microtask each call got a statement of its own, even under load
    else await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const outcome = await this.write(batch.map((b) => b.key));
        for (const [index, b] of batch.entries()) b.resolve(outcome(b.key, index));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.running = undefined;
  }
}
