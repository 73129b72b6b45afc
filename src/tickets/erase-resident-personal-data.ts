// Use case: a resident deletes their personal data (Personal Data Protection Law 2025). Name, phone and address
// go from every ticket; consents are marked withdrawn; closed tickets lose their link to the chat account and
// their undelivered messages. Tickets still open keep that link (so the answer can reach the resident — the
// caller keeps the Resident identity when `keepIdentity`), and every ticket keeps its non-personal facts. The
// audit trail never held personal data, and it records the erasure.
import { addressWords } from '../conversation/index.js';
import type { TicketDeps } from './deps.js';
import { residentActor } from './ticket-helpers.js';
import type { Actor, ResidentRef } from './types.js';

export interface EraseResidentPersonalDataOptions {
  /** The resident, by id (conversation core) or by channel identity (CLI). */
  resident: { residentId: number } | Pick<ResidentRef, 'channel' | 'channelUserId'>;
  /** Defaults to the resident themself. */
  actor?: Actor | undefined;
}

export interface EraseResidentPersonalDataResult {
  tickets: string[];
  personalRecordsDeleted: number;
  consentsWithdrawn: number;
  messagesCancelled: number;
  /** Open tickets still need the chat identity to deliver their answer. */
  keepIdentity: boolean;
  text: string;
}

export async function eraseResidentPersonalData(
  deps: TicketDeps,
  options: EraseResidentPersonalDataOptions,
): Promise<EraseResidentPersonalDataResult> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const residentId =
      'residentId' in options.resident ? options.resident.residentId : await tx.findResidentId(options.resident);
    const { you } = addressWords(deps.addressForm ?? 'Bạn');
    const tickets = residentId === null ? [] : await tx.listTickets({ residentId, limit: 10_000 });
    if (residentId === null || tickets.length === 0) {
      const consentsWithdrawn = residentId === null ? 0 : await tx.withdrawConsents(residentId, now);
      return {
        tickets: [],
        personalRecordsDeleted: 0,
        consentsWithdrawn,
        messagesCancelled: 0,
        keepIdentity: false,
        text: `Hệ thống không còn lưu thông tin cá nhân nào của ${you} trong các phản ánh, kiến nghị.`,
      };
    }
    const ids = tickets.map((t) => t.id);
    const closed = tickets.filter((t) => t.status === 'closed');
    const open = tickets.filter((t) => t.status !== 'closed');
    const personalRecordsDeleted = await tx.deletePersonal(ids);
    const messagesCancelled = await tx.cancelOutboxForTickets(closed.map((t) => t.id));
    const consentsWithdrawn = await tx.withdrawConsents(residentId, now);
    for (const t of closed) await tx.updateTicket(t.id, { residentId: null });
    const actor = options.actor ?? residentActor(residentId);
    await tx.appendAudit(
      {
        actor: `${actor.role}:${actor.name}`,
        action: 'resident.personal_data_erased',
        entity: 'resident',
        entityId: String(residentId),
        before: null,
        after: {
          tickets: tickets.map((t) => t.code),
          unlinked: closed.map((t) => t.code),
          personalRecordsDeleted,
          consentsWithdrawn,
          messagesCancelled,
        },
      },
      now,
    );
    const text =
      `Đã xoá họ tên, số điện thoại, địa chỉ của ${you} khỏi ${tickets.length} yêu cầu (${tickets.map((t) => t.code).join(', ')}). ` +
      'Nội dung sự việc vẫn được giữ để cơ quan giải quyết.' +
      (open.length > 0
        ? ` ${open.length} yêu cầu chưa đóng vẫn gắn với tài khoản chat này để ${you} nhận được trả lời.`
        : '');
    return {
      tickets: tickets.map((t) => t.code),
      personalRecordsDeleted,
      consentsWithdrawn,
      messagesCancelled,
      keepIdentity: open.length > 0,
      text,
    };
  });
}
