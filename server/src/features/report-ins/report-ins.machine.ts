import type { Selectable, Updateable } from 'kysely';
import type { ReportInTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

export const REPORT_IN_STATUSES = ['submitted', 'returned', 'active', 'transferred', 'inactive'] as const;
export type ReportInStatus = (typeof REPORT_IN_STATUSES)[number];
/** A member has at most one open report-in (partial unique index report_ins_one_open). */
export const OPEN_STATUSES = ['submitted', 'returned', 'active'] as const satisfies readonly ReportInStatus[];

/** Who may take a transition: the member whose record it is, a reviewer of its community, or either. */
export type Mover = 'member' | 'reviewer' | 'either';

/**
 * The member report-in state machine (governance-china §3.2), as data:
 *   submit → submitted ─confirm→ active ─reconfirm→ active
 *            submitted ─return→ returned ─resubmit→ submitted
 *   any open ─transfer→ transferred (a new submitted record starts in the new community)
 *   any open ─deactivate→ inactive (退休/调离, or the member withdraws)
 */
export const REPORT_IN_TRANSITIONS = {
  confirm: { from: ['submitted'], to: 'active', by: 'reviewer' },
  return: { from: ['submitted'], to: 'returned', by: 'reviewer' },
  resubmit: { from: ['returned'], to: 'submitted', by: 'member' },
  reconfirm: { from: ['active'], to: 'active', by: 'member' },
  transfer: { from: OPEN_STATUSES, to: 'transferred', by: 'member' },
  deactivate: { from: OPEN_STATUSES, to: 'inactive', by: 'either' },
} as const satisfies Record<string, { from: readonly ReportInStatus[]; to: ReportInStatus; by: Mover }>;

export type ReportInAction = keyof typeof REPORT_IN_TRANSITIONS;
export const REPORT_IN_ACTIONS = Object.keys(REPORT_IN_TRANSITIONS) as ReportInAction[];

export type ReportInRow = Selectable<ReportInTable>;

/** The relation of the actor to a record: whose it is, and whether they review its community. */
export interface Standing {
  isOwner: boolean;
  canReview: boolean;
}

const mayMove = (by: Mover, s: Standing) => (by === 'member' ? s.isOwner : by === 'reviewer' ? s.canReview : s.isOwner || s.canReview);

/** The actions the actor may take on a record now (shown to clients so they offer only those). */
export function allowedActions(status: ReportInStatus, standing: Standing): ReportInAction[] {
  return REPORT_IN_ACTIONS.filter((a) => {
    const t = REPORT_IN_TRANSITIONS[a];
    return (t.from as readonly ReportInStatus[]).includes(status) && mayMove(t.by, standing);
  });
}

/** FORBIDDEN when the actor (who can see the record) may not take this kind of transition at all. */
export function authorizeMove(action: ReportInAction, standing: Standing): void {
  if (!mayMove(REPORT_IN_TRANSITIONS[action].by, standing)) throw new DomainError('FORBIDDEN');
}

/** Appends one row to a record's timeline. */
export async function appendEvent(ctx: Ctx, e: { reportInId: string; action: string; fromStatus: ReportInStatus | null; toStatus: ReportInStatus; note?: string | null; data?: unknown }) {
  await ctx.db
    .insertInto('reportInEvents')
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      reportInId: e.reportInId,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorId: ctx.actor?.userId ?? null,
      note: e.note ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
      at: ctx.now(),
    })
    .execute();
}

/**
 * Moves a (locked) record along one transition: checks the state (INVALID_TRANSITION otherwise), updates the row
 * only if nobody moved it meanwhile, appends the event and the audit entry — all in the caller's transaction.
 */
export async function transition(
  tx: Ctx,
  record: ReportInRow,
  action: ReportInAction,
  change: { set?: Updateable<ReportInTable>; note?: string | null; data?: unknown } = {},
): Promise<ReportInRow> {
  const t = REPORT_IN_TRANSITIONS[action];
  if (!(t.from as readonly ReportInStatus[]).includes(record.status)) {
    throw new DomainError('INVALID_TRANSITION', undefined, { status: record.status, action });
  }
  const after = await tx.db
    .updateTable('reportIns')
    .set({ ...change.set, status: t.to, updatedAt: tx.now() })
    .where('tenantId', '=', tx.tenantId)
    .where('id', '=', record.id)
    .where('status', '=', record.status)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new DomainError('INVALID_TRANSITION', undefined, { action });
  await appendEvent(tx, { reportInId: record.id, action, fromStatus: record.status, toStatus: t.to, note: change.note, data: change.data });
  await audit(tx, { action: `report_in.${action}`, targetType: 'report_in', targetId: record.id, regionId: after.communityId, before: snapshot(record), after: snapshot(after) });
  return after;
}

/** What the audit log keeps of a record. */
export const snapshot = (r: ReportInRow) => ({
  userId: r.userId,
  communityId: r.communityId,
  unitId: r.unitId,
  status: r.status,
  gridId: r.gridId,
  serviceTeam: r.serviceTeam,
  skills: r.skills,
  intentions: r.intentions,
  reconfirmDueAt: r.reconfirmDueAt,
  transferredFromId: r.transferredFromId,
});
