// The public transparency page `/minh-bach` (no login) and its CSV: how many petitions, complaints and denunciations
// were received, acknowledged and answered on time, per unit, field and month — aggregates only, never a code, a
// text or a person. Groups smaller than PUBLIC_MIN_GROUP show their count only. Rendered on the server, no script.
import type { Hono } from 'hono';
import { AppError } from '../../shared/errors.js';
import {
  ACKNOWLEDGE_WORKING_DAYS,
  explainDeadlines,
  PUBLIC_MIN_GROUP,
  percent,
  type ReportFigures,
  type ReportGroup,
  reportCsv,
  reportTickets,
  reportTicketsBy,
  type TicketDeps,
  type TicketReport,
  vietnamDate,
} from '../../tickets/index.js';

const esc = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The period shown: a whole calendar year (?nam=2026) or, by default, the last 12 months up to today. */
function period(now: Date, year: string | undefined): { from: Date; to: Date; title: string } {
  if (year !== undefined) {
    if (!/^20\d\d$/.test(year)) throw new AppError('BAD_INPUT', 'Bad year', { userMessage: 'Năm phải có dạng 2026.' });
    return {
      from: new Date(`${year}-01-01T00:00:00+07:00`),
      to: new Date(`${Number(year) + 1}-01-01T00:00:00+07:00`),
      title: `năm ${year}`,
    };
  }
  const today = vietnamDate(now);
  const start = `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`;
  return {
    from: new Date(`${start}T00:00:00+07:00`),
    to: new Date(now.getTime() + 1),
    title: `12 tháng gần nhất (từ 01/${start.slice(5, 7)}/${start.slice(0, 4)})`,
  };
}

/** Every month of the period, oldest first (YYYY-MM), so the chart shows months without tickets too. */
function monthsOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  const last = vietnamDate(new Date(to.getTime() - 1)).slice(0, 7);
  let month = vietnamDate(from).slice(0, 7);
  while (month <= last && out.length < 24) {
    out.push(month);
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return out;
}

/** 3.5 → "3,5" (Vietnamese decimal comma). */
const num = (n: number | null): string => (n === null ? '—' : n.toLocaleString('vi-VN'));

/** Hides the rates of a group too small to stay anonymous. */
function publicGroups(report: TicketReport): ReportGroup[] {
  return report.groups.map((g) => (g.received < PUBLIC_MIN_GROUP ? { ...g, ...hidden(g) } : g));
}

function hidden(g: ReportFigures): Partial<ReportFigures> {
  return {
    acknowledgedInTime: 0,
    acknowledgeDue: 0,
    answeredInTime: 0,
    answerDue: 0,
    answered: 0,
    medianDaysToAnswer: null,
    overdueNow: 0,
    disputed: 0,
    satisfactionMean: null,
    satisfactionCount: 0,
    resolvedRate: null,
    resolvedCount: 0,
    received: g.received,
  };
}

function row(label: string, f: ReportFigures, small: boolean): string {
  const cells = small
    ? [`dưới ${PUBLIC_MIN_GROUP}`, '', '', '', '', '', '']
    : [
        f.received,
        percent(f.acknowledgedInTime, f.acknowledgeDue),
        `${percent(f.answeredInTime, f.answerDue)}<small> (${f.answeredInTime}/${f.answerDue})</small>`,
        num(f.medianDaysToAnswer),
        f.overdueNow,
        f.satisfactionMean === null ? '—' : `${num(f.satisfactionMean)}<small> (${f.satisfactionCount})</small>`,
        f.resolvedRate === null ? '—' : percent(f.resolvedRate, 1),
      ];
  return `<tr><th scope="row">${esc(label)}</th>${cells.map((c) => `<td>${typeof c === 'string' && c.includes('<small>') ? c : esc(c)}</td>`).join('')}</tr>`;
}

function table(caption: string, report: TicketReport): string {
  const groups = publicGroups(report);
  if (groups.length === 0) return '';
  return `<table><caption>${esc(caption)}</caption>
<thead><tr><th scope="col"></th><th scope="col">Tiếp nhận</th><th scope="col">Thụ lý trong ${ACKNOWLEDGE_WORKING_DAYS} ngày làm việc</th><th scope="col">Trả lời đúng hạn</th><th scope="col">Số ngày trả lời (trung vị)</th><th scope="col">Đang quá hạn</th><th scope="col">Hài lòng (1–5)</th><th scope="col">Người dân xác nhận đã giải quyết</th></tr></thead>
<tbody>${groups.map((g) => row(g.label, g, g.received < PUBLIC_MIN_GROUP)).join('\n')}</tbody></table>`;
}

