// `tiepdan ask` end to end in a child process, on a temp embedded database holding knowledge/.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataDir, tiepdan } from './run-cli.js';

let dataDir: string;

describe('tiepdan ask', () => {
  beforeAll(async () => {
    dataDir = await createDataDir('tiepdan-ask-cli-');
    const added = await tiepdan(dataDir, 'kb', 'add', 'knowledge');
    expect(added.code).toBe(0);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints the answer quoted from the plan, then its source, and leaves an index snapshot in DATA_DIR', async () => {
    const result = await tiepdan(dataDir, 'ask', 'Năm 2021 Bắc Kạn được bao nhiêu điểm PAPI, xếp thứ mấy?');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('42,153/80');
    expect(result.stdout).toContain('34/63');
    expect(result.stdout).toContain('Nguồn: 416/KH-UBND');
    expect(result.stdout).toContain('Nguồn tham khảo:');
    expect(existsSync(path.join(dataDir, 'search', 'search-index.bin'))).toBe(true);
  });

  it('prints machine output with --json', async () => {
    const result = await tiepdan(dataDir, 'ask', 'chi so PAPI cua Bac Kan nam 2021', '--json');
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as {
      text: string;
      abstained: boolean;
      docCodes: string[];
      sources: Array<{ code: string }>;
    };
    expect(answer.abstained).toBe(false);
    expect(answer.docCodes[0]).toBe('416/KH-UBND');
    expect(answer.sources[0]?.code).toBe('416/KH-UBND');
  });

  it('answers bad input with a clear Vietnamese message and exit code 0', async () => {
    const empty = await tiepdan(dataDir, 'ask', '');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/chưa nhận được câu hỏi/);
    const long = await tiepdan(dataDir, 'ask', 'lệ phí '.repeat(8000).slice(0, 50_000));
    expect(long.code).toBe(0);
    expect(long.stdout).toMatch(/Câu hỏi quá dài/);
    const offTopic = await tiepdan(dataDir, 'ask', 'Giá vàng SJC hôm nay bao nhiêu một lượng?');
    expect(offTopic.stdout).toMatch(/chưa tìm thấy thông tin/);
    expect(offTopic.stderr).toBe('');
  });
});
