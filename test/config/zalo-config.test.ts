// The Zalo settings: defaults, the three values that go together, and a refused app id.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { AppError } from '../../src/shared/errors.js';

describe('Zalo settings', () => {
  it('is off without settings, with Zalo’s base URLs and a one-day webhook age by default', () => {
    const { zalo } = loadConfig({}, '/x');
    expect(zalo).toMatchObject({
      enabled: false,
      apiBase: 'https://openapi.zalo.me',
      oauthBase: 'https://oauth.zaloapp.com',
      webhookMaxAgeMs: 86_400_000,
    });
  });

  it('is on with the app id, app secret and OA secret key; base URLs and age are configurable', () => {
    const { zalo } = loadConfig(
      {
        ZALO_APP_ID: '4318237154897602091',
        ZALO_APP_SECRET: 's',
        ZALO_OA_SECRET_KEY: 'k',
        ZALO_REFRESH_TOKEN: 'r',
        ZALO_API_BASE: 'http://127.0.0.1:9/',
        ZALO_OAUTH_BASE: 'http://127.0.0.1:8',
        ZALO_WEBHOOK_MAX_AGE_SECONDS: '3600',
      },
      '/x',
    );
    expect(zalo).toMatchObject({
      enabled: true,
      appId: '4318237154897602091',
      apiBase: 'http://127.0.0.1:9',
      oauthBase: 'http://127.0.0.1:8',
      webhookMaxAgeMs: 3_600_000,
    });
  });

  it('names what is missing when only some of the three values are set, and refuses an app id that is not a number', () => {
    let error: unknown;
    try {
      loadConfig({ ZALO_APP_ID: '123', ZALO_OA_SECRET_KEY: 'k' }, '/x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.variables).toEqual(['ZALO_APP_SECRET']);
    expect(() => loadConfig({ ZALO_APP_ID: 'abc', ZALO_APP_SECRET: 's', ZALO_OA_SECRET_KEY: 'k' }, '/x')).toThrow(
      /ZALO_APP_ID/,
    );
  });
});
