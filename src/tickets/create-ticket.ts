// Use case: file a ticket. Commits the ticket, its personal part, attachments, consent, an audit row and the
// confirmation message in ONE transaction, before anything is sent; idempotent on the channel message key.
import { AppError, isAppError } from '../shared/errors.js';
import {
  acknowledgeDeadline,
  type DeadlineFacts,
  deadlineRunsFromAcceptance,
  endOfVietnamDay,
  forwardDeadline,
  settleDeadline,
  vietnamDate,
} from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { type AddressForm, createdMessage } from './messages.js';
import { filedPlaceLabel, resolveFiledPlace } from './places/ticket-place.js';
import { routeTicket } from './settings.js';
import { ticketDeadlineLines } from './ticket-deadlines.js';
import { afterCommit, auditTicketChange } from './ticket-helpers.js';
import { generateTrackingCode } from './tracking-code.js';
import {
  type Actor,
  type ResidentRef,
  TICKET_KINDS,
  type Ticket,
  type TicketAttachmentInput,
  type TicketKind,
  type TicketPersonalData,
} from './types.js';
import { validatePersonalData } from './validation.js';

export interface CreateTicketOptions {
  kind: TicketKind;
  /** A code from settings/categories.yaml. */
  category: string;
  /**
   * A code from settings/communes.yaml, or null (e.g. only a location was shared). An old unit's code (or a code of
   * earlier settings) is accepted too and filed under today's unit.
   */
  commune?: string | null | undefined;
  /** The old unit (before the reorganisation) the resident named: recorded with the ticket. */
  oldCommune?: string | null | undefined;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  description: string;
  attachments?: TicketAttachmentInput[] | undefined;
  /** Checked against Vietnamese formats and what the law requires for the kind. */
  personal?: Partial<TicketPersonalData> | undefined;
  /** Who filed it and where to answer. */
  resident: ResidentRef;
  /** Explicit consent, required whenever personal data is given: the purpose and the exact wording shown. */
  consent?: { purpose: string; wording: string; givenAt?: Date | undefined } | undefined;
  /** Channel + message id of the message that confirmed the intake: a redelivery creates no second ticket. */
  sourceKey?: string | undefined;
  isSecondTime?: boolean | undefined;
  /** Queue the confirmation with the tracking code in the outbox (default true; never for anonymous tickets). */
  sendConfirmation?: boolean | undefined;
  /**
   * Filed without any personal data and without linking the resident's chat account (no consent was given):
   * nobody can be answered, the code is the only way to follow it. Only where the law allows it: questions, and
   * "information with denunciation content" (Law on Denunciations 2018, Art. 25: not handled as a denunciation,
   * but may prompt an inspection). Petitions and complaints need the sender's identity.
   */
  anonymous?: boolean | undefined;
  actor?: Actor | undefined;
}

export interface CreateTicketResult {
  ticket: Ticket;
  /** false when the sourceKey had already created this ticket. */
  created: boolean;
}

const MAX_DESCRIPTION = 5000;

/** Kinds that may be filed without the sender's identity (see `anonymous`). */
export const ANONYMOUS_KINDS: readonly TicketKind[] = ['question', 'denunciation'];

function bad(message: string, userMessage: string): AppError {
  return new AppError('BAD_INPUT', message, { userMessage });
}

