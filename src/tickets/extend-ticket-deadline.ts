// Use case: lengthen a running time limit where the law allows it, with the reason recorded:
// - a denunciation not yet accepted: its acceptance period, 7 → 10 working days, when verification is needed in
//   several places or is delegated (Law on Denunciations 2018, Art. 24(1));
// - an accepted denunciation: its settlement, once by 30 days for a complex case, twice for an especially complex one
//   (Art. 30(2), (3)); the case is recorded as complex and the decision goes to the denouncer, the accused and those
//   concerned (Art. 30(4));
// - an accepted complaint declared complex (Law on Complaints 2011, Art. 28, 37: 30→45, remote 45→60; second time
//   45→60, remote 60→70).
// Each uses the rule in force on the day of the extension.
import { AppError } from '../shared/errors.js';
import { citeRule, findRule } from './deadline-rules.js';
import { acknowledgeDeadline, endOfVietnamDay, settleDeadline, vietnamDate } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { formatDate } from './messages.js';
import { ticketFacts } from './ticket-deadlines.js';
import { afterCommit, assertMayHandle, auditTicketChange, queueToResident, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { Actor, Ticket, TicketPatch } from './types.js';

export interface ExtendTicketDeadlineOptions {
  code: string;
  actor: Actor;
  reason: string;
  /** Denunciations: especially complex cases may be extended twice. */
  especiallyComplex?: boolean | undefined;
}

/** Who must receive a denunciation's extension decision (Law on Denunciations 2018, Art. 30(4)). */
export const EXTENSION_DECISION_RECIPIENTS = [
  'người tố cáo',
  'người bị tố cáo',
  'cơ quan, tổ chức, cá nhân có liên quan',
] as const;

function conflict(message: string, userMessage: string): AppError {
  return new AppError('CONFLICT', message, { userMessage });
}

export async function extendTicketDeadline(deps: TicketDeps, options: ExtendTicketDeadlineOptions): Promise<Ticket> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const reason = options.reason.trim();
  if (!reason) throw new AppError('BAD_INPUT', 'Reason required', { userMessage: 'Cần ghi lý do gia hạn (--reason).' });
  const now = deps.clock.now();
  const today = vietnamDate(now);
  const ctx = { settings: deps.settings.deadlines, calendar: deps.settings.calendar };
  const result = await deps.store.transaction(async (tx) => {
    const before = await requireTicket(tx, parsed.code, { lock: true });
    assertMayHandle(options.actor, before);
    let patch: TicketPatch;
    let residentText: string;
    let extra: Record<string, unknown>;

    if (before.kind === 'denunciation' && before.status === 'received') {
      if (before.acknowledgeExtensionReason)
        throw conflict('Acceptance already extended', 'Thời hạn thụ lý tố cáo này đã được kéo dài một lần.');
      const acknowledge = acknowledgeDeadline(ticketFacts(before, deps.settings), ctx);
      if (!acknowledge.extendedDate || !acknowledge.rule)
        throw conflict('No extended acceptance', 'Quy tắc thụ lý tố cáo đang áp dụng không cho kéo dài thời hạn.');
      patch = { acknowledgeBy: endOfVietnamDay(acknowledge.extendedDate), acknowledgeExtensionReason: reason };
      residentText =
        `Thời hạn thụ lý tố cáo ${before.code} được kéo dài đến ngày ${formatDate(patch.acknowledgeBy)} ` +
        `(${citeRule(acknowledge.rule)}). Lý do: ${reason}`;
      extra = { step: 'acknowledge', rule: acknowledge.rule.id, reason };
    } else {
      if (!['accepted', 'in_progress'].includes(before.status) || !before.acknowledgedAt)
        throw conflict(
          'Not running',
          'Chỉ gia hạn được yêu cầu đã thụ lý và đang xử lý (tố cáo chưa thụ lý: kéo dài thời hạn thụ lý).',
        );
      if (before.kind === 'complaint') {
        if (before.isComplex)
          throw conflict(
            'Already complex',
            'Khiếu nại này đã được xác định là phức tạp; Luật Khiếu nại không cho gia hạn thêm.',
          );
        const settle = settleDeadline(ticketFacts(before, deps.settings, { isComplex: true }), ctx);
        if (!settle.date || !settle.rule)
          throw conflict('No settle rule', `Không tính được hạn giải quyết mới: ${settle.pending ?? ''}`);
        patch = { isComplex: true, dueAt: endOfVietnamDay(settle.date), statusNote: reason };
        residentText = `Khiếu nại ${before.code} là vụ việc phức tạp; hạn giải quyết mới là ngày ${formatDate(patch.dueAt)} (${citeRule(settle.rule)}). Lý do: ${reason}`;
        extra = { step: 'settle', rule: settle.rule.id, complex: true };
      } else if (before.kind === 'denunciation') {
        const rule = findRule(deps.settings.deadlines.rules, { step: 'extension', kind: 'denunciation', on: today });
        if (!rule)
          throw conflict(
            'No extension rule',
            'Không có quy tắc gia hạn giải quyết tố cáo đang có hiệu lực (settings/deadlines.yaml).',
          );
        const max = options.especiallyComplex
          ? (rule.maxTimesEspeciallyComplex ?? rule.maxTimes ?? 1)
          : (rule.maxTimes ?? 1);
        if (before.extensions >= max)
          throw conflict(
            'No more extensions',
            options.especiallyComplex
              ? `Đơn tố cáo đã được gia hạn tối đa ${max} lần.`
              : `Đơn tố cáo chỉ được gia hạn ${max} lần (vụ việc đặc biệt phức tạp được nhiều hơn: --especially-complex).`,
          );
        const extensions = before.extensions + 1;
        // only a complex case may be extended (Art. 30(2)): the extension records it as one
        const settle = settleDeadline(
          ticketFacts(before, deps.settings, { isComplex: true, extensions, extendedOn: today }),
          ctx,
        );
        if (!settle.date)
          throw conflict('No settle date', `Không tính được hạn giải quyết mới: ${settle.pending ?? ''}`);
        patch = { isComplex: true, extensions, dueAt: endOfVietnamDay(settle.date), statusNote: reason };
        residentText =
          `Tố cáo ${before.code} là vụ việc ${options.especiallyComplex ? 'đặc biệt ' : ''}phức tạp nên được gia hạn giải quyết ` +
          `đến ngày ${formatDate(patch.dueAt)} (${citeRule(rule)}). Lý do: ${reason}`;
        extra = {
          step: 'extension',
          rule: rule.id,
          complex: true,
          especiallyComplex: options.especiallyComplex === true,
          // Art. 30(4): the extension decision goes to all of them, the accused included
          decisionRecipients: [...EXTENSION_DECISION_RECIPIENTS],
        };
      } else {
        throw conflict(
          'No legal extension',
          'Chỉ khiếu nại và tố cáo có gia hạn theo luật; thời hạn phản ánh, kiến nghị là cam kết của tỉnh theo lĩnh vực.',
        );
      }
    }
    const after = await tx.updateTicket(before.id, patch);
    await auditTicketChange(tx, options.actor, 'ticket.extended', before, after, now, { ...extra, reason });
    const queued = await queueToResident(
      tx,
      after,
      `ticket:${after.id}:extended:${after.extensions}:${after.isComplex}:${after.acknowledgeExtensionReason !== null}`,
      { text: residentText, quickReplies: [], attachments: [] },
      now,
    );
    return { after, queued };
  });
  afterCommit(deps, result.queued);
  return result.after;
}
