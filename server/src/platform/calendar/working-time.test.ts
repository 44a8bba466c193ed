import { afterEach, describe, expect, it } from 'vitest';
import { builtinYear } from './calendar-store.js';
import { CN_HOLIDAY_NOTICES } from './holidays-cn.js';
import { dayNumberOf, dayStartMs, parseDayKey, shanghaiDate, toShanghaiIso } from './shanghai-time.js';
import {
  addWorkingTime,
  dailyOfficeMinutes,
  DEFAULT_OFFICE_HOURS,
  elapsedFraction,
  HolidayCalendar,
  isWorkingDay,
  officeHoursProblem,
  slaLevel,
  workingTime,
  workingTimeBetween,
  type WorkingAmount,
} from './working-time.js';

const cn = new HolidayCalendar(
  CN_HOLIDAY_NOTICES.flatMap((n) => builtinYear(n.year)!.days),
  CN_HOLIDAY_NOTICES.map((n) => n.year),
);
const at = (local: string) => new Date(`${local}+08:00`); // '2024-09-27T10:00:00' Shanghai wall clock
const add = (start: string, amount: WorkingAmount, calendar = cn) => toShanghaiIso(addWorkingTime(at(start), amount, calendar));
const between = (a: string, b: string) => workingTimeBetween(at(a), at(b), cn);

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const START = Date.parse('2024-01-01T00:00:00+08:00');
const END = Date.parse('2026-12-31T00:00:00+08:00');
const randomInstants = (n: number, seed: number) => {
  const r = random(seed);
  // whole minutes, like real timestamps rounded for display; a third of them on office-hour boundaries
  return Array.from({ length: n }, (_, i) => {
    const t = START + Math.floor((r() * (END - START)) / 60_000) * 60_000;
    if (i % 3) return new Date(t);
    const boundary = [8.5, 12, 14.5, 18][Math.floor(r() * 4)]! * 3_600_000;
    return new Date(dayStartMs(dayNumberOf(t)) + boundary);
  });
};

