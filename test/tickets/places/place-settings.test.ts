// Checking the map and the departments at start-up: every mistake a province's staff may make in communes.yaml,
// routing.yaml or boundaries.geojson is refused with a Vietnamese message naming the file and the line.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors.js';
import { loadTicketSettings } from '../../../src/tickets/settings.js';
import { SETTINGS_DIR } from '../helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A copy of the repository's settings with `file` changed; returns the folder. */
async function settingsWith(file: string, change: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-settings-'));
  dirs.push(dir);
  await cp(SETTINGS_DIR, dir, { recursive: true });
  const full = path.join(dir, file);
  const before = await readFile(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(full, after);
  return dir;
}

/** The 1-based line of the first occurrence of `text` in the copied file. */
async function lineOf(dir: string, file: string, text: string): Promise<number> {
  const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n');
  const index = lines.findIndex((l) => l.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

async function problems(dir: string): Promise<string> {
  const error = await loadTicketSettings(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('CONFIG_INVALID');
  return (error as AppError).userMessage;
}

describe('settings of the map and the departments', () => {
  it('the repository’s own settings load: 92 units, 13 departments, boundaries for every unit', async () => {
    const settings = await loadTicketSettings(SETTINGS_DIR);
    expect(settings.communes).toHaveLength(92);
    expect(settings.routing.units).toHaveLength(13);
    expect(settings.places.boundaries).toHaveLength(92);
  });

  it('routing to a department that does not exist, or no longer does, names the line and the successor', async () => {
    const dir = await settingsWith('routing.yaml', (t) =>
      t
        .replace(
          "{ category: giao-thong, commune: '*', unit: so-xd }",
          "{ category: giao-thong, commune: '*', unit: so-gtvt }",
        )
        .replace("{ category: y-te, commune: '*', unit: so-yt }", "{ category: y-te, commune: '*', unit: so-y-te }"),
    );
    const message = await problems(dir);
    expect(message).toContain(`Cấu hình trong thư mục ${dir} chưa hợp lệ:`);
    expect(message).toContain(
      `routing.yaml, dòng ${await lineOf(dir, 'routing.yaml', 'unit: so-gtvt }')}: đơn vị «so-gtvt» đã thôi hoạt động (retiredUnits); dùng «so-xd»`,
    );
    expect(message).toContain(
      `routing.yaml, dòng ${await lineOf(dir, 'routing.yaml', 'unit: so-y-te')}: đơn vị «so-y-te» không có trong units`,
    );
  });

  it('unknown unit codes: in rules (an old code gets the new one suggested), in quickPicks, in boundaries', async () => {
    let dir = await settingsWith('routing.yaml', (t) =>
      t.replace(
        "  # - { category: xay-dung, commune: '01843', unit: <mã đơn vị> }",
        "  - { category: xay-dung, commune: '01852', unit: so-xd }\n  - { category: y-te, commune: '99999', unit: so-yt }",
      ),
    );
    let message = await problems(dir);
    expect(message).toContain(
      `routing.yaml, dòng ${await lineOf(dir, 'routing.yaml', "'01852'")}: «01852» là mã cũ của Xã Nông Thượng; nay thuộc Phường Bắc Kạn — dùng mã '01843'`,
    );
    expect(message).toContain(
      `routing.yaml, dòng ${await lineOf(dir, 'routing.yaml', "'99999'")}: xã/phường «99999» không có trong communes.yaml`,
    );

    dir = await settingsWith('communes.yaml', (t) => t.replace("quickPicks: ['05443',", "quickPicks: ['05444',"));
    message = await problems(dir);
    expect(message).toContain(
      `communes.yaml, dòng ${await lineOf(dir, 'communes.yaml', 'quickPicks:')}: quickPicks: mã «05444»`,
    );

    dir = await settingsWith('boundaries.geojson', (t) => t.replace('"id":"01840"', '"id":"01841"'));
    message = await problems(dir);
    expect(message).toContain(
      `boundaries.geojson, dòng ${await lineOf(dir, 'boundaries.geojson', '"id":"01841"')}: vùng thứ 1 có mã «01841» không có trong communes.yaml`,
    );
  });

  it('duplicate names and codes, and a duplicate rule, name both lines', async () => {
    let dir = await settingsWith('communes.yaml', (t) => t.replace('name: Xã Văn Lăng', 'name: Xã Văn Lang'));
    let message = await problems(dir);
    const first = await lineOf(dir, 'communes.yaml', 'name: Xã Văn Lang');
    const lines = (await readFile(path.join(dir, 'communes.yaml'), 'utf8')).split('\n');
    const second = lines.findIndex((l, i) => i + 1 > first && l.includes('name: Xã Văn Lang')) + 1;
    expect(message).toContain(`communes.yaml, dòng ${second}: tên «Xã Văn Lang» bị lặp (đã có ở dòng ${first})`);

    dir = await settingsWith('communes.yaml', (t) => t.replace("- code: '01843'", "- code: '01840'"));
    message = await problems(dir);
    expect(message).toContain('mã «01840» bị lặp (đã dùng ở dòng');

    dir = await settingsWith('routing.yaml', (t) =>
      t.replace(
        '  - { category: thai-do-can-bo',
        "  - { category: y-te, commune: '*', unit: so-yt }\n  - { category: thai-do-can-bo",
      ),
    );
    message = await problems(dir);
    expect(message).toContain('quy tắc (y-te, *) bị lặp (đã có ở dòng');

    dir = await settingsWith('routing.yaml', (t) => t.replace('name: Sở Tư pháp', 'name: Sở Nội vụ'));
    message = await problems(dir);
    expect(message).toContain(
      `routing.yaml, dòng ${await lineOf(dir, 'routing.yaml', 'so-tu-phap')}: tên đơn vị «Sở Nội vụ» bị lặp`,
    );
  });

  it('a code written without quotes (its leading zero lost), a typo in a key, a YAML slip', async () => {
    let dir = await settingsWith('communes.yaml', (t) => t.replace("- code: '01840'", '- code: 01840'));
    let message = await problems(dir);
    expect(message).toContain(
      `communes.yaml, dòng ${await lineOf(dir, 'communes.yaml', '- code: 01840')}: code: mã 1840 phải viết trong dấu nháy đơn, ví dụ '01840'`,
    );

    dir = await settingsWith('communes.yaml', (t) => t.replace('    remote: false\n', '    remtoe: false\n'));
    message = await problems(dir);
    expect(message).toMatch(/communes\.yaml, dòng \d+: communes: .*remtoe/);

    dir = await settingsWith('routing.yaml', (t) => t.replace('defaultUnit: vp-ubnd', 'defaultUnit: [vp-ubnd'));
    message = await problems(dir);
    expect(message).toMatch(/routing\.yaml, dòng \d+: sai cú pháp YAML/);
  });

  it('an old unit in two new units must say it was split, and a retired department needs a real successor', async () => {
    let dir = await settingsWith('communes.yaml', (t) =>
      t.replace(
        "- { code: '05932', name: Xã Thượng Đình, district: Huyện Phú Bình, part: true }",
        "- { code: '05932', name: Xã Thượng Đình, district: Huyện Phú Bình }",
      ),
    );
    let message = await problems(dir);
    expect(message).toContain(
      '«Xã Thượng Đình» (mã cũ 05932) có trong 2 xã/phường mới: Xã Phú Bình, Xã Điềm Thụy; nếu mỗi nơi chỉ nhận một phần, ghi part: true ở mỗi dòng',
    );

    dir = await settingsWith('routing.yaml', (t) => t.replace('successor: so-nnmt', 'successor: so-nn'));
    message = await problems(dir);
    expect(message).toContain(
      `routing.yaml, dòng ${await lineOf(dir, 'routing.yaml', 'successor: so-nn }')}: đơn vị tiếp nhận «so-nn» không có trong units`,
    );
  });

  it('boundaries are optional: without them a location is matched to the nearest centres', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-settings-'));
    dirs.push(dir);
    await cp(SETTINGS_DIR, dir, { recursive: true });
    await rm(path.join(dir, 'boundaries.geojson'));
    const settings = await loadTicketSettings(dir);
    expect(settings.places.boundaries).toEqual([]);
  });
});
