// Editing one procedure's names and sample questions in knowledge/aliases/, and drafting them with a model.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryKnowledgeStore,
  DRAFT_ALIASES_FILE,
  draftAliases,
  parseDraftReply,
  readAliasEntry,
  STAFF_ALIASES_FILE,
  saveAliasEntry,
} from '../../../src/knowledge/ingest/index.js';
import type { ChatModel, ChatRequest } from '../../../src/knowledge/llm/chat-model.js';
import { loadAliases } from '../../../src/knowledge/search/aliases.js';
import { isAppError } from '../../../src/shared/errors.js';
import { BUILDING, MARRIAGE, RESIDENCE } from '../ai-fixtures.js';

const FIRST = `# Bộ Tư pháp (một chú thích phải giữ nguyên)
- code: "1.000894"
  names:
    - "lấy vợ lấy chồng"
  questions:
    - "Đăng ký kết hôn cần giấy tờ gì?"
  reviewed: false
- code: "1.000180"
  names:
    - "mã có số 0 ở cuối"
  questions: []
  reviewed: true
`;
const SECOND = `# Một tệp khác có cùng thủ tục
- code: "1.000894"
  names:
    - "cưới vợ"
  questions: []
  reviewed: true
- code: "2.000001"
  names:
    - "một mục khác"
  questions: []
`;

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-aliases-'));
  await writeFile(path.join(folder, 'a.yaml'), FIRST);
  await writeFile(path.join(folder, 'b.yaml'), SECOND);
});

