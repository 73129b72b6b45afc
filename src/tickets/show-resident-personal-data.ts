// Use case: a resident sees every piece of personal data the desk keeps about them (right of access).
import type { TicketDeps } from './deps.js';
import { formatDate } from './messages.js';
import { KIND_LABEL, type ResidentRef, type TicketPersonalData } from './types.js';

export interface ResidentPersonalData {
  tickets: Array<{
    code: string;
    kind: string;
    receivedAt: Date;
    personal: TicketPersonalData | null;
    description: string;
  }>;
  consents: Array<{ purpose: string; wording: string; givenAt: Date; withdrawnAt: Date | null }>;
  /** Ready-to-send chat text. */
  text: string;
}

export async function showResidentPersonalData(
  deps: TicketDeps,
  options: { resident: Pick<ResidentRef, 'channel' | 'channelUserId'> },
): Promise<ResidentPersonalData> {
  const residentId = await deps.store.findResidentId(options.resident);
  if (residentId === null)
    return { tickets: [], consents: [], text: 'Hệ thống không lưu thông tin cá nhân nào của bạn.' };
  const tickets = await deps.store.listTickets({ residentId, limit: 1000 });
  const personal = await deps.store.getPersonalMany(tickets.map((t) => t.id));
  const consents = await deps.store.listConsents(residentId);
  const items = tickets.map((t) => ({
    code: t.code,
    kind: t.kind,
    receivedAt: t.receivedAt,
    personal: personal.get(t.id) ?? null,
    description: t.description,
  }));
  const lines = ['Thông tin cá nhân hệ thống đang lưu:'];
  if (items.length === 0) lines.push('- Không có yêu cầu nào gắn với tài khoản này.');
  for (const i of items) {
    const p = i.personal;
    lines.push(
      `- ${i.code} (${KIND_LABEL[i.kind as keyof typeof KIND_LABEL]}, ${formatDate(i.receivedAt)}): ` +
        (p
          ? [p.fullName, p.phone, p.address].filter(Boolean).join('; ') || 'không có họ tên, số điện thoại, địa chỉ'
          : 'không có họ tên, số điện thoại, địa chỉ'),
    );
  }
  for (const c of consents)
    lines.push(
      `- Đồng ý "${c.purpose}" lúc ${formatDate(c.givenAt)}${c.withdrawnAt ? ` (đã rút ${formatDate(c.withdrawnAt)})` : ''}`,
    );
  lines.push('Bạn có thể yêu cầu xoá các thông tin này; nội dung sự việc vẫn được giữ để cơ quan giải quyết.');
  return {
    tickets: items,
    consents: consents.map((c) => ({
      purpose: c.purpose,
      wording: c.wording,
      givenAt: c.givenAt,
      withdrawnAt: c.withdrawnAt,
    })),
    text: lines.join('\n'),
  };
}
