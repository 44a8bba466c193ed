import { insertRows } from './bulk.js';
import type { Ctx } from './context.js';
import { newId } from './ids.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  /** The region the target sits in, so that admins of that subtree see the entry. */
  regionId?: string | null;
  before?: unknown;
  after?: unknown;
}

const auditRow = (ctx: Ctx, entry: AuditEntry) => ({
  tenantId: ctx.tenantId,
  id: newId(),
  actorId: ctx.actor?.userId ?? null,
  action: entry.action,
  targetType: entry.targetType,
  targetId: entry.targetId ?? null,
  regionId: entry.regionId ?? null,
  before: entry.before === undefined ? null : JSON.stringify(entry.before),
  after: entry.after === undefined ? null : JSON.stringify(entry.after),
  ip: ctx.ip ?? null,
  requestId: ctx.requestId ?? null,
});

/** Appends one row to the append-only audit log, in the caller's transaction when there is one. */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db.insertInto('auditLog').values(auditRow(ctx, entry)).execute();
}

/**
 * Appends one row per entry, in order, set-based (batch verbs): the same rows `audit` would write for each entry,
 * in one statement per few thousand entries.
 */
export async function auditMany(ctx: Ctx, entries: readonly AuditEntry[]): Promise<void> {
  await insertRows(
    ctx.db,
    'audit_log',
    entries.map((e) => ({
      tenantId: ctx.tenantId,
      id: newId(),
      actorId: ctx.actor?.userId ?? null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId ?? null,
      regionId: e.regionId ?? null,
      // Serialised by JSON.stringify as audit() does it: the same document (Dates as ISO strings, undefined dropped).
      before: e.before === undefined ? null : e.before,
      after: e.after === undefined ? null : e.after,
      ip: ctx.ip ?? null,
      requestId: ctx.requestId ?? null,
    })),
  );
}
