// `tiepdan tickets deadline` and `tiepdan tickets holidays`: the time limits the desk would set, with their legal
// basis, and the calendar they are counted on. Both read settings/ only: no database, no running service.
import type { Command } from 'commander';
import { AppError } from '../../shared/errors.js';
import {
  computeDefaultHolidays,
  type DeadlineReport,
  EXPLAINABLE_KINDS,
  explainDeadlines,
  type HolidayEntry,
  loadTicketSettings,
  needsConfirmation,
  type TicketSettings,
  weekdayOf,
} from '../../tickets/index.js';
import { type CliContext, print } from '../context.js';

const WEEKDAY = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

/** 2026-01-16 → 16/01/2026 */
function dmy(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function dayWithWeekday(iso: string): string {
  return `${dmy(iso)} (${WEEKDAY[weekdayOf(iso)]})`;
}

const COUNTING_LABEL: Record<string, string> = { working: 'ngày làm việc', calendar: 'ngày' };

const KIND_TITLE: Record<string, string> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  petition: 'Phản ánh, kiến nghị',
};

/** Reads settings/ (categories, communes, routing, holidays, deadline rules) and nothing else. */
function settingsOnly(context: CliContext): Promise<TicketSettings> {
  return loadTicketSettings(context.config().settingsDir);
}

function printReport(r: DeadlineReport): void {
  const facts = [
    r.kind === 'complaint' ? (r.second ? 'lần hai' : 'lần đầu') : undefined,
    `tiếp nhận ${dmy(r.received)}`,
    r.accepted ? `thụ lý ${dmy(r.accepted)}` : undefined,
    r.remote ? 'vùng sâu, vùng xa' : undefined,
    r.complex ? 'vụ việc phức tạp' : undefined,
    r.extensions ? `gia hạn ${r.extensions} lần` : undefined,
    r.category ? `lĩnh vực ${r.category}` : undefined,
  ].filter(Boolean);
  print(`${KIND_TITLE[r.kind]} — ${facts.join(' · ')}`);
  for (const d of r.deadlines) {
    const how =
      d.days !== null && d.from
        ? ` — ${d.days} ${COUNTING_LABEL[d.counting ?? 'working']} kể từ ${dmy(d.from)}${d.step === 'appeal' ? ' (ngày hết hạn giải quyết, nếu chưa có quyết định)' : ''}`
        : '';
    print(`${d.label}: ${d.date ? dmy(d.date) : `chưa xác định (${d.pending ?? 'thiếu dữ liệu'})`}${how}`);
    if (d.extendedDate) print(`  Nếu kéo dài có ghi lý do: ${dmy(d.extendedDate)} (${d.extendedDays} ngày làm việc)`);
    const rule = r.rules.find((x) => x.id === d.rule);
    if (rule)
      print(
        `  ${rule.commitment ? 'Cam kết của tỉnh, không phải thời hạn luật định' : 'Căn cứ'}: ${rule.citation}` +
          ` [quy tắc ${rule.id}, hiệu lực ${dmy(rule.effectiveFrom)}–${rule.effectiveTo ? dmy(rule.effectiveTo) : 'nay'}]`,
      );
  }
  for (const rule of r.rules.filter((x) => x.step === 'extension'))
    print(`  Gia hạn: ${rule.citation} [quy tắc ${rule.id}]`);
  for (const w of r.warnings) print(w.startsWith('⚠') ? w : `⚠ ${w}`);
}

function holidayLine(h: HolidayEntry): string {
  const source =
    h.source === 'official'
      ? `chính thức: ${h.announcement ?? '—'}`
      : h.source === 'computed'
        ? '⚠ MÁY TỰ TÍNH — cần đối chiếu với thông báo của Chính phủ'
        : `cán bộ thêm${h.announcement ? `: ${h.announcement}` : ''}`;
  return `  ${dayWithWeekday(h.date)}  ${h.name} — ${source}`;
}

