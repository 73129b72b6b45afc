// `tiepdan tickets report`: the accountability figures per unit, category, commune, month or kind (no personal data),
// as a table, JSON or CSV — the same figures the public transparency page /minh-bach shows.
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { AppError } from '../../shared/errors.js';
import {
  ACKNOWLEDGE_WORKING_DAYS,
  percent,
  REPORT_GROUPINGS,
  type ReportGrouping,
  reportCsv,
  reportTickets,
} from '../../tickets/index.js';
import { type CliContext, print, printErr, printJson, writeOut } from '../context.js';
import { withTicketCli } from './ticket-context.js';

const GROUPING_LABEL: Record<ReportGrouping, string> = {
  unit: 'Đơn vị',
  category: 'Lĩnh vực',
  commune: 'Xã/phường',
  month: 'Tháng',
  kind: 'Loại',
};

function day(value: string | undefined, flag: string): Date | undefined {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new AppError('BAD_INPUT', 'Bad date', { userMessage: `${flag} phải có dạng YYYY-MM-DD.` });
  return new Date(`${value}T00:00:00+07:00`);
}

export function registerTicketReportCommand(tickets: Command, context: CliContext): void {
  tickets
    .command('report')
    .description('Báo cáo trách nhiệm giải trình: tiếp nhận, trả lời đúng hạn, quá hạn, khiếu nại lại, mức hài lòng')
    .addOption(
      new Option('--by <nhóm>', 'nhóm theo đơn vị, lĩnh vực, xã/phường, tháng hoặc loại')
        .choices([...REPORT_GROUPINGS])
        .default('unit'),
    )
    .option('--from <ngày>', 'tiếp nhận từ ngày (YYYY-MM-DD)')
    .option('--to <ngày>', 'tiếp nhận trước ngày (YYYY-MM-DD)')
    .option('--json', 'in JSON')
    .option('--csv', 'in CSV')
    .option('--out <tệp>', 'ghi CSV ra tệp')
    .action(
      async (o: { by: ReportGrouping; from?: string; to?: string; json?: boolean; csv?: boolean; out?: string }) => {
        const from = day(o.from, '--from');
        const to = day(o.to, '--to');
        await withTicketCli(context, async ({ deps }) => {
          const report = await reportTickets(deps, { by: o.by, from, to });
          if (o.json) return printJson(report);
          if (o.csv || o.out) {
            const csv = reportCsv(report);
            if (!o.out) return writeOut(csv);
            await writeFile(context.resolvePath(o.out), `\uFEFF${csv}`);
            printErr(`Đã xuất ${report.groups.length} nhóm ra ${o.out}.`);
            return;
          }
          const period =
            `${report.from ? `từ ${report.from} ` : ''}${report.to ? `đến trước ${report.to}` : ''}`.trim();
          print(`Báo cáo theo ${GROUPING_LABEL[o.by].toLowerCase()}${period ? ` (${period})` : ''}:`);
          print(
            `${GROUPING_LABEL[o.by]} | Tiếp nhận | Thụ lý ≤ ${ACKNOWLEDGE_WORKING_DAYS} ngày làm việc | Trả lời đúng hạn | ` +
              'Số ngày trả lời (trung vị) | Đang quá hạn | Khiếu nại lại | Hài lòng (1–5) | Đã giải quyết',
          );
          for (const g of [...report.groups, { label: 'Tổng cộng', ...report.total }])
            print(
              [
                g.label,
                g.received,
                percent(g.acknowledgedInTime, g.acknowledgeDue),
                `${percent(g.answeredInTime, g.answerDue)} (${g.answeredInTime}/${g.answerDue})`,
                g.medianDaysToAnswer ?? '—',
                g.overdueNow,
                g.disputed,
                g.satisfactionMean === null ? '—' : `${g.satisfactionMean} (${g.satisfactionCount})`,
                g.resolvedRate === null ? '—' : `${percent(g.resolvedRate, 1)} (${g.resolvedCount})`,
              ].join(' | '),
            );
        });
      },
    );
}
