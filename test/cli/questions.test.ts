// `tiepdan questions`: staff read the queue of questions the bot could not answer, and close entries —
// in a terminal on the embedded database, and handed to the running service that holds it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase } from '../../src/db/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { addTestAccount } from '../support/accounts.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { createDataDir, tiepdan } from './run-cli.js';

interface QuestionJson {
  id: number;
  createdAt: string;
  channel: string;
  question: string;
  reason: string;
  thumbsDown: { reason: string | null; comment: string | null } | null;
  status: string;
}

const TELEGRAM_CHAT = '987654321';
const WEB_SESSION = 'Wq3'.repeat(14).slice(0, 43);

describe('tiepdan questions, in a terminal', () => {
  let dataDir: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    dataDir = await createDataDir('tiepdan-questions-cli-');
    // what the conversation store writes for an abstention, a 👎 with the resident's words, a hand-over and an erasure
    const db = await openDatabase({ dataDir });
    try {
      const p = db.prisma;
      const telegram = await p.resident.create({ data: { channel: 'telegram', channelUserId: TELEGRAM_CHAT } });
      const web = await p.resident.create({ data: { channel: 'web', channelUserId: WEB_SESSION } });
      const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 1, minute));
      const queue = async (key: string, data: Parameters<typeof p.unansweredQuestion.create>[0]['data']) => {
        ids[key] = (await p.unansweredQuestion.create({ data })).id;
      };
      await queue('abstain', {
        residentId: telegram.id,
        channel: 'telegram',
        question: 'Giá vàng SJC hôm nay bao nhiêu một lượng?',
        reason: 'abstain',
        docCodes: [],
        answerRef: 'a1',
        createdAt: at(0),
      });
      await p.feedback.create({
        data: {
          residentId: web.id,
          answerRef: 'w1',
          rating: 'down',
          question: 'Đăng ký khai sinh cần giấy tờ gì?',
          answer: '…',
          docCodes: ['1.001193'],
          reason: 'other',
          comment: 'Thông tin đã cũ,\nnay nộp trực tuyến',
          createdAt: at(5),
        },
      });
      await queue('thumbsDown', {
        residentId: web.id,
        channel: 'web',
        question: 'Đăng ký khai sinh cần giấy tờ gì?',
        reason: 'thumbs_down',
        docCodes: ['1.001193'],
        answerRef: 'w1',
        createdAt: at(5),
      });
      await queue('staff', {
        residentId: telegram.id,
        channel: 'telegram',
        question: 'Tôi muốn gặp cán bộ địa chính',
        reason: 'staff_requested',
        docCodes: [],
        answerRef: 'a2',
        createdAt: at(10),
      });
      await queue('erased', {
        residentId: null,
        channel: 'web',
        question: '',
        reason: 'abstain',
        docCodes: [],
        status: 'dismissed',
        staffNote: 'Người dân yêu cầu xóa dữ liệu',
        resolvedAt: at(20),
        createdAt: at(15),
      });
      await addTestAccount(db, 'nguyen.van.b', 'officer');
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the open questions newest first: time, channel, question and why, never who asked', async () => {
    const result = await tiepdan(dataDir, 'questions', 'list');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const order = ['Tôi muốn gặp cán bộ địa chính', 'Đăng ký khai sinh cần giấy tờ gì?', 'Giá vàng SJC'].map((q) =>
      lines.findIndex((l) => l.includes(q)),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(result.stdout).toContain(`#${ids.abstain}  08:00 02/03/2026  telegram  không tìm được câu trả lời`);
    expect(result.stdout).toContain(
      'web  👎 người dân chưa hài lòng với câu trả lời · lý do khác: “Thông tin đã cũ, nay nộp trực tuyến”',
    );
    expect(result.stdout).toContain('người dân đề nghị cán bộ trả lời');
    expect(result.stdout).toContain('Đang chờ: 3 câu hỏi.');
    // the erased one is closed, so not listed; the residents' channel ids never appear
    expect(result.stdout).not.toContain(`#${ids.erased} `);
    expect(result.stdout).not.toContain(TELEGRAM_CHAT);
    expect(result.stdout).not.toContain(WEB_SESSION);
  });

  it('prints JSON with --json and stops at --limit', async () => {
    const result = await tiepdan(dataDir, 'questions', 'list', '--json', '--limit', '2');
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout) as QuestionJson[];
    expect(items.map((q) => q.id)).toEqual([ids.staff, ids.thumbsDown]);
    expect(items[1]).toMatchObject({
      channel: 'web',
      question: 'Đăng ký khai sinh cần giấy tờ gì?',
      reason: 'thumbs_down',
      thumbsDown: { reason: 'other', comment: 'Thông tin đã cũ,\nnay nộp trực tuyến' },
      status: 'open',
      createdAt: '2026-03-02T01:05:00.000Z',
    });
    expect(result.stdout).not.toContain(TELEGRAM_CHAT);
    expect(result.stdout).not.toContain(WEB_SESSION);
    expect(result.stdout).not.toMatch(/residentId|channelUserId/);
  });

  it('resolves a question once; --all shows closed ones, an erased question without its text', async () => {
    const resolved = await tiepdan(
      dataDir,
      'questions',
      'resolve',
      String(ids.abstain),
      '--note',
      'Ngoài phạm vi',
      '--as',
      'nguyen.van.b',
    );
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(
      `Câu hỏi #${ids.abstain}: đã xử lý (officer:nguyen.van.b (os:${os.userInfo().username});`,
    );
    const open = await tiepdan(dataDir, 'questions', 'list');
    expect(open.stdout).not.toContain('Giá vàng SJC');
    expect(open.stdout).toContain('Đang chờ: 2 câu hỏi.');

    const again = await tiepdan(dataDir, 'questions', 'resolve', String(ids.abstain));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đã được xử lý trước đó');

    const dismissed = await tiepdan(dataDir, 'questions', 'resolve', String(ids.staff), '--dismiss');
    expect(dismissed.stdout).toContain('bỏ qua');

    // who closed what is in the audit trail (the note's words are not: the trail is never erased), once each
    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.prisma.auditLog.findMany({ where: { entity: 'question' }, orderBy: { id: 'asc' } });
      expect(rows.map((r) => [r.entityId, r.action, r.actor])).toEqual([
        [String(ids.abstain), 'question.answered', `officer:nguyen.van.b (os:${os.userInfo().username})`],
        [String(ids.staff), 'question.dismissed', expect.stringMatching(/^officer:/)],
      ]);
      expect(rows[0]?.after).toEqual({ status: 'answered', noteGiven: true });
      expect(JSON.stringify(rows)).not.toContain('Ngoài phạm vi');
    } finally {
      await db.close();
    }
    const verified = await tiepdan(dataDir, 'audit', 'verify');
    expect(verified.code).toBe(0);

    const all = await tiepdan(dataDir, 'questions', 'list', '--all');
    expect(all.stdout).toContain('Giá vàng SJC');
    expect(all.stdout).toContain('Ghi chú: Ngoài phạm vi');
    expect(all.stdout).toContain('(người hỏi đã yêu cầu xoá nội dung)');
    expect(all.stdout).toContain('Tổng: 4 câu hỏi.');
  }, 240_000);

  it('turns away a wrong id or limit with a Vietnamese message', async () => {
    const unknown = await tiepdan(dataDir, 'questions', 'resolve', '999999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Không có câu hỏi số 999999');
    const notNumber = await tiepdan(dataDir, 'questions', 'resolve', 'abc');
    expect(notNumber.code).toBe(2);
    const badLimit = await tiepdan(dataDir, 'questions', 'list', '--limit', '0');
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--limit phải là số nguyên');
  });
});

