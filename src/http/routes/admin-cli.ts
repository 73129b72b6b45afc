// POST /admin/cli: runs a `tiepdan` command line inside the service, for a CLI on the same machine that
// found the embedded database held by this service. Loopback only, and only with the token from the lock file.
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import { z } from 'zod';

export interface AdminCliOptions {
  /** The current admin token (from the data-folder lock), or undefined when forwarding is off. */
  token: () => string | undefined;
  run: (args: string[], cwd: string) => Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

const bodySchema = z.object({
  args: z.array(z.string().max(100_000)).max(200),
  cwd: z.string().min(1).max(4096),
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
    // one forwarded command at a time, as if typed one after another
    const run = queue.then(() => options.run(parsed.data.args, parsed.data.cwd));
    queue = run.catch(() => undefined);
    return c.json(await run);
  });
}
