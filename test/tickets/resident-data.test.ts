// "/dulieu" shows a resident their own data — each request with the name, phone and address they gave, their
// consents, their dispute reasons — and how to delete it; never another person's. Real conversation engine and
// tickets use cases over a real PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTicket, createTicket, disputeTicket } from '../../src/tickets/index.js';
import { CONSENT, OFFICER, PERSON } from './helpers.js';
import { createIntakeHarness, type IntakeHarness } from './intake-harness.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness('2026-11-25T01:00:00.000Z'); // Wednesday 25/11/2026, 08:00 in Việt Nam
});
afterAll(async () => h?.close());

let nextUser = 8000;
const newResident = () => h.resident(String(nextUser++));

const OTHER = { fullName: 'Trần Thị Bích', phone: '0987654321', address: 'Thôn Nà Làng, xã Bản Thi' };

async function petition(user: string, personal = PERSON, description = 'Đường tổ 5 bị sụt lún sâu, rất nguy hiểm') {
  const { ticket } = await createTicket(h.deps, {
    kind: 'petition',
    category: 'giao-thong',
    commune: 'duc-xuan',
    description,
    personal,
    consent: CONSENT,
    resident: { channel: 'telegram', channelUserId: user },
  });
  return ticket.code;
}

describe('"what do you keep about me" shows the data itself', () => {
  it('lists their requests with the name, phone, address they gave, their consents and how to delete', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    const other = newResident();
    const mine = await petition(r.user);
    const theirs = await petition(other.user, OTHER);
    await answerTicket(h.deps, { code: mine, answer: 'Đã vá đường.', actor: OFFICER });
    h.clock.set('2026-11-26T02:30:00.000Z');
    await disputeTicket(h.deps, {
      code: mine,
      resident: { channel: 'telegram', channelUserId: r.user },
      reason: 'Đường vẫn lún',
    });

    const [report] = await r.send('/dulieu');
    const text = report?.text ?? '';
    expect(text).toContain(`${mine} — Phản ánh, kiến nghị, gửi ngày 25/11/2026`);
    // their own, unmasked: it is them reading
    expect(text).toContain('họ tên Nguyễn Văn An; số điện thoại 0912345678; địa chỉ Tổ 5, phường Đức Xuân');
    expect(text).toContain('lý do đề nghị xem xét lại: «Đường vẫn lún»');
    expect(text).toContain('08:00 25/11/2026: đồng ý cho mục đích «Giải quyết phản ánh, kiến nghị»');
    expect(text).toContain('/xoadulieu');
    expect(report?.quickReplies.map((q) => q.label)).toEqual(['Xóa dữ liệu của tôi']);
    // never someone else's
    for (const leak of [theirs, 'Trần Thị Bích', '0987654321', 'Bản Thi']) expect(text).not.toContain(leak);
  });

  it('keeps the message readable: the 10 newest requests, the rest counted', async () => {
    const r = newResident();
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      h.clock.set(`2026-11-${String(10 + i).padStart(2, '0')}T01:00:00.000Z`);
      codes.push(await petition(r.user, PERSON, `Phản ánh số ${i + 1} về đường giao thông`));
    }
    h.clock.set('2026-11-25T01:00:00.000Z');
    const text = (await r.send('/dulieu'))[0]?.text ?? '';
    for (const code of codes.slice(2)) expect(text).toContain(code);
    for (const code of codes.slice(0, 2)) expect(text).not.toContain(code);
    expect(text).toContain('• Phản ánh, kiến nghị, khiếu nại, tố cáo, câu hỏi đã gửi');
    expect(text).toContain('và 2 yêu cầu khác');
    expect(text).toContain('và 2 lần đồng ý khác');
  });

  it('after /xoadulieu the name, phone, address and reasons are gone from the report', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    const code = await petition(r.user);
    await r.send('/xoadulieu');
    await r.press('Xóa dữ liệu');
    expect(r.text).toContain('chỉ giữ mã người dùng'); // the open request still needs the chat for its answer
    const text = (await r.send('/dulieu'))[0]?.text ?? '';
    expect(text).toContain(
      `${code} — Phản ánh, kiến nghị, gửi ngày 25/11/2026: không kèm họ tên, số điện thoại, địa chỉ`,
    );
    expect(text).not.toContain('Nguyễn Văn An');
    expect(text).not.toContain('0912345678');
    expect(text).toContain('(đã rút lại lúc 08:00 25/11/2026)');
  });
});
