// One leader among the instances that share a PostgreSQL database, for work only one may do at a time (Telegram
// allows one long poller per bot). The leader holds a session advisory lock on a connection of its own: when its
// process dies, PostgreSQL drops the connection and the lock, and another instance takes over within one interval.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../shared/logger.js';

export interface Leadership {
  /** Resolves once this instance leads (at once when nothing is shared); rejects only if released first. */
  acquired(): Promise<void>;
  isLeader(): boolean;
  /** Called when the lead is lost (the lock's connection broke); campaigning goes on. */
  onLost(listener: () => void): void;
  /** Gives the lead up (clean shutdown) and stops campaigning. */
  release(): Promise<void>;
}

/** The embedded database serves one process: it always leads. */
export function soleLeadership(): Leadership {
  return {
    acquired: async () => undefined,
    isLeader: () => true,
    onLost: () => undefined,
    release: async () => undefined,
  };
}

/** A stable 63-bit advisory lock key for a task name. */
function lockKey(task: string): string {
  return BigInt.asIntN(
    64,
    BigInt(`0x${createHash('sha256').update(`tiepdan:${task}`).digest('hex').slice(0, 16)}`),
  ).toString();
}

export interface PostgresLeadershipOptions {
  connectionString: string;
  /** Connection options (the schema's search path), as the other connections get them. */
  options?: string | undefined;
  task: string;
  /** How often a follower tries for the lock (ms). */
  intervalMs?: number;
  logger?: Logger | undefined;
}

export function postgresLeadership(o: PostgresLeadershipOptions): Leadership {
  const key = lockKey(o.task);
  const intervalMs = o.intervalMs ?? 2000;
  const lost = new Set<() => void>();
  let client: pg.Client | undefined;
  let leading = false;
  let released = false;
  let wake: (() => void) | undefined;
  let becameLeader: () => void = () => undefined;
  let leaderPromise = new Promise<void>((resolve) => {
    becameLeader = resolve;
  });

  const loseLead = () => {
    client = undefined;
    if (!leading) return;
    leading = false;
    leaderPromise = new Promise<void>((resolve) => {
      becameLeader = resolve;
    });
    o.logger?.warn({ task: o.task }, 'leadership lost; campaigning again');
    for (const listener of lost) listener();
  };

  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const campaign = async () => {
    while (!released) {
      try {
        if (!client) {
          const c = new pg.Client({
            connectionString: o.connectionString,
            ...(o.options ? { options: o.options } : {}),
          });
          c.on('error', () => {
            if (client === c) loseLead();
          });
          c.on('end', () => {
            if (client === c) loseLead();
          });
          await c.connect();
          client = c;
        }
        if (!leading) {
          const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [key]);
          if (r.rows[0]?.ok) {
            leading = true;
            o.logger?.info({ task: o.task }, 'this instance leads');
            becameLeader();
          }
        } else {
          // a leader checks its connection is alive now and then
          await client.query('SELECT 1');
        }
      } catch {
        const broken = client;
        loseLead();
        await broken?.end().catch(() => undefined);
      }
      if (!released) await pause();
    }
  };
  const running = campaign();

  return {
    acquired: () => leaderPromise,
    isLeader: () => leading,
    onLost: (listener) => {
      lost.add(listener);
    },
    async release() {
      released = true;
      wake?.();
      await running;
      const c = client;
      client = undefined;
      leading = false;
      if (c) {
        await c.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}
