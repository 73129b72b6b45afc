// Use case: lengthen a running legal deadline where the law allows it — a complaint declared complex
// (30→45, remote 45→60; second time 45→60, remote 60→70), a denunciation extended once by 30 days
// (twice when especially complex, Law on Denunciations 2018 Art. 30).
import { AppError } from '../shared/errors.js';
import { answerDeadlineDate, DENUNCIATION_DAYS, endOfVietnamDay, vietnamDate } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { formatDate } from './messages.js';
import { afterCommit, assertMayHandle, auditTicketChange, queueToResident, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { Actor, Ticket } from './types.js';

export interface ExtendTicketDeadlineOptions {
  code: string;
  actor: Actor;
  reason: string;
  /** Denunciations: especially complex cases may be extended twice. */
  especiallyComplex?: boolean | undefined;
}

export async function extendTicketDeadline(deps: TicketDeps, options: ExtendTicketDeadlineOptions): Promise<Ticket> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  if (!options.reason.trim())
    throw new AppError('BAD_INPUT', 'Reason required', { userMessage: 'Cần ghi lý do gia hạn (--reason).' });
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (tx) => {
    const before = await requireTicket(tx, parsed.code, { lock: true });
    assertMayHandle(options.actor, before);
    if (!['accepted', 'in_progress'].includes(before.status) || !before.acknowledgedAt)
      throw new AppError('CONFLICT', 'Not running', {
        userMessage: 'Chỉ gia hạn được yêu cầu đã thụ lý và đang xử lý.',
      });
    let isComplex = before.isComplex;
    let extensions = before.extensions;
    if (before.kind === 'complaint') {
      if (before.isComplex)
        throw new AppError('CONFLICT', 'Already complex', {
          userMessage: 'Khiếu nại này đã được xác định là phức tạp; Luật Khiếu nại không cho gia hạn thêm.',
        });
      isComplex = true;
    } else if (before.kind === 'denunciation') {
      const max = options.especiallyComplex
        ? DENUNCIATION_DAYS.maxExtensionsEspeciallyComplex
        : DENUNCIATION_DAYS.maxExtensions;
      if (before.extensions >= max)
        throw new AppError('CONFLICT', 'No more extensions', {
          userMessage: options.especiallyComplex
            ? 'Đơn tố cáo đã được gia hạn tối đa hai lần.'
            : 'Đơn tố cáo chỉ được gia hạn một lần (hai lần nếu đặc biệt phức tạp: --especially-complex).',
        });
      extensions += 1;
      if (options.especiallyComplex) isComplex = true;
    } else {
      throw new AppError('CONFLICT', 'No legal extension', {
        userMessage: 'Chỉ khiếu nại và tố cáo có gia hạn theo luật; thời hạn phản ánh, kiến nghị đặt theo lĩnh vực.',
      });
    }
    const dueAt = endOfVietnamDay(
      answerDeadlineDate(
        {
          kind: before.kind,
          isRemoteArea: before.isRemoteArea,
          isComplex,
          isSecondTime: before.isSecondTime,
          extensions,
          petitionWorkingDays: 0,
          fromIso: vietnamDate(before.acknowledgedAt),
        },
        deps.settings.deadlines,
        deps.settings.calendar,
      ),
    );
    const after = await tx.updateTicket(before.id, { isComplex, extensions, dueAt, statusNote: options.reason.trim() });
    await auditTicketChange(tx, options.actor, 'ticket.extended', before, after, now);
    const msg = {
      text: `Yêu cầu ${after.code} được gia hạn giải quyết đến ngày ${formatDate(dueAt)}. Lý do: ${options.reason.trim()}`,
      quickReplies: [],
      attachments: [] as never[],
    };
    const queued = await queueToResident(tx, after, `ticket:${after.id}:extended:${extensions}:${isComplex}`, msg, now);
    return { after, queued };
  });
  afterCommit(deps, result.queued);
  return result.after;
}
