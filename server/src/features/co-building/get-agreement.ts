import type { Ctx } from '../../platform/context.js';
import { agreementActions, ITEM_STATUSES, LISTS } from './co-building.machine.js';
import { findAgreement, presentAgreement, selectAgreements } from './co-building.queries.js';

/** One agreement the actor is a side of: its sides and actions for the caller, item counts per list, and timeline. */
export async function getAgreement({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const { agreement, sides } = await findAgreement(ctx, input.id);
  const [row, counts, events] = await Promise.all([
    selectAgreements(ctx.db, ctx.tenantId).where('a.id', '=', agreement.id).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('coBuildItems')
      .select(['list', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenantId', '=', ctx.tenantId)
      .where('agreementId', '=', agreement.id)
      .groupBy(['list', 'status'])
      .execute(),
    ctx.db
      .selectFrom('coBuildEvents as e')
      .leftJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'e.tenantId').onRef('u.id', '=', 'e.actorId'))
      .select(['e.action', 'e.itemId', 'e.fromStatus', 'e.toStatus', 'e.actorId', 'u.name as actorName', 'e.note', 'e.at'])
      .where('e.tenantId', '=', ctx.tenantId)
      .where('e.agreementId', '=', agreement.id)
      .orderBy('e.id')
      .execute(),
  ]);
  const itemCounts = Object.fromEntries(
    LISTS.map((list) => [list, Object.fromEntries(ITEM_STATUSES.map((s) => [s, Number(counts.find((c) => c.list === list && c.status === s)?.n ?? 0)]))]),
  ) as Record<(typeof LISTS)[number], Record<(typeof ITEM_STATUSES)[number], number>>;
  return {
    ...presentAgreement(row, ctx.now()),
    sides,
    actions: agreementActions(agreement.status, sides),
    itemCounts,
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
