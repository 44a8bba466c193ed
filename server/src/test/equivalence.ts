import { sql } from 'kysely';
import type { Database } from '../db/database.js';

/*
 * Helpers for tests that show a batch verb equivalent to its single-record verb: run the single verb on one set of
 * people and the batch on a twin set, then compare the rows both wrote with ids replaced by labels (the twins get
 * the same label) and database-stamped times dropped.
 */

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Labels for ids: `twin(a, b, 'member1')` gives both the same label. */
export class Labels {
  private readonly map = new Map<string, string>();
  set(id: string, label: string): this {
    this.map.set(id, label);
    return this;
  }
  twin(a: string, b: string, label: string): this {
    return this.set(a, label).set(b, label);
  }
  /** Ids (also inside strings) not labelled become '<id>'; `drop` keys are removed at any depth; Dates become ISO strings. */
  normalise(value: unknown, drop: readonly string[] = []): unknown {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return value.replace(UUIDS, (id) => this.map.get(id) ?? '<id>'); // also ids in links
    if (Array.isArray(value)) return value.map((v) => this.normalise(v, drop));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => !drop.includes(k))
          .map(([k, v]) => [k, this.normalise(v, drop)]),
      );
    }
    return value;
  }
}

/** Columns the database stamps (now(), defaults): they differ between two runs and are not compared. */
export const STAMPED = ['id', 'createdAt', 'at'];

/** The audit rows about the given targets (or written in a region), oldest first, without their own ids and times. */
export async function auditOf(db: Database, tenantId: string, targetIds: readonly string[]) {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom('auditLog')
    .select(['actorId', 'action', 'targetType', 'targetId', 'regionId', 'before', 'after'])
    .where('tenantId', '=', tenantId)
    .where('targetId', 'in', [...targetIds])
    .orderBy('id')
    .execute();
}

/** Sorts normalised rows by their JSON, so that two sets written in different orders compare equal. */
export const sorted = <T>(rows: T[]): T[] => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** The tenant's ledger transfers (with their movements' amounts by account kind) owned by the given people. */
export async function transfersOf(db: Database, tenantId: string, ownerIds: readonly string[]) {
  const { rows } = await sql<{ id: string; ownerId: string; ruleVersion: number; reason: string; certifiedMinutes: number; basePoints: number; occurredAt: Date; metadata: unknown; moves: unknown }>`
    select t.id, t.owner_id, t.rule_version, t.reason, t.certified_minutes, t.base_points, t.occurred_at, t.metadata,
           coalesce((select jsonb_object_agg(a.kind, m.amount) from ledger_movements m join point_accounts a on a.tenant_id = m.tenant_id and a.id = m.account_id
                      where m.tenant_id = t.tenant_id and m.transfer_id = t.id), '{}'::jsonb) as moves
      from ledger_transfers t
     where t.tenant_id = ${tenantId} and t.owner_id in (${sql.join([...ownerIds])})
     order by t.occurred_at, t.id`.execute(db);
  return rows;
}
