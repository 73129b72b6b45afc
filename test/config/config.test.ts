import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { AppError } from '../../src/shared/errors.js';
import { REPO_ROOT } from '../support/shared-data.js';

/** `NAME=value` lines of .env.example, commented-out ones included (value ''). */
function exampleSettings(): Array<[name: string, value: string]> {
  const text = readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8');
  return [...text.matchAll(/^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[2] ?? '', m[1] ? '' : (m[3] ?? '')]);
}

function configError(env: Record<string, string>): AppError {
  try {
    loadConfig(env, '/x');
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected CONFIG_INVALID');
}

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

  it('reads .env.example as the defaults it claims to show', () => {
    expect(loadConfig(Object.fromEntries(exampleSettings()), '/x')).toEqual(loadConfig({}, '/x'));
  });

  it('uses the default for every variable left empty or blank', () => {
    const names = exampleSettings().map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['DATA_DIR', 'KNOWLEDGE_DIR', 'TELEGRAM_API_ROOT', 'LLM_MODEL']));
    const defaults = loadConfig({}, '/x');
    expect(loadConfig(Object.fromEntries(names.map((n) => [n, ''])), '/x')).toEqual(defaults);
    expect(loadConfig(Object.fromEntries(names.map((n) => [n, '  '])), '/x')).toEqual(defaults);
  });

  it('names bad values and missing companions together', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'x', ANSWER_MODE: 'llm' });
    expect(error.code).toBe('CONFIG_INVALID');
    for (const name of ['PORT', 'LOG_LEVEL', 'OPENAI_API_KEY', 'OPENAI_BASE_URL']) {
      expect(error.userMessage).toContain(name);
    }
    expect(error.details?.variables).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'OPENAI_API_KEY']));
  });

  it('explains every problem in Vietnamese', () => {
    const error = configError({
      PORT: 'abc',
      TELEGRAM_RATE_GLOBAL: '0',
      TELEGRAM_API_ROOT: 'không phải địa chỉ',
      PUBLIC_BASE_URL: 'https://',
      LOG_LEVEL: 'chatty',
      INDEX_ON_START: 'có',
      TELEGRAM_WEBHOOK_SECRET: 'có dấu cách',
    });
    const lines = error.userMessage.split('\n').slice(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        '  - PORT: số nguyên không hợp lệ (phải từ 0 đến 65535)',
        '  - TELEGRAM_RATE_GLOBAL: phải từ 1 đến 100000',
        '  - TELEGRAM_API_ROOT: URL không hợp lệ',
        '  - PUBLIC_BASE_URL: URL không hợp lệ',
        '  - LOG_LEVEL: chỉ nhận một trong: fatal, error, warn, info, debug, trace, silent',
        '  - INDEX_ON_START: chỉ nhận một trong: 0, 1, true, false, yes, no',
        '  - TELEGRAM_WEBHOOK_SECRET: chỉ gồm A-Z, a-z, 0-9, _ và -, tối đa 256 ký tự',
      ]),
    );
    expect(lines).toHaveLength(7);
    expect(error.userMessage).not.toMatch(/Invalid|Too (small|big)|Expected/i);
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

  it('refuses a webhook URL whose path the server cannot serve, and accepts a plain one', () => {
    const webhook = (url: string) => ({
      TELEGRAM_BOT_TOKEN: '1:a',
      TELEGRAM_WEBHOOK_SECRET: 's3cret',
      TELEGRAM_WEBHOOK_URL: url,
    });
    for (const url of [
      'https://x.example/tg/:id',
      'https://x.example/tg/*',
      'https://x.example/t%C3%A9l%C3%A9',
      'https://x.example/tiếp-dân',
    ]) {
      const error = configError(webhook(url));
      expect(error.userMessage).toContain('TELEGRAM_WEBHOOK_URL: đường dẫn chỉ được gồm');
      expect(error.details?.variables).toEqual(['TELEGRAM_WEBHOOK_URL']);
    }
    expect(loadConfig(webhook('https://x.example/tiepdan/tg_1.0~a')).telegram.webhookUrl).toBe(
      'https://x.example/tiepdan/tg_1.0~a',
    );
    expect(loadConfig(webhook('https://x.example')).telegram.webhookUrl).toBe('https://x.example');
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
