// /admin/kien-thuc: the knowledge base for editors (and admins). The document list, upload, remove and reindex
// call the `tiepdan kb` use cases; "Thử câu hỏi" asks the chat's own answerer; synonyms.txt is edited through
// saveSynonyms (each procedure's sample questions: aliases-route.tsx). Every change is audited under the account's
// login and reloaded into search the way a forwarded `kb add` is, so the web chat answers from it at once.
import { createHmac } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { sameSecret } from '../../accounts/index.js';
import {
  listDocuments,
  reindexKnowledge,
  removeDocument,
  SUPPORTED_EXTENSIONS,
  saveSynonyms,
  uploadDocument,
} from '../../knowledge/ingest/index.js';
import type { StoredDocument } from '../../knowledge/types.js';
import { toAppError } from '../../shared/errors.js';
import { CSRF_FIELD, isCsrfValid } from '../auth/csrf.js';
import { requirePage } from '../auth/require-page.js';
import { formOf, refused } from '../auth/routes.js';
import { auditActorOf, type ConsoleSession } from '../auth/session.js';
import type { ConsoleDeps, KnowledgeConsoleDeps } from '../deps.js';
import { canEditKnowledge, KNOWLEDGE_BASE_PATH } from './access.js';
import { mountAliasPages } from './aliases-route.js';
import { UPLOAD_SCRIPT } from './upload-script.js';
import {
  ConfirmRemovePage,
  KnowledgeForbiddenPage,
  KnowledgeListPage,
  SynonymsPage,
  type SynonymsVersion,
  TryQuestionPage,
} from './view.js';

const PER_PAGE = 50;
const UPLOADS_FOLDER = 'tai-len';

/** Lower case without tone marks, so "giay phep" finds "Giấy phép". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** Lines added and removed between two texts (as multisets of lines: enough for "+3 / −1 dòng"). */
function lineChanges(before: string, after: string): { added: number; removed: number } {
  const count = new Map<string, number>();
  for (const line of before.split('\n')) count.set(line, (count.get(line) ?? 0) + 1);
  let added = 0;
  for (const line of after.split('\n')) {
    const n = count.get(line) ?? 0;
    if (n > 0) count.set(line, n - 1);
    else added++;
  }
  let removed = 0;
  for (const n of count.values()) removed += n;
  return { added, removed };
}

function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string'
    ? (value as { text: string }).text
    : '';
}

/** A notice's seal under the session's CSRF secret: a link made elsewhere cannot put words in our notice box. */
function sealOf(session: ConsoleSession, notice: string): string {
  return createHmac('sha256', session.csrfToken).update(notice).digest('base64url');
}

/** The list page's address carrying the outcome of an action (after the POST, a 303 to it). */
function withNotice(session: ConsoleSession, notice: string): string {
  const text = notice.slice(0, 1500);
  return `${KNOWLEDGE_BASE_PATH}?${new URLSearchParams({ 'thong-bao': text, dau: sealOf(session, text) }).toString()}`;
}

function noticeOf(c: Context, session: ConsoleSession): string | undefined {
  const text = c.req.query('thong-bao');
  const seal = c.req.query('dau');
  if (!text || !seal) return undefined;
  return sameSecret(seal, sealOf(session, text)) ? text : undefined;
}

function synonymsFile(kb: KnowledgeConsoleDeps): string {
  return path.join(kb.knowledgeDir, 'synonyms.txt');
}

