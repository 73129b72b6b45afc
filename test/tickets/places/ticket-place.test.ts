// A ticket's place on either map: filed under an old unit it keeps that unit and its name for the record, and follows
// today's unit for routing, remote-area flags and reports; reports count on either map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/shared/errors.js';
import { createTicket } from '../../../src/tickets/index.js';
import { countTicketsByPlace, placeOnMap } from '../../../src/tickets/places/ticket-place.js';
import { CONSENT, createTicketTestEnv, PERSON, type TicketTestEnv } from '../helpers.js';

let env: TicketTestEnv;
beforeAll(async () => {
  env = await createTicketTestEnv();
});
afterAll(async () => env?.close());

let user = 100;
const file = (place: { commune?: string | null; oldCommune?: string | null }, category = 'dat-dai') =>
  createTicket(env.deps, {
    kind: 'complaint',
    category,
    ...place,
    description: 'Khiếu nại quyết định thu hồi đất',
    personal: PERSON,
    consent: CONSENT,
    resident: { channel: 'telegram', channelUserId: String(user++) },
  });

describe('createTicket on the current map', () => {
  it('takes an old unit’s code, or a code of the earlier settings, and files under today’s unit', async () => {
    const { ticket } = await file({ commune: 'nong-thuong' }); // the slug tiepdan's settings used before
    expect(ticket).toMatchObject({
      commune: '01843',
      oldCommune: '01852',
      filedPlace: 'Xã Nông Thượng, Thành phố Bắc Kạn (cũ)',
      unitCode: 'so-nnmt',
    });
    const byOldCode = (await file({ oldCommune: '02140' })).ticket; // xã Văn Lang (Na Rì), a khu vực III commune
    expect(byOldCode).toMatchObject({ commune: '02143', oldCommune: '02140', isRemoteArea: true });
    const current = (await file({ commune: '05443' })).ticket;
    expect(current).toMatchObject({ commune: '05443', oldCommune: null, filedPlace: 'Phường Phan Đình Phùng' });
  });

  it('refuses an old unit split between units unless today’s unit is given, and a mismatch', async () => {
    const split = await file({ oldCommune: '05932' }).catch((e: unknown) => e);
    expect(isAppError(split, 'BAD_INPUT')).toBe(true);
    expect((split as { userMessage: string }).userMessage).toBe(
      'Xã Thượng Đình, Huyện Phú Bình (cũ) nay thuộc xã Phú Bình và xã Điềm Thụy; vui lòng chọn một.',
    );
    expect((await file({ commune: '05941', oldCommune: '05932' })).ticket).toMatchObject({
      commune: '05941',
      oldCommune: '05932',
    });
    const mismatch = await file({ commune: '01840', oldCommune: '01852' }).catch((e: unknown) => e);
    expect((mismatch as { userMessage: string }).userMessage).toBe('Xã Nông Thượng (cũ) không thuộc phường Đức Xuân.');
    const unknown = await file({ commune: 'xa-khong-co' }).catch((e: unknown) => e);
    expect((unknown as { userMessage: string }).userMessage).toBe(
      'Xã/phường chưa đúng; vui lòng chọn trong danh sách.',
    );
  });
});

describe('reports on either map', () => {
  const places = () => env.deps.settings.places;

  it('places a ticket on today’s map or on the old one', () => {
    const oldNamed = { commune: '01843', oldCommune: '01852' };
    expect(placeOnMap(places(), oldNamed, 'current')).toEqual({ code: '01843', name: 'Phường Bắc Kạn' });
    expect(placeOnMap(places(), oldNamed, 'old')).toEqual({
      code: '01852',
      name: 'Xã Nông Thượng',
      district: 'Thành phố Bắc Kạn',
    });
    // filed under today's unit: on the old map it is that unit's old parts, and their district when they share one
    expect(placeOnMap(places(), { commune: '01843', oldCommune: null }, 'old')).toEqual({
      code: null,
      name: 'Phường Bắc Kạn (mới, gồm phường Sông Cầu, phường Phùng Chí Kiên, xã Nông Thượng, phường Xuất Hóa)',
      district: 'Thành phố Bắc Kạn',
    });
    expect(placeOnMap(places(), { commune: '01957', oldCommune: null }, 'old')).toEqual({
      code: '01957',
      name: 'Xã Thượng Quan',
      district: 'Huyện Ngân Sơn',
    });
    expect(placeOnMap(places(), { commune: null, oldCommune: '05932' }, 'current').name).toBe(
      'Xã Thượng Đình (cũ) — chưa rõ thuộc xã/phường nào hiện nay',
    );
    expect(placeOnMap(places(), { commune: null, oldCommune: null }, 'old')).toEqual({
      code: null,
      name: 'Không nêu xã/phường',
    });
  });

  it('counts tickets by today’s units, by old units, or by old district', () => {
    const tickets = [
      { commune: '01843', oldCommune: '01852' },
      { commune: '01843', oldCommune: '01837' },
      { commune: '01843', oldCommune: null },
      { commune: '01906', oldCommune: '01909' },
      { commune: '01849', oldCommune: null }, // Phong Quang: from Thành phố Bắc Kạn and Huyện Bạch Thông
      { commune: null, oldCommune: null },
    ];
    expect(countTicketsByPlace(places(), tickets, { map: 'current' }).map((r) => [r.name, r.count])).toEqual([
      ['Phường Bắc Kạn', 3],
      ['Không nêu xã/phường', 1],
      ['Xã Ba Bể', 1],
      ['Xã Phong Quang', 1],
    ]);
    expect(
      countTicketsByPlace(places(), tickets, { map: 'old', level: 'district' }).map((r) => [r.name, r.count]),
    ).toEqual([
      ['Thành phố Bắc Kạn', 3],
      ['Huyện Ba Bể', 1],
      ['Không nêu xã/phường', 1],
      ['Nhiều huyện cũ', 1],
    ]);
    const oldUnits = countTicketsByPlace(places(), tickets, { map: 'old' });
    expect(oldUnits.find((r) => r.code === '01852')).toMatchObject({ name: 'Xã Nông Thượng', count: 1 });
    expect(oldUnits.find((r) => r.code === '01909')).toMatchObject({ name: 'Xã Nam Mẫu', count: 1 });
  });
});
