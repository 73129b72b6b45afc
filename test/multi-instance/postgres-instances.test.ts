// Several instances on one PostgreSQL database, as a province runs past one machine: started at the same moment on
// an empty database (repeatedly), and a Telegram long poller that dies and is taken over.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/database.js';
import { type FakeTelegram, startFakeTelegram, updates } from '../support/fake-telegram.js';
import { killServiceProcess, startServiceProcess } from '../support/service-process.js';

const available = await postgresAvailable();
if ('reason' in available) process.stdout.write(`multi-instance tests skipped: ${available.reason}\n`);

const TOKEN = '424242:AAmulti-instance_token';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf('reason' in available)('several instances on one PostgreSQL database', () => {
  const base = 'url' in available ? available.url : '';
  const databases: string[] = [];
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  const createDatabase = async (): Promise<string> => {
    const name = `tiepdan_multi_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databases.push(name);
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  };

  /** One instance: its own port and DATA_DIR (search snapshot), the shared database. */
  const instance = async (databaseUrl: string, extra: Record<string, string> = {}) => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-multi-'));
    dirs.push(dataDir);
    const child = await startServiceProcess({
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      AUDIT_KEY: 'k'.repeat(40),
      ...extra,
    });
    children.push(child);
    return { child, url: `http://127.0.0.1:${port}` };
  };

  afterEach(async () => {
    for (const child of children.splice(0)) await killServiceProcess(child);
  });
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('starts two instances at the same moment on an empty database, every time, with one first indexing', async () => {
    for (let round = 0; round < 3; round++) {
      const url = await createDatabase();
      const [a, b] = await Promise.all([instance(url), instance(url)]);
      for (const i of [a, b]) {
        const health = await fetch(`${i.url}/health`);
        expect(health.status).toBe(200);
        const answer = (await (
          await fetch(`${i.url}/api/ask?q=${encodeURIComponent('PAPI năm 2021 của Bắc Kạn')}`)
        ).json()) as { abstained: boolean; sources: Array<{ code: string }> };
        expect(answer.sources.map((s) => s.code)).toContain('416/KH-UBND');
      }
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const docs = await c.query('SELECT code FROM "Document"');
      expect(docs.rows.map((r: { code: string }) => r.code)).toEqual(['416/KH-UBND']);
      await c.end();
      for (const child of children.splice(0)) await killServiceProcess(child);
    }
  });

  describe('Telegram long polling', () => {
    let fake: FakeTelegram;
    beforeAll(async () => {
      fake = await startFakeTelegram({ token: TOKEN, maxPollMs: 2_000 });
    });
    afterAll(async () => {
      await fake?.close();
    });

    it('is done by one instance only, and taken over when that one is killed', async () => {
      const url = await createDatabase();
      const telegram = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url };
      const a = await instance(url, telegram);
      const b = await instance(url, telegram);
      const chat = 777001;
      const answered = async (text: string, updateId: number) => {
        const before = fake.callsOf('sendMessage').length;
        fake.push({ ...updates.text(chat, text), update_id: updateId });
        await fake.waitFor(() => fake.callsOf('sendMessage').length > before, 30_000, `update ${updateId} answered`);
      };
      await answered('xin chào', 9001);
      // both run for a while: two pollers would end each other's long polls with 409
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(fake.conflicts).toBe(0);
      const leads = (i: { child: { output(): string } }) => i.child.output().includes('this instance leads');
      const leader = [a, b].find(leads);
      const follower = [a, b].find((i) => i !== leader);
      expect(leader).toBeDefined();
      expect(follower && leads(follower)).toBe(false);

      await killServiceProcess(leader?.child);
      await answered('khai sinh', 9002);
      expect(follower && leads(follower)).toBe(true);
      expect(fake.conflicts).toBe(0);
    });
  });
});