/** Bars per month: received, and answered on time, as an inline SVG (no script, no external chart library). */
function monthChart(report: TicketReport, months: string[]): string {
  const byKey = new Map(report.groups.map((g) => [g.key, g]));
  const groups = months.map(
    (key) => byKey.get(key) ?? { key, label: `${key.slice(5, 7)}/${key.slice(0, 4)}`, received: 0, answeredInTime: 0 },
  );
  if (groups.length === 0) return '';
  const max = Math.max(1, ...groups.map((g) => g.received));
  const barW = 18;
  const gap = 14;
  const height = 160;
  const width = groups.length * (2 * barW + gap) + gap;
  const bars = groups
    .map((g, i) => {
      const x = gap + i * (2 * barW + gap);
      const h1 = Math.round((g.received / max) * (height - 30));
      const h2 = Math.round((g.answeredInTime / max) * (height - 30));
      return `<g><title>${esc(`${g.label}: ${g.received} tiếp nhận, ${g.answeredInTime} trả lời đúng hạn`)}</title>
<rect x="${x}" y="${height - 20 - h1}" width="${barW}" height="${h1}" class="received"/>
<rect x="${x + barW}" y="${height - 20 - h2}" width="${barW}" height="${h2}" class="ontime"/>
<text x="${x + barW}" y="${height - 5}" text-anchor="middle">${esc(g.label.slice(0, 2))}</text></g>`;
    })
    .join('\n');
  return `<figure><svg role="img" aria-label="Số phản ánh tiếp nhận và trả lời đúng hạn theo tháng" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:100%;height:auto">${bars}</svg>
<figcaption><span class="key received"></span> Tiếp nhận <span class="key ontime"></span> Trả lời đúng hạn (theo tháng tiếp nhận)</figcaption></figure>`;
}

