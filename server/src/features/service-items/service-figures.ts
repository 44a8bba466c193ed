import { sql } from 'kysely';
import { regionUnder, type FigureProvider } from '../stats/get-overview.js';

/*
 * The volunteer-service figures of the leader's overview (PRODUCT §1, §5), counted from records in the scope:
 * - servicesPublished: items published and not cancelled (published, closed, completed), by published_at;
 * - personTimes: certified (approved) service records, one per person and item, by check-in time;
 * - serviceHours: their credited minutes / 60, to one decimal.
 */
export const serviceFigures: FigureProvider = async (ctx, scope) => {
  const window = (column: string) => sql<boolean>`(${scope.from ?? null}::timestamptz is null or ${sql.ref(column)} >= ${scope.from ?? null}::timestamptz)
    and (${scope.to ?? null}::timestamptz is null or ${sql.ref(column)} < ${scope.to ?? null}::timestamptz)`;
  const [items, records] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from service_items i
      where i.tenant_id = ${scope.tenantId} and i.status in ('published', 'closed', 'completed')
        and ${regionUnder(scope, 'i.community_id')} and ${window('i.published_at')}`.execute(ctx.db),
    sql<{ n: number; minutes: number }>`select count(*)::int as n, coalesce(sum(r.credited_minutes), 0)::int as minutes
      from service_records r join service_items i on i.tenant_id = r.tenant_id and i.id = r.item_id
      where r.tenant_id = ${scope.tenantId} and r.status = 'approved'
        and ${regionUnder(scope, 'i.community_id')} and ${window('r.check_in_at')}`.execute(ctx.db),
  ]);
  const r = records.rows[0]!;
  return { servicesPublished: items.rows[0]!.n, personTimes: r.n, serviceHours: Math.round((r.minutes / 60) * 10) / 10 };
};
