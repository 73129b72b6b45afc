// The intake's place step on the real engine and a real PGlite, with the default map (Thái Nguyên after 1/7/2025):
// old names confirmed in plain words and filed under today's unit, ambiguous and split names asked, an old district
// answered with its units today, shared locations, and buttons that follow what residents use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeHarness, type IntakeHarness, type Resident } from './intake-harness.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness('2026-11-25T01:00:00.000Z');
});
afterAll(async () => h?.close());

let nextUser = 9000;
const newResident = () => h.resident(String(nextUser++));

async function ticketOf(user: string) {
  const tickets = await h.db.prisma.ticket.findMany({
    where: { resident: { channel: 'telegram', channelUserId: user } },
    include: { unit: true },
  });
  expect(tickets).toHaveLength(1);
  return tickets[0];
}

/** From the description step to the filed ticket (a petition). */
async function finish(r: Resident, summary?: (text: string) => void) {
  expect(r.text).toContain('mô tả vấn đề');
  await r.send('Cầu treo qua suối bị gãy hai tấm ván, trẻ em đi học rất nguy hiểm');
  await r.press('Xong');
  await r.send('Hoàng Văn Tú');
  await r.send('Thôn Nà Pài');
  await r.send('0912345678');
  await r.press('Tôi đồng ý');
  summary?.(r.text);
  await r.press('Gửi');
  return ticketOf(r.user);
}

async function toPlaceStep(r: Resident, category = 'Giao thông') {
  await r.send('/phananh');
  await r.press(category);
  expect(r.text).toContain('Sự việc xảy ra ở xã, phường nào?');
}

describe('old names at the place step', () => {
  it('an old name with its old district is confirmed in plain words, filed under today’s unit and routed there', async () => {
    const r = newResident();
    await toPlaceStep(r);
    await r.send('xã Nông Thượng, thành phố Bắc Kạn');
    expect(r.text).toContain(
      'Xã Nông Thượng (cũ, thành phố Bắc Kạn) nay thuộc phường Bắc Kạn, tỉnh Thái Nguyên — đúng không?',
    );
    expect(r.labels()).toEqual(['Đúng', 'Không, chọn lại', 'Hủy']);
    await r.press('Đúng');
    const ticket = await finish(r, (summary) =>
      expect(summary).toContain('• Xã/phường: Phường Bắc Kạn (Xã Nông Thượng cũ)'),
    );
    expect(ticket).toMatchObject({
      commune: '01843',
      oldCommune: '01852',
      filedPlace: 'Xã Nông Thượng, Thành phố Bắc Kạn (cũ)',
      isRemoteArea: false,
    });
    // roads went to Sở Xây dựng when Sở Giao thông vận tải was merged into it
    expect(ticket?.unit?.code).toBe('so-xd');
  });

  it('without accents or district too; «Không, chọn lại» asks again from the start', async () => {
    const r = newResident();
    await toPlaceStep(r);
    await r.send('nong thuong');
    expect(r.text).toContain('Xã Nông Thượng (cũ, thành phố Bắc Kạn) nay thuộc phường Bắc Kạn');
    await r.press('Không, chọn lại');
    expect(r.text).toContain('Sự việc xảy ra ở xã, phường nào?');
    await r.send('duong quang');
    expect(r.text).toContain('Xã Dương Quang (cũ, thành phố Bắc Kạn) nay thuộc xã Phong Quang, tỉnh Thái Nguyên');
    await r.send('phải');
    const ticket = await finish(r);
    expect(ticket).toMatchObject({ commune: '01849', oldCommune: '01849' });
  });

  it('a name two old units shared asks which one, saying where each belongs now', async () => {
    const r = newResident();
    await toPlaceStep(r, 'Môi trường');
    await r.send('Tân Long');
    expect(r.text).toContain('Có 2 nơi khớp với «Tân Long»');
    expect(r.text).toContain('• Phường Tân Long (cũ, thành phố Thái Nguyên) nay thuộc phường Quan Triều');
    expect(r.text).toContain('• Xã Tân Long (cũ, huyện Đồng Hỷ) nay thuộc xã Quang Sơn');
    expect(r.labels()).toEqual([
      'Phường Tân Long (TP Thái Nguyên cũ)',
      'Xã Tân Long (huyện Đồng Hỷ cũ)',
      'Tìm tên khác',
      'Hủy',
    ]);
    await r.press('Xã Tân Long (huyện Đồng Hỷ cũ)');
    expect(r.text).toContain('Đã ghi: Xã Tân Long (cũ, huyện Đồng Hỷ), nay thuộc xã Quang Sơn.');
    const ticket = await finish(r);
    expect(ticket).toMatchObject({ commune: '05674', oldCommune: '05668' });
    expect(ticket?.unit?.code).toBe('so-nnmt');
  });

  it('with the old district the same name needs no question', async () => {
    const r = newResident();
    await toPlaceStep(r);
    await r.send('Tân Long, TP Thái Nguyên');
    expect(r.text).toContain('Phường Tân Long (cũ, thành phố Thái Nguyên) nay thuộc phường Quan Triều');
    await r.press('Đúng');
    expect((await finish(r))?.commune).toBe('05482');
  });

  it('an old unit split between two units asks which part', async () => {
    const r = newResident();
    await toPlaceStep(r);
    await r.send('Thượng Đình');
    expect(r.text).toContain(
      'Xã Thượng Đình (cũ, huyện Phú Bình) nay được chia cho xã Phú Bình và xã Điềm Thụy, tỉnh Thái Nguyên.',
    );
    expect(r.labels()).toEqual(['Xã Phú Bình', 'Xã Điềm Thụy', 'Tìm tên khác', 'Hủy']);
    await r.press('Xã Điềm Thụy');
    expect(await finish(r)).toMatchObject({ commune: '05941', oldCommune: '05932' });
  });

  it('an old district: it no longer exists, and its units today are offered', async () => {
    const r = newResident();
    await toPlaceStep(r);
    await r.send('huyện Pác Nặm');
    expect(r.text).toContain('Huyện Pác Nặm không còn từ ngày 01/7/2025 (bỏ cấp huyện).');
    expect(r.text).toContain(
      'Các xã, phường, thị trấn cũ của huyện Pác Nặm nay thuộc: xã Bằng Thành, xã Nghiên Loan và xã Cao Minh.',
    );
    expect(r.labels()).toEqual(['Xã Bằng Thành', 'Xã Nghiên Loan', 'Xã Cao Minh', 'Tìm tên khác', 'Hủy']);
    await r.press('Xã Cao Minh');
    const ticket = await finish(r);
    expect(ticket).toMatchObject({ commune: '01879', oldCommune: null, filedPlace: 'Xã Cao Minh', isRemoteArea: true });
  });
});

