import type { Ctx } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import type { WorkingTime } from '../../platform/calendar/index.js';
import type { DispatchResolution } from '../case-catalog/case-catalog.schemas.js';
import { findDepartment } from '../case-catalog/case-catalog.queries.js';
import type { Effect } from './case-type.js';
import type { CasePatch } from './clocks.js';
import type { LoadedCase } from './cases.queries.js';
import type { TransitionInput } from './transition-requirements.js';

export interface EffectEnv {
  tx: Ctx;
  c: LoadedCase;
  input: TransitionInput;
  now: Date;
  wt: WorkingTime;
  /** Set when the engine dispatches automatically (duty matrix, owning department or 属地兜底). */
  resolution?: DispatchResolution;
}

export interface EffectResult {
  set?: CasePatch;
  /** Kept in the event's data (what the timeline shows beyond from/to). */
  data?: Record<string, unknown>;
  /** Moves the running clock's deadline (an approved extension). */
  extendTo?: Date;
}

const count = (n: number) => n + 1;

/** 派遣 and 改派: to a department (chosen, or resolved automatically) or to the subdistrict (属地兜底). */
async function dispatch({ tx, c, input, now, resolution }: EffectEnv): Promise<EffectResult> {
  const r = c.row;
  const auto = resolution && !input.departmentId;
  const department = auto ? (resolution.departmentId ? { id: resolution.departmentId, name: resolution.departmentName } : null) : await findDepartment(tx.db, tx.tenantId, input.departmentId!);
  const territorial = auto && resolution.basis === 'territorial' ? { id: resolution.regionId!, name: resolution.regionName } : null;
  // The first dispatch was wrong if it is changed before the department signs (改派) or returned (退单, see `return`);
  // handing a 属地兜底 case on from the subdistrict is not a correction.
  const correctsFirst = r.dispatchCount === 1 && r.status === 'dispatched' && r.dispatchBasis !== 'territorial';
  const coIds = (input.coDepartmentIds ?? []).filter((id) => id !== department?.id);
  for (const id of coIds) await findDepartment(tx.db, tx.tenantId, id);
  if (coIds.length) {
    await tx.db
      .insertInto('caseCoHandlers')
      .values(coIds.map((departmentId) => ({ tenantId: tx.tenantId, caseId: r.id, departmentId, addedBy: tx.actor?.userId ?? null, addedAt: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return {
    set: {
      leadDepartmentId: department?.id ?? null,
      responsibleRegionId: territorial?.id ?? null,
      dispatchBasis: auto ? (resolution.basis as 'matrix' | 'owner' | 'territorial') : 'manual',
      dispatchCount: count(r.dispatchCount),
      firstDispatchWrong: r.firstDispatchWrong || correctsFirst,
      firstDispatchedAt: r.firstDispatchedAt ?? now,
      dispatchedAt: now,
      extensionRequestedUntil: null,
    },
    data: {
      departmentId: department?.id ?? null,
      departmentName: department?.name ?? null,
      territorialRegionId: territorial?.id ?? null,
      territorialRegionName: territorial?.name ?? null,
      basis: auto ? resolution.basis : 'manual',
      dutyEntryId: auto ? resolution.entryId : null,
      previousDepartmentId: r.leadDepartmentId,
      coDepartmentIds: coIds,
    },
  };
}

/** 退单: the department gives the case back with a reason; it counts against the first dispatch when it was the first. */
function returnCase({ c }: EffectEnv): EffectResult {
  const r = c.row;
  return {
    set: {
      leadDepartmentId: null,
      returnCount: count(r.returnCount),
      firstDispatchWrong: r.firstDispatchWrong || (r.dispatchCount === 1 && r.dispatchBasis !== 'territorial'),
      extensionRequestedUntil: null,
    },
    data: { departmentId: r.leadDepartmentId, departmentName: c.leadDepartment?.name ?? null },
  };
}

async function addCoHandler({ tx, c, input, now }: EffectEnv): Promise<EffectResult> {
  const department = await findDepartment(tx.db, tx.tenantId, input.departmentId!);
  if (department.id === c.row.leadDepartmentId || c.coHandlers.some((h) => h.id === department.id)) {
    throw conflict('该部门已在办理此工单', 'The department already handles this case');
  }
  await tx.db.insertInto('caseCoHandlers').values({ tenantId: tx.tenantId, caseId: c.row.id, departmentId: department.id, addedBy: tx.actor?.userId ?? null, addedAt: now }).execute();
  return { data: { departmentId: department.id, departmentName: department.name } };
}

/** Each effect named in a type's transitions; the engine applies them in the order listed. */
export const EFFECT_HANDLERS: Record<Effect, (env: EffectEnv) => EffectResult | Promise<EffectResult>> = {
  file: ({ now }) => ({ set: { filedAt: now } }),
  dispatch,
  sign: ({ now }) => ({ set: { signedAt: now } }),
  return: returnCase,
  handle: ({ now }) => ({ set: { handledAt: now } }),
  close: ({ c, input, now, wt }) => ({
    set: { closeReason: input.closeReason!, closedAt: now, handlingMinutes: c.row.firstDispatchedAt ? Math.round(wt.workingTimeBetween(c.row.firstDispatchedAt, now)) : null },
    data: { closeReason: input.closeReason },
  }),
  rework: ({ c }) => ({ set: { reworkCount: count(c.row.reworkCount) } }),
  withdraw: ({ now }) => ({ set: { closeReason: 'withdrawn', closedAt: now }, data: { closeReason: 'withdrawn' } }),
  rate: ({ input, now }) => ({
    set: { ratingSolved: input.rating!.solved, ratingSatisfaction: input.rating!.satisfaction, ratedAt: now },
    data: { solved: input.rating!.solved, satisfaction: input.rating!.satisfaction },
  }),
  remind: ({ c }) => ({ set: { remindCount: count(c.row.remindCount) } }),
  supervise: ({ c }) => ({ set: { superviseCount: count(c.row.superviseCount) } }),
  request_extension: ({ input }) => ({ set: { extensionRequestedUntil: new Date(input.extensionUntil!) }, data: { until: input.extensionUntil } }),
  approve_extension: ({ c, input }) => {
    const until = input.extensionUntil ? new Date(input.extensionUntil) : c.row.extensionRequestedUntil!;
    return { set: { extensionRequestedUntil: null, extensionCount: count(c.row.extensionCount) }, data: { from: c.row.dueAt, to: until }, extendTo: until };
  },
  deny_extension: ({ c }) => ({ set: { extensionRequestedUntil: null }, data: { requested: c.row.extensionRequestedUntil } }),
  add_co_handler: addCoHandler,
  appeal: () => ({ set: { appealStatus: 'pending' } }),
  uphold_appeal: () => ({ set: { appealStatus: 'upheld', excluded: true } }),
  dismiss_appeal: () => ({ set: { appealStatus: 'dismissed' } }),
};
