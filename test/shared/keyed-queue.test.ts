// One resident's messages run one at a time, in arrival order; other residents are not held up.
import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/shared/keyed-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('KeyedQueue', () => {
  it('runs tasks of one key in order, and another key meanwhile', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const gate = deferred();
    const first = queue.run('a', async () => {
      log.push('a1 start');
      await gate.promise;
      log.push('a1 end');
      return 1;
    });
    const second = queue.run('a', async () => {
      log.push('a2');
      return 2;
    });
    const other = queue.run('b', async () => {
      log.push('b1');
      return 3;
    });
    expect(await other).toBe(3);
    expect(log).toEqual(['a1 start', 'b1']);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('goes on with the next task after one fails, and reports the failure to its caller only', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('ok');
  });

  it('forgets idle keys and drains what is queued', async () => {
    const queue = new KeyedQueue();
    const gate = deferred();
    let done = 0;
    for (const key of ['a', 'b', 'a']) {
      void queue.run(key, async () => {
        await gate.promise;
        done++;
      });
    }
    expect(queue.size).toBe(2);
    const drained = queue.drain();
    gate.resolve();
    await drained;
    expect(done).toBe(3);
    expect(queue.size).toBe(0);
  });
});
