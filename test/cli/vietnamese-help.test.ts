// Officers read the CLI's help and its errors in Vietnamese (commander's own words were English: Usage, Options…).
import { describe, expect, it } from 'vitest';
import { type CliContext, type CliSink, withSink } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/run-cli.js';

const context = {
  config: () => {
    throw new Error('help needs no configuration');
  },
  openDatabase: () => Promise.reject(new Error('help needs no database')),
  resolvePath: (p: string) => p,
  knowledgeChanged: async () => undefined,
  inService: false,
} as unknown as CliContext;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink: CliSink = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false };
  const code = await withSink(sink, () => runCli(args, context));
  return { code, out, err };
}

describe('the CLI speaks Vietnamese', () => {
  it('in help, for the program and for every command', async () => {
    for (const args of [['--help'], ['tickets', '--help'], ['tickets', 'list', '--help'], ['help', 'kb']]) {
      const { out } = await run(...args);
      expect(out).toMatch(/^Cách dùng: tiepdan/);
      expect(out).toContain('Tùy chọn:');
      expect(out).not.toMatch(/Usage|Options:|Commands:|display help/);
    }
    expect((await run('--help')).out).toContain('Lệnh:');
  });

  it('in the errors commander raises', async () => {
    const unknown = await run('kb', '--bogus');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain("Lỗi: không có tùy chọn '--bogus'.");
    const missing = await run('tickets', 'reply');
    expect(missing.err).toContain('Lỗi: thiếu tham số');
    const command = await run('khong-co-lenh-nay');
    expect(command.err).toContain("Lỗi: không có lệnh 'khong-co-lenh-nay'.");
    for (const r of [unknown, missing, command]) expect(r.err).not.toMatch(/error:|Did you mean/);
  });
});