describe('saveAliasEntry: the console editor writes one procedure where it stands', () => {
  it('reads an entry merged over files, as the search does', async () => {
    expect(await readAliasEntry(folder, '1.000894')).toEqual({
      code: '1.000894',
      names: ['lấy vợ lấy chồng', 'cưới vợ'],
      questions: ['Đăng ký kết hôn cần giấy tờ gì?'],
      reviewed: false,
      files: ['a.yaml', 'b.yaml'],
    });
    expect(await readAliasEntry(folder, '9.999999')).toBeUndefined();
  });

  it('replaces the entry in the first file, removes its copies, and keeps every comment and other entry', async () => {
    const result = await saveAliasEntry({
      folder,
      code: '1.000894',
      names: '  lấy vợ \n\nlấy chồng\nLấy vợ\n',
      questions: 'Hai đứa muốn cưới thì ra xã làm giấy gì?',
      reviewed: true,
    });
    expect(result.changed).toBe(true);
    expect(result.before?.names).toEqual(['lấy vợ lấy chồng', 'cưới vợ']);
    // blank lines and a repeat differing only in case are dropped, spaces trimmed
    expect(result.after).toEqual({
      names: ['lấy vợ', 'lấy chồng'],
      questions: ['Hai đứa muốn cưới thì ra xã làm giấy gì?'],
      reviewed: true,
    });
    const a = await readFile(path.join(folder, 'a.yaml'), 'utf8');
    const b = await readFile(path.join(folder, 'b.yaml'), 'utf8');
    expect(a.startsWith('# Bộ Tư pháp (một chú thích phải giữ nguyên)\n')).toBe(true);
    expect(a.indexOf('1.000894')).toBeLessThan(a.indexOf('1.000180')); // in place, not moved to the end
    expect(b).not.toContain('1.000894');
    expect(b).toContain('# Một tệp khác có cùng thủ tục');
    expect(b).toContain('một mục khác');
    const { entries, problems } = await loadAliases(folder);
    expect(problems).toEqual([]);
    expect(entries.get('1.000894')?.names).toEqual(['lấy vợ', 'lấy chồng']);
    // a code with a trailing zero is still that code (quoted), not the number 1.00018
    expect(entries.get('1.000180')?.names).toEqual(['mã có số 0 ở cuối']);
    expect(entries.get('2.000001')?.names).toEqual(['một mục khác']);
  });

  it('puts a procedure no file holds into the staff file, with its header, and saving the same again changes nothing', async () => {
    const edit = { folder, code: '1.004222', names: 'nhập hộ khẩu', questions: '', reviewed: true };
    expect((await saveAliasEntry(edit)).changed).toBe(true);
    const staff = await readFile(path.join(folder, STAFF_ALIASES_FILE.name), 'utf8');
    expect(staff.startsWith(STAFF_ALIASES_FILE.header)).toBe(true);
    expect((await loadAliases(folder)).entries.get('1.004222')?.names).toEqual(['nhập hộ khẩu']);
    expect((await saveAliasEntry(edit)).changed).toBe(false);
  });

  it('removes the entry when both boxes are emptied', async () => {
    const result = await saveAliasEntry({ folder, code: '1.000894', names: '', questions: ' \n', reviewed: true });
    expect(result.after).toBeNull();
    expect(await readAliasEntry(folder, '1.000894')).toBeUndefined();
    expect((await loadAliases(folder)).entries.has('1.000180')).toBe(true);
  });

  it('refuses a wrong entry whole, with each line and a Vietnamese reason, and leaves the files as they were', async () => {
    const error = await saveAliasEntry({
      folder,
      code: '1.000894',
      names: `bình thường\n${'dài '.repeat(100)}\n12345`,
      questions: 'có ký tự \u0007 lạ',
      reviewed: true,
    }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('BAD_INPUT');
    const problems = isAppError(error) ? error.details?.problems : undefined;
    expect(problems).toEqual([
      { field: 'names', line: 2, message: 'dài quá 300 ký tự' },
      { field: 'names', line: 3, message: 'không có chữ nào' },
      { field: 'questions', line: 1, message: 'có ký tự điều khiển không in được' },
    ]);
    expect(await readFile(path.join(folder, 'a.yaml'), 'utf8')).toBe(FIRST);
    expect(await readFile(path.join(folder, 'b.yaml'), 'utf8')).toBe(SECOND);
    expect((await readdir(folder)).sort()).toEqual(['a.yaml', 'b.yaml']); // no temporary file left behind
  });
});

describe('draftAliases: a language model drafts entries for procedures that have none', () => {
  it('reads the JSON object out of a reply, keeps the good lines and refuses a reply without one', () => {
    expect(
      parseDraftReply(
        'Đây là kết quả:\n```json\n{"names": ["giấy phép xây nhà", ""], "questions": ["Xây nhà cần xin phép không?", "!!!"]}\n```',
      ),
    ).toEqual({ names: ['giấy phép xây nhà'], questions: ['Xây nhà cần xin phép không?'], reviewed: false });
    expect(parseDraftReply('Tôi không biết.')).toBeUndefined();
    expect(parseDraftReply('{"names": 3}')).toBeUndefined();
    expect(parseDraftReply('{"names": [], "questions": []}')).toBeUndefined();
  });

  it('drafts only procedures without an entry, marks them unreviewed, and reports what the model failed', async () => {
    const store = createMemoryKnowledgeStore();
    await store.upsertDocuments([MARRIAGE, BUILDING, RESIDENCE]);
    const requests: ChatRequest[] = [];
    const chat: ChatModel = {
      model: 'fake',
      async complete(request) {
        requests.push(request);
        if (request.user.includes('1.004222')) return 'không phải JSON';
        return '{"names": ["xin phép xây nhà"], "questions": ["Xây nhà ở quê có phải xin giấy phép không?"]}';
      },
    };
    const progress: string[] = [];
    const result = await draftAliases({
      store,
      folder,
      chat,
      limit: 10,
      onProgress: (done, total, code) => progress.push(`${done}/${total} ${code}`),
    });
    // 1.000894 (marriage) already has an entry: never sent to the model
    expect(requests.map((r) => r.user.match(/Mã thủ tục: (\S+)/)?.[1]).sort()).toEqual(['1.004222', '1.009994']);
    expect(requests[0]?.user).toContain('Thành phần hồ sơ');
    expect(result.drafted).toEqual(['1.009994']);
    expect(result.failed).toEqual([{ code: '1.004222', reason: 'mô hình không trả về danh sách dùng được' }]);
    expect(result.remaining).toBe(0);
    expect(progress).toHaveLength(2);
    const drafts = await readFile(path.join(folder, DRAFT_ALIASES_FILE.name), 'utf8');
    expect(drafts.startsWith(DRAFT_ALIASES_FILE.header)).toBe(true);
    expect(await readAliasEntry(folder, '1.009994')).toMatchObject({ names: ['xin phép xây nhà'], reviewed: false });
  });

  it('stops at the limit and says how many remain', async () => {
    const store = createMemoryKnowledgeStore();
    await store.upsertDocuments([BUILDING, RESIDENCE]);
    const chat: ChatModel = { model: 'fake', complete: async () => '{"names": ["một cách gọi"]}' };
    const result = await draftAliases({ store, folder, chat, limit: 1 });
    expect(result.drafted).toHaveLength(1);
    expect(result.remaining).toBe(1);
  });
});
