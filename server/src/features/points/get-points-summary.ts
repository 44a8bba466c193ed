import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { SHANGHAI_OFFSET_MS } from '../../platform/calendar/shanghai-time.js';
import { findVisibleUser } from '../users/users.queries.js';
import { fromCents, toCents } from './points.queries.js';
import type { PointsSummary } from './points.schemas.js';
import { capWindows } from './settle-certified-service.js';

/** One's own points, or those of a person the actor may see (`user.read` over them; NOT_FOUND otherwise). */
export async function authorizePointsRead(ctx: Ctx, userId: string): Promise<void> {
  const actor = requireActor(ctx);
  if (actor.userId !== userId) await findVisibleUser(ctx, userId);
}

/**
 * Balances (maintained with each movement), certified minutes net of reversals, and one year's figures counted
 * by when the events occurred (Asia/Shanghai), which is what a yearly appraisal reads.
 */
export async function getPointsSummary({ ctx, input }: { ctx: Ctx; input: { userId: string; year?: number } }): Promise<PointsSummary> {
  await authorizePointsRead(ctx, input.userId);
  const { db, tenantId } = ctx;
  const year = input.year ?? new Date(+ctx.now() + SHANGHAI_OFFSET_MS).getUTCFullYear();
  const window = capWindows(new Date(Date.UTC(year, 6, 1))).year;
  const [accounts, minutes, yearRows] = await Promise.all([
    db.selectFrom('pointAccounts').select(['kind', 'balance']).where('tenantId', '=', tenantId).where('ownerType', '=', 'user').where('ownerId', '=', input.userId).execute(),
    db
      .selectFrom('ledgerTransfers')
      .select(sql<number>`coalesce(sum(certified_minutes), 0)`.as('total'))
      .select(sql<number>`coalesce(sum(certified_minutes) filter (where occurred_at >= ${window.from} and occurred_at < ${window.to}), 0)`.as('year'))
      .where('tenantId', '=', tenantId)
      .where('ownerId', '=', input.userId)
      .where('ownerType', '=', 'user')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('ledgerMovements as m')
      .innerJoin('pointAccounts as a', (j) => j.onRef('a.tenantId', '=', 'm.tenantId').onRef('a.id', '=', 'm.accountId'))
      .innerJoin('ledgerTransfers as t', (j) => j.onRef('t.tenantId', '=', 'm.tenantId').onRef('t.id', '=', 'm.transferId'))
      .select(['a.book', sql<number>`sum(m.amount)`.as('total')])
      .where('m.tenantId', '=', tenantId)
      .where('a.ownerType', '=', 'user')
      .where('a.ownerId', '=', input.userId)
      .where('t.occurredAt', '>=', window.from)
      .where('t.occurredAt', '<', window.to)
      .groupBy('a.book')
      .execute(),
  ]);
  const balance = (kind: string) => fromCents(toCents(accounts.find((a) => a.kind === kind)?.balance ?? 0));
  const inYear = (book: string) => fromCents(toCents(Number(yearRows.find((r) => r.book === book)?.total ?? 0)));
  return {
    userId: input.userId,
    assessment: balance('assessment'),
    spendable: balance('spendable'),
    certifiedMinutes: Number(minutes.total),
    year: { year, assessment: inYear('assessment'), spendable: inYear('spendable'), certifiedMinutes: Number(minutes.year) },
  };
}
