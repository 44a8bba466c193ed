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

/** Appends one row to the append-only audit log, in the caller's transaction when there is one. */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db
    .insertInto('auditLog')
    .values({
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
    })
    .execute();
}
