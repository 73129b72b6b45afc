// GET/POST /api/ask: one question → the bot's answer as JSON (for the web portal, tests and integrations).
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Answer } from '../../knowledge/index.js';
import { AppError } from '../../shared/errors.js';

export interface AskRouteDeps {
  answerer: { ask(question: string, options?: { focusCode?: string | undefined }): Promise<Answer> };
}

const askSchema = z.object(
  {
    q: z.string({ error: 'Thiếu câu hỏi: dùng /api/ask?q=… (hoặc POST {"q": "…"}).' }),
    focus: z
      .string({ error: 'Mã thủ tục (focus) phải là một chuỗi, ví dụ "1.001193".' })
      .trim()
      .max(100, 'Mã thủ tục quá dài.')
      .optional(),
  },
  { error: 'Gửi câu hỏi dạng JSON {"q": "câu hỏi"} hoặc tham số q.' },
);

/** What the API returns: the answer text, whether it abstained, and its sources. */
function toJson(answer: Answer) {
  return {
    answer: answer.text,
    abstained: answer.abstained,
    aspect: answer.aspect,
    sources: answer.sources.map((s) => ({
      code: s.code,
      title: s.title,
      url: s.url ?? null,
      section: s.section ?? null,
    })),
    documents: answer.docCodes.slice(0, 10),
    focus: answer.focus
      ? { code: answer.focus.code, title: answer.focus.title, level: answer.focus.level ?? null }
      : null,
  };
}

function parse(input: unknown) {
  const parsed = askSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError('BAD_INPUT', 'invalid /api/ask input', {
      userMessage: parsed.error.issues.map((i) => i.message).join(' '),
    });
  return parsed.data;
}

/**
 * Mounts the route. GET suits short questions (`?q=…&focus=<mã>`); very long ones should be POSTed as JSON
 * or a form (a URL of tens of kilobytes is refused by the HTTP server before it reaches any route).
 */
export function mountAsk(app: Hono, deps: AskRouteDeps): void {
  app.get('/api/ask', async (c) => {
    const { q, focus } = parse({ q: c.req.query('q'), focus: c.req.query('focus') || undefined });
    return c.json(toJson(await deps.answerer.ask(q, { focusCode: focus })));
  });
  app.post('/api/ask', async (c) => {
    const type = c.req.header('content-type') ?? '';
    let body: unknown;
    try {
      body = type.includes('application/json') ? await c.req.json() : await c.req.parseBody();
    } catch {
      throw new AppError('BAD_INPUT', 'unreadable body', {
        userMessage: 'Không đọc được nội dung gửi lên. Gửi JSON dạng {"q": "câu hỏi"}.',
      });
    }
    const { q, focus } = parse(body);
    return c.json(toJson(await deps.answerer.ask(q, { focusCode: focus })));
  });
}
