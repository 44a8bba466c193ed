import type { Ctx } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/pagination.js';
import { authorizePointsRead } from './get-points-summary.js';
import type { PointMovementView, PointsHistoryQuery } from './points.schemas.js';

/** A person's movements, newest first, each with the transfer's rule version, reason, source and time. */
export async function listPointsHistory({ ctx, input }: { ctx: Ctx; input: PointsHistoryQuery & { userId: string } }) {
  await authorizePointsRead(ctx, input.userId);
  const limit = input.limit ?? 50;
  const after = decodeCursor(input.cursor);
  const rows = await ctx.db
    .selectFrom('ledgerMovements as m')
    .innerJoin('pointAccounts as a', (j) => j.onRef('a.tenantId', '=', 'm.tenantId').onRef('a.id', '=', 'm.accountId'))
    .innerJoin('ledgerTransfers as t', (j) => j.onRef('t.tenantId', '=', 'm.tenantId').onRef('t.id', '=', 'm.transferId'))
    .select([
      'm.id',
      'a.book as kind',
      'm.amount',
      'm.transferId',
      't.ruleCode',
      't.ruleVersion',
      't.reason',
      't.sourceType',
      't.sourceId',
      't.correctsId',
      't.certifiedMinutes',
      't.occurredAt',
      't.createdAt',
    ])
    .where('m.tenantId', '=', ctx.tenantId)
    .where('a.ownerType', '=', 'user')
    .where('a.ownerId', '=', input.userId)
    .$if(!!input.kind, (q) => q.where('a.book', '=', input.kind!))
    .$if(!!after, (q) => q.where('m.id', '<', after!))
    .orderBy('m.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.id);
  const items: PointMovementView[] = page.items.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString(), createdAt: r.createdAt.toISOString() }));
  return { items, nextCursor: page.nextCursor };
}
