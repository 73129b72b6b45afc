// `tiepdan tickets …`: officers' work on petitions, complaints and denunciations until the dashboard exists.
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { AppError } from '../../shared/errors.js';
import {
  answerTicket,
  assignTicket,
  CLOSE_REASONS,
  type CloseReason,
  changeTicketStatus,
  deadlineLineText,
  EXTENSION_DECISION_RECIPIENTS,
  exportTickets,
  extendTicketDeadline,
  formatDate,
  formatDateTime,
  listTickets,
  OPEN_STATUSES,
  showTicket,
  TICKET_KINDS,
  TICKET_STATUSES,
  type TicketKind,
  type TicketStatus,
} from '../../tickets/index.js';
import { type CliContext, print, printErr, printJson, writeOut } from '../context.js';
import { registerTicketCalendarCommands } from './ticket-calendar.js';
import { resolveActor, withActor, withTicketCli } from './ticket-context.js';
import { registerTicketReportCommand } from './ticket-report.js';

/** Codes shown in the banner; the rest are counted (`tickets list --disputed` lists them all). */
const BANNER_CODES = 10;

/** The first line of `tickets list` while residents' disputes wait for a new answer. */
function disputeBanner(codes: string[]): string {
  const shown = codes.slice(0, BANNER_CODES).join(', ');
  const more = codes.length > BANNER_CODES ? ` và ${codes.length - BANNER_CODES} yêu cầu khác` : '';
  return `⚠ ${codes.length} yêu cầu bị người dân đề nghị xem xét lại: ${shown}${more} (xem: tickets list --disputed).`;
}

function listOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = items.filter((i) => !allowed.includes(i as T));
  if (wrong.length > 0)
    throw new AppError('BAD_INPUT', `Unknown ${what}`, {
      userMessage: `${what} không hợp lệ: ${wrong.join(', ')}. Chọn trong: ${allowed.join(', ')}.`,
    });
  return items as T[];
}

