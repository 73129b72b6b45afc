// `tiepdan search` end to end in a child process, on a temp embedded database holding knowledge/.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataDir, tiepdan } from './run-cli.js';

let dataDir: string;

describe('tiepdan search', () => {
  beforeAll(async () => {
    dataDir = await createDataDir('tiepdan-search-cli-');
    expect((await tiepdan(dataDir, 'kb', 'add', 'knowledge')).code).toBe(0);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists ranked passages with their document, section and score', async () => {
    const result = await tiepdan(dataDir, 'search', 'quản trị điện tử Bắc Kạn năm 2021');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ 1\. \[\d+\.\d\d\] 416\/KH-UBND — Kế hoạch/m);
    expect(result.stdout).toMatch(/^ {4}\S.* \(text\): /m);
  });

  it('prints JSON with --json, best first', async () => {
    const result = await tiepdan(dataDir, 'search', 'quan tri dien tu bac kan', '--json', '--k', '3');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      abstained: boolean;
      relevance: number;
      passages: Array<{ rank: number; code: string; section: string; score: number; text: string }>;
    };
    expect(json.abstained).toBe(false);
    expect(json.passages.length).toBeGreaterThan(0);
    expect(json.passages.length).toBeLessThanOrEqual(3);
    expect(json.passages[0]).toMatchObject({ rank: 1, code: '416/KH-UBND' });
    expect(json.passages.some((p) => p.text.includes('Quản trị điện tử'))).toBe(true);
    const scores = json.passages.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('rejects a bad option with a Vietnamese message', async () => {
    const result = await tiepdan(dataDir, 'search', 'PAPI', '--k', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--k phải từ 1 trở lên');
  });
});
