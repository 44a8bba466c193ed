import type { CaseLimitsJson } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { workingTimeFor } from '../../platform/calendar/index.js';
import { DomainError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { SYSTEM_USER_ID, systemActor } from '../../platform/policy.js';
import type { DispatchResolution } from '../case-catalog/case-catalog.schemas.js';
import { resolveDispatch } from '../case-catalog/resolve-dispatch.js';
import { attachFile } from '../files/attach-file.js';
import type { TransitionDef } from './case-type.js';
import { addressOf, notifyCase } from './case-notifications.js';
import { loadCase, withStanding, type LoadedCase } from './cases.queries.js';
import { extendClock, pauseClock, resumeClock, startClock, stopClock, type CasePatch, type ClockEnv } from './clocks.js';
import { loadCaseSettings } from './ensure-case-setup.js';
import { allowedTransitions, GUARD_CHECKS, mayFire, type CaseRow } from './standing.js';
import { EFFECT_HANDLERS } from './transition-effects.js';
import { checkRequirements, type TransitionInput } from './transition-requirements.js';

/**
 * The case engine: one function for every transition of every case type. Loads the case FOR UPDATE, finds the
 * transition in the case's type version (409 INVALID_TRANSITION from the wrong state or when a guard fails),
 * checks who may fire it (403; 404 if the case is not theirs to see), checks its requirements (400), then in one
 * transaction: applies its effects, moves the clocks, updates the case (the metrics trigger follows), appends the
 * event, attaches evidence, audits, notifies, and runs the type's automatic follow-up (e.g. dispatch on filing).
 */
export async function applyTransition({ ctx, input }: { ctx: Ctx; input: TransitionInput }): Promise<CaseRow> {
  requireActor(ctx);
  return withTransaction(ctx, async (tx) => fireTransition(tx, await loadCase(tx, input.caseId, { lock: true }), input));
}

interface FireOptions {
  /** Skip the role check: intake filing directly, the engine's automatic follow-ups. */
  bypassRole?: boolean;
  /** Automatic dispatch: the department (or subdistrict) the duty matrix chose. */
  resolution?: DispatchResolution;
}

const stateName = (c: LoadedCase, code: string) => c.type.states.find((s) => s.code === code)?.name ?? code;

export async function fireTransition(tx: Ctx, c: LoadedCase, input: TransitionInput, options: FireOptions = {}): Promise<CaseRow> {
  const t = c.type.transitions.find((x) => x.action === input.action);
  if (!t) throw invalid(`工单类型「${c.type.name}」没有操作 ${input.action}`, `The case type has no action ${input.action}`, { field: 'action' });
  const allowed = () => allowedTransitions(c.type, c.row, c.standing).map((a) => a.action);
  if (!t.from.includes(c.row.status)) {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `工单${stateName(c, c.row.status)}，不能${t.name}`, en: `A case in state ${c.row.status} cannot take ${t.action}` }, { status: c.row.status, action: t.action, allowed: allowed() });
  }
  if (!options.bypassRole && !mayFire(t, c.standing)) throw new DomainError('FORBIDDEN');
  if (t.guard && !GUARD_CHECKS[t.guard](c.row)) {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `当前不能${t.name}（${GUARD_TEXT[t.guard]}）`, en: `${t.action} is not possible now (${t.guard})` }, { status: c.row.status, action: t.action, guard: t.guard });
  }
  const now = tx.now();
  checkRequirements(t, input, c.row, now, options.resolution ? ['department'] : []);
  const [wt, settings] = await Promise.all([workingTimeFor(tx), loadCaseSettings(tx)]);

  const set: CasePatch = {};
  const data: Record<string, unknown> = input.reason ? { reason: input.reason } : {};
  let extendTo: Date | undefined;
  for (const effect of t.effects ?? []) {
    const r = await EFFECT_HANDLERS[effect]({ tx, c, input, now, wt, resolution: options.resolution });
    Object.assign(set, r.set);
    Object.assign(data, r.data);
    extendTo = r.extendTo ?? extendTo;
  }
  Object.assign(set, clockChanges(c, t, { wt, now, escalation: settings.escalation }, settings.defaultLimits, extendTo));

  const to = t.to ?? c.row.status;
  const after = await tx.db
    .updateTable('cases')
    .set({ ...set, status: to, updatedAt: now })
    .where('tenantId', '=', tx.tenantId)
    .where('id', '=', c.row.id)
    .where('status', '=', c.row.status)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new DomainError('INVALID_TRANSITION', undefined, { action: t.action });

  const evidence = input.evidence ?? [];
  for (const fileId of evidence) await attachFile({ ctx: tx, input: { fileId, ownerType: 'case', ownerId: c.row.id, regionId: c.row.regionId } });
  const actorId = tx.actor && tx.actor.userId !== SYSTEM_USER_ID ? tx.actor.userId : null;
  await tx.db
    .insertInto('caseEvents')
    .values({ tenantId: tx.tenantId, id: newId(), caseId: c.row.id, action: t.action, fromStatus: c.row.status, toStatus: to, actorId, at: now, note: input.note ?? null, evidence: JSON.stringify(evidence), data: Object.keys(data).length ? JSON.stringify(data) : null })
    .execute();
  await audit(tx, { action: `case.${t.action}`, targetType: 'case', targetId: c.row.id, regionId: c.row.regionId, before: snapshot(c.row), after: snapshot(after) });

  const moved: LoadedCase = { ...c, row: { ...c.row, ...after }, ...(await partiesAfter(tx, c, after, t)) };
  if (t.notify?.length) {
    await notifyCase(tx, addressOf(moved), t.notify, { kind: `case.${t.action}`, title: `工单${t.name}：${c.category.name}`, body: input.note ?? input.reason ?? c.row.description.slice(0, 60) });
  }
  return (await followUp(tx, moved, t, c.row.status)) ?? after;
}

