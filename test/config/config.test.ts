import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { AppError } from '../../src/shared/errors.js';

describe('loadConfig', () => {
  it('runs with no settings at all: embedded database in ./data, port 3000, extractive answers', () => {
    const config = loadConfig({}, '/srv/tiepdan');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('/srv/tiepdan', 'data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.knowledgeDir).toBe(path.resolve('/srv/tiepdan', 'knowledge'));
    expect(config.telegram.apiRoot).toBe('https://api.telegram.org');
    expect(config.addressForm).toBe('Bạn');
  });

  it('treats empty values like unset ones (as .env.example leaves them)', () => {
    const config = loadConfig({ DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', PORT: '' }, '/x');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.telegram.token).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://db', LOG_LEVEL: 'chatty', ADDRESS_FORM: 'mày' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('CONFIG_INVALID');
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ADDRESS_FORM']) {
      expect(appError.userMessage).toContain(name);
    }
    expect(appError.details?.variables).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ADDRESS_FORM']),
    );
  });

  it('requires a webhook secret in webhook mode', () => {
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_URL: 'https://x.example/telegram/webhook' }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it('accepts PostgreSQL and strips a trailing slash from the Bot API root', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/tiepdan',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
    });
    expect(config.databaseUrl).toBe('postgres://u@127.0.0.1:5432/tiepdan');
    expect(config.telegram.apiRoot).toBe('http://127.0.0.1:8081');
  });
});