describe('Shanghai time, whatever the process TZ', () => {
  it('days start at 00:00 +08:00', () => {
    expect(shanghaiDate(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
    expect(shanghaiDate(new Date('2023-12-31T15:59:59.999Z'))).toBe('2023-12-31');
    expect(toShanghaiIso(new Date('2024-10-12T10:00:00Z'))).toBe('2024-10-12T18:00:00+08:00');
    expect(toShanghaiIso(new Date('2024-10-12T10:00:00.250Z'))).toBe('2024-10-12T18:00:00.250+08:00');
  });

  it('parses only real dates', () => {
    expect(parseDayKey('2024-02-29')).toBeDefined();
    expect(parseDayKey('2025-02-29')).toBeUndefined();
    expect(parseDayKey('2024-13-01')).toBeUndefined();
    expect(parseDayKey('2024-1-1')).toBeUndefined();
  });
});

describe('isWorkingDay', () => {
  it('follows the notice: 调休 weekends work, holidays do not, ordinary weekends do not', () => {
    const cases: Array<[string, boolean]> = [
      ['2024-02-04', true], // Sunday, 春节调休上班
      ['2024-02-09', true], // Friday, 除夕 2024 was not a holiday
      ['2024-02-12', false],
      ['2024-09-28', false], // an ordinary Saturday
      ['2024-09-29', true], // Sunday, 国庆调休上班
      ['2024-10-07', false],
      ['2024-10-12', true], // Saturday, 国庆调休上班
      ['2025-01-26', true],
      ['2025-01-28', false], // 除夕, a statutory holiday from 2025
      ['2025-02-08', true],
      ['2025-10-08', false],
      ['2026-01-04', true],
      ['2026-02-23', false],
      ['2026-03-02', true], // an ordinary Monday
    ];
    for (const [day, working] of cases) expect(isWorkingDay(day, cn), day).toBe(working);
    expect(isWorkingDay(at('2024-10-12T23:59:59'), cn)).toBe(true);
    expect(isWorkingDay(at('2024-10-13T00:00:00'), cn)).toBe(false);
    expect(() => isWorkingDay('2024-02-30', cn)).toThrow(RangeError);
  });

  it('2027 has no notice in our data: plain weekends, and it is reported as missing', () => {
    expect(isWorkingDay('2027-01-01', cn)).toBe(true); // a Friday: not guessed to be 元旦
    expect(isWorkingDay('2027-10-01', cn)).toBe(true);
    expect(isWorkingDay('2027-01-02', cn)).toBe(false);
    expect(cn.hasNotice(2026)).toBe(true);
    expect(cn.hasNotice(2027)).toBe(false);
    expect(cn.yearsWithoutNotice(at('2026-12-30T10:00:00'), at('2027-01-06T18:00:00'))).toEqual([2027]);
    expect(cn.yearsWithoutNotice(at('2024-01-02T10:00:00'), at('2026-12-31T18:00:00'))).toEqual([]);
    expect(add('2026-12-30T10:00:00', { workingDays: 5 })).toBe('2027-01-06T18:00:00+08:00');
  });
});

describe('addWorkingTime — natural minutes', () => {
  it('ignore holidays, weekends and office hours', () => {
    expect(add('2024-10-01T10:00:00', { minutes: 120 })).toBe('2024-10-01T12:00:00+08:00');
    expect(add('2024-02-10T23:30:00', { minutes: 60 })).toBe('2024-02-11T00:30:00+08:00');
    expect(add('2024-10-05T22:00:00', { minutes: 30 })).toBe('2024-10-05T22:30:00+08:00');
    expect(add('2024-10-05T22:00:00', { minutes: 0 })).toBe('2024-10-05T22:00:00+08:00');
  });
});

describe('addWorkingTime — working days (start day never counts; ends at the close of office)', () => {
  it('7 working days from Fri 2024-09-27 cross 国庆 and land on the make-up Saturday 10/12', () => {
    // 9/29 (Sun, 调休) 1 · 9/30 2 · 10/1–10/7 off · 10/8 3 · 10/9 4 · 10/10 5 · 10/11 6 · 10/12 (Sat, 调休) 7
    expect(add('2024-09-27T10:00:00', { workingDays: 7 })).toBe('2024-10-12T18:00:00+08:00');
    // the hour of the start does not matter: before, during or after office hours
    expect(add('2024-09-27T07:00:00', { workingDays: 7 })).toBe('2024-10-12T18:00:00+08:00');
    expect(add('2024-09-27T23:59:00', { workingDays: 7 })).toBe('2024-10-12T18:00:00+08:00');
    // a start on the ordinary Saturday between counts from the next day too
    expect(add('2024-09-28T10:00:00', { workingDays: 7 })).toBe('2024-10-12T18:00:00+08:00');
    // a start on the make-up Sunday itself: that day does not count
    expect(add('2024-09-29T10:00:00', { workingDays: 7 })).toBe('2024-10-14T18:00:00+08:00');
  });

  it('春节 2025 with 1/26 (Sun) and 2/8 (Sat) working', () => {
    expect(add('2025-01-24T10:00:00', { workingDays: 1 })).toBe('2025-01-26T18:00:00+08:00');
    expect(add('2025-01-24T10:00:00', { workingDays: 3 })).toBe('2025-02-05T18:00:00+08:00');
    expect(add('2025-01-27T10:00:00', { workingDays: 1 })).toBe('2025-02-05T18:00:00+08:00');
    expect(add('2025-02-07T16:00:00', { workingDays: 1 })).toBe('2025-02-08T18:00:00+08:00');
    expect(add('2025-02-07T16:00:00', { workingDays: 2 })).toBe('2025-02-10T18:00:00+08:00');
  });

  it('a start on a holiday counts from the first working day after it', () => {
    expect(add('2024-10-03T15:00:00', { workingDays: 1 })).toBe('2024-10-08T18:00:00+08:00');
    expect(add('2026-02-17T09:00:00', { workingDays: 5 })).toBe('2026-02-28T18:00:00+08:00'); // 2/24 2/25 2/26 2/27, then 2/28 (Sat, 调休)
    expect(add('2026-02-17T09:00:00', { workingDays: 6 })).toBe('2026-03-02T18:00:00+08:00');
  });

  it('refuses amounts that are not a positive whole number of days', () => {
    expect(() => addWorkingTime(at('2024-03-01T10:00:00'), { workingDays: 0 }, cn)).toThrow(RangeError);
    expect(() => addWorkingTime(at('2024-03-01T10:00:00'), { workingDays: 1.5 }, cn)).toThrow(RangeError);
    expect(() => addWorkingTime(new Date(Number.NaN), { workingDays: 1 }, cn)).toThrow(RangeError);
  });
});

describe('addWorkingTime — working hours (office hours of working days)', () => {
  it('across the lunch break', () => {
    expect(add('2024-03-12T11:00:00', { workingHours: 2 })).toBe('2024-03-12T15:30:00+08:00');
    expect(add('2024-03-12T10:00:00', { workingHours: 2 })).toBe('2024-03-12T12:00:00+08:00'); // ends at 12:00, not 14:30
    expect(add('2024-03-12T12:30:00', { workingHours: 1 })).toBe('2024-03-12T15:30:00+08:00'); // started at lunch
    expect(add('2024-03-12T07:00:00', { workingHours: 1 })).toBe('2024-03-12T09:30:00+08:00'); // before office
    expect(add('2024-03-12T10:00:00', { workingHours: 0.5 })).toBe('2024-03-12T10:30:00+08:00');
    expect(add('2024-03-12T10:00:00', { workingHours: 7 })).toBe('2024-03-13T10:00:00+08:00');
  });

  it('across a weekend', () => {
    expect(add('2024-03-15T17:00:00', { workingHours: 2 })).toBe('2024-03-18T09:30:00+08:00');
    expect(add('2024-03-15T19:00:00', { workingHours: 2 })).toBe('2024-03-18T10:30:00+08:00');
    expect(add('2024-03-16T10:00:00', { workingHours: 4 })).toBe('2024-03-18T15:00:00+08:00');
  });

  it('across a 调休 Sunday, and across 国庆', () => {
    expect(add('2024-02-03T10:00:00', { workingHours: 1 })).toBe('2024-02-04T09:30:00+08:00'); // Sat → make-up Sun 2/4
    expect(add('2024-09-27T17:00:00', { workingHours: 4 })).toBe('2024-09-29T11:30:00+08:00'); // Fri → make-up Sun 9/29
    expect(add('2024-09-30T16:00:00', { workingHours: 7 })).toBe('2024-10-08T16:00:00+08:00'); // 2 h + (3.5 h + 1.5 h) after the break
  });

  it('a start on a holiday waits for the first working day', () => {
    expect(add('2024-10-01T10:00:00', { workingHours: 1 })).toBe('2024-10-08T09:30:00+08:00');
    expect(add('2025-01-28T00:00:00', { workingHours: 4 })).toBe('2025-02-05T15:00:00+08:00'); // 3.5 h to noon, then 0.5 h
  });

  it('zero hours is the start itself; bad amounts are refused', () => {
    expect(add('2024-10-01T10:00:00', { workingHours: 0 })).toBe('2024-10-01T10:00:00+08:00');
    expect(() => addWorkingTime(at('2024-03-01T10:00:00'), { workingHours: -1 }, cn)).toThrow(RangeError);
    expect(() => addWorkingTime(at('2024-03-01T10:00:00'), { minutes: Number.POSITIVE_INFINITY }, cn)).toThrow(RangeError);
  });

  it('uses the tenant\'s office hours', () => {
    const nineToFive = { periods: [{ start: '09:00', end: '17:00' }] };
    expect(toShanghaiIso(addWorkingTime(at('2024-03-12T16:00:00'), { workingHours: 2 }, cn, nineToFive))).toBe('2024-03-13T10:00:00+08:00');
    expect(toShanghaiIso(addWorkingTime(at('2024-03-12T16:00:00'), { workingDays: 1 }, cn, nineToFive))).toBe('2024-03-13T17:00:00+08:00');
    expect(dailyOfficeMinutes(nineToFive)).toBe(480);
    expect(dailyOfficeMinutes(DEFAULT_OFFICE_HOURS)).toBe(420);
  });

  it('validates office hours', () => {
    expect(officeHoursProblem(DEFAULT_OFFICE_HOURS)).toBeNull();
    expect(officeHoursProblem({ periods: [] })).toMatch(/至少/);
    expect(officeHoursProblem({ periods: [{ start: '12:00', end: '08:30' }] })).toMatch(/晚于/);
    expect(officeHoursProblem({ periods: [{ start: '08:30', end: '12:00' }, { start: '11:00', end: '18:00' }] })).toMatch(/重叠/);
    expect(officeHoursProblem({ periods: [{ start: '8:30', end: '12:00' }] })).toMatch(/HH:MM/);
    expect(() => addWorkingTime(at('2024-03-12T16:00:00'), { workingHours: 1 }, cn, { periods: [] })).toThrow(RangeError);
  });
});

describe('workingTimeBetween', () => {
  it('counts office minutes on working days only', () => {
    expect(between('2024-03-12T08:30:00', '2024-03-12T18:00:00')).toBe(420);
    expect(between('2024-03-12T11:00:00', '2024-03-12T15:00:00')).toBe(90);
    expect(between('2024-03-15T17:00:00', '2024-03-18T09:30:00')).toBe(120);
    expect(between('2024-09-30T00:00:00', '2024-10-08T00:00:00')).toBe(420 * 1); // only 9/30; 10/1–10/7 off
    expect(between('2024-09-27T00:00:00', '2024-10-13T00:00:00')).toBe(420 * 8); // 9/27 9/29 9/30 10/8–10/12
    expect(between('2024-03-12T15:00:00', '2024-03-12T11:00:00')).toBe(0);
  });

  it('agrees with addWorkingTime over many starts (working hours)', () => {
    const r = random(7);
    for (const start of randomInstants(2000, 42)) {
      const hours = Math.ceil(r() * 160) / 4; // 0.25 h … 40 h in quarter hours
      const deadline = addWorkingTime(start, { workingHours: hours }, cn);
      expect(workingTimeBetween(start, deadline, cn), `${start.toISOString()} + ${hours} h`).toBe(hours * 60);
      // the deadline is the first instant at which the allowance is used up
      expect(workingTimeBetween(start, new Date(+deadline - 60_000), cn)).toBe(hours * 60 - 1);
      expect(isWorkingDay(deadline, cn)).toBe(true);
      // splitting the allowance changes nothing
      const half = Math.floor(hours * 2) / 4;
      if (half > 0) expect(+addWorkingTime(addWorkingTime(start, { workingHours: half }, cn), { workingHours: hours - half }, cn)).toBe(+deadline);
    }
  });

  it('agrees with addWorkingTime over many starts (working days)', () => {
    const r = random(11);
    for (const start of randomInstants(2000, 43)) {
      const n = 1 + Math.floor(r() * 20);
      const deadline = addWorkingTime(start, { workingDays: n }, cn);
      const startDay = dayNumberOf(start);
      const endDay = dayNumberOf(deadline);
      let working = 0;
      for (let d = startDay + 1; d <= endDay; d++) if (cn.isWorkingDayNumber(d)) working++;
      expect(working, `${start.toISOString()} + ${n} d`).toBe(n);
      expect(cn.isWorkingDayNumber(endDay)).toBe(true);
      expect(+deadline - dayStartMs(endDay)).toBe(18 * 3_600_000);
      // the elapsed-time view: what is left of the start day, then n full office days
      const restOfStartDay = workingTimeBetween(start, new Date(dayStartMs(startDay + 1)), cn);
      expect(workingTimeBetween(start, deadline, cn)).toBe(restOfStartDay + n * 420);
    }
  });

  it('is monotonic in the start', () => {
    const starts = randomInstants(500, 44).sort((a, b) => +a - +b);
    for (const amount of [{ workingHours: 3 }, { workingDays: 2 }] as WorkingAmount[]) {
      const deadlines = starts.map((s) => +addWorkingTime(s, amount, cn));
      for (let i = 1; i < deadlines.length; i++) expect(deadlines[i]!).toBeGreaterThanOrEqual(deadlines[i - 1]!);
    }
  });
});

describe('SLA progress', () => {
  it('reaches 50 %, 80 % and 100 % on office time, not on the wall clock', () => {
    const start = at('2024-03-15T16:00:00'); // Friday
    const deadline = addWorkingTime(start, { workingHours: 4 }, cn);
    expect(toShanghaiIso(deadline)).toBe('2024-03-18T10:30:00+08:00');
    const clock = { start, deadline, basis: 'working' as const };
    const level = (t: string) => slaLevel(elapsedFraction(clock, at(t), cn));
    expect(elapsedFraction(clock, at('2024-03-15T18:00:00'), cn)).toBe(0.5);
    expect(level('2024-03-15T17:59:00')).toBe(0);
    expect(level('2024-03-16T12:00:00')).toBe(50); // the weekend does not run the clock
    expect(level('2024-03-18T09:41:00')).toBe(50);
    expect(level('2024-03-18T09:42:00')).toBe(80);
    expect(level('2024-03-18T10:30:00')).toBe(100);
    expect(elapsedFraction(clock, at('2024-03-18T12:00:00'), cn)).toBe(1.375);
  });

  it('natural clocks run on the wall clock', () => {
    const start = at('2024-10-01T10:00:00');
    const deadline = addWorkingTime(start, { minutes: 100 }, cn);
    const clock = { start, deadline, basis: 'natural' as const };
    expect(elapsedFraction(clock, at('2024-10-01T11:20:00'), cn)).toBe(0.8);
    expect(elapsedFraction({ start, deadline: start, basis: 'natural' }, at('2024-10-01T09:00:00'), cn)).toBe(0);
    expect(elapsedFraction({ start, deadline: start, basis: 'natural' }, start, cn)).toBe(1);
  });
});

describe('process time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it('TZ=UTC, TZ=America/New_York and TZ=Asia/Shanghai give the same results', () => {
    const starts = randomInstants(300, 45);
    const run = () =>
      starts.flatMap((s) => [
        +addWorkingTime(s, { workingHours: 5.5 }, cn),
        +addWorkingTime(s, { workingDays: 3 }, cn),
        workingTimeBetween(s, new Date(+s + 9 * 86_400_000), cn),
        isWorkingDay(s, cn),
        shanghaiDate(s),
      ]);
    process.env.TZ = 'Asia/Shanghai';
    const shanghai = run();
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(-480);
    process.env.TZ = 'UTC';
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(0);
    expect(run()).toEqual(shanghai);
    process.env.TZ = 'America/New_York';
    expect(run()).toEqual(shanghai);
  });
});

describe('speed', () => {
  it('computes 30,000 deadlines well within a second (no allocation per day)', () => {
    const wt = workingTime(cn);
    const starts = randomInstants(10_000, 46);
    const t0 = performance.now();
    for (const s of starts) {
      wt.addWorkingTime(s, { workingDays: 15 });
      wt.addWorkingTime(s, { workingHours: 4 });
      wt.workingTimeBetween(s, new Date(+s + 20 * 86_400_000));
    }
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
