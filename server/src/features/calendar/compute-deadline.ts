import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { workingTimeFor } from '../../platform/calendar/calendar-service.js';
import { toShanghaiIso } from '../../platform/calendar/shanghai-time.js';
import { basisOf, type WorkingAmount } from '../../platform/calendar/working-time.js';
import { invalid } from '../../platform/errors.js';
import type { DeadlineInput } from './calendar.schemas.js';

/** The deadline calculator of the admin console: exactly one of minutes, workingHours, workingDays. */
export async function computeDeadline({ ctx, input }: { ctx: Ctx; input: DeadlineInput }) {
  requireActor(ctx);
  const given = (['minutes', 'workingHours', 'workingDays'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) throw invalid('minutes、workingHours、workingDays 须且只能给出一项', 'Give exactly one of minutes, workingHours, workingDays');
  const amount = { [given[0]!]: input[given[0]!] } as WorkingAmount;
  const start = new Date(input.start);
  const wt = await workingTimeFor(ctx);
  const deadline = wt.addWorkingTime(start, amount);
  return {
    start: toShanghaiIso(start),
    deadline: toShanghaiIso(deadline),
    basis: basisOf(amount),
    workingMinutes: wt.workingTimeBetween(start, deadline),
    yearsWithoutNotice: wt.yearsWithoutNotice(start, deadline),
  };
}
