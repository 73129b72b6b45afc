// The OA's tokens against the fake Zalo: refresh on -216 mid-send, one refresh for 20 parallel sends, single-use
// refresh tokens stored before use, seeding from the environment only when it changed, a broken chain reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZaloNetworkError } from '../../../src/channels/zalo/index.js';
import type { Database } from '../../../src/db/index.js';
import { createTestDatabase } from '../../support/database.js';
import { type FakeZalo, newZaloUserId, startFakeZalo } from '../../support/fake-zalo.js';
import { createFakeConversation } from '../support/fake-conversation.js';
import { APP_ID, APP_SECRET, OA_SECRET_KEY, startZaloHarness, type ZaloHarness } from '../support/zalo-harness.js';

const reply = (text: string) => ({ text, quickReplies: [], attachments: [] });

describe('zalo tokens', () => {
  let db: Database;
  let fake: FakeZalo;
  let h: ZaloHarness;
  let firstSeed: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await startFakeZalo({ appId: APP_ID, appSecret: APP_SECRET, oaSecretKey: OA_SECRET_KEY });
    firstSeed = fake.issueRefreshToken();
    h = await startZaloHarness({ handler: createFakeConversation(), db, fake, zalo: { refreshToken: firstSeed } });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await db?.close();
  });

  const stored = () => db.prisma.zaloToken.findUniqueOrThrow({ where: { id: 1 } });

  it('gets its first access token from the seeded refresh token and stores the new pair', async () => {
    const user = newZaloUserId();
    await h.runtime.channel.send(user, reply('Xin chào'));
    expect(fake.sentTo(user)).toHaveLength(1);
    expect(fake.refreshes).toEqual([firstSeed]);
    const row = await stored();
    expect(row.refreshToken).not.toBe(firstSeed);
    expect(fake.validRefresh.has(row.refreshToken ?? '')).toBe(true);
    expect(fake.validAccess.has(row.accessToken ?? '')).toBe(true);
  });

  it('refreshes once when the token expires mid-send (-216) and sends the message once', async () => {
    const user = newZaloUserId();
    const refreshesBefore = fake.refreshes.length;
    fake.expireAccessTokens();
    await h.runtime.channel.send(user, reply('Câu trả lời'));
    expect(fake.sentTo(user).map((m) => m.body.message.text)).toEqual(['Câu trả lời']);
    expect(fake.refreshes.length).toBe(refreshesBefore + 1);
  });

  it('makes one refresh for 20 parallel sends that all find the token expired', async () => {
    const users = Array.from({ length: 20 }, () => newZaloUserId());
    const refreshesBefore = fake.refreshes.length;
    fake.expireAccessTokens();
    fake.refreshDelayMs = 300;
    try {
      await Promise.all(users.map((u) => h.runtime.channel.send(u, reply(`Tin cho ${u}`))));
    } finally {
      fake.refreshDelayMs = 0;
    }
    expect(fake.refreshes.length).toBe(refreshesBefore + 1);
    for (const u of users) expect(fake.sentTo(u).map((m) => m.body.message.text)).toEqual([`Tin cho ${u}`]);
  });

  it('retries a send Zalo could not be reached for, with backoff, and gives up with a network error', async () => {
    const user = newZaloUserId();
    fake.dropNextSends = 2;
    await h.runtime.channel.send(user, reply('Qua mạng chập chờn'));
    expect(fake.sentTo(user)).toHaveLength(1);
    fake.dropNextSends = 3;
    await expect(h.runtime.channel.send(user, reply('Mất mạng'))).rejects.toBeInstanceOf(ZaloNetworkError);
    fake.dropNextSends = 0;
  });

  it('does not seed again from an unchanged ZALO_REFRESH_TOKEN after a restart (it was spent)', async () => {
    await h.stopRuntime();
    const refreshesBefore = fake.refreshes.length;
    const rowBefore = await stored();
    h = await startZaloHarness({ handler: createFakeConversation(), db, fake, zalo: { refreshToken: firstSeed } });
    expect((await stored()).refreshToken).toBe(rowBefore.refreshToken);
    fake.expireAccessTokens();
    const user = newZaloUserId();
    await h.runtime.channel.send(user, reply('Sau khi khởi động lại'));
    expect(fake.sentTo(user)).toHaveLength(1);
    expect(fake.refreshes.slice(refreshesBefore)).toEqual([rowBefore.refreshToken]);
  });

  it('reports a broken chain with what to do, then seeds from a newly pasted ZALO_REFRESH_TOKEN', async () => {
    // someone spent the stored refresh token elsewhere: Zalo refuses it
    fake.validRefresh.clear();
    fake.expireAccessTokens();
    const user = newZaloUserId();
    await expect(h.runtime.channel.send(user, reply('x'))).rejects.toThrow(/token unavailable/);
    const status = await h.runtime.status();
    expect(status.state).toBe('broken');
    expect(status.state === 'broken' && status.advice).toContain('ZALO_REFRESH_TOKEN');
    expect(h.logs.join('')).toContain('zalo refresh token refused');
    for (const token of [...fake.validAccess, ...fake.refreshes]) expect(h.logs.join('')).not.toContain(token);

    await h.stopRuntime();
    const pasted = fake.issueRefreshToken();
    h = await startZaloHarness({ handler: createFakeConversation(), db, fake, zalo: { refreshToken: pasted } });
    await h.runtime.channel.send(user, reply('Đã nối lại'));
    expect(fake.sentTo(user).map((m) => m.body.message.text)).toEqual(['Đã nối lại']);
    expect((await h.runtime.status()).state).toBe('ok');
  });
});