const GUARD_TEXT: Record<keyof typeof GUARD_CHECKS, string> = {
  extensionPending: '没有待审批的延期申请',
  noExtensionPending: '已有待审批的延期申请',
  hasLeadDepartment: '属地兜底的工单由街道办理，不能退单',
  notRated: '已评价',
  appealPending: '没有待处理的申诉',
  noAppeal: '已申诉过',
};

function clockChanges(c: LoadedCase, t: TransitionDef, env: ClockEnv, defaults: Required<CaseLimitsJson>, extendTo?: Date): CasePatch {
  const patch: CasePatch = {};
  if (t.clock?.stop) Object.assign(patch, stopClock(env, c.row));
  if (t.clock?.pause) Object.assign(patch, pauseClock(env, c.row));
  if (t.clock?.resume) Object.assign(patch, resumeClock(env, c.row));
  if (t.clock?.start) Object.assign(patch, startClock(env, c.row, t.clock.start, c.category.limits[t.clock.start] ?? defaults[t.clock.start]));
  if (extendTo) Object.assign(patch, extendClock(env, c.row, extendTo));
  return patch;
}

/** The lead department, subdistrict and co-handlers after a transition that may have changed them. */
async function partiesAfter(tx: Ctx, c: LoadedCase, after: CaseRow, t: TransitionDef): Promise<Partial<LoadedCase>> {
  if (!t.effects?.some((e) => e === 'dispatch' || e === 'return' || e === 'add_co_handler')) return {};
  const [leadDepartment, responsibleRegion, coHandlers] = await Promise.all([
    after.leadDepartmentId ? tx.db.selectFrom('organisations').select(['id', 'path', 'name']).where('tenantId', '=', tx.tenantId).where('id', '=', after.leadDepartmentId).executeTakeFirstOrThrow() : null,
    after.responsibleRegionId ? tx.db.selectFrom('regions').select(['id', 'path', 'name']).where('tenantId', '=', tx.tenantId).where('id', '=', after.responsibleRegionId).executeTakeFirstOrThrow() : null,
    tx.db
      .selectFrom('caseCoHandlers as h')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'h.tenantId').onRef('o.id', '=', 'h.departmentId'))
      .select(['o.id', 'o.path', 'o.name'])
      .where('h.tenantId', '=', tx.tenantId)
      .where('h.caseId', '=', after.id)
      .orderBy('h.addedAt')
      .execute(),
  ]);
  return { leadDepartment, responsibleRegion, coHandlers };
}

/** The type's automatic action on entering a state (the default type dispatches on filing), run as the system. */
async function followUp(tx: Ctx, c: LoadedCase, t: TransitionDef, fromStatus: string): Promise<CaseRow | undefined> {
  if (!t.to || t.to === fromStatus) return undefined;
  const rule = c.type.intake.automatic?.find((a) => a.state === t.to);
  if (!rule) return undefined;
  const next = c.type.transitions.find((x) => x.action === rule.action)!;
  const system = { ...tx, actor: systemActor() };
  let resolution: DispatchResolution | undefined;
  if (next.effects?.includes('dispatch')) {
    resolution = await resolveDispatch(tx.db, tx.tenantId, { categoryPath: c.category.path, regionPath: c.region.path, assetOwnerId: c.row.assetOwnerId });
    if (!resolution.basis) return undefined; // nobody responsible: stays for the dispatch desk
  }
  return fireTransition(system, withStanding(system.actor, c), { caseId: c.row.id, action: rule.action }, { bypassRole: true, resolution });
}

/** What the audit log keeps of a case. */
const snapshot = (r: CaseRow) => ({
  status: r.status,
  closeReason: r.closeReason,
  leadDepartmentId: r.leadDepartmentId,
  responsibleRegionId: r.responsibleRegionId,
  clock: r.clock,
  dueAt: r.dueAt,
  escalationLevel: r.escalationLevel,
  extensionRequestedUntil: r.extensionRequestedUntil,
  appealStatus: r.appealStatus,
  excluded: r.excluded,
});
