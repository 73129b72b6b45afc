// Lunar conversion anchors, default holidays and the legal deadline rules over real Vietnamese holidays.
import { describe, expect, it } from 'vitest';
import type { DeadlineSettings } from '../../src/tickets/deadline-rules.js';
import {
  addWorkingDays,
  type DeadlineFacts,
  endOfVietnamDay,
  settleDeadline,
  vietnamDate,
  workingDaysLeft,
} from '../../src/tickets/deadlines.js';
import { computeDefaultHolidays, HolidayCalendar } from '../../src/tickets/holidays.js';
import { lunarToIsoDate, solarToLunar } from '../../src/tickets/lunar-calendar.js';
import { repoSettings } from './helpers.js';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it('hits the known anchors for Tết and Giỗ Tổ', () => {
    expect(lunarToIsoDate(1, 1, 2026)).toBe('2026-02-17'); // Tết Bính Ngọ
    expect(lunarToIsoDate(1, 1, 2027)).toBe('2027-02-06'); // Tết Đinh Mùi
    expect(lunarToIsoDate(10, 3, 2026)).toBe('2026-04-26');
    expect(lunarToIsoDate(10, 3, 2027)).toBe('2027-04-16');
    expect(solarToLunar(17, 2, 2026)).toEqual({ day: 1, month: 1, year: 2026, isLeapMonth: false });
    expect(solarToLunar(16, 2, 2026)).toMatchObject({ day: 29, month: 12, year: 2025 });
  });

  it('differs from the Chinese calendar (UTC+8) where Việt Nam really differs', () => {
    expect(lunarToIsoDate(1, 1, 1985)).toBe('1985-01-21');
    expect(lunarToIsoDate(1, 1, 1985, 8)).toBe('1985-02-20');
    expect(lunarToIsoDate(1, 1, 2007)).toBe('2007-02-17');
    expect(lunarToIsoDate(1, 1, 2007, 8)).toBe('2007-02-18');
  });
});

describe('default holidays', () => {
  const weekdaysOff = (year: number, name: string) =>
    computeDefaultHolidays(year)
      .filter((h) => h.name === name)
      .map((h) => h.date.slice(5));

  it('reproduce the Tết days the government announced in past years', () => {
    expect(weekdaysOff(2020, 'Tết Nguyên đán')).toEqual(['01-23', '01-24', '01-27', '01-28', '01-29']);
    expect(weekdaysOff(2021, 'Tết Nguyên đán')).toEqual(['02-10', '02-11', '02-12', '02-15', '02-16']);
    expect(weekdaysOff(2023, 'Tết Nguyên đán')).toEqual(['01-20', '01-23', '01-24', '01-25', '01-26']);
    expect(weekdaysOff(2024, 'Tết Nguyên đán')).toEqual(['02-08', '02-09', '02-12', '02-13', '02-14']);
    expect(weekdaysOff(2025, 'Tết Nguyên đán')).toEqual(['01-27', '01-28', '01-29', '01-30', '01-31']);
    expect(weekdaysOff(2026, 'Tết Nguyên đán')).toEqual(['02-16', '02-17', '02-18', '02-19', '02-20']);
  });

  it('give compensatory days for fixed holidays on a weekend (2023: 29/4–3/5, 2/9 Saturday)', () => {
    const dates = computeDefaultHolidays(2023).map((h) => h.date);
    expect(dates).toEqual(
      expect.arrayContaining(['2023-01-02', '2023-05-01', '2023-05-02', '2023-05-03', '2023-09-01', '2023-09-04']),
    );
    expect(computeDefaultHolidays(2026).map((h) => h.date)).toContain('2026-04-27'); // Giỗ Tổ on Sunday 26/4
  });

  it('match settings/holidays.yaml for 2025 and 2027, which marks what staff must check', async () => {
    const settings = await repoSettings();
    const daysOff = (year: number) =>
      settings.holidays.filter((h) => h.date.startsWith(`${year}`) && h.type === 'day_off').map((h) => h.date);
    // 2027 is still computed; 2025 is official, and the defaults guessed it except the swapped Friday 2/5
    expect(daysOff(2027)).toEqual(computeDefaultHolidays(2027).map((h) => h.date));
    expect(daysOff(2025).filter((d) => d !== '2025-05-02')).toEqual(computeDefaultHolidays(2025).map((h) => h.date));
    expect(settings.holidays.find((h) => h.date === '2027-02-04')?.source).toBe('computed');
  });

  it('carry the official 2026 calendar: the swaps of 2/1 ↔ 10/1 and 31/8 ↔ 22/8, and 1/9 as announced', async () => {
    const { holidays, calendar } = await repoSettings();
    const of2026 = holidays.filter((h) => h.date.startsWith('2026'));
    expect(of2026.every((h) => h.source === 'official' && h.announcement)).toBe(true);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.holiday('2026-09-01')).toMatchObject({ source: 'official', name: 'Quốc khánh (ngày liền kề)' });
    expect(holidays.find((h) => h.date === '2026-01-02')?.announcement).toContain('12729/VPCP-KGVX');
  });

  it('fall back to computed defaults for years the file does not list', () => {
    const calendar = new HolidayCalendar([{ date: '2026-01-01', name: 'x', source: 'official', type: 'day_off' }]);
    expect(calendar.isWorkingDay('2028-01-26')).toBe(false); // Tết Mậu Thân 2028 falls on 26/01
    expect(calendar.yearsComputedOnDemand).toEqual([2028]);
    expect(calendar.isWorkingDay('2026-04-30')).toBe(true); // 2026 is listed, and this list omits 30/4
  });

  it('honour a Saturday worked to make up a swapped day', () => {
    const calendar = new HolidayCalendar([
      { date: '2026-01-02', name: 'Nghỉ (hoán đổi)', source: 'official', type: 'day_off' },
      { date: '2026-01-10', name: 'Làm bù', source: 'official', type: 'working_day' },
    ]);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
  });
});

