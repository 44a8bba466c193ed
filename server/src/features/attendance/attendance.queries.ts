import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ServiceRecordTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { canManageServices } from '../service-items/service-items.policy.js';
import { iso, isoOrNull } from '../service-items/service-items.queries.js';
import type { RecordView } from './attendance.schemas.js';

export type RecordRow = Selectable<ServiceRecordTable> & { userName: string };

/** Records with the person's name and the item's community (its path places the record in managers' scopes). */
export function selectRecords(db: Database, tenantId: string) {
  return db
    .selectFrom('serviceRecords as r')
    .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'r.tenantId').onRef('u.id', '=', 'r.userId'))
    .innerJoin('serviceItems as i', (j) => j.onRef('i.tenantId', '=', 'r.tenantId').onRef('i.id', '=', 'r.itemId'))
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'i.tenantId').onRef('c.id', '=', 'i.communityId'))
    .selectAll('r')
    .select(['u.name as userName', 'c.path as communityPath', 'i.communityId', 'i.title as itemTitle', 'i.category', 'i.pointsPerHour'])
    .where('r.tenantId', '=', tenantId);
}

export type RecordWithItem = Awaited<ReturnType<ReturnType<typeof selectRecords>['executeTakeFirstOrThrow']>>;

/** A record its person or a manager of the item's community may see; NOT_FOUND for anyone else. */
export async function findVisibleRecord(ctx: Ctx, id: string, options: { lock?: boolean } = {}): Promise<RecordWithItem> {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  const record = await selectRecords(ctx.db, ctx.tenantId)
    .where('r.id', '=', id)
    .$if(!!options.lock, (q) => q.forUpdate('r'))
    .executeTakeFirst();
  if (!record || (record.userId !== ctx.actor.userId && !canManageServices(ctx.actor, record.communityPath))) throw notFound('服务记录');
  return record;
}

export function presentRecord(r: RecordRow): RecordView {
  return {
    id: r.id,
    itemId: r.itemId,
    claimId: r.claimId,
    userId: r.userId,
    userName: r.userName,
    source: r.source,
    checkInAt: iso(r.checkInAt),
    checkOutAt: isoOrNull(r.checkOutAt),
    serviceDay: r.serviceDay,
    plannedMinutes: r.plannedMinutes,
    actualMinutes: r.actualMinutes,
    creditedMinutes: r.creditedMinutes,
    autoCheckedOut: r.autoCheckedOut,
    note: r.note,
    status: r.status,
    certifiedBy: r.certifiedBy,
    certifiedAt: isoOrNull(r.certifiedAt),
    declineReason: r.declineReason,
    createdAt: iso(r.createdAt),
  };
}

/** A record as just written, with the person's name, for presenting. */
export async function loadRecord(db: Database, tenantId: string, id: string): Promise<RecordWithItem> {
  return selectRecords(db, tenantId).where('r.id', '=', id).executeTakeFirstOrThrow();
}
