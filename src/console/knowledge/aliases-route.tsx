// /admin/kien-thuc/cach-goi: editors keep each procedure's everyday names and sample questions
// (knowledge/aliases/), review the drafts a language model wrote at import, and see every save in the audit trail.
// A save reloads the search the way a forwarded `kb add` does, so the chat finds the procedure by the new words.
import path from 'node:path';
import type { Context, Hono } from 'hono';
import {
  type AliasEntryContent,
  type AliasProblemLine,
  DRAFT_ALIASES_FILE,
  listDocuments,
  readAliasEntry,
  readAliasFile,
  saveAliasEntry,
} from '../../knowledge/ingest/index.js';
import type { StoredDocument } from '../../knowledge/types.js';
import { toAppError } from '../../shared/errors.js';
import { CSRF_FIELD, isCsrfValid } from '../auth/csrf.js';
import { formOf, refused } from '../auth/routes.js';
import { auditActorOf, type ConsoleSession } from '../auth/session.js';
import type { ConsoleDeps, KnowledgeConsoleDeps } from '../deps.js';
import {
  ALIASES_PATH,
  type AliasDraftRow,
  AliasEditorPage,
  AliasesIndexPage,
  type AliasVersion,
} from './aliases-view.js';

const AUDIT_ENTITY = 'KnowledgeAliases';
const AUDIT_ACTION = 'knowledge.aliases_saved';
/** Drafts listed for review at most (the oldest first: they have waited longest). */
const DRAFTS_SHOWN = 200;

type Gate = (
  c: Context,
) => Promise<{ response: Response; session?: undefined } | { response?: undefined; session: ConsoleSession }>;

function aliasesFolder(kb: KnowledgeConsoleDeps): string {
  return path.join(kb.knowledgeDir, 'aliases');
}

function entryOf(value: unknown): AliasEntryContent | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<AliasEntryContent>;
  return Array.isArray(v.names) && Array.isArray(v.questions)
    ? { names: v.names, questions: v.questions, reviewed: v.reviewed === true }
    : null;
}

export function mountAliasPages(app: Hono, deps: ConsoleDeps, kb: KnowledgeConsoleDeps, gate: Gate): void {
  /** The procedure the code names, or undefined (only procedures have sample questions). */
  const procedureOf = async (code: string): Promise<StoredDocument | undefined> =>
    (await listDocuments({ store: kb.store })).find((d) => d.code === code && d.kind === 'procedure');

  const history = async (code: string): Promise<AliasVersion[]> =>
    ((await deps.tickets.audit?.listAuditFor(AUDIT_ENTITY, code)) ?? [])
      .filter((r) => r.action === AUDIT_ACTION)
      .reverse()
      .slice(0, 20)
      .map((r) => {
        const after = entryOf(r.after);
        return {
          id: r.id,
          at: r.at,
          actor: r.actor,
          names: after?.names.length ?? 0,
          questions: after?.questions.length ?? 0,
          reviewed: after?.reviewed ?? false,
        };
      });

  const renderEditor = async (
    c: Context,
    session: ConsoleSession,
    document: StoredDocument,
    extra: {
      typed?: { names: string; questions: string };
      problems?: AliasProblemLine[];
      error?: string;
      notice?: string;
      status?: number;
    } = {},
  ) => {
    const stored = await readAliasEntry(aliasesFolder(kb), document.code);
    return c.html(
      <AliasEditorPage
        session={session}
        code={document.code}
        title={document.title}
        entry={stored ? { names: stored.names, questions: stored.questions, reviewed: stored.reviewed } : null}
        typed={extra.typed}
        history={await history(document.code)}
        problems={extra.problems}
        error={extra.error}
        notice={extra.notice}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  const renderIndex = async (c: Context, session: ConsoleSession, error?: string) => {
    const drafts = (await readAliasFile(aliasesFolder(kb), DRAFT_ALIASES_FILE.name)).filter((e) => !e.reviewed);
    const titles = new Map((await listDocuments({ store: kb.store })).map((d) => [d.code, d.title]));
    const rows: AliasDraftRow[] = drafts
      .filter((d) => titles.has(d.code))
      .slice(0, DRAFTS_SHOWN)
      .map((d) => ({ code: d.code, title: titles.get(d.code) ?? '', questions: d.questions.length }));
    return c.html(<AliasesIndexPage session={session} drafts={rows} error={error} />, (error ? 404 : 200) as 200);
  };

  app.get(ALIASES_PATH, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const code = (c.req.query('ma') ?? '').trim().slice(0, 100);
    if (code === '') return renderIndex(c, g.session);
    const document = await procedureOf(code);
    if (!document) return renderIndex(c, g.session, `Không có thủ tục mã "${code}" trong cơ sở tri thức.`);
    return renderEditor(c, g.session, document, {
      ...(c.req.query('da-luu') ? { notice: 'Đã lưu; tìm kiếm đã dùng nội dung mới.' } : {}),
    });
  });

  app.post(ALIASES_PATH, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const form = await formOf(c);
    if (!isCsrfValid(c, g.session.csrfToken, form[CSRF_FIELD])) return refused(c);
    const document = await procedureOf((form.ma ?? '').trim());
    if (!document) return renderIndex(c, g.session, `Không có thủ tục mã "${form.ma ?? ''}" trong cơ sở tri thức.`);
    const typed = { names: form.ten_goi ?? '', questions: form.cau_hoi ?? '' };
    try {
      const result = await saveAliasEntry({
        folder: aliasesFolder(kb),
        code: document.code,
        names: typed.names,
        questions: typed.questions,
        reviewed: form.da_duyet === '1',
      });
      if (result.changed) {
        await kb.audit({
          actor: auditActorOf(g.session),
          action: AUDIT_ACTION,
          entity: AUDIT_ENTITY,
          entityId: document.code,
          before: result.before,
          after: result.after,
        });
        await kb.refresh();
      }
      return c.redirect(`${ALIASES_PATH}?${new URLSearchParams({ ma: document.code, 'da-luu': '1' })}`, 303);
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== 'BAD_INPUT') throw error;
      // the edit is shown again as typed: nothing the editor wrote is lost
      return renderEditor(c, g.session, document, {
        typed,
        problems: (e.details?.problems as AliasProblemLine[] | undefined) ?? [],
        error: e.userMessage,
        status: 400,
      });
    }
  });
}
