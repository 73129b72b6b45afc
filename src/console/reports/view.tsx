// The reports page: the period form, downloads, the totals, two SVG charts, a table per grouping (unit, category,
// commune, month) and the bot's answer signals. Read-only: no form here changes anything.
import type { Account } from '../../accounts/index.js';
import type { ReportFigures, ReportGroup } from '../../tickets/index.js';
import { Message, Page } from '../layout/page.js';
import { type MonthBar, MonthChart, RateChart } from './charts.js';
import { CONSOLE_GROUPINGS, type ConsoleReport, GROUPING_TITLE } from './load-report.js';
import { formatDay, type ReportPeriod } from './period.js';
import { formatCell, SIGNAL_COLUMNS } from './table.js';

export interface ReportsProps {
  session: { account: Account; csrfToken: string };
  period: ReportPeriod;
  report: ConsoleReport | null;
  /** The query string of the period, for the download links. */
  query: string;
  unitNames: Map<string, string>;
  error?: string | undefined;
}

const STYLE = `
.report-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:.6rem}
.figure{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:.6rem .8rem}
.figure b{display:block;font-size:1.4rem}
.figure span{color:#4a5562;font-size:.85rem}
.scroll{overflow-x:auto;margin-bottom:1rem}
table.report td.n,table.report th.n{text-align:right;white-space:nowrap}
svg.chart{width:100%;height:auto;display:block;background:#fff;border:1px solid #d8dde3;border-radius:6px}
.downloads a{margin-right:1rem}
`;

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const pct = (part: number, whole: number) => formatCell('rate', rate(part, whole));

function Figure(props: { value: string; label: string }) {
  return (
    <div class="figure">
      <b>{props.value}</b>
      <span>{props.label}</span>
    </div>
  );
}

function Totals(props: { total: ReportFigures }) {
  const t = props.total;
  return (
    <div class="report-grid">
      <Figure value={formatCell('count', t.received)} label="Phản ánh, khiếu nại, tố cáo tiếp nhận" />
      <Figure
        value={pct(t.acknowledgedInTime, t.acknowledgeDue)}
        label={`Thông báo thụ lý trong 10 ngày làm việc (${t.acknowledgedInTime}/${t.acknowledgeDue})`}
      />
      <Figure
        value={pct(t.answeredInTime, t.answerDue)}
        label={`Trả lời trong hạn luật định (${t.answeredInTime}/${t.answerDue})`}
      />
      <Figure value={formatCell('decimal', t.medianDaysToAnswer)} label="Trung vị số ngày đến khi trả lời" />
      <Figure value={formatCell('count', t.overdueNow)} label="Đang quá hạn" />
      <Figure value={formatCell('count', t.disputed)} label="Đề nghị xem xét lại" />
      <Figure
        value={formatCell('decimal', t.satisfactionMean)}
        label={`Mức hài lòng trung bình, 1–5 (${t.satisfactionCount} lượt)`}
      />
      <Figure
        value={formatCell('rate', t.resolvedRate)}
        label={`Người dân nói "đã giải quyết" (${t.resolvedCount} người trả lời)`}
      />
    </div>
  );
}