describe('tiepdan questions, while the service holds the database', () => {
  let service: Service;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-questions-service-'));
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, REPO_ROOT);
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A resident on the web chat API (header session, as an app would). */
  async function say(session: { id: string }, body: { text: string; action?: string }) {
    const response = await fetch(`${service.url}/api/chat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chat-session': session.id },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const json = (await response.json()) as {
      sessionId?: string;
      messages: Array<{ from: string; text: string; quickReplies: Array<{ label: string; action: string }> }>;
    };
    if (json.sessionId) session.id = json.sessionId;
    return json.messages.filter((m) => m.from === 'bot');
  }

  it('lists what residents could not get answered, as the service recorded it, and resolves it', async () => {
    const session = { id: 'new' };
    await say(session, { text: 'Giá vàng SJC hôm nay bao nhiêu một lượng?' });
    const [answer] = await say(session, { text: 'Kế hoạch 416 nhằm mục đích gì?' });
    const down = answer?.quickReplies.find((q) => q.action.startsWith('rate:down:'));
    expect(down).toBeDefined();
    await say(session, { text: down?.label ?? '', action: down?.action });
    await say(session, { text: 'Câu trả lời quá chung chung' });

    const listed = await tiepdan(dataDir, 'questions', 'list', '--json');
    expect(listed.stderr).toContain('chuyển cho dịch vụ');
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout) as QuestionJson[];
    expect(items.map((q) => [q.channel, q.question, q.reason])).toEqual([
      ['web', 'Kế hoạch 416 nhằm mục đích gì?', 'thumbs_down'],
      ['web', 'Giá vàng SJC hôm nay bao nhiêu một lượng?', 'abstain'],
    ]);
    expect(items[0]?.thumbsDown).toEqual({ reason: 'other', comment: 'Câu trả lời quá chung chung' });
    expect(listed.stdout).not.toContain(session.id);

    const resolved = await tiepdan(dataDir, 'questions', 'resolve', String(items[1]?.id));
    expect(resolved.code).toBe(0);
    const text = await tiepdan(dataDir, 'questions', 'list');
    expect(text.stdout).toContain('“Kế hoạch 416 nhằm mục đích gì?”');
    expect(text.stdout).not.toContain('Giá vàng');
    expect(text.stdout).not.toContain(session.id);
  });
});