describe('shared locations at the place step', () => {
  it('a location inside a unit’s boundary proposes that unit', async () => {
    const r = newResident();
    await toPlaceStep(r);
    await r.send({ attachments: [{ kind: 'location', latitude: 22.5701, longitude: 105.6069 }] });
    expect(r.text).toContain('nằm trong xã Cao Minh, tỉnh Thái Nguyên — đúng không?');
    expect(r.labels()[0]).toBe('Đúng');
    expect(r.labels()).toEqual(expect.arrayContaining(['Chỉ dùng vị trí đã gửi', 'Không, chọn lại']));
    await r.press('Đúng');
    expect(await finish(r)).toMatchObject({ commune: '01879', latitude: 22.5701, longitude: 105.6069 });
  });

  it('a location sent before the place step is asked about when the step comes', async () => {
    const r = newResident();
    await r.send('/phananh');
    await r.send({ attachments: [{ kind: 'location', latitude: 21.5887, longitude: 105.8338 }] });
    await r.press('Giao thông');
    expect(r.text).toContain('nằm trong phường Phan Đình Phùng, tỉnh Thái Nguyên — đúng không?');
    // another of the nearest units, by its button
    const other = r.labels()[1] as string;
    expect(other).toMatch(/^(Phường|Xã) /);
    await r.press(other);
    expect((await finish(r))?.commune).not.toBe('05443');
  });

  it('a location outside the province says so and lets the resident type the name', async () => {
    const r = newResident();
    await toPlaceStep(r);
    await r.send({ attachments: [{ kind: 'location', latitude: 21.0285, longitude: 105.8542 }] });
    expect(r.text).toContain('Vị trí đã gửi (21.02850, 105.85420) nằm ngoài tỉnh Thái Nguyên.');
    expect(r.labels()).toContain('Chỉ dùng vị trí đã gửi');
    await r.send('Đức Xuân');
    expect((await finish(r))?.commune).toBe('01840');
  });
});

describe('the location hint follows what the channel declares', () => {
  const HINT = 'cũng có thể gửi vị trí';

  it('is given on channels whose app can share a location (Telegram, Zalo), at the place and description steps', async () => {
    for (const channel of ['telegram', 'zalo'] as const) {
      const r = h.resident(String(nextUser++), channel);
      await r.send('/phananh');
      await r.press('Giao thông');
      expect(r.text).toContain('Sự việc xảy ra ở xã, phường nào?');
      expect(r.text).toContain(`Bạn ${HINT} (📎 → Vị trí).`);
      await r.send('Đức Xuân');
      expect(r.text).toContain('mô tả vấn đề');
      expect(r.text).toContain('Có thể gửi cả vị trí');
    }
  });

  it('is not given on the web chat, which has no way to share one', async () => {
    const r = h.resident(String(nextUser++), 'web');
    await r.send('/phananh');
    await r.press('Giao thông');
    expect(r.text).toContain('Sự việc xảy ra ở xã, phường nào?');
    expect(r.text).not.toContain(HINT);
    await r.send('Đức Xuân');
    expect(r.text).toContain('mô tả vấn đề');
    expect(r.text).not.toContain('vị trí');
  });
});

describe('the buttons', () => {
  it('follow the units residents name most', async () => {
    for (let i = 0; i < 3; i++) {
      const r = newResident();
      await toPlaceStep(r);
      await r.send('Tích Lương');
      await finish(r);
    }
    h.restart(); // counts are taken when an intake starts, at most hourly: a fresh process counts again
    const r = newResident();
    await toPlaceStep(r);
    expect(r.labels()[0]).toBe('Phường Tích Lương');
    expect(r.labels()).toHaveLength(8 + 1); // eight units and «Hủy»
  });
});
