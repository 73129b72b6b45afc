// The Prisma ticket store on a real (embedded) database: one-transaction create, idempotency, outbox atomicity,
// the hash-chained audit trail and its tamper detection, rate limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicket, LOOKUP_MAX_WRONG, lookupTicket, verifyAuditLog } from '../../src/tickets/index.js';
import { CONSENT, createTicketTestEnv, PERSON, type TicketTestEnv } from '../tickets/helpers.js';

const RESIDENT = { channel: 'telegram', channelUserId: '1001' };

describe('PrismaTicketStore', () => {
  let env: TicketTestEnv;
  beforeEach(async () => {
    env = await createTicketTestEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  const file = (sourceKey?: string) =>
    createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Đường xóm tôi bị ngập mấy hôm nay không ai xử lý',
      personal: PERSON,
      consent: CONSENT,
      resident: RESIDENT,
      sourceKey,
      attachments: [{ kind: 'photo', ref: 'tg-file-1' }],
    });

  it('commits ticket, personal part, consent, attachment, audit row and confirmation together', async () => {
    const { ticket, created } = await file('telegram:55');
    expect(created).toBe(true);
    const p = env.db.prisma;
    expect(await p.ticketPersonal.findUnique({ where: { ticketId: ticket.id } })).toMatchObject({
      phone: '0912345678',
    });
    expect(await p.consent.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await p.ticketAttachment.count({ where: { ticketId: ticket.id } })).toBe(1);
    const outbox = await p.outboxMessage.findMany({ where: { ticketId: ticket.id } });
    expect(outbox).toHaveLength(1);
    expect((outbox[0]?.payload as { text?: string } | undefined)?.text).toContain(ticket.code);
    const audit = await p.auditLog.findMany();
    expect(audit.map((a) => a.action)).toEqual(['ticket.created']);
    // the audit trail never holds personal data
    expect(JSON.stringify(audit)).not.toMatch(/0912345678|Nguyễn Văn An|Tổ 5/);
    expect(ticket.unitCode).toBe('so-xd');
  });

  it('creates one ticket for a redelivered message, even when both deliveries race', async () => {
    const [a, b] = await Promise.all([file('telegram:77'), file('telegram:77')]);
    const again = await file('telegram:77');
    expect(new Set([a.ticket.code, b.ticket.code, again.ticket.code]).size).toBe(1);
    expect([a.created, b.created, again.created].filter(Boolean)).toHaveLength(1);
    expect(await env.db.prisma.ticket.count()).toBe(1);
    expect(await env.db.prisma.outboxMessage.count()).toBe(1);
  });

  it('leaves no outbox message when the change rolls back', async () => {
    const { ticket } = await file();
    await expect(
      env.store.transaction(async (tx) => {
        await tx.updateTicket(ticket.id, { status: 'accepted' });
        await tx.enqueueOutbox(
          {
            dedupeKey: 'rollback-test',
            ticketId: ticket.id,
            channel: 'telegram',
            channelUserId: '1001',
            payload: { text: 'x', quickReplies: [], attachments: [] },
          },
          env.clock.now(),
        );
        throw new Error('boom after the outbox write');
      }),
    ).rejects.toThrow('boom');
    expect(await env.db.prisma.outboxMessage.count({ where: { dedupeKey: 'rollback-test' } })).toBe(0);
    expect((await env.store.findTicket({ id: ticket.id }))?.status).toBe('received');
  });

  it('refuses UPDATE and DELETE on the audit trail', async () => {
    await file();
    await expect(env.db.sql.exec(`UPDATE "AuditLog" SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(env.db.sql.exec(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
  });

  it('names an edited audit row and a deleted one', async () => {
    for (let i = 0; i < 5; i++) await file();
    const clean = await verifyAuditLog({ reader: env.audit });
    expect(clean).toMatchObject({ ok: true, rows: 5, problems: [], warnings: [] });
    const ids = (await env.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id);
    // someone with the rights to disable the trigger edits the 2nd row, then deletes the 4th
    await env.db.sql.exec(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER;
      UPDATE "AuditLog" SET actor = 'officer:someone-else' WHERE id = ${ids[1]};
      DELETE FROM "AuditLog" WHERE id = ${ids[3]};
      ALTER TABLE "AuditLog" ENABLE TRIGGER USER;`);
    const result = await verifyAuditLog({ reader: env.audit });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ kind: 'edited', id: ids[1] });
    expect(result.problems).toContainEqual({ kind: 'missing', afterId: ids[2], beforeId: ids[4] });
    expect(result.problems).toHaveLength(2);
  });

  it('catches deletion of the newest rows against a recorded head hash', async () => {
    await file();
    await file();
    const before = await verifyAuditLog({ reader: env.audit });
    await env.db.sql.exec(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER;
      DELETE FROM "AuditLog" WHERE id = ${before.headId};
      ALTER TABLE "AuditLog" ENABLE TRIGGER USER;`);
    await file(); // the chain goes on from the surviving row: only the id gap and the recorded head show it
    const after = await verifyAuditLog({ reader: env.audit });
    expect(after.ok).toBe(true);
    expect(after.warnings).toEqual([
      { kind: 'id_gap', afterId: (before.headId as number) - 1, beforeId: (before.headId as number) + 1 },
    ]);
    const checked = await verifyAuditLog({ reader: env.audit, expectHead: before.headHash });
    expect(checked.ok).toBe(false);
    expect(checked.problems[0]?.kind).toBe('head_mismatch');
  });

  it('rate-limits repeated wrong codes from one resident, not from others', async () => {
    const { ticket } = await file();
    const requester = { channel: 'telegram', channelUserId: '666' };
    for (let i = 0; i < LOOKUP_MAX_WRONG; i++) {
      await expect(lookupTicket(env.deps, { code: `PA-2603-ZZZZZ${i}`, requester })).rejects.toMatchObject({
        code: expect.stringMatching(/BAD_INPUT|NOT_FOUND/),
      });
    }
    await expect(lookupTicket(env.deps, { code: ticket.code, requester })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    const other = await lookupTicket(env.deps, { code: ticket.code, requester: RESIDENT });
    expect(other.view.code).toBe(ticket.code);
    env.clock.advance(16 * 60_000);
    expect((await lookupTicket(env.deps, { code: ticket.code, requester })).view.status).toBe('received');
  });

  it('keeps a dispute reason with the personal part, even for a ticket that had none, and deletes it with it', async () => {
    const { ticket: withPerson } = await file();
    const { ticket: question } = await createTicket(env.deps, {
      kind: 'question',
      category: 'thu-tuc-hanh-chinh',
      description: 'Thủ tục cấp phép nuôi ong ở đâu?',
      resident: RESIDENT,
    });
    const store = env.store;
    // the reasons as the personal part carries them
    const reasons = async (ids: number[]) =>
      new Map(
        [...(await store.getPersonalMany(ids))].flatMap(([id, p]) =>
          p.disputeReason ? [[id, p.disputeReason] as const] : [],
        ),
      );
    await store.transaction(async (tx) => {
      await tx.setDisputeReason(withPerson.id, 'Vẫn ngập');
      await tx.setDisputeReason(question.id, 'Chưa trả lời đúng câu hỏi');
    });
    expect(await reasons([withPerson.id, question.id])).toEqual(
      new Map([
        [withPerson.id, 'Vẫn ngập'],
        [question.id, 'Chưa trả lời đúng câu hỏi'],
      ]),
    );
    expect(await store.getPersonal(withPerson.id)).toMatchObject({ phone: '0912345678' }); // untouched
    await store.setDisputeReason(withPerson.id, null);
    expect([...(await reasons([withPerson.id, question.id])).keys()]).toEqual([question.id]);
    expect(await store.deletePersonal([withPerson.id, question.id])).toBe(2);
    expect(await reasons([withPerson.id, question.id])).toEqual(new Map());
  });
});
