import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { readYear } from './calendar.queries.js';

/** A year's effective holidays and make-up workdays: the tenant's own when it edited the year, else the built-in notice. */
export async function listCalendarDays({ ctx, input }: { ctx: Ctx; input: { year: number } }) {
  requireActor(ctx);
  return readYear(ctx, input.year);
}
