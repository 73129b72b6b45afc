// GET /admin/bao-cao (+ .csv, .xlsx with the same ?from=&to=): the accountability report for `viewer` and above.
// Officers and inspectors see their own units; viewers, leads and admins every unit. Read-only: GET routes only.
import type { Context, Hono } from 'hono';
import { toAppError } from '../../shared/errors.js';
import { requirePage } from '../auth/require-page.js';
import type { ConsoleSession } from '../auth/session.js';
import type { ConsoleDeps } from '../deps.js';
import { Page } from '../layout/page.js';
import { REPORT_ROLES } from './access.js';
import { reportCsvFile, reportFileName, reportXlsxFile } from './export.js';
import { createReportLoader } from './load-report.js';
import { defaultPeriod, parseReportPeriod } from './period.js';
import { ReportsPage } from './view.js';

/** Who may read the reports (the editor keeps the knowledge base only). */

async function gate(c: Context, deps: ConsoleDeps): Promise<{ response: Response } | { session: ConsoleSession }> {
  const gate = await requirePage(c, deps);
  if (gate.response) return { response: gate.response };
  if (!REPORT_ROLES.includes(gate.session.account.role))
    return {
      response: await c.html(
        <Page title="Không có quyền" session={gate.session}>
          <div class="card">
            <h1>Không có quyền xem báo cáo</h1>
            <p>Vai trò của bạn không xem báo cáo tiếp nhận và giải quyết.</p>
          </div>
        </Page>,
        403,
      ),
    };
  return { session: gate.session };
}

export function mountReports(app: Hono, deps: ConsoleDeps): void {
  const loadReport = createReportLoader(deps.tickets);
  const unitNames = () => new Map(deps.tickets.settings.routing.units.map((u) => [u.code, u.name]));

  app.get('/admin/bao-cao', async (c) => {
    const g = await gate(c, deps);
    if ('response' in g) return g.response;
    const now = deps.tickets.clock.now();
    try {
      const period = parseReportPeriod(c.req.query(), now);
      const report = await loadReport(g.session.account, period);
      const query = new URLSearchParams({ from: period.fromDay, to: period.toDay }).toString();
      return c.html(
        <ReportsPage session={g.session} period={period} report={report} query={query} unitNames={unitNames()} />,
      );
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== 'BAD_INPUT') throw error;
      return c.html(
        <ReportsPage
          session={g.session}
          period={defaultPeriod(now)}
          report={null}
          query=""
          unitNames={unitNames()}
          error={e.userMessage}
        />,
        400,
      );
    }
  });

  const download = (extension: 'csv' | 'xlsx') => async (c: Context) => {
    const g = await gate(c, deps);
    if ('response' in g) return g.response;
    let period: ReturnType<typeof parseReportPeriod>;
    try {
      period = parseReportPeriod(c.req.query(), deps.tickets.clock.now());
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== 'BAD_INPUT') throw error;
      return c.text(e.userMessage, 400);
    }
    const report = await loadReport(g.session.account, period);
    c.header('cache-control', 'no-store');
    c.header('content-disposition', `attachment; filename="${reportFileName(report, extension)}"`);
    if (extension === 'csv') {
      c.header('content-type', 'text/csv; charset=utf-8');
      return c.body(reportCsvFile(report));
    }
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return c.body(new Uint8Array(await reportXlsxFile(report)));
  };
  app.get('/admin/bao-cao.csv', download('csv'));
  app.get('/admin/bao-cao.xlsx', download('xlsx'));
}
