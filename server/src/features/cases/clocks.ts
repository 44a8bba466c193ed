import type { Updateable } from 'kysely';
import type { CaseTable, WorkingAmountJson } from '../../db/schema.js';
import { basisOf, type ClockBasis, type WorkingTime } from '../../platform/calendar/index.js';
import type { ClockName } from './case-type.js';
import type { CaseSettings } from './ensure-case-setup.js';
import type { CaseRow } from './standing.js';

/**
 * One clock runs at a time: sign (dispatch → sign), handle (sign → feedback) or verify (feedback → close).
 * Its deadline comes from the category's limit at the moment it starts, in the tenant's working calendar
 * (docs/decisions/0001-working-calendar.md). The next warning (50/80/100 % of the allowance) and the next
 * escalation level are stored as instants, so the scheduler only reads cases whose instant has come.
 */
export type CasePatch = Updateable<CaseTable>;

export const WARNING_LEVELS = [50, 80, 100] as const;

export interface ClockEnv {
  wt: WorkingTime;
  now: Date;
  escalation: CaseSettings['escalation'];
}

interface Clock {
  start: Date;
  due: Date;
  basis: ClockBasis;
}

const DUE_COLUMN = { sign: 'signDueAt', handle: 'handleDueAt', verify: 'verifyDueAt' } as const;
const LATE_COLUMN = { sign: 'signLate', handle: 'handleLate', verify: 'verifyLate' } as const;

/** The instant the clock has used `fraction` of its allowance (beyond 1 for escalation levels). */
export function instantAt(wt: WorkingTime, clock: Clock, fraction: number): Date {
  if (fraction === 1) return clock.due;
  if (clock.basis === 'natural') return new Date(+clock.start + Math.round((+clock.due - +clock.start) * fraction));
  const total = wt.workingTimeBetween(clock.start, clock.due);
  if (total <= 0) return clock.due;
  return wt.addWorkingTime(clock.start, { workingHours: (total * fraction) / 60 });
}

/** The next warning and escalation instants after the levels already reached. */
export function timers(env: ClockEnv, clock: Clock, warnedLevel: number, escalationLevel: number): CasePatch {
  const warn = WARNING_LEVELS.find((l) => l > warnedLevel);
  const esc = [...env.escalation].sort((a, b) => a.level - b.level).find((e) => e.level > escalationLevel);
  return {
    nextWarningAt: warn ? instantAt(env.wt, clock, warn / 100) : null,
    nextWarningLevel: warn ?? null,
    nextEscalationAt: esc ? instantAt(env.wt, clock, esc.at) : null,
    nextEscalationLevel: esc?.level ?? null,
  };
}

export function startClock(env: ClockEnv, c: CaseRow, name: ClockName, amount: WorkingAmountJson, warnedLevel = 0): CasePatch {
  const due = env.wt.addWorkingTime(env.now, amount);
  const clock = { start: env.now, due, basis: basisOf(amount) };
  return {
    clock: name,
    clockBasis: clock.basis,
    clockStartedAt: env.now,
    dueAt: due,
    [DUE_COLUMN[name]]: due,
    warnedLevel,
    pausedClock: null,
    ...timers(env, clock, warnedLevel, c.escalationLevel),
  };
}

const NO_CLOCK: CasePatch = { clock: null, clockBasis: null, clockStartedAt: null, dueAt: null, nextWarningAt: null, nextWarningLevel: null, nextEscalationAt: null, nextEscalationLevel: null };

/** Stops the running clock; stopping it after its deadline marks the stage late (the scheduler may not have yet). */
export function stopClock(env: ClockEnv, c: CaseRow): CasePatch {
  if (!c.clock) return {};
  return { ...NO_CLOCK, ...(+env.now > +c.dueAt! ? { [LATE_COLUMN[c.clock]]: true } : {}) };
}

/** 挂账: stops the clock and keeps what was left of it (and the warnings already sent) for resume. */
export function pauseClock(env: ClockEnv, c: CaseRow): CasePatch {
  if (!c.clock) return {};
  const basis = c.clockBasis!;
  const remainingMinutes = basis === 'natural' ? Math.max(0, +c.dueAt! - +env.now) / 60_000 : env.wt.workingTimeBetween(env.now, c.dueAt!);
  return { ...stopClock(env, c), pausedClock: JSON.stringify({ clock: c.clock, basis, remainingMinutes, warnedLevel: c.warnedLevel }) };
}

/** Restarts a paused clock for what was left of it, from now. */
export function resumeClock(env: ClockEnv, c: CaseRow): CasePatch {
  const paused = c.pausedClock;
  if (!paused) return {};
  const amount: WorkingAmountJson = paused.basis === 'natural' ? { minutes: paused.remainingMinutes } : { workingHours: paused.remainingMinutes / 60 };
  return startClock(env, c, paused.clock, amount, paused.warnedLevel);
}

/** Moves the running clock's deadline (an approved extension); warnings already sent stay sent. */
export function extendClock(env: ClockEnv, c: CaseRow, until: Date): CasePatch {
  if (!c.clock) return {};
  const clock = { start: c.clockStartedAt!, due: until, basis: c.clockBasis! };
  return { dueAt: until, [DUE_COLUMN[c.clock]]: until, ...timers(env, clock, c.warnedLevel, c.escalationLevel) };
}

/** The highest warning level whose instant has come, given the clock as stored. */
export function warningLevelAt(env: ClockEnv, c: CaseRow, at: Date): number {
  const clock = { start: c.clockStartedAt!, due: c.dueAt!, basis: c.clockBasis! };
  return Math.max(0, ...WARNING_LEVELS.filter((l) => +instantAt(env.wt, clock, l / 100) <= +at));
}

/** The highest escalation level whose instant has come. */
export function escalationLevelAt(env: ClockEnv, c: CaseRow, at: Date): number {
  const clock = { start: c.clockStartedAt!, due: c.dueAt!, basis: c.clockBasis! };
  return Math.max(0, ...env.escalation.filter((e) => +instantAt(env.wt, clock, e.at) <= +at).map((e) => e.level));
}

export const lateColumn = (name: ClockName) => LATE_COLUMN[name];