function GroupTable(props: { title: string; groups: ReportGroup[]; total: ReportFigures }) {
  const row = (label: string, g: ReportFigures, strong = false) => (
    <tr class={strong ? 'total' : undefined}>
      <td>{strong ? <b>{label}</b> : label}</td>
      <td class="n">{formatCell('count', g.received)}</td>
      <td class="n">
        {pct(g.acknowledgedInTime, g.acknowledgeDue)}{' '}
        <span class="muted">
          ({g.acknowledgedInTime}/{g.acknowledgeDue})
        </span>
      </td>
      <td class="n">
        {pct(g.answeredInTime, g.answerDue)}{' '}
        <span class="muted">
          ({g.answeredInTime}/{g.answerDue})
        </span>
      </td>
      <td class="n">{formatCell('decimal', g.medianDaysToAnswer)}</td>
      <td class="n">{formatCell('count', g.overdueNow)}</td>
      <td class="n">{formatCell('count', g.disputed)}</td>
      <td class="n">
        {formatCell('decimal', g.satisfactionMean)} <span class="muted">({g.satisfactionCount})</span>
      </td>
      <td class="n">
        {formatCell('rate', g.resolvedRate)} <span class="muted">({g.resolvedCount})</span>
      </td>
    </tr>
  );
  return (
    <section>
      <h2>{props.title}</h2>
      {props.groups.length === 0 ? (
        <p class="card">Không có phản ánh, khiếu nại, tố cáo nào trong khoảng thời gian này.</p>
      ) : (
        <div class="scroll">
          <table class="report">
            <thead>
              <tr>
                <th>Nhóm</th>
                <th class="n">Tiếp nhận</th>
                <th class="n">Thông báo thụ lý đúng hạn</th>
                <th class="n">Trả lời đúng hạn</th>
                <th class="n">Trung vị ngày trả lời</th>
                <th class="n">Đang quá hạn</th>
                <th class="n">Xem xét lại</th>
                <th class="n">Hài lòng (1–5)</th>
                <th class="n">Đã giải quyết</th>
              </tr>
            </thead>
            <tbody>
              {props.groups.map((g) => row(g.label, g))}
              {row('Tổng cộng', props.total, true)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Every month of the period (MM/YYYY), with the report's figures or zero. */
function monthBars(report: ConsoleReport): MonthBar[] {
  const byKey = new Map(report.reports.month.groups.map((g) => [g.key, g]));
  const out: MonthBar[] = [];
  let [y, m] = report.period.fromDay.split('-').map(Number) as [number, number];
  const last = report.period.toDay.slice(0, 7);
  for (let i = 0; i < 120; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    const g = byKey.get(key);
    out.push({
      label: `${key.slice(5)}/${key.slice(0, 4)}`,
      received: g?.received ?? 0,
      answeredInTime: g?.answeredInTime ?? 0,
    });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

function Signals(props: { report: ConsoleReport }) {
  const s = props.report.signals;
  return (
    <section>
      <h2>Trợ lý ảo trả lời câu hỏi</h2>
      <p class="muted">
        Hệ thống chỉ ghi lại các câu hỏi trợ lý ảo không trả lời được, các đánh giá hữu ích hoặc không, các lần người
        dân xin gặp cán bộ và các lỗi; từng câu trả lời thành công không được lưu riêng, nên chưa tính được tỷ lệ trả
        lời trên tổng số câu hỏi. Tỷ lệ dưới đây là tỷ lệ câu trả lời được đánh giá hữu ích trong số câu trả lời có đánh
        giá.
      </p>
      <div class="report-grid">
        <Figure value={formatCell('count', s.total.abstained)} label="Câu hỏi trợ lý ảo không trả lời được" />
        <Figure
          value={formatCell('rate', s.helpfulRate)}
          label={`Câu trả lời được đánh giá hữu ích (${s.total.thumbsUp}/${s.total.thumbsUp + s.total.thumbsDown})`}
        />
        <Figure value={formatCell('count', s.total.staffRequested)} label="Lần người dân xin gặp cán bộ" />
        <Figure value={formatCell('count', s.total.answeredByStaff)} label="Câu hỏi cán bộ đã trả lời thay" />
        <Figure value={formatCell('count', s.total.turnedIntoFaq)} label="Câu trả lời thành câu hỏi mẫu (FAQ)" />
      </div>
      {s.months.length > 0 ? (
        <div class="scroll">
          <table class="report signals">
            <thead>
              <tr>
                {SIGNAL_COLUMNS.map((c) => (
                  <th class={c.key === 'month' ? undefined : 'n'}>{c.heading}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.months.map((m) => (
                <tr>
                  {SIGNAL_COLUMNS.map((c) =>
                    c.key === 'month' ? (
                      <td>{`${m.month.slice(5)}/${m.month.slice(0, 4)}`}</td>
                    ) : (
                      <td class="n">{formatCell('count', m[c.key])}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function ReportsPage(props: ReportsProps) {
  const { period, report } = props;
  return (
    <Page title="Báo cáo" session={props.session}>
      <style>{STYLE}</style>
      <h1>Báo cáo tiếp nhận và giải quyết</h1>
      <Message error={props.error} />
      <form class="card filters" method="get" action="/admin/bao-cao">
        <div>
          <label for="r-from">Từ ngày</label>
          <input id="r-from" type="date" name="from" value={period.fromDay} />
        </div>
        <div>
          <label for="r-to">Đến ngày</label>
          <input id="r-to" type="date" name="to" value={period.toDay} />
        </div>
        <div>
          <button type="submit">Xem báo cáo</button>
        </div>
      </form>
      {report ? (
        <>
          <p class="muted">
            Từ {formatDay(period.fromDay)} đến {formatDay(period.toDay)} (theo ngày tiếp nhận; số liệu tính lại mỗi
            phút).{' '}
            {report.units
              ? `Chỉ gồm đơn vị của bạn: ${report.units.map((u) => props.unitNames.get(u) ?? u).join(', ')}.`
              : 'Tất cả đơn vị.'}
          </p>
          <p class="downloads">
            <a href={`/admin/bao-cao.csv?${props.query}`} download>
              Tải CSV
            </a>
            <a href={`/admin/bao-cao.xlsx?${props.query}`} download>
              Tải Excel (XLSX)
            </a>
          </p>
          <Totals total={report.reports.unit.total} />
          <h2>Theo tháng</h2>
          <MonthChart months={monthBars(report)} />
          <h2>Tỷ lệ trả lời trong hạn luật định theo đơn vị</h2>
          <RateChart
            id="chart-units"
            title="Tỷ lệ trả lời trong hạn luật định theo đơn vị"
            bars={report.reports.unit.groups.map((g) => ({
              label: g.label,
              rate: rate(g.answeredInTime, g.answerDue),
              count: g.received,
            }))}
          />
          {CONSOLE_GROUPINGS.map((by) => (
            <GroupTable
              title={GROUPING_TITLE[by]}
              groups={report.reports[by].groups}
              total={report.reports[by].total}
            />
          ))}
          <Signals report={report} />
          <p class="muted">
            Thông báo thụ lý đúng hạn: trong 10 ngày làm việc kể từ ngày tiếp nhận, tính trên số đã thông báo hoặc đã
            quá 10 ngày. Trả lời đúng hạn: trước hết ngày của hạn luật định đang áp dụng, tính trên số đã trả lời hoặc
            đã đến hạn. Số trong ngoặc là tử số/mẫu số hoặc số lượt.
          </p>
        </>
      ) : null}
    </Page>
  );
}
