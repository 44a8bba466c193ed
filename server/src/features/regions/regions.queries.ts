import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { notFound } from '../../platform/errors.js';

/** Region columns as presented, with a `hasChildren` flag for lazy tree loading. */
export function selectRegions(db: Database, tenantId: string) {
  return db
    .selectFrom('regions as r')
    .select(['r.id', 'r.parentId', 'r.kind', 'r.code', 'r.name', 'r.path', 'r.depth', 'r.lat', 'r.lng', 'r.updatedAt'])
    .select((eb) =>
      eb.exists(eb.selectFrom('regions as c').select(sql`1`.as('one')).whereRef('c.tenantId', '=', 'r.tenantId').whereRef('c.parentId', '=', 'r.id')).as('hasChildren'),
    )
    .where('r.tenantId', '=', tenantId);
}

export async function findRegion(db: Database, tenantId: string, id: string) {
  const region = await db.selectFrom('regions').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!region) throw notFound('区域');
  return region;
}

/** Ids in a materialised path '/a/b/c/' → ['a','b','c']. */
export const idsOfPath = (path: string) => path.split('/').filter(Boolean);