/** The legal time limits in plain words, from the deadline rules in force today (settings/deadlines.yaml). */
function limits(deps: TicketDeps, now: Date): string {
  const today = vietnamDate(now);
  const items: string[] = [];
  const titles: Record<string, string> = {
    petition: 'Phản ánh, kiến nghị',
    complaint: 'Khiếu nại (lần đầu)',
    denunciation: 'Tố cáo',
  };
  for (const kind of ['petition', 'complaint', 'denunciation'] as const) {
    try {
      const report = explainDeadlines(deps.settings, { kind, received: today, accepted: today });
      const steps = report.deadlines
        .filter((d) => d.days !== null)
        .map(
          (d) =>
            `${esc(d.label)}: ${d.days} ${esc(d.counting ?? '')}${d.citation ? ` <small>(${esc(d.citation)}${d.commitment ? ', cam kết của tỉnh' : ''})</small>` : ''}`,
        );
      if (steps.length > 0) items.push(`<li><strong>${titles[kind]}</strong>: ${steps.join('; ')}.</li>`);
    } catch {
      // a kind without rules in force today is simply not listed
    }
  }
  return items.length > 0 ? `<ul>${items.join('\n')}</ul>` : '';
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa;line-height:1.5}
main{max-width:70rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin-top:2rem}
.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;margin:1rem 0}
.totals div{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.75rem}.totals strong{display:block;font-size:1.6rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;background:#fff;min-width:40rem;width:100%;margin:.5rem 0 1.5rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:right}
th[scope=row]{text-align:left;font-weight:normal}thead th{background:#eef3f8;font-size:.85rem}small{color:#555}
svg .received{fill:#9db8d9}svg .ontime{fill:#1f6f43}svg text{font-size:10px}.key{display:inline-block;width:.8rem;height:.8rem}
.key.received{background:#9db8d9}.key.ontime{background:#1f6f43}figure{margin:0;background:#fff;border:1px solid #ddd;padding:.5rem}
a{color:#0b4f8a}`;

/** How long a rendered page is served again before the figures are counted anew. */
const PAGE_TTL_MS = 60_000;

export function mountTransparency(app: Hono, options: { deps: TicketDeps }): void {
  const { deps } = options;
  // counting a year of tickets takes a second or more at 100,000 tickets: a public page is counted at most once a
  // minute per period, whoever asks (and however many ask at once)
  const pages = new Map<string, { at: number; html: Promise<string> }>();

  app.get('/minh-bach', async (c) => {
    const year = c.req.query('nam');
    const key = year ?? '';
    const now = deps.clock.now();
    const cached = pages.get(key);
    if (cached && now.getTime() - cached.at < PAGE_TTL_MS) {
      try {
        return c.html(await cached.html, 200, { 'cache-control': 'public, max-age=60' });
      } catch {
        // a failed count is not served again: count anew below
      }
    }
    const html = render(year, now);
    pages.set(key, { at: now.getTime(), html });
    html.catch(() => pages.delete(key));
    return c.html(await html, 200, { 'cache-control': 'public, max-age=60' });
  });

  async function render(year: string | undefined, now: Date): Promise<string> {
    const p = period(now, year);
    const range = { from: p.from, to: p.to };
    const reports = await reportTicketsBy(deps, ['unit', 'category', 'month', 'kind'], range);
    const { unit: byUnit, category: byCategory, month: byMonth, kind: byKind } = reports;
    const total = (byUnit as TicketReport).total;
    const province = deps.settings.province.name;
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Minh bạch tiếp nhận và trả lời phản ánh, kiến nghị — ${esc(province)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>${STYLE}</style></head>
<body><main>
<h1>Minh bạch tiếp nhận và trả lời phản ánh, kiến nghị</h1>
<p>${esc(province)} · ${esc(p.title)} · số liệu tổng hợp từ bàn tiếp dân trực tuyến, cập nhật lúc ${esc(now.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }))}.</p>
<p>Trang này chỉ có số liệu tổng hợp: không có tên, số điện thoại, nội dung phản ánh hay mã tra cứu của ai. Nhóm có dưới ${PUBLIC_MIN_GROUP} phản ánh chỉ ghi số lượng, để không ai bị nhận ra.</p>
<section class="totals" aria-label="Tổng cộng">
<div><strong>${total.received}</strong>đã tiếp nhận</div>
<div><strong>${percent(total.answeredInTime, total.answerDue)}</strong>trả lời đúng hạn luật định (${total.answeredInTime}/${total.answerDue})</div>
<div><strong>${percent(total.acknowledgedInTime, total.acknowledgeDue)}</strong>thụ lý hoặc thông báo trong ${ACKNOWLEDGE_WORKING_DAYS} ngày làm việc</div>
<div><strong>${num(total.medianDaysToAnswer)}</strong>ngày trả lời (trung vị)</div>
<div><strong>${total.overdueNow}</strong>đang quá hạn</div>
<div><strong>${num(total.satisfactionMean)}</strong>mức hài lòng trung bình (1–5, ${total.satisfactionCount} lượt)</div>
</section>
<h2>Theo tháng</h2>
${monthChart(byMonth as TicketReport, monthsOf(p.from, new Date(Math.min(p.to.getTime(), now.getTime() + 1))))}
<div class="scroll">${table('Theo tháng tiếp nhận', byMonth as TicketReport)}</div>
<h2>Theo cơ quan, đơn vị giải quyết</h2>
<div class="scroll">${table('Theo đơn vị', byUnit as TicketReport)}</div>
<h2>Theo lĩnh vực</h2>
<div class="scroll">${table('Theo lĩnh vực', byCategory as TicketReport)}</div>
<h2>Theo loại</h2>
<div class="scroll">${table('Phản ánh kiến nghị, khiếu nại, tố cáo', byKind as TicketReport)}</div>
<h2>Thời hạn theo quy định</h2>
<p>"Đúng hạn" nghĩa là cơ quan trả lời trước khi hết thời hạn dưới đây (kể cả khi được gia hạn theo luật). Ngày làm việc không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết.</p>
${limits(deps, now)}
<p>Tải số liệu: <a href="/minh-bach.csv${year ? `?nam=${esc(year)}` : ''}">CSV theo đơn vị</a>. Gửi phản ánh hoặc tra cứu mã phản ánh: <a href="/">bàn tiếp dân trực tuyến</a>.</p>
</main></body></html>`;
  }

  app.get('/minh-bach.csv', async (c) => {
    const p = period(deps.clock.now(), c.req.query('nam'));
    const report = await reportTickets(deps, { by: 'unit', from: p.from, to: p.to });
    const safe = { ...report, groups: publicGroups(report) };
    return c.body(`\uFEFF${reportCsv(safe)}`, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="minh-bach.csv"',
    });
  });
}
