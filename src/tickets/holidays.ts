// Vietnamese public holidays: computed defaults for any year, and the calendar of working days built from
// the staff-edited list (settings/holidays.yaml). Dates are ISO strings (YYYY-MM-DD) in Vietnam time.
import { lunarToIsoDate } from './lunar-calendar.js';

export type HolidaySource = 'computed' | 'official' | 'staff';

export interface HolidayEntry {
  date: string;
  name: string;
  /** official: announced (or fixed by the Labour Code), with `announcement`; computed: a default to confirm. */
  source: HolidaySource;
  /** day_off (default): a weekday off. working_day: a Saturday/Sunday worked to make up a swapped day (làm bù). */
  type: 'day_off' | 'working_day';
  /** The announcement or article that makes it official (required for `official`). */
  announcement?: string | undefined;
}

/** Whether staff still have to confirm an entry against the government's announcement. */
export function needsConfirmation(entry: Pick<HolidayEntry, 'source'>): boolean {
  return entry.source === 'computed';
}

const DAY_MS = 86_400_000;

export function isoToUtcMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function utcMsToIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDaysIso(iso: string, days: number): string {
  return utcMsToIso(isoToUtcMs(iso) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: string): number {
  return new Date(isoToUtcMs(iso)).getUTCDay();
}

export function isWeekend(iso: string): boolean {
  const w = weekdayOf(iso);
  return w === 0 || w === 6;
}

/**
 * The default days off of a solar year, as the Labour Code 2019 (Art. 112) sets them for civil servants:
 * 1/1; Tết Nguyên đán 5 days; Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; 2/9 and one adjacent day; a fixed-date
 * holiday that falls on Saturday or Sunday gives a compensatory day (nghỉ bù) on the next working day (Art. 111(3)).
 *
 * The Prime Minister fixes the exact Tết days and the day next to 2/9 each year. The rules below reproduce the
 * announced Tết days of 2018–2026 (5 consecutive weekdays starting on the first weekday on or after two days
 * before mùng 1) and the 2/9 choices of 2022–2025 (the adjacent day that joins a weekend). They are only
 * defaults: staff must check them against the government's yearly announcement.
 */
export function computeDefaultHolidays(year: number): HolidayEntry[] {
  const entries: HolidayEntry[] = [];
  const add = (date: string, name: string) => entries.push({ date, name, source: 'computed', type: 'day_off' });
  const fixed: Array<[string, string]> = [];

  fixed.push([`${year}-01-01`, 'Tết Dương lịch']);

  // Tết Nguyên đán: mùng 1 of the lunar year that begins in this solar year
  const tet = lunarToIsoDate(1, 1, year);
  let day = addDaysIso(tet, -2);
  while (isWeekend(day)) day = addDaysIso(day, 1);
  for (let taken = 0; taken < 5; day = addDaysIso(day, 1)) {
    if (isWeekend(day)) continue;
    add(day, 'Tết Nguyên đán');
    taken++;
  }

  fixed.push([lunarToIsoDate(10, 3, year), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)']);
  fixed.push([`${year}-04-30`, 'Ngày Chiến thắng (30/4)']);
  fixed.push([`${year}-05-01`, 'Ngày Quốc tế Lao động (1/5)']);

  const national = `${year}-09-02`;
  fixed.push([national, 'Quốc khánh (2/9)']);
  // the adjacent day that joins a weekend where possible (2022 Fri→1/9, 2023 Sat→1/9, 2024 Mon→3/9, 2025 Tue→1/9)
  const ADJACENT_BY_WEEKDAY = ['03', '03', '01', '01', '03', '01', '01'] as const; // Sun … Sat
  const adjacentDay = `${year}-09-${ADJACENT_BY_WEEKDAY[weekdayOf(national)]}`;
  fixed.push([adjacentDay, 'Quốc khánh (ngày liền kề)']);

  const taken = new Set(entries.map((e) => e.date));
  for (const [date] of fixed) taken.add(date);
  for (const [date, name] of fixed) {
    if (!isWeekend(date)) {
      add(date, name);
      continue;
    }
    let compensation = addDaysIso(date, 1);
    while (isWeekend(compensation) || taken.has(compensation)) compensation = addDaysIso(compensation, 1);
    taken.add(compensation);
    add(compensation, `Nghỉ bù ${name}`);
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/** Working days: not Saturday or Sunday, not a day off; a listed working_day (làm bù) works even on a weekend. */
export class HolidayCalendar {
  private readonly daysOff = new Map<string, HolidayEntry>();
  private readonly workingWeekends = new Map<string, HolidayEntry>();
  private readonly listedYears = new Set<number>();
  private readonly computedYears = new Set<number>();

  constructor(entries: HolidayEntry[]) {
    for (const e of entries) {
      this.listedYears.add(Number(e.date.slice(0, 4)));
      if (e.type === 'working_day') this.workingWeekends.set(e.date, e);
      else this.daysOff.set(e.date, e);
    }
  }

  /** Years the staff list covers; other years fall back to computed defaults. */
  get years(): number[] {
    return [...this.listedYears].sort();
  }

  /** Years for which the calendar had to compute defaults because the list does not cover them. */
  get yearsComputedOnDemand(): number[] {
    return [...this.computedYears].sort();
  }

  private ensureYear(year: number): void {
    if (this.listedYears.has(year) || this.computedYears.has(year)) return;
    this.computedYears.add(year);
    for (const e of computeDefaultHolidays(year)) if (!this.daysOff.has(e.date)) this.daysOff.set(e.date, e);
  }

  holiday(iso: string): HolidayEntry | undefined {
    this.ensureYear(Number(iso.slice(0, 4)));
    return this.daysOff.get(iso);
  }

  isWorkingDay(iso: string): boolean {
    this.ensureYear(Number(iso.slice(0, 4)));
    if (this.workingWeekends.has(iso)) return true;
    if (isWeekend(iso)) return false;
    return !this.daysOff.has(iso);
  }

  /** All days off listed or computed for a year, sorted. */
  entriesForYear(year: number): HolidayEntry[] {
    this.ensureYear(year);
    return [...this.daysOff.values()]
      .filter((e) => e.date.startsWith(`${year}-`))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The Saturdays and Sundays worked in a year (làm bù), sorted. */
  workingWeekendsForYear(year: number): HolidayEntry[] {
    return [...this.workingWeekends.values()]
      .filter((e) => e.date.startsWith(`${year}-`))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Whether the year's days come from settings/holidays.yaml (true) or were computed because it lists none. */
  isListed(year: number): boolean {
    return this.listedYears.has(year);
  }
}
