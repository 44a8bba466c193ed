import { dayNumberOf, dayStartMs, isWeekend, parseClock, parseDayKey, yearOfDay } from './shanghai-time.js';

/**
 * Deadlines in natural minutes, working hours or working days, all in Asia/Shanghai whatever the process TZ.
 * Pure and allocation-free in the inner loops: the case engine calls these per case, per clock.
 * Conventions (docs/decisions/0001-working-calendar.md):
 *  - minutes: natural time; holidays and office hours are ignored (emergencies run 24×7).
 *  - workingHours: only office hours of working days count. A start outside office hours begins counting at the
 *    next office period; a deadline that uses up a period exactly ends at that period's close (12:00, not 14:30).
 *  - workingDays: the start's calendar day never counts, whatever the hour or whether it is a working day
 *    (民法典 第二百零一条: 开始的当日不计入); the deadline is the close of office hours of the Nth working day
 *    after the start day (第二百零三条: 有业务时间的，停止业务活动的时间为截止时间).
 */

export type DayKind = 'holiday' | 'workday';

/** A tenant's exceptions to the Monday–Friday week, plus which years they come from a State Council notice. */
export class HolidayCalendar {
  private readonly kinds = new Map<number, DayKind>();
  private readonly noticeYears: ReadonlySet<number>;

  constructor(days: Iterable<{ day: string; kind: DayKind }>, noticeYears: Iterable<number>) {
    for (const { day, kind } of days) {
      const dayNo = parseDayKey(day);
      if (dayNo === undefined) throw new RangeError(`not a date: ${day}`);
      this.kinds.set(dayNo, kind);
    }
    this.noticeYears = new Set(noticeYears);
  }

  /** Plain weekends, no notice for any year: what a year without data falls back to. */
  static weekendsOnly(): HolidayCalendar {
    return new HolidayCalendar([], []);
  }

  isWorkingDayNumber(dayNo: number): boolean {
    const kind = this.kinds.get(dayNo);
    return kind ? kind === 'workday' : !isWeekend(dayNo);
  }

  hasNotice(year: number): boolean {
    return this.noticeYears.has(year);
  }

  /** Years touched by [from, to] whose notice is not in the data: results there assume plain weekends. */
  yearsWithoutNotice(from: Date, to: Date): number[] {
    const years: number[] = [];
    for (let y = yearOfDay(dayNumberOf(from)); y <= yearOfDay(dayNumberOf(to)); y++) if (!this.hasNotice(y)) years.push(y);
    return years;
  }
}

export interface OfficePeriod {
  /** 'HH:MM', Asia/Shanghai wall-clock time. */
  start: string;
  end: string;
}
export interface OfficeHours {
  periods: OfficePeriod[];
}

/**
 * 08:30–12:00 and 14:30–18:00: the default the platform was specified with, a common schedule for offices in
 * Yunnan, which lies an hour and more west of the UTC+8 meridian and keeps a late, long-lunch day. Per tenant.
 */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  periods: Object.freeze([Object.freeze({ start: '08:30', end: '12:00' }), Object.freeze({ start: '14:30', end: '18:00' })]) as OfficePeriod[],
});

interface Schedule {
  /** [start, end) offsets from 00:00 in ms, sorted and disjoint. */
  spans: Array<readonly [number, number]>;
  /** Offset of the close of the last period (the working-day deadline time). */
  close: number;
  dailyMs: number;
}

/** The problem with a set of office hours (zh-CN), or null when it is usable. */
export function officeHoursProblem(hours: OfficeHours): string | null {
  if (!hours.periods.length) return '至少需要一个办公时段';
  let previousEnd = -1;
  for (const p of hours.periods) {
    const start = parseClock(p.start);
    const end = parseClock(p.end);
    if (start === undefined || end === undefined) return `时段 ${p.start}–${p.end} 格式应为 HH:MM`;
    if (start >= end) return `时段 ${p.start}–${p.end} 的结束时间应晚于开始时间`;
    if (start < previousEnd) return `时段 ${p.start}–${p.end} 应按时间先后排列且互不重叠`;
    previousEnd = end;
  }
  return null;
}

const schedules = new WeakMap<OfficeHours, Schedule>();
function scheduleOf(hours: OfficeHours): Schedule {
  let s = schedules.get(hours);
  if (!s) {
    const problem = officeHoursProblem(hours);
    if (problem) throw new RangeError(problem);
    const spans = hours.periods.map((p) => [parseClock(p.start)! * 60_000, parseClock(p.end)! * 60_000] as const);
    s = { spans, close: spans[spans.length - 1]![1], dailyMs: spans.reduce((sum, [a, b]) => sum + b - a, 0) };
    schedules.set(hours, s);
  }
  return s;
}

/** Office minutes in one working day under these hours (420 for the default). */
export const dailyOfficeMinutes = (hours: OfficeHours): number => scheduleOf(hours).dailyMs / 60_000;

export type WorkingAmount = { minutes: number } | { workingHours: number } | { workingDays: number };
export type ClockBasis = 'natural' | 'working';

/** Natural minutes run on the wall clock; working hours and days run on office time. */
export const basisOf = (amount: WorkingAmount): ClockBasis => ('minutes' in amount ? 'natural' : 'working');