export function registerTicketCalendarCommands(tickets: Command, context: CliContext): void {
  tickets
    .command('deadline')
    .description('Tính các thời hạn bàn tiếp dân sẽ đặt cho một yêu cầu, kèm căn cứ pháp lý (không cần cơ sở dữ liệu)')
    .requiredOption('--kind <loại>', EXPLAINABLE_KINDS.join(' | '))
    .requiredOption('--received <ngày>', 'ngày tiếp nhận, YYYY-MM-DD')
    .option('--accepted <ngày>', 'ngày thụ lý, YYYY-MM-DD (thời hạn giải quyết khiếu nại, tố cáo tính từ ngày này)')
    .option('--remote', 'vùng sâu, vùng xa đi lại khó khăn (khiếu nại)')
    .option('--complex', 'vụ việc phức tạp')
    .option('--second', 'khiếu nại lần hai')
    .option('--extensions <số lần>', 'số lần gia hạn giải quyết tố cáo (khiếu nại: 1 = phức tạp)', (v) => {
      if (!/^\d+$/.test(v))
        throw new AppError('BAD_INPUT', 'Bad --extensions', {
          userMessage: '--extensions phải là số nguyên không âm.',
        });
      return Number.parseInt(v, 10);
    })
    .option('--category <mã>', 'mã lĩnh vực trong settings/categories.yaml (thời hạn trả lời phản ánh, kiến nghị)')
    .option('--json', 'dòng cuối là một đối tượng JSON (acknowledgeBy, dueBy, rules…)')
    .action(async (o) => {
      const report = explainDeadlines(await settingsOnly(context), {
        kind: o.kind,
        received: o.received,
        accepted: o.accepted,
        remote: o.remote,
        complex: o.complex,
        second: o.second,
        extensions: o.extensions,
        category: o.category,
      });
      // one line: scripts and tests outside the project read the last line of the output
      if (o.json) return print(JSON.stringify(report));
      printReport(report);
    });

  tickets
    .command('holidays')
    .description(
      'Lịch ngày nghỉ và ngày làm bù của một năm, với nguồn (chính thức hay máy tự tính); năm chưa có thì in YAML để dán',
    )
    .requiredOption('--year <năm>', 'năm dương lịch', (v) => Number.parseInt(v, 10))
    .action(async (o) => {
      if (!Number.isInteger(o.year) || o.year < 1900 || o.year > 2199)
        throw new AppError('BAD_INPUT', 'Bad year', { userMessage: '--year phải là năm từ 1900 đến 2199.' });
      const year: number = o.year;
      const { calendar } = await settingsOnly(context);
      if (!calendar.isListed(year)) {
        print(
          `Năm ${year} chưa có trong settings/holidays.yaml: dịch vụ đang dùng lịch DO MÁY TỰ TÍNH dưới đây — cần đối chiếu ` +
            'với thông báo của Chính phủ. Dán phần YAML vào settings/holidays.yaml rồi sửa theo thông báo:',
        );
        print(`  # ── ${year} ── CHƯA CÓ THÔNG BÁO: máy tự tính, KIỂM TRA LẠI khi Chính phủ công bố.`);
        for (const h of computeDefaultHolidays(year))
          print(`  - { date: ${h.date}, name: ${h.name}, source: computed }`);
        return;
      }
      const daysOff = calendar.entriesForYear(year);
      const worked = calendar.workingWeekendsForYear(year);
      print(`Lịch năm ${year} (settings/holidays.yaml). Thứ Bảy, Chủ nhật là ngày nghỉ, trừ ngày làm bù.`);
      print(`Ngày nghỉ rơi vào ngày thường (${daysOff.length}):`);
      for (const h of daysOff) print(holidayLine(h));
      print(`Thứ Bảy, Chủ nhật làm bù — tính là ngày làm việc (${worked.length}):`);
      if (worked.length === 0) print('  (không có)');
      for (const h of worked) print(holidayLine(h));
      const toConfirm = [...daysOff, ...worked].filter(needsConfirmation).length;
      print(
        toConfirm > 0
          ? `⚠ ${toConfirm} ngày do máy tự tính: cán bộ cần đối chiếu với thông báo của Chính phủ rồi sửa thành source: official.`
          : 'Tất cả các ngày đều có nguồn chính thức.',
      );
    });
}
