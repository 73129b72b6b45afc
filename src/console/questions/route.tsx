// /admin/cau-hoi: the question queue (editor, admin, lead). The list, one question with its answer form and "bỏ qua",
// and /admin/cau-hoi/mau, the FAQ entries with "rút lại". Every form checks the CSRF token and the Origin; every
// action goes through the src/questions use cases, audited under the account's login.
import type { Context, Hono } from 'hono';
import type { Account } from '../../accounts/index.js';
import {
  QUESTION_REASONS,
  QUESTION_STATUSES,
  type QuestionReason,
  type QuestionStatus,
} from '../../db/stores/unanswered-question-store.js';
import {
  answerQueuedQuestion,
  dismissQuestion,
  listFaq,
  type QuestionActor,
  type QuestionDeps,
  withdrawFaq,
} from '../../questions/index.js';
import { toAppError } from '../../shared/errors.js';
import { CSRF_FIELD, isCsrfValid } from '../auth/csrf.js';
import { requirePage } from '../auth/require-page.js';
import { formOf, refused } from '../auth/routes.js';
import type { ConsoleSession } from '../auth/session.js';
import type { ConsoleDeps } from '../deps.js';
import { Page } from '../layout/page.js';
import { QUESTION_ROLES } from './access.js';
import { FaqPage, QuestionPage, QueuePage, type QueueQuery } from './view.js';

/** Who works the queue: editors (the knowledge base), the lead, and admins. */
const PAGE_SIZE = 30;

const NOTICES: Record<string, string> = {
  sent: 'Đã gửi câu trả lời vào hàng đợi gửi đến người hỏi.',
  'sent-faq': 'Đã gửi câu trả lời đến người hỏi và đưa vào câu trả lời mẫu: bot sẽ trả lời câu hỏi này từ nay.',
  unsent: 'Đã lưu câu trả lời; người hỏi không còn liên lạc được (đã xoá dữ liệu) nên không gửi được.',
  dismissed: 'Đã bỏ qua câu hỏi và ghi lý do.',
  withdrawn: 'Đã rút lại câu trả lời mẫu: bot không dùng nó nữa.',
};

/** How an FAQ entry's source names whoever answered: their unit when they have one, else their login. */
function actorOf(account: Account, deps: ConsoleDeps): QuestionActor {
  const unit = deps.tickets.settings.routing.units.find((u) => account.units.includes(u.code));
  return { login: account.login, label: unit?.name ?? account.login };
}