export async function createTicket(deps: TicketDeps, options: CreateTicketOptions): Promise<CreateTicketResult> {
  const { settings, store } = deps;
  if (!TICKET_KINDS.includes(options.kind)) throw bad(`Unknown kind ${options.kind}`, 'Loại yêu cầu không hợp lệ.');
  const category = settings.categories.find((c) => c.code === options.category);
  if (!category)
    throw bad(`Unknown category ${options.category}`, 'Lĩnh vực chưa đúng; vui lòng chọn trong danh sách.');
  const { commune, old } = resolveFiledPlace(settings.places, options.commune, options.oldCommune);
  const description = options.description.normalize('NFC').trim();
  if (description.length < 5) throw bad('Description too short', 'Vui lòng mô tả vấn đề rõ hơn (ít nhất vài từ).');
  if (description.length > MAX_DESCRIPTION)
    throw bad('Description too long', `Nội dung quá dài (tối đa ${MAX_DESCRIPTION} ký tự); vui lòng rút gọn.`);
  const anonymous = options.anonymous === true;
  if (anonymous && !ANONYMOUS_KINDS.includes(options.kind))
    throw bad(
      `Anonymous ${options.kind}`,
      'Phản ánh, kiến nghị và khiếu nại phải có họ tên, địa chỉ của người gửi; không nhận gửi ẩn danh.',
    );
  // an anonymous ticket is checked like a question (nothing required) and must then carry nothing personal
  const personal = validatePersonalData(anonymous ? 'question' : options.kind, options.personal ?? {});
  const hasPersonal = Object.values(personal).some((v) => v !== null);
  if (anonymous && (hasPersonal || options.consent))
    throw bad('Anonymous ticket with personal data', 'Yêu cầu gửi ẩn danh không được kèm thông tin cá nhân.');
  if (hasPersonal && !options.consent?.wording.trim())
    throw bad('Consent missing', 'Cần sự đồng ý của người gửi trước khi lưu thông tin cá nhân.');

  if (options.sourceKey) {
    const existing = await store.findTicket({ sourceKey: options.sourceKey });
    if (existing) return { ticket: existing, created: false };
  }

  const now = deps.clock.now();
  const isRemoteArea = commune?.remote ?? false;
  // the rules in force today, the day of receipt, fix this ticket's time limits for good
  const facts: DeadlineFacts = {
    kind: options.kind,
    category: category.code,
    isRemoteArea,
    isComplex: false,
    isSecondTime: options.isSecondTime ?? false,
    extensions: 0,
    receivedOn: vietnamDate(now),
    acceptedOn: null,
    categoryDays: category.petitionAnswerWorkingDays,
  };
  const ctx = { settings: settings.deadlines, calendar: settings.calendar };
  const acknowledge = acknowledgeDeadline(facts, ctx);
  if (!acknowledge.date)
    throw new AppError('CONFIG_INVALID', `No acknowledge rule for ${options.kind} on ${facts.receivedOn}`, {
      userMessage: `Chưa có quy tắc thời hạn thụ lý cho loại yêu cầu này vào ngày ${facts.receivedOn} (settings/deadlines.yaml).`,
    });
  const acknowledgeBy = endOfVietnamDay(acknowledge.date);
  const forward = forwardDeadline(facts, ctx)?.date;
  const forwardBy = forward ? endOfVietnamDay(forward) : null;
  const settle = deadlineRunsFromAcceptance(options.kind) ? null : settleDeadline(facts, ctx).date;
  const dueAt = settle ? endOfVietnamDay(settle) : null;
  const unitCode = routeTicket(settings.routing, category.code, commune?.code ?? null);
  const form: AddressForm = deps.addressForm ?? 'Bạn';

  for (let attempt = 0; ; attempt++) {
    const code = generateTrackingCode(options.kind, now, deps.random);
    try {
      const result = await store.transaction(async (tx) => {
        const residentId = anonymous ? null : await tx.upsertResident(options.resident);
        const actor: Actor = options.actor ?? { name: `resident#${residentId ?? 'anonymous'}`, role: 'resident' };
        const ticket = await tx.insertTicket({
          code,
          kind: options.kind,
          category: category.code,
          commune: commune?.code ?? null,
          oldCommune: old?.code ?? null,
          filedPlace: filedPlaceLabel(settings.places, commune?.code ?? null, old?.code ?? null),
          latitude: options.latitude ?? null,
          longitude: options.longitude ?? null,
          description,
          channel: options.resident.channel,
          residentId,
          unitId: await tx.findUnitId(unitCode),
          sourceKey: options.sourceKey ?? null,
          receivedAt: now,
          acknowledgeBy,
          forwardBy,
          dueAt,
          isRemoteArea,
          isSecondTime: options.isSecondTime ?? false,
        });
        if (hasPersonal) await tx.insertPersonal(ticket.id, personal);
        if (options.attachments?.length) await tx.insertAttachments(ticket.id, options.attachments);
        if (options.consent && residentId !== null) {
          await tx.insertConsent({
            residentId,
            ticketId: ticket.id,
            purpose: options.consent.purpose,
            wording: options.consent.wording,
            givenAt: options.consent.givenAt ?? now,
          });
        }
        await auditTicketChange(tx, actor, 'ticket.created', null, ticket, now, {
          personalFields: Object.entries(personal)
            .filter(([, v]) => v !== null)
            .map(([k]) => k),
          attachments: options.attachments?.length ?? 0,
          consent: options.consent ? options.consent.purpose : null,
          ...(anonymous ? { anonymous: true } : {}),
        });
        let queued = false;
        if (options.sendConfirmation !== false && !anonymous) {
          queued = await tx.enqueueOutbox(
            {
              dedupeKey: `ticket:${ticket.id}:created`,
              ticketId: ticket.id,
              channel: options.resident.channel,
              channelUserId: options.resident.channelUserId,
              payload: createdMessage(ticket, form, ticketDeadlineLines(ticket, settings)),
            },
            now,
          );
        }
        return { ticket, queued };
      });
      deps.onTicketCommittedForTest?.();
      afterCommit(deps, result.queued);
      return { ticket: result.ticket, created: true };
    } catch (error) {
      if (isAppError(error, 'CONFLICT') && error.details?.field === 'sourceKey' && options.sourceKey) {
        const existing = await store.findTicket({ sourceKey: options.sourceKey });
        if (existing) return { ticket: existing, created: false };
      }
      if (isAppError(error, 'CONFLICT') && error.details?.field === 'code' && attempt < 5) continue;
      throw error;
    }
  }
}
