// A crash right after a token refresh: the service process SIGKILLs itself the moment the new pair is stored; the
// restarted service uses the stored access token, and never presents the spent refresh token again.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataDir } from '../../cli/run-cli.js';
import { type FakeZalo, newZaloUserId, startFakeZalo, zaloEvents } from '../../support/fake-zalo.js';
import { exited, killServiceProcess, type ServiceProcess, startServiceProcess } from '../../support/service-process.js';
import { REPO_ROOT } from '../../support/shared-data.js';
import { APP_ID, APP_SECRET, OA_SECRET_KEY } from '../support/zalo-harness.js';

describe('zalo token refresh survives a crash', { timeout: 300_000 }, () => {
  let fake: FakeZalo;
  let dataDir: string;
  let child: ServiceProcess | undefined;
  let seed: string;

  const env = (extra: Record<string, string> = {}) => ({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_SECRET_KEY: OA_SECRET_KEY,
    ZALO_REFRESH_TOKEN: seed,
    ZALO_API_BASE: fake.url,
    ZALO_OAUTH_BASE: fake.url,
    KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
    SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
    ...extra,
  });
  const webhookOf = (p: ServiceProcess) => {
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(p.output())?.[0];
    if (!url) throw new Error(`no url in:\n${p.output()}`);
    return `${url}/zalo/webhook`;
  };

  beforeAll(async () => {
    fake = await startFakeZalo({ appId: APP_ID, appSecret: APP_SECRET, oaSecretKey: OA_SECRET_KEY });
    seed = fake.issueRefreshToken();
    dataDir = await createDataDir('tiepdan-zalo-crash-');
  });
  afterAll(async () => {
    await killServiceProcess(child);
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('restarts on the stored pair', async () => {
    const events = zaloEvents(APP_ID);
    const user = newZaloUserId();
    child = await startServiceProcess(env({ TIEPDAN_TEST_CRASH_AFTER: 'zalo-token-stored' }));
    expect(await fake.deliver(webhookOf(child), events.text(user, 'Thủ tục khai sinh'))).toBe(200);
    expect(await exited(child)).toBe('SIGKILL');
    expect(fake.refreshes).toEqual([seed]);
    const issuedAccess = [...fake.validAccess];
    expect(issuedAccess).toHaveLength(1);
    expect(fake.sentTo(user)).toHaveLength(0);

    // same environment (the seed is spent): the service must not seed it again, and needs no refresh at all
    child = await startServiceProcess(env());
    expect(await fake.deliver(webhookOf(child), events.text(user, 'Thủ tục khai sinh cần gì?'))).toBe(200);
    await fake.waitFor(() => fake.sentTo(user).length > 0, 60_000, 'the reply after the restart');
    expect(fake.sentTo(user)[0]?.accessToken).toBe(issuedAccess[0]);
    expect(fake.refreshes).toEqual([seed]);
    expect(child.output()).not.toContain(issuedAccess[0]);
    expect(child.output()).not.toContain(seed);
  });
});