export function mountQuestionPages(app: Hono, deps: ConsoleDeps, questions: QuestionDeps): void {
  const gate = async (c: Context) => {
    const g = await requirePage(c, deps);
    if (g.response) return g;
    if (!QUESTION_ROLES.includes(g.session.account.role))
      return {
        response: await c.html(
          <Page title="Không có quyền" session={g.session}>
            <div class="card">
              <h1>Không có quyền xem câu hỏi chờ trả lời</h1>
              <p>Chỉ biên tập viên cơ sở tri thức, lãnh đạo và quản trị hệ thống làm việc với danh sách này.</p>
            </div>
          </Page>,
          403,
        ),
      };
    return g;
  };

  const renderQuestion = async (
    c: Context,
    session: ConsoleSession,
    id: number,
    extra: { error?: string; notice?: string; answerText?: string; status?: number } = {},
  ) => {
    const question = await questions.queue.get(id);
    if (!question)
      return c.html(
        <Page title="Không tìm thấy" session={session}>
          <div class="card">
            <h1>Không tìm thấy câu hỏi</h1>
            <p>{`Không có câu hỏi số ${id} trong danh sách.`}</p>
            <a href="/admin/cau-hoi">← Câu hỏi chờ trả lời</a>
          </div>
        </Page>,
        404,
      );
    return c.html(
      <QuestionPage
        session={session}
        question={question}
        error={extra.error}
        notice={extra.notice}
        answerText={extra.answerText}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/admin/cau-hoi', async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const rawStatus = c.req.query('status') ?? 'open';
    const rawReason = c.req.query('reason') ?? '';
    const status = rawStatus === 'all' || QUESTION_STATUSES.includes(rawStatus as QuestionStatus) ? rawStatus : 'open';
    const reason = QUESTION_REASONS.includes(rawReason as QuestionReason) ? rawReason : '';
    const page = Math.min(100_000, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const filter = {
      statuses: status === 'all' ? undefined : [status as QuestionStatus],
      reasons: reason ? [reason as QuestionReason] : undefined,
    };
    const [items, total] = await Promise.all([
      questions.queue.list({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      questions.queue.count(filter),
    ]);
    const query: QueueQuery = { status, reason, page };
    const ok = c.req.query('ok');
    return c.html(
      <QueuePage
        session={g.session}
        query={query}
        items={items}
        total={total}
        pageSize={PAGE_SIZE}
        notice={ok ? NOTICES[ok] : undefined}
      />,
    );
  });

  app.get('/admin/cau-hoi/mau', async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const ok = c.req.query('ok');
    return c.html(
      <FaqPage
        session={g.session}
        entries={await listFaq(questions.knowledge)}
        notice={ok ? NOTICES[ok] : undefined}
      />,
    );
  });

  app.post('/admin/cau-hoi/mau/:code/rut-lai', async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const form = await formOf(c);
    if (!isCsrfValid(c, g.session.csrfToken, form[CSRF_FIELD])) return refused(c);
    try {
      await withdrawFaq(questions, { code: c.req.param('code'), actor: actorOf(g.session.account, deps) });
    } catch (error) {
      const e = toAppError(error);
      if (e.code === 'INTERNAL') throw error;
      return c.html(
        <FaqPage session={g.session} entries={await listFaq(questions.knowledge)} error={e.userMessage} />,
        e.code === 'NOT_FOUND' ? 404 : 400,
      );
    }
    return c.redirect('/admin/cau-hoi/mau?ok=withdrawn', 303);
  });

  app.get('/admin/cau-hoi/:id{[0-9]{1,9}}', async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const ok = c.req.query('ok');
    return renderQuestion(c, g.session, Number(c.req.param('id')), { notice: ok ? NOTICES[ok] : undefined });
  });

  const action = (
    name: string,
    run: (form: Record<string, string>, id: number, actor: QuestionActor) => Promise<string>,
  ) =>
    app.post(`/admin/cau-hoi/:id{[0-9]{1,9}}/${name}`, async (c) => {
      const g = await gate(c);
      if (g.response) return g.response;
      const form = await formOf(c);
      if (!isCsrfValid(c, g.session.csrfToken, form[CSRF_FIELD])) return refused(c);
      const id = Number(c.req.param('id'));
      let notice: string;
      try {
        notice = await run(form, id, actorOf(g.session.account, deps));
      } catch (error) {
        const e = toAppError(error);
        if (e.code === 'INTERNAL') throw error;
        const status = e.code === 'NOT_FOUND' ? 404 : e.code === 'FORBIDDEN' ? 403 : e.code === 'CONFLICT' ? 409 : 400;
        // what the editor wrote stays in the form
        return renderQuestion(c, g.session, id, { error: e.userMessage, status, answerText: form.text });
      }
      return c.redirect(`/admin/cau-hoi/${id}?ok=${notice}`, 303);
    });

  action('tra-loi', async (form, id, actor) => {
    const result = await answerQueuedQuestion(questions, {
      id,
      answer: form.text ?? '',
      asFaq: form.faq === '1',
      actor,
    });
    return result.sent ? (result.faqCode ? 'sent-faq' : 'sent') : 'unsent';
  });
  action('bo-qua', async (form, id, actor) => {
    await dismissQuestion(questions, { id, reason: form.reason ?? '', actor });
    return 'dismissed';
  });
}
