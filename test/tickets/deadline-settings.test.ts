// settings/deadlines.yaml and settings/holidays.yaml as staff edit them: a mistake stops loading with a Vietnamese
// message naming the file, the line and the field; the repository's own files load.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTicketSettings } from '../../src/tickets/index.js';
import { SETTINGS_DIR } from './helpers.js';

describe('deadline and holiday settings', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-settings-'));
    await cp(SETTINGS_DIR, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Replaces `from` (which must occur) in a settings file and returns the 1-based line of the change. */
  async function edit(file: string, from: string, to: string): Promise<number> {
    const full = path.join(dir, file);
    const text = await readFile(full, 'utf8');
    const at = text.indexOf(from);
    expect(at, `"${from}" in ${file}`).toBeGreaterThanOrEqual(0);
    await writeFile(full, text.slice(0, at) + to + text.slice(at + from.length));
    return text.slice(0, at).split('\n').length;
  }

  const failure = async () => {
    try {
      await loadTicketSettings(dir);
    } catch (error) {
      return error as { code: string; userMessage: string };
    }
    throw new Error('settings loaded');
  };

  it('loads the repository files: every rule with its basis, every official day with its announcement', async () => {
    const settings = await loadTicketSettings(dir);
    expect(settings.deadlines.rules.length).toBeGreaterThan(10);
    expect(settings.deadlines.rules.every((r) => r.basis.length > 0)).toBe(true);
    expect(settings.holidays.filter((h) => h.source === 'official').every((h) => h.announcement)).toBe(true);
  });

  it('names the line of a bad number of days', async () => {
    const line = await edit('deadlines.yaml', 'days: 30\n    complexDays: 45', 'days: -3\n    complexDays: 45');
    const error = await failure();
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.userMessage).toContain('deadlines.yaml');
    expect(error.userMessage).toContain(`dòng ${line}`);
    expect(error.userMessage).toMatch(/rules\.\d+\.days: phải từ 1 trở lên/);
  });

  it('refuses two rules in force on the same day for the same step, naming the second one', async () => {
    const line = await edit(
      'deadlines.yaml',
      '    effectiveTo: 2026-06-30\n  - id: khieu-nai-thu-ly-lan-hai',
      '    effectiveTo: 2026-07-05\n  - id: khieu-nai-thu-ly-lan-hai',
    );
    const error = await failure();
    expect(error.userMessage).toContain('trùng thời gian hiệu lực với quy tắc "khieu-nai-thu-ly-lan-dau"');
    expect(error.userMessage).toMatch(/dòng \d+/);
    expect(line).toBeGreaterThan(0);
  });

  it('says where the retired acknowledgeWorkingDays knob went', async () => {
    const line = await edit(
      'deadlines.yaml',
      '\nlegalDayCounting: calendar\n',
      '\nlegalDayCounting: calendar\nacknowledgeWorkingDays: 10\n',
    );
    const error = await failure();
    // the replaced text starts with the newline before the knob's line: the new key is two lines down
    expect(error.userMessage).toContain(`dòng ${line + 2}, acknowledgeWorkingDays: không còn dùng`);
    expect(error.userMessage).toContain('step: acknowledge');
  });

  it('rejects an unknown field, a misspelt step and a category that does not exist', async () => {
    await edit('deadlines.yaml', '    counting: working\n    basis:', '    countng: working\n    basis:');
    expect((await failure()).userMessage).toMatch(/trường không được biết: countng|counting: thiếu giá trị/);
    await cp(path.join(SETTINGS_DIR, 'deadlines.yaml'), path.join(dir, 'deadlines.yaml'));
    await edit('deadlines.yaml', 'step: forward', 'step: forwrd');
    expect((await failure()).userMessage).toContain('chỉ nhận một trong: acknowledge, forward');
    await cp(path.join(SETTINGS_DIR, 'deadlines.yaml'), path.join(dir, 'deadlines.yaml'));
    await edit('deadlines.yaml', 'categories: [thu-tuc-hanh-chinh]', 'categories: [thu-tuc]');
    expect((await failure()).userMessage).toContain('lĩnh vực "thu-tuc" không có trong categories.yaml');
  });

  it('needs the announcement of an official day, and a worked day on a weekend', async () => {
    const line = await edit(
      'holidays.yaml',
      '{ date: 2026-04-30, name: Ngày Chiến thắng (30/4), source: official, announcement: "Bộ luật Lao động 2019, Điều 112" }',
      '{ date: 2026-04-30, name: Ngày Chiến thắng (30/4), source: official }',
    );
    const error = await failure();
    expect(error.userMessage).toContain('holidays.yaml');
    expect(error.userMessage).toContain(`dòng ${line}`);
    expect(error.userMessage).toContain('phải ghi announcement');
    await cp(path.join(SETTINGS_DIR, 'holidays.yaml'), path.join(dir, 'holidays.yaml'));
    const worked = await edit('holidays.yaml', '{ date: 2026-01-10, name:', '{ date: 2026-01-09, name:');
    const weekday = await failure();
    expect(weekday.userMessage).toContain(`dòng ${worked}`);
    expect(weekday.userMessage).toContain('không phải thứ Bảy hoặc Chủ nhật');
  });

  it('reports a YAML syntax error with its line', async () => {
    const line = await edit('deadlines.yaml', 'dueSoonWorkingDays: 2', 'dueSoonWorkingDays: [2');
    const error = await failure();
    expect(error.userMessage).toContain('sai cú pháp YAML');
    // the parser reports where it notices: the edited line or a few lines below it
    const reported = Number(error.userMessage.match(/dòng (\d+)/)?.[1]);
    expect(reported).toBeGreaterThanOrEqual(line);
    expect(reported).toBeLessThanOrEqual(line + 5);
  });
});
