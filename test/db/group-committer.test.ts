// The group commit shared by the Telegram and Zalo stores: batching, per-request answers, failures, lingering, settling.
import { describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../src/db/stores/group-committer.js';

/** A write that records its batches and can be held open, as a slow statement would be. */
function recordingWrite() {
  const batches: number[][] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  return {
    batches,
    hold() {
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    open() {
      release?.();
      gate = undefined;
    },
    write: async (keys: number[]) => {
      batches.push(keys);
      if (gate !== undefined) await gate;
      return (key: number, index: number) => `${key}@${index}`;
    },
  };
}

describe('GroupCommitter', () => {
  it('writes requests made while a statement runs as one next batch, and answers each with its own outcome', async () => {
    const w = recordingWrite();
    const committer = new GroupCommitter<number, string>(w.write);
    w.hold();
    const first = committer.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(w.batches).toEqual([[1]]);
    const later = [committer.submit(2), committer.submit(3), committer.submit(2)];
    expect(w.batches).toHaveLength(1);
    w.open();
    expect(await first).toBe('1@0');
    expect(await Promise.all(later)).toEqual(['2@0', '3@1', '2@2']);
    expect(w.batches).toEqual([[1], [2, 3, 2]]);
  });

  it('puts requests of the same tick into one batch', async () => {
    const w = recordingWrite();
    const committer = new GroupCommitter<number, string>(w.write);
    const answers = await Promise.all([1, 2, 3].map((k) => committer.submit(k)));
    expect(answers).toEqual(['1@0', '2@1', '3@2']);
    expect(w.batches).toEqual([[1, 2, 3]]);
  });

  it('puts requests made by separate callbacks of one turn of the event loop into one batch, as webhook calls are', async () => {
    const w = recordingWrite();
    const committer = new GroupCommitter<number, string>(w.write);
    const answers = await Promise.all(
      [1, 2, 3].map((k) => new Promise<string>((resolve) => setImmediate(() => resolve(committer.submit(k))))),
    );
    expect(answers).toEqual(['1@0', '2@1', '3@2']);
    expect(w.batches).toEqual([[1, 2, 3]]);
  });

  it('rejects only the batch whose statement failed; the next batch is written', async () => {
    let calls = 0;
    const committer = new GroupCommitter<string>(async (keys) => {
      calls++;
      if (keys.includes('bad')) throw new Error('refused by the database');
      return () => undefined;
    });
    const failing = [committer.submit('bad'), committer.submit('good-in-same-batch')];
    const results = await Promise.allSettled(failing);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(committer.submit('fine')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('with a linger, gathers marks submitted over time into one statement', async () => {
    const w = recordingWrite();
    const committer = new GroupCommitter<number, string>(w.write, 30);
    const marks = [committer.submit(1)];
    await new Promise((resolve) => setTimeout(resolve, 5));
    marks.push(committer.submit(2));
    expect(w.batches).toEqual([]);
    await Promise.all(marks);
    expect(w.batches).toEqual([[1, 2]]);
  });

  it('settled() waits for marks still lingering or being written, including ones submitted meanwhile', async () => {
    const w = recordingWrite();
    const committer = new GroupCommitter<number, string>(w.write, 20);
    let written = 0;
    void committer.submit(1).then(() => written++);
    w.hold();
    setTimeout(() => {
      void committer.submit(2).then(() => written++);
      w.open();
    }, 40);
    await committer.settled();
    expect(written).toBe(2);
    expect(w.batches.flat()).toEqual([1, 2]);
    await committer.settled();
  });
});