// Twenty years of days: far beyond any time limit, and a bound if a calendar had no working day at all.
const MAX_DAYS = 366 * 20;
const noWorkingTime = () => new RangeError('no working time within 20 years');

export function isWorkingDay(date: Date | string, calendar: HolidayCalendar): boolean {
  const dayNo = typeof date === 'string' ? parseDayKey(date) : dayNumberOf(date);
  if (dayNo === undefined) throw new RangeError(`not a date: ${String(date)}`);
  return calendar.isWorkingDayNumber(dayNo);
}

/** The deadline `amount` after `start` (see the conventions above). */
export function addWorkingTime(start: Date, amount: WorkingAmount, calendar: HolidayCalendar, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  const t0 = +start;
  if (!Number.isFinite(t0)) throw new RangeError('start is not a valid date');
  if ('minutes' in amount) {
    if (!(amount.minutes >= 0) || !Number.isFinite(amount.minutes)) throw new RangeError('minutes must be a finite number ≥ 0');
    return new Date(t0 + Math.round(amount.minutes * 60_000));
  }
  const schedule = scheduleOf(officeHours);
  if ('workingDays' in amount) {
    const n = amount.workingDays;
    if (!Number.isInteger(n) || n < 1) throw new RangeError('workingDays must be an integer ≥ 1');
    let dayNo = dayNumberOf(t0);
    for (let counted = 0, guard = 0; counted < n; ) {
      if (++guard > MAX_DAYS) throw noWorkingTime();
      if (calendar.isWorkingDayNumber(++dayNo)) counted++;
    }
    return new Date(dayStartMs(dayNo) + schedule.close);
  }
  if (!(amount.workingHours >= 0) || !Number.isFinite(amount.workingHours)) throw new RangeError('workingHours must be a finite number ≥ 0');
  let remaining = Math.round(amount.workingHours * 3_600_000);
  if (remaining === 0) return new Date(t0);
  for (let dayNo = dayNumberOf(t0), i = 0; i < MAX_DAYS; dayNo++, i++) {
    if (!calendar.isWorkingDayNumber(dayNo)) continue;
    const base = dayStartMs(dayNo);
    for (const [s, e] of schedule.spans) {
      const from = Math.max(base + s, t0);
      const available = base + e - from;
      if (available <= 0) continue;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
  }
  throw noWorkingTime();
}

/** Office minutes on working days between a and b (0 when b ≤ a): the elapsed part of a working-time clock. */
export function workingTimeBetween(a: Date, b: Date, calendar: HolidayCalendar, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  const ta = +a;
  const tb = +b;
  if (!(tb > ta)) return 0;
  const schedule = scheduleOf(officeHours);
  let total = 0;
  for (let dayNo = dayNumberOf(ta), last = dayNumberOf(tb); dayNo <= last; dayNo++) {
    if (!calendar.isWorkingDayNumber(dayNo)) continue;
    const base = dayStartMs(dayNo);
    for (const [s, e] of schedule.spans) {
      const overlap = Math.min(base + e, tb) - Math.max(base + s, ta);
      if (overlap > 0) total += overlap;
    }
  }
  return total / 60_000;
}

/**
 * How much of a clock has run at `now`: 0.5, 0.8 and 1 are the SLA warning levels (PRODUCT §3.5).
 * Not clamped: 1.5 means half the allowance again is overdue. A zero-length clock is 0 before, 1 at its deadline.
 */
export function elapsedFraction(
  clock: { start: Date; deadline: Date; basis: ClockBasis },
  now: Date,
  calendar: HolidayCalendar,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): number {
  const measure = (a: Date, b: Date) => (clock.basis === 'natural' ? Math.max(0, +b - +a) / 60_000 : workingTimeBetween(a, b, calendar, officeHours));
  const total = measure(clock.start, clock.deadline);
  if (total <= 0) return +now >= +clock.deadline ? 1 : 0;
  return measure(clock.start, now) / total;
}

/** The warning level reached: 0, 50, 80 or 100 (percent of the allowance used). */
export function slaLevel(fraction: number): 0 | 50 | 80 | 100 {
  return fraction >= 1 ? 100 : fraction >= 0.8 ? 80 : fraction >= 0.5 ? 50 : 0;
}

/** A tenant's calendar and office hours bound together: what CalendarService hands to the case engine. */
export interface WorkingTime {
  readonly calendar: HolidayCalendar;
  readonly officeHours: OfficeHours;
  isWorkingDay(date: Date | string): boolean;
  addWorkingTime(start: Date, amount: WorkingAmount): Date;
  workingTimeBetween(a: Date, b: Date): number;
  elapsedFraction(clock: { start: Date; deadline: Date; basis: ClockBasis }, now: Date): number;
  yearsWithoutNotice(from: Date, to: Date): number[];
}

export function workingTime(calendar: HolidayCalendar, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): WorkingTime {
  scheduleOf(officeHours); // validate once, up front
  return {
    calendar,
    officeHours,
    isWorkingDay: (date) => isWorkingDay(date, calendar),
    addWorkingTime: (start, amount) => addWorkingTime(start, amount, calendar, officeHours),
    workingTimeBetween: (a, b) => workingTimeBetween(a, b, calendar, officeHours),
    elapsedFraction: (clock, now) => elapsedFraction(clock, now, calendar, officeHours),
    yearsWithoutNotice: (from, to) => calendar.yearsWithoutNotice(from, to),
  };
}
