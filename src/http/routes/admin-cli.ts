// POST /admin/cli: runs a `tiepdan` command line inside the service, for a CLI on the same machine that
// found the embedded database held by this service. Loopback only, and only with the token from the lock file.
// The output streams back as it is written (progress of a long `kb add` shows live), one JSON event a line.
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { CliOutput } from '../../cli/context.js';
import { toAppError } from '../../shared/errors.js';

/**
 * One line of the response body (newline-delimited JSON): output chunks in the order the command wrote them,
 * then exactly one exit code, last.
 */
export type AdminCliEvent = { stream: 'stdout' | 'stderr'; text: string } | { exitCode: number };

export const ADMIN_CLI_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';

export interface AdminCliOptions {
  /** The current admin token (from the data-folder lock), or undefined when forwarding is off. */
  token: () => string | undefined;
  /** Runs the command line, writing to `output` as it goes; resolves to the exit code. */
  run: (
    args: string[],
    cwd: string,
    output: CliOutput,
    forwarded: { stdin?: string | undefined; osUser?: string | undefined },
  ) => Promise<number>;
}

const bodySchema = z.object({
  args: z.array(z.string().max(100_000)).max(200),
  cwd: z.string().min(1).max(4096),
  /** What the CLI read from its standard input (`--password-stdin`). */
  stdin: z.string().max(100_000).optional(),
  /** The operating-system user who typed the command. */
  osUser: z.string().min(1).max(256).optional(),
});

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function mountAdminCli(app: Hono, options: AdminCliOptions): void {
  let queue: Promise<unknown> = Promise.resolve();
  app.post('/admin/cli', async (c) => {
    const address = getConnInfo(c).remote.address ?? '';
    if (!LOOPBACK.has(address)) return c.json({ error: 'FORBIDDEN', message: 'Chỉ nhận lệnh từ chính máy chủ.' }, 403);
    const token = options.token();
    const given = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    if (!token || !given || !sameSecret(given, token)) {
      return c.json({ error: 'UNAUTHORIZED', message: 'Thiếu hoặc sai mã quản trị.' }, 401);
    }
    const parsed = bodySchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'BAD_INPUT', message: 'Lệnh gửi lên không hợp lệ.' }, 400);
    const { args, cwd, stdin, osUser } = parsed.data;

    c.header('content-type', ADMIN_CLI_CONTENT_TYPE);
    c.header('cache-control', 'no-store');
    return stream(c, async (body) => {
      // the command writes synchronously; lines leave in order, one after the other
      let sent: Promise<unknown> = Promise.resolve();
      const send = (event: AdminCliEvent) => {
        sent = sent.then(() => body.write(`${JSON.stringify(event)}\n`));
      };
      const output: CliOutput = {
        out: (text) => send({ stream: 'stdout', text }),
        err: (text) => send({ stream: 'stderr', text }),
      };
      // one forwarded command at a time, as if typed one after another
      const run = queue.then(() => options.run(args, cwd, output, { stdin, osUser }));
      queue = run.catch(() => undefined);
      let exitCode: number;
      try {
        exitCode = await run;
      } catch (error) {
        // runCli reports every failure itself; reaching here is a bug in the runner
        output.err(`Lỗi: ${toAppError(error).userMessage}\n`);
        exitCode = 1;
      }
      send({ exitCode });
      await sent;
    });
  });
}