export function registerTicketCommands(program: Command, context: CliContext): void {
  const tickets = program.command('tickets').description('Phản ánh, kiến nghị, khiếu nại, tố cáo');

  withActor(
    tickets
      .command('list')
      .description('Danh sách yêu cầu (số điện thoại được che)')
      .option('--status <trạng thái>', `lọc theo trạng thái, cách nhau bởi dấu phẩy: ${TICKET_STATUSES.join(', ')}`)
      .option('--kind <loại>', `lọc theo loại: ${TICKET_KINDS.join(', ')}`)
      .option('--unit <đơn vị>', 'lọc theo mã đơn vị')
      .option('--overdue', 'chỉ yêu cầu đã quá hạn')
      .option('--due-soon', 'chỉ yêu cầu sắp đến hạn')
      .option('--disputed', 'chỉ yêu cầu bị người dân đề nghị xem xét lại mà chưa được trả lời lại')
      .option('--json', 'in JSON'),
  ).action(async (o) => {
    await withTicketCli(context, async ({ db, deps }) => {
      const actor = await resolveActor(context, db, o);
      const items = await listTickets(deps, {
        actor,
        statuses: listOf<TicketStatus>(o.status, TICKET_STATUSES, 'Trạng thái'),
        kinds: listOf<TicketKind>(o.kind, TICKET_KINDS, 'Loại'),
        unitCode: o.unit,
        overdue: o.overdue,
        dueSoon: o.dueSoon,
        disputed: o.disputed,
      });
      if (o.json) return printJson(items);
      // there is no officer chat yet: a dispute reaches its officer as this banner, whatever the filters
      // (only the codes are needed, so the store is asked directly: no personal data read, no cap)
      const disputed = o.disputed
        ? items
        : await deps.store.listTickets({ statuses: OPEN_STATUSES, unitCode: o.unit, isDisputed: true });
      if (disputed.length > 0) print(disputeBanner(disputed.map((t) => t.code)));
      if (items.length === 0) return print('Không có yêu cầu nào.');
      for (const t of items) {
        const flags = [
          t.isOverdue ? '⚠ QUÁ HẠN' : t.isDueSoon ? '⏳ sắp đến hạn' : '',
          t.isDisputed ? `⚑ người dân đề nghị xem xét lại (${formatDate(t.disputedAt)})` : '',
          t.deliveryProblem ? `✉ ${t.deliveryProblem}` : '',
        ].filter(Boolean);
        const who = t.personal.visible
          ? [t.personal.fullName, t.personal.phone].filter(Boolean).join(' ')
          : t.personal.note;
        print(
          `${t.code}  ${t.kindLabel} · ${t.category}${t.commune ? ` · ${t.commune}` : ''} · ${t.statusLabel}` +
            ` · hạn ${formatDate(t.deadline)}${t.workingDaysLeft !== null ? ` (${t.workingDaysLeft} ngày làm việc)` : ''}` +
            ` · ${t.unitCode ?? '—'}${who ? ` · ${who}` : ''}${flags.length ? `  ${flags.join('  ')}` : ''}`,
        );
      }
      print(`Tổng: ${items.length} yêu cầu.`);
    });
  });

  withActor(
    tickets.command('show').description('Chi tiết một yêu cầu').argument('<mã>').option('--json', 'in JSON'),
  ).action(async (code: string, o) => {
    await withTicketCli(context, async ({ db, deps }) => {
      const t = await showTicket(deps, { code, actor: await resolveActor(context, db, o) });
      if (o.json) return printJson(t);
      print(`${t.code} — ${t.kindLabel} · ${t.categoryName}${t.communeName ? ` · ${t.communeName}` : ''}`);
      // the place the resident gave, when it was an old unit (or the map changed since)
      if (t.filedPlace && t.filedPlace !== t.communeName) print(`Nơi ghi khi gửi: ${t.filedPlace}`);
      print(
        `Trạng thái: ${t.statusLabel}${t.closeReasonLabel ? ` (${t.closeReasonLabel})` : ''}${t.isDisputed ? ' ⚑ người dân đề nghị xem xét lại' : ''}`,
      );
      // the date of receipt, then each time limit under its own label, in the order of the receipt and the lookup
      print(`Ngày tiếp nhận: ${formatDate(t.receivedAt)}`);
      for (const d of t.deadlines) {
        print(
          `${deadlineLineText(d)}${d.commitment ? ' — cam kết của tỉnh, không phải thời hạn luật định' : ''}` +
            `${d.basis ? ` — căn cứ: ${d.basis}` : ''}`,
        );
        if (d.verify) print(`  ${d.verify}`);
      }
      if (t.acknowledgeExtensionReason) print(`Lý do kéo dài thời hạn thụ lý: ${t.acknowledgeExtensionReason}`);
      print(`Đơn vị: ${t.unitName ?? '—'}${t.assignee ? ` · cán bộ: ${t.assignee}` : ''} · kênh: ${t.channel}`);
      if (t.isRemoteArea || t.isComplex || t.isSecondTime || t.extensions)
        print(
          `Vùng sâu, vùng xa: ${t.isRemoteArea ? 'có' : 'không'} · phức tạp: ${t.isComplex ? 'có' : 'không'} · lần hai: ${t.isSecondTime ? 'có' : 'không'} · gia hạn: ${t.extensions}`,
        );
      print(
        `Người gửi: ${t.personal.visible ? [t.personal.fullName, t.personal.phone, t.personal.address].filter(Boolean).join(' · ') || '(đã xoá hoặc không có)' : t.personal.note}`,
      );
      print(`Nội dung: ${t.description}`);
      if (t.attachments.length) print(`Đính kèm: ${t.attachments.map((a) => `${a.kind}:${a.ref}`).join(', ')}`);
      if (t.publicAnswer) print(`Trả lời (${formatDate(t.answeredAt)}): ${t.publicAnswer}`);
      if (t.dispute)
        print(
          `Đề nghị xem xét lại: ${formatDateTime(t.dispute.at)}${t.dispute.isOpen ? ' — chưa trả lời lại' : ' — đã trả lời lại'}` +
            ` · lý do: ${t.dispute.reason ?? '(người dân không nêu)'}`,
        );
      if (t.residentResolved !== null || t.satisfaction !== null)
        print(
          `Người dân: ${t.residentResolved === null ? '' : t.residentResolved ? 'đã được giải quyết' : 'chưa được giải quyết'}${t.satisfaction ? ` · hài lòng ${t.satisfaction}/5` : ''}`,
        );
      for (const m of t.messages)
        print(
          `  ✉ #${m.id} ${m.status}${m.sentAt ? ` ${formatDate(m.sentAt)}` : ''}${m.lastError ? ` — ${m.lastError}` : ''}: ${m.preview}`,
        );
      for (const h of t.history) print(`  • ${h.at.toISOString()} ${h.actor} ${h.action}`);
    });
  });

  withActor(
    tickets
      .command('reply')
      .description('Gửi câu trả lời công khai cho người dân (trạng thái → đã trả lời)')
      .argument('<mã>')
      .argument('<câu trả lời>'),
  ).action(async (code: string, answer: string, o) => {
    await withTicketCli(context, async ({ db, deps }) => {
      const actor = await resolveActor(context, db, o);
      const t = await answerTicket(deps, { code, answer, actor });
      print(`Đã trả lời ${t.code}. Tin nhắn đã vào hàng đợi gửi cho người dân qua ${t.channel}.`);
    });
  });

  withActor(
    tickets
      .command('status')
      .description(`Đổi trạng thái: ${TICKET_STATUSES.filter((s) => s !== 'answered').join(', ')}`)
      .argument('<mã>')
      .argument('<trạng thái>')
      .option('--reason <lý do>', 'lý do không thụ lý / cơ quan được chuyển đến / ghi chú cho người dân')
      .addOption(new Option('--close-reason <kết quả>', 'khi đóng').choices([...CLOSE_REASONS]))
      .option('--complex', 'vụ việc phức tạp (khi thụ lý khiếu nại)')
      .option('--second-time', 'khiếu nại lần hai'),
  ).action(async (code: string, state: string, o) => {
    const [to] = listOf<TicketStatus>(state, TICKET_STATUSES, 'Trạng thái') ?? [];
    await withTicketCli(context, async ({ db, deps }) => {
      const actor = await resolveActor(context, db, o);
      const t = await changeTicketStatus(deps, {
        code,
        to: to as TicketStatus,
        actor,
        reason: o.reason,
        closeReason: o.closeReason as CloseReason | undefined,
        isComplex: o.complex,
        isSecondTime: o.secondTime,
      });
      print(
        `${t.code}: ${t.status}${t.dueAt ? ` · hạn giải quyết ${formatDate(t.dueAt)}` : ''}. Đã báo cho người dân.`,
      );
    });
  });

  withActor(
    tickets
      .command('assign')
      .description('Chuyển yêu cầu cho đơn vị khác')
      .argument('<mã>')
      .argument('<đơn vị>')
      .option('--assignee <cán bộ>', 'cán bộ phụ trách'),
  ).action(async (code: string, unit: string, o) => {
    await withTicketCli(context, async ({ db, deps }) => {
      const actor = await resolveActor(context, db, o);
      const t = await assignTicket(deps, { code, unitCode: unit, assignee: o.assignee, actor });
      print(`${t.code} → ${t.unitCode}${t.assignee ? ` (${t.assignee})` : ''}.`);
    });
  });

  withActor(
    tickets
      .command('extend')
      .description(
        'Gia hạn theo luật, ghi lý do: tố cáo chưa thụ lý → thời hạn thụ lý 10 ngày làm việc; tố cáo phức tạp +30 ngày; khiếu nại phức tạp',
      )
      .argument('<mã>')
      .requiredOption('--reason <lý do>', 'lý do gia hạn (gửi cho người dân)')
      .option('--especially-complex', 'tố cáo đặc biệt phức tạp (được gia hạn hai lần)'),
  ).action(async (code: string, o) => {
    await withTicketCli(context, async ({ db, deps }) => {
      const actor = await resolveActor(context, db, o);
      const t = await extendTicketDeadline(deps, {
        code,
        actor,
        reason: o.reason,
        especiallyComplex: o.especiallyComplex,
      });
      if (t.kind === 'denunciation' && t.status === 'received') {
        print(
          `${t.code}: hạn thụ lý mới ${formatDate(t.acknowledgeBy)} (lý do đã ghi: ${t.acknowledgeExtensionReason}).`,
        );
        return;
      }
      print(
        `${t.code}: hạn giải quyết mới ${formatDate(t.dueAt)}${t.isComplex ? ' · đã ghi nhận vụ việc phức tạp' : ''}.`,
      );
      if (t.kind === 'denunciation')
        print(
          `Quyết định gia hạn phải gửi cho ${EXTENSION_DECISION_RECIPIENTS.join(', ')} (Luật Tố cáo 2018, Điều 30 khoản 4); ` +
            'tin nhắn của bàn tiếp dân chỉ báo cho người tố cáo.',
        );
    });
  });

  withActor(
    tickets
      .command('export')
      .description('Xuất CSV (không có dữ liệu cá nhân, trừ khi --with-personal-data --reason)')
      .option('--status <trạng thái>', 'lọc theo trạng thái')
      .option('--kind <loại>', 'lọc theo loại')
      .option('--unit <đơn vị>', 'lọc theo đơn vị')
      .option('--from <ngày>', 'tiếp nhận từ ngày (YYYY-MM-DD)')
      .option('--to <ngày>', 'tiếp nhận trước ngày (YYYY-MM-DD)')
      .option('--with-personal-data', 'kèm họ tên, số điện thoại, địa chỉ, nội dung (được ghi nhật ký)')
      .option('--reason <lý do>', 'bắt buộc khi kèm dữ liệu cá nhân')
      .option('--out <tệp>', 'ghi ra tệp thay vì màn hình'),
  ).action(async (o) => {
    const day = (v: string | undefined, flag: string) => {
      if (!v) return undefined;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v))
        throw new AppError('BAD_INPUT', 'Bad date', { userMessage: `${flag} phải có dạng YYYY-MM-DD.` });
      return new Date(`${v}T00:00:00+07:00`);
    };
    await withTicketCli(context, async ({ db, deps }) => {
      const result = await exportTickets(deps, {
        actor: await resolveActor(context, db, o),
        statuses: listOf<TicketStatus>(o.status, TICKET_STATUSES, 'Trạng thái'),
        kinds: listOf<TicketKind>(o.kind, TICKET_KINDS, 'Loại'),
        unitCode: o.unit,
        from: day(o.from, '--from'),
        to: day(o.to, '--to'),
        withPersonalData: o.withPersonalData,
        reason: o.reason,
      });
      if (o.out) {
        await writeFile(context.resolvePath(o.out), `\uFEFF${result.csv}`, {
          mode: result.withPersonalData ? 0o600 : 0o644,
        });
        printErr(
          `Đã xuất ${result.rows} dòng ra ${o.out}${result.withPersonalData ? ' (có dữ liệu cá nhân — đã ghi nhật ký; bảo quản và xoá khi xong việc)' : ''}.`,
        );
      } else writeOut(result.csv);
    });
  });

  tickets
    .command('outbox')
    .description('Tin nhắn chưa gửi được cho người dân; --retry <id> để gửi lại')
    .option('--as <tên đăng nhập>', 'tài khoản cán bộ thao tác (ghi vào nhật ký khi xem số điện thoại)')
    .option('--retry <id>', 'đưa tin nhắn bị lỗi hoặc không rõ trạng thái vào hàng đợi lại', (v) =>
      Number.parseInt(v, 10),
    )
    .action(async (o) => {
      await withTicketCli(context, async ({ db, deps, outbox }) => {
        if (o.retry !== undefined) {
          const ok = await outbox.requeue(o.retry, new Date());
          print(ok ? `Tin nhắn #${o.retry} sẽ được gửi lại.` : `Không có tin nhắn lỗi #${o.retry}.`);
          return;
        }
        const counts = await outbox.countByStatus();
        print(
          `Hàng đợi: ${
            Object.entries(counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(' · ') || 'trống'
          }`,
        );
        for (const p of await deps.store.listDeliveryProblems()) {
          print(`#${p.id} ${p.ticketCode ?? '—'} ${p.channel} ${p.status} (${p.attempts} lần): ${p.lastError ?? ''}`);
          // a closed Zalo window: staff reach the resident another way, by the phone they gave (when they may see it)
          if (p.ticketCode && p.lastError?.includes('zalo_window_closed')) {
            const t = await showTicket(deps, { code: p.ticketCode, actor: await resolveActor(context, db, o) });
            if (t.personal.visible && t.personal.phone) print(`    Gọi cho người dân: ${t.personal.phone}`);
          }
        }
      });
    });

  registerTicketReportCommand(tickets, context);
  registerTicketCalendarCommands(tickets, context);
}