describe('deadlines', () => {
  const ctxOf = async (over: Partial<DeadlineSettings> = {}) => {
    const { calendar, deadlines } = await repoSettings();
    return { calendar, settings: { ...deadlines, ...over } };
  };
  const facts = (more: Partial<DeadlineFacts>): DeadlineFacts => ({
    kind: 'complaint',
    category: null,
    isRemoteArea: false,
    isComplex: false,
    isSecondTime: false,
    extensions: 0,
    receivedOn: '2026-03-02',
    acceptedOn: '2026-03-02',
    ...more,
  });

  it('acknowledge within 10 working days across Tết 2027', async () => {
    const { calendar } = await repoSettings();
    // received Wednesday 3/2/2027: 4–10/2 are Tết or weekend
    expect(addWorkingDays('2027-02-03', 10, calendar)).toBe('2027-02-24');
    // the same count with no holidays would end a week earlier
    expect(
      addWorkingDays(
        '2027-02-03',
        10,
        new HolidayCalendar([{ date: '2027-12-31', name: 'x', source: 'staff', type: 'day_off' }]),
      ),
    ).toBe('2027-02-17');
  });

  it('acknowledge within 10 working days across 30/4–1/5 and the 2/9 of 2026 (with its swapped Monday 31/8)', async () => {
    const { calendar } = await repoSettings();
    expect(addWorkingDays('2026-04-28', 10, calendar)).toBe('2026-05-14');
    // 31/8 (swapped), 1/9 and 2/9 off: 3,4,7,8,9,10,11,14,15,16
    expect(addWorkingDays('2026-08-31', 10, calendar)).toBe('2026-09-16');
  });

  it('follow the Law on Complaints table, with longer limits in remote areas', async () => {
    const ctx = await ctxOf();
    const days = (isSecondTime: boolean, isRemoteArea: boolean, isComplex: boolean) =>
      settleDeadline(facts({ isSecondTime, isRemoteArea, isComplex }), ctx).days;
    expect([
      days(false, false, false),
      days(false, false, true),
      days(false, true, false),
      days(false, true, true),
    ]).toEqual([30, 45, 45, 60]);
    expect([
      days(true, false, false),
      days(true, false, true),
      days(true, true, false),
      days(true, true, true),
    ]).toEqual([45, 60, 60, 70]);
  });

  it('count complaint days as calendar days, ending on the next working day after a holiday', async () => {
    const ctx = await ctxOf();
    const complaint = (acceptedOn: string, more: Partial<DeadlineFacts>) =>
      settleDeadline(facts({ acceptedOn, receivedOn: acceptedOn, ...more }), ctx).date;
    expect(complaint('2026-03-02', {})).toBe('2026-04-01');
    expect(complaint('2026-03-02', { isRemoteArea: true })).toBe('2026-04-16');
    // 60 days lands on Friday 1/5/2026 (holiday), then the weekend: ends Monday 4/5
    expect(complaint('2026-03-02', { isRemoteArea: true, isComplex: true })).toBe('2026-05-04');
    expect(complaint('2026-03-02', { isRemoteArea: true, isComplex: true, isSecondTime: true })).toBe('2026-05-11');
    // 30 days lands on Friday 5/2/2027 in Tết 2027: ends Thursday 11/2
    expect(complaint('2027-01-06', {})).toBe('2027-02-11');
  });

  it('can count legal days as working days when the settings say so', async () => {
    const ctx = await ctxOf({ legalDayCounting: 'working' });
    const date = settleDeadline(facts({}), ctx).date;
    expect(date).toBe(addWorkingDays('2026-03-02', 30, ctx.calendar));
    expect(date).toBe('2026-04-13');
  });

  it('give denunciations 30 days plus 30 per extension', async () => {
    const ctx = await ctxOf();
    const d = (extensions: number) => settleDeadline(facts({ kind: 'denunciation', extensions }), ctx).date;
    expect([d(0), d(1), d(2)]).toEqual(['2026-04-01', '2026-05-04', '2026-06-01']);
  });

  it("give petitions the working days of their category, as the province's commitment", async () => {
    const ctx = await ctxOf();
    const p = settleDeadline(
      facts({ kind: 'petition', receivedOn: '2026-04-28', acceptedOn: null, categoryDays: 5 }),
      ctx,
    );
    expect(p.date).toBe('2026-05-07');
    expect(p.rule?.commitment).toBe(true);
    expect(p.label).toBe('Hạn trả lời (cam kết của tỉnh)');
  });

  it('end at midnight Vietnam time and count working days left', async () => {
    const { calendar } = await repoSettings();
    expect(endOfVietnamDay('2027-02-24').toISOString()).toBe('2027-02-24T16:59:59.999Z');
    expect(vietnamDate(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    const now = new Date('2027-02-03T03:00:00Z');
    expect(workingDaysLeft(now, endOfVietnamDay('2027-02-11'), calendar)).toBe(1);
    expect(workingDaysLeft(new Date('2027-02-12T03:00:00Z'), endOfVietnamDay('2027-02-11'), calendar)).toBe(-1);
  });
});
