// Test helpers for the tickets context: a migrated in-memory database, the repository's settings, a settable clock.
import path from 'node:path';
import type { Database } from '../../src/db/index.js';
import { PrismaAuditLogReader } from '../../src/db/stores/audit-store.js';
import { PrismaOutboxStore } from '../../src/db/stores/outbox-store.js';
import { PrismaRateLimiter, PrismaTicketStore } from '../../src/db/stores/ticket-store.js';
import {
  type Actor,
  type DeliveryChannel,
  loadTicketSettings,
  type OutboxPayload,
  syncTicketSettings,
  type TicketDeps,
  type TicketSettings,
} from '../../src/tickets/index.js';
import { createTestDatabase } from '../support/database.js';
import { REPO_ROOT } from '../support/shared-data.js';

export const SETTINGS_DIR = path.join(REPO_ROOT, 'settings');

export class FakeClock {
  constructor(public current: Date) {}
  now = (): Date => new Date(this.current.getTime());
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const OFFICER: Actor = { name: 'can.bo.a', role: 'officer' };
export const INSPECTOR: Actor = { name: 'thanh.tra.b', role: 'inspector' };
export const LEAD: Actor = { name: 'lanh.dao.c', role: 'lead' };

let settingsPromise: Promise<TicketSettings> | undefined;
export function repoSettings(): Promise<TicketSettings> {
  settingsPromise ??= loadTicketSettings(SETTINGS_DIR);
  return settingsPromise;
}

export interface TicketTestEnv {
  db: Database;
  deps: TicketDeps;
  clock: FakeClock;
  store: PrismaTicketStore;
  outbox: PrismaOutboxStore;
  audit: PrismaAuditLogReader;
  close(): Promise<void>;
}

export async function createTicketTestEnv(
  startIso = '2026-03-02T02:00:00.000Z',
  db?: Database,
): Promise<TicketTestEnv> {
  const database = db ?? (await createTestDatabase());
  const settings = await repoSettings();
  const store = new PrismaTicketStore(database.prisma);
  await syncTicketSettings({ store, settings });
  const clock = new FakeClock(new Date(startIso));
  const audit = new PrismaAuditLogReader(database.prisma);
  const deps: TicketDeps = {
    store,
    settings,
    clock,
    rateLimiter: new PrismaRateLimiter(database.prisma),
    audit,
  };
  return {
    db: database,
    deps,
    clock,
    store,
    outbox: new PrismaOutboxStore(database.prisma),
    audit,
    close: () => database.close(),
  };
}

export const CONSENT = {
  purpose: 'Giải quyết phản ánh, kiến nghị',
  wording: 'Tôi đồng ý để cơ quan dùng họ tên, số điện thoại, địa chỉ của tôi để giải quyết và trả lời yêu cầu này.',
};

export const PERSON = { fullName: 'Nguyễn Văn An', phone: '0912345678', address: 'Tổ 5, phường Đức Xuân' };

/** A channel that records what it sends, and can be told to fail. */
export class RecordingChannel implements DeliveryChannel {
  readonly sent: Array<{ userId: string; payload: OutboxPayload }> = [];
  failNext = 0;
  failWith: () => unknown = () => new Error('mạng chập chờn');
  constructor(readonly name: string) {}
  async send(channelUserId: string, reply: OutboxPayload): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw this.failWith();
    }
    this.sent.push({ userId: channelUserId, payload: reply });
  }
}