export function mountKnowledgePages(app: Hono, deps: ConsoleDeps, kb: KnowledgeConsoleDeps): void {
  const base = KNOWLEDGE_BASE_PATH;

  /** A signed-in editor or admin, else the sign-in redirect or a 403 page. */
  const gate = async (c: Context) => {
    const page = await requirePage(c, deps);
    if (page.response) return page;
    if (!canEditKnowledge(page.session.account.role))
      return { response: await c.html(<KnowledgeForbiddenPage session={page.session} />, 403) };
    return page;
  };

  const renderList = async (
    c: Context,
    session: ConsoleSession,
    extra: { error?: string | undefined; notice?: string | undefined; status?: number } = {},
  ) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const all = await listDocuments({ store: kb.store });
    const needle = fold(q);
    const matching = needle ? all.filter((d) => fold(d.code).includes(needle) || fold(d.title).includes(needle)) : all;
    const pages = Math.max(1, Math.ceil(matching.length / PER_PAGE));
    const requested = Number.parseInt(c.req.query('trang') ?? '1', 10);
    const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), pages) : 1;
    return c.html(
      <KnowledgeListPage
        session={session}
        documents={matching.slice((page - 1) * PER_PAGE, page * PER_PAGE)}
        matching={matching.length}
        total={all.length}
        q={q}
        page={page}
        pages={pages}
        extensions={SUPPORTED_EXTENSIONS}
        uploadMaxBytes={kb.uploadMaxBytes}
        error={extra.error}
        notice={extra.notice}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/admin/kien-thuc.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(UPLOAD_SCRIPT);
  });

  app.get(`${base}/`, (c) => c.redirect(base, 301));
  app.get(base, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    return renderList(c, g.session, { notice: noticeOf(c, g.session) });
  });

  app.post(`${base}/tai-len`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined;
    if (!isCsrfValid(c, g.session.csrfToken, token)) return refused(c);
    const file = body.tep;
    if (!(file instanceof File) || file.name === '')
      return renderList(c, g.session, { error: 'Chưa chọn tệp để tải lên.', status: 400 });
    if (file.size > kb.uploadMaxBytes)
      return renderList(c, g.session, {
        error: `Tệp "${file.name}" quá lớn: tối đa ${Math.round(kb.uploadMaxBytes / (1024 * 1024))} MB. Chưa nạp gì.`,
        status: 413,
      });
    try {
      const result = await uploadDocument({
        store: kb.store,
        uploadsDir: path.join(kb.knowledgeDir, UPLOADS_FOLDER),
        root: kb.root,
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      await kb.audit({
        actor: auditActorOf(g.session),
        action: 'knowledge.uploaded',
        entity: 'KnowledgeDocument',
        entityId: result.sourcePath,
        before: null,
        after: {
          codes: result.codes,
          added: result.added,
          updated: result.updated,
          unchanged: result.unchanged,
          removed: result.removed.map((r) => r.code),
          failed: result.failed.length,
        },
      });
      await kb.refresh();
      const problems = result.failed.map((f) => f.reason);
      const notice =
        `Đã nạp "${result.sourcePath}" (${result.codes.join(', ')}): thêm ${result.added}, cập nhật ${result.updated}, ` +
        `không đổi ${result.unchanged} tài liệu` +
        (result.removed.length > 0 ? `; xoá ${result.removed.length} tài liệu không còn trong tệp` : '') +
        (problems.length > 0 ? `; lưu ý: ${problems.join('; ')}` : '') +
        '. Bot trả lời được ngay trong khung chat.';
      return c.redirect(withNotice(g.session, notice), 303);
    } catch (error) {
      const e = toAppError(error);
      if (e.code === 'INTERNAL') throw error;
      return renderList(c, g.session, { error: e.userMessage, status: e.httpStatus });
    }
  });

  const findDocument = async (code: string): Promise<StoredDocument | undefined> =>
    (await listDocuments({ store: kb.store })).find((d) => d.code === code.normalize('NFC').trim());

  app.get(`${base}/xoa`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const document = await findDocument(c.req.query('ma') ?? '');
    if (!document) return renderList(c, g.session, { error: 'Không có tài liệu mã này.', status: 404 });
    return c.html(<ConfirmRemovePage session={g.session} document={document} />);
  });

  app.post(`${base}/xoa`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const form = await formOf(c);
    if (!isCsrfValid(c, g.session.csrfToken, form[CSRF_FIELD])) return refused(c);
    const document = await findDocument(form.ma ?? '');
    if (!document || !(await removeDocument({ store: kb.store, code: document.code })))
      return renderList(c, g.session, { error: 'Không có tài liệu mã này (có thể đã bị xoá).', status: 404 });
    await kb.audit({
      actor: auditActorOf(g.session),
      action: 'knowledge.removed',
      entity: 'KnowledgeDocument',
      entityId: document.code,
      before: { title: document.title, sourcePath: document.sourcePath, chunkCount: document.chunkCount },
      after: null,
    });
    // an uploaded file that held only this document goes too, or the next indexing of knowledge/ would bring it back
    const uploads = path.join(kb.knowledgeDir, UPLOADS_FOLDER);
    const file = path.resolve(kb.root, document.sourcePath);
    const remaining = await listDocuments({ store: kb.store });
    if (path.dirname(file) === uploads && !remaining.some((d) => d.sourcePath === document.sourcePath))
      await unlink(file).catch(() => undefined);
    await kb.refresh();
    return c.redirect(withNotice(g.session, `Đã xoá tài liệu ${document.code}.`), 303);
  });

  app.post(`${base}/lap-chi-muc`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const form = await formOf(c);
    if (!isCsrfValid(c, g.session.csrfToken, form[CSRF_FIELD])) return refused(c);
    const result = await reindexKnowledge({ store: kb.store, root: kb.root });
    await kb.audit({
      actor: auditActorOf(g.session),
      action: 'knowledge.reindexed',
      entity: 'KnowledgeBase',
      entityId: String(result.revision),
      before: null,
      after: {
        reindexed: result.reindexed,
        added: result.added,
        kept: result.kept.length,
        failed: result.failed.length,
      },
    });
    await kb.refresh();
    const notice =
      `Đã chia đoạn lại ${result.reindexed} tài liệu, thêm mới ${result.added}; phiên bản tri thức ${result.revision}.` +
      (result.kept.length > 0 ? ` Giữ nguyên ${result.kept.length} tài liệu không đọc lại được từ tệp nguồn.` : '') +
      (result.failed.length > 0
        ? ` ${result.failed.length} tệp lỗi: ${result.failed
            .map((f) => `${f.path}: ${f.reason}`)
            .slice(0, 5)
            .join('; ')}.`
        : '');
    return c.redirect(withNotice(g.session, notice), 303);
  });

  app.get(`${base}/thu-cau-hoi`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const question = (c.req.query('q') ?? '').slice(0, 5000);
    if (question.trim() === '') return c.html(<TryQuestionPage session={g.session} question="" />);
    try {
      const answer = await kb.answerer.ask(question, { explain: true });
      return c.html(<TryQuestionPage session={g.session} question={question} answer={answer} />);
    } catch (error) {
      const e = toAppError(error);
      if (e.code === 'INTERNAL') throw error;
      return c.html(<TryQuestionPage session={g.session} question={question} error={e.userMessage} />, 400);
    }
  });

  mountAliasPages(app, deps, kb, gate);

  app.get(`${base}/tu-dong-nghia`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    // every save is an audit row holding the text before and after: the versions, newest first
    const rows = ((await deps.tickets.audit?.listAuditFor('KnowledgeSynonyms', 'synonyms.txt')) ?? [])
      .filter((r) => r.action === 'knowledge.synonyms_saved')
      .reverse();
    const history: SynonymsVersion[] = rows.slice(0, 20).map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      ...lineChanges(textOf(r.before), textOf(r.after)),
    }));
    const wanted = rows.find((r) => String(r.id) === c.req.query('phien-ban'));
    const saved = c.req.query('da-luu');
    const text = wanted ? textOf(wanted.after) : await readFile(synonymsFile(kb), 'utf8').catch(() => '');
    const notice = wanted
      ? `Đang xem phiên bản do ${wanted.actor} lưu (nhật ký số ${wanted.id}). Bấm "Kiểm tra và lưu" để khôi phục phiên bản này.`
      : saved
        ? `Đã lưu: ${saved} quy tắc; tìm kiếm đã dùng nội dung mới.`
        : undefined;
    return c.html(<SynonymsPage session={g.session} text={text} history={history} notice={notice} />);
  });

  app.post(`${base}/tu-dong-nghia`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const form = await formOf(c);
    if (!isCsrfValid(c, g.session.csrfToken, form[CSRF_FIELD])) return refused(c);
    const text = form.noi_dung ?? '';
    try {
      const result = await saveSynonyms({ file: synonymsFile(kb), text });
      if (result.changed) {
        await kb.audit({
          actor: auditActorOf(g.session),
          action: 'knowledge.synonyms_saved',
          entity: 'KnowledgeSynonyms',
          entityId: 'synonyms.txt',
          before: { text: result.before },
          after: { text: result.after },
        });
        await kb.refresh();
      }
      return c.redirect(`${base}/tu-dong-nghia?da-luu=${result.rules}`, 303);
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== 'BAD_INPUT') throw error;
      const problems = (e.details?.problems as Array<{ line: number; message: string }> | undefined) ?? [];
      // the edit is shown again as typed: nothing the editor wrote is lost
      return c.html(<SynonymsPage session={g.session} text={text} problems={problems} error={e.userMessage} />, 400);
    }
  });
}
