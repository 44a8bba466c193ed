import type { Ctx } from '../../platform/context.js';
import { slaLevel, toShanghaiIso, workingTimeFor, type WorkingTime } from '../../platform/calendar/index.js';
import type { CaseTypeDef } from './case-type.js';
import { caseTypeVersion, type CaseViewRow } from './cases.queries.js';
import type { CaseView } from './cases.schemas.js';

const at = (d: Date | null) => (d ? toShanghaiIso(d) : null);

/** The presenter of a case: names, the running clock with how much of it is used, deadlines in +08:00. */
export function presentCase(r: CaseViewRow, type: CaseTypeDef, wt: WorkingTime, now: Date): CaseView {
  const clock =
    r.clock && r.dueAt && r.clockStartedAt && r.clockBasis
      ? (() => {
          const elapsed = wt.elapsedFraction({ start: r.clockStartedAt, deadline: r.dueAt, basis: r.clockBasis }, now);
          return { name: r.clock, basis: r.clockBasis, startedAt: toShanghaiIso(r.clockStartedAt), dueAt: toShanghaiIso(r.dueAt), elapsed: Math.round(elapsed * 1000) / 1000, level: slaLevel(elapsed) };
        })()
      : null;
  return {
    id: r.id,
    typeCode: r.typeCode,
    typeVersion: r.typeVersion,
    status: r.status,
    statusName: type.states.find((s) => s.code === r.status)?.name ?? r.status,
    closeReason: r.closeReason,
    categoryId: r.categoryId,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    regionId: r.regionId,
    regionName: r.regionName,
    communityId: r.communityId,
    subdistrictId: r.subdistrictId,
    streetId: r.streetId,
    channel: r.channel,
    description: r.description,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    urgency: r.urgency,
    reporterId: r.reporterId,
    reporterName: r.reporterName,
    leadDepartmentId: r.leadDepartmentId,
    leadDepartmentName: r.leadDepartmentName,
    responsibleRegionId: r.responsibleRegionId,
    responsibleRegionName: r.responsibleRegionName,
    dispatchBasis: r.dispatchBasis,
    clock,
    overdue: !!r.dueAt && +r.dueAt < +now,
    paused: r.pausedClock ? { clock: r.pausedClock.clock, remainingMinutes: Math.round(r.pausedClock.remainingMinutes) } : null,
    deadlines: { sign: at(r.signDueAt), handle: at(r.handleDueAt), verify: at(r.verifyDueAt) },
    late: { sign: r.signLate, handle: r.handleLate, verify: r.verifyLate },
    warnedLevel: r.warnedLevel,
    escalationLevel: r.escalationLevel,
    escalatedRegionId: r.escalatedRegionId,
    escalatedRegionName: r.escalatedRegionName,
    counts: { dispatch: r.dispatchCount, return: r.returnCount, rework: r.reworkCount, extension: r.extensionCount, remind: r.remindCount, supervise: r.superviseCount },
    extensionRequestedUntil: at(r.extensionRequestedUntil),
    appealStatus: r.appealStatus,
    excluded: r.excluded,
    rating: r.ratedAt && r.ratingSatisfaction !== null && r.ratingSolved !== null ? { solved: r.ratingSolved, satisfaction: r.ratingSatisfaction, ratedAt: toShanghaiIso(r.ratedAt) } : null,
    filedAt: at(r.filedAt),
    firstDispatchedAt: at(r.firstDispatchedAt),
    signedAt: at(r.signedAt),
    handledAt: at(r.handledAt),
    closedAt: at(r.closedAt),
    createdAt: toShanghaiIso(r.createdAt),
    updatedAt: toShanghaiIso(r.updatedAt),
  };
}

/** Presents a page of cases (of any types and versions). */
export async function presentCases(ctx: Ctx, rows: CaseViewRow[]): Promise<CaseView[]> {
  const wt = await workingTimeFor(ctx);
  const now = ctx.now();
  const types = new Map<string, CaseTypeDef>();
  for (const r of rows) {
    const key = `${r.typeCode}:${r.typeVersion}`;
    if (!types.has(key)) types.set(key, await caseTypeVersion(ctx.db, ctx.tenantId, r.typeCode, r.typeVersion));
  }
  return rows.map((r) => presentCase(r, types.get(`${r.typeCode}:${r.typeVersion}`)!, wt, now));
}
