// POST /zalo/webhook through the real channel: signed fixtures of every event type, refused signatures and replays,
// redelivery across a restart, 19-digit ids, media downloads.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/index.js';
import { createTestDatabase } from '../../support/database.js';
import { type FakeZalo, newZaloUserId, startFakeZalo } from '../../support/fake-zalo.js';
import { createFakeConversation, type FakeConversation } from '../support/fake-conversation.js';
import { APP_ID, APP_SECRET, OA_SECRET_KEY, startZaloHarness, type ZaloHarness } from '../support/zalo-harness.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.7\n% tờ khai\n');

describe('zalo webhook', () => {
  let db: Database;
  let fake: FakeZalo;
  let core: FakeConversation;
  let h: ZaloHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await startFakeZalo({ appId: APP_ID, appSecret: APP_SECRET, oaSecretKey: OA_SECRET_KEY });
    fake.files.set('photo.jpg', { bytes: JPEG, type: 'image/jpeg' });
    fake.files.set('to-khai.pdf', { bytes: PDF, type: 'application/pdf' });
    fake.files.set('fake.jpg', { bytes: Buffer.from('<html>not an image</html>'), type: 'image/jpeg' });
    fake.files.set('huge.jpg', { bytes: Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]), type: 'image/jpeg' });
    core = createFakeConversation();
    h = await startZaloHarness({ handler: core, db, fake });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await db?.close();
  });

  const lastSeen = () => core.seen.at(-1);

  it('takes a text from a 19-digit user id and answers that exact id', async () => {
    const user = '7346018926521053207';
    expect(Number(user)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(await h.send(h.events.text(user, 'Đăng ký khai sinh cần gì?'))).toBe(200);
    expect(lastSeen()).toMatchObject({ channel: 'zalo', channelUserId: user, text: 'Đăng ký khai sinh cần gì?' });
    const sent = fake.sentTo(user);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]?.body.recipient.user_id).toBe(user);
    expect(fake.sent.every((m) => fake.validAccess.has(m.accessToken))).toBe(true);
  });

  it('downloads a photo and a file into the attachment store, checked by content', async () => {
    const user = newZaloUserId();
    await h.send(h.events.image(user, `${fake.url}/files/photo.jpg`));
    const photo = lastSeen()?.attachments[0];
    expect(photo).toMatchObject({ kind: 'photo', mimeType: 'image/jpeg' });
    expect(await readFile(path.join(h.attachmentsDir, photo?.ref ?? 'missing'))).toEqual(JPEG);

    await h.send(h.events.file(user, `${fake.url}/files/to-khai.pdf`, 'to-khai.pdf'));
    const file = lastSeen()?.attachments[0];
    expect(file).toMatchObject({ kind: 'file', name: 'to-khai.pdf', mimeType: 'application/pdf' });
    expect(await readFile(path.join(h.attachmentsDir, file?.ref ?? 'missing'))).toEqual(PDF);
  });

  it('keeps no file whose content is not what it claims, or that is over the size cap', async () => {
    const user = newZaloUserId();
    await h.send(h.events.image(user, `${fake.url}/files/fake.jpg`));
    expect(lastSeen()?.attachments[0]).toEqual({ kind: 'other', mimeType: 'image/jpeg' });
    await h.send(h.events.image(user, `${fake.url}/files/huge.jpg`));
    expect(lastSeen()?.attachments[0]?.ref).toBeUndefined();
    expect(h.logs.join('')).toContain('too_large');
  });

  it('reads a sticker, a location (coordinates as strings), a link and submitted info', async () => {
    const user = newZaloUserId();
    await h.send(h.events.sticker(user));
    expect(lastSeen()?.attachments[0]?.kind).toBe('sticker');
    await h.send(h.events.location(user, '16.4637', '107.5909'));
    expect(lastSeen()?.attachments[0]).toEqual({ kind: 'location', latitude: 16.4637, longitude: 107.5909 });
    await h.send(h.events.link(user, 'https://dichvucong.gov.vn/p/home'));
    expect(lastSeen()?.text).toBe('https://dichvucong.gov.vn/p/home');
    await h.send(h.events.submitInfo(user));
    expect(lastSeen()?.attachments[0]).toEqual({ kind: 'contact', phone: '0912345678', contactName: 'Nguyễn Văn A' });
    expect(lastSeen()?.text).toBe('12 Lê Lợi, Phú Xuân, Huế');
  });

  it('welcomes a new follower (the core greeting), ignores unfollow, receipts and unknown events without failing', async () => {
    const user = newZaloUserId();
    const before = core.seen.length;
    expect(await h.send(h.events.follow(user))).toBe(200);
    expect(core.seen.length).toBe(before + 1);
    expect(lastSeen()).toMatchObject({ channelUserId: user, text: '/start' });
    expect(fake.sentTo(user).length).toBeGreaterThan(0);
    for (const event of [h.events.unfollow(user), h.events.seen(user), h.events.unknown(user)]) {
      expect(await h.send(event)).toBe(200);
    }
    expect(core.seen.length).toBe(before + 1);
    expect(h.logs.join('')).toContain('oa_invented_event_2030');
  });

  it('reads a typed number as the option of that number last shown, and forgets numbers no longer on screen', async () => {
    const user = newZaloUserId();
    await h.send(h.events.text(user, 'Đăng ký khai sinh cần gì?'));
    const shown = fake.sentTo(user).at(-1)?.body.message.text ?? '';
    expect(shown).toMatch(/\n1\. .+/);
    await h.send(h.events.text(user, '1'));
    expect(lastSeen()?.action).toMatch(/^rate:up:/);
    expect(lastSeen()?.text).toBe(/\n1\. (.+)/.exec(shown)?.[1]);
    // an answer with no options: "1" is text again
    await h.send(h.events.text(user, 'huy'));
    expect(fake.sentTo(user).at(-1)?.body.message.attachment).toBeUndefined();
    await h.send(h.events.text(user, '1'));
    expect(lastSeen()).toMatchObject({ text: '1' });
    expect(lastSeen()?.action).toBeUndefined();
  });

  it('refuses a missing header (401), a wrong secret, a tampered body and a foreign app (403), and logs no secret', async () => {
    const user = newZaloUserId();
    const before = core.seen.length;
    const event = h.events.text(user, 'xin chào');
    expect(await fake.deliver(h.webhookUrl, event, { signature: null })).toBe(401);
    expect(await fake.deliver(h.webhookUrl, event, { secret: 'not-the-oa-key' })).toBe(403);
    // signed for one body, delivered with another
    const signedFor = JSON.stringify(event);
    const tampered = signedFor.replace('xin chào', 'xin chao');
    const good = await import('../../../src/channels/zalo/index.js');
    const mac = good.zaloSignature(APP_ID, signedFor, String(event.timestamp), OA_SECRET_KEY);
    expect(await fake.deliver(h.webhookUrl, event, { rawBody: tampered, signature: `mac=${mac}` })).toBe(403);
    expect(await fake.deliver(h.webhookUrl, { ...event, app_id: '1111' })).toBe(403);
    expect(await fake.deliver(h.webhookUrl, event, { signature: 'mac=' })).toBe(403);
    await h.runtime.drain();
    expect(core.seen.length).toBe(before);
    const logs = h.logs.join('');
    expect(logs).toContain('zalo webhook refused');
    expect(logs).not.toContain(OA_SECRET_KEY);
    expect(logs).not.toContain(APP_SECRET);
    // accepted without "mac=" too
    const plain = good.zaloSignature(APP_ID, signedFor, String(event.timestamp), OA_SECRET_KEY);
    expect(await fake.deliver(h.webhookUrl, event, { rawBody: signedFor, signature: plain })).toBe(200);
  });

  it('refuses a correctly signed event older than the maximum age (a replay)', async () => {
    const user = newZaloUserId();
    const old = { ...h.events.text(user, 'cũ'), timestamp: String(Date.now() - 2 * 86_400_000) };
    expect(await h.send(old)).toBe(403);
    expect(fake.sentTo(user)).toHaveLength(0);
  });

  it('answers fast and processes a redelivered msg_id once, even after a restart', async () => {
    const user = newZaloUserId();
    const event = h.events.text(user, 'Thủ tục khai sinh');
    expect(await h.send(event)).toBe(200);
    const sentOnce = fake.sentTo(user).length;
    expect(sentOnce).toBeGreaterThan(0);
    expect(await h.send(event)).toBe(200);
    expect(fake.sentTo(user).length).toBe(sentOnce);
    // a new process on the same database
    await h.stopRuntime();
    h = await startZaloHarness({ handler: core, db, fake, zalo: { refreshToken: undefined } });
    expect(await h.send(event)).toBe(200);
    expect(fake.sentTo(user).length).toBe(sentOnce);
  });
});
