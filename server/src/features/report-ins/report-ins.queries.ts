import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import { decodeCursor } from '../../platform/http/pagination.js';
import { UUID_PATTERN } from '../../platform/ids.js';
import { maskPhone } from '../../platform/pii.js';
import { can, systemActor } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import type { ReportInRow, ReportInStatus, Standing } from './report-ins.machine.js';

const UUID = new RegExp(UUID_PATTERN);

/** The cursor of a list ordered by id (UUIDv7, newest first): the last id seen. */
export function idCursor(cursor: string | undefined): string | undefined {
  const id = decodeCursor(cursor);
  if (id !== undefined && !UUID.test(id)) throw invalid('分页游标无效', 'Invalid cursor');
  return id;
}

/** Re-confirmation cadence (佛山: every six months). One place to make it a tenant setting later. */
export const RECONFIRM_MONTHS = 6;

export function reconfirmDueFrom(at: Date): Date {
  const due = new Date(at);
  due.setUTCMonth(due.getUTCMonth() + RECONFIRM_MONTHS);
  return due;
}

/**
 * Role changes that follow from a report-in (the `member` grant on confirmation, its revocation on leaving) are made
 * by the platform, not by the person acting: a community secretary holds no `grant.write`. The report-in's own
 * event and audit entry name the person.
 */
export const platformCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: systemActor() });

export async function findCommunity(db: Database, tenantId: string, id: string) {
  const region = await findRegion(db, tenantId, id);
  if (region.kind !== 'community') throw invalid('报到须选择社区', 'Report in to a community');
  return region;
}

/** The member's own work unit (a unit or department they belong to); VALIDATION otherwise. */
export async function findMemberUnit(db: Database, tenantId: string, userId: string, unitId: string) {
  const unit = await db
    .selectFrom('userUnits as uu')
    .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'uu.tenantId').onRef('o.id', '=', 'uu.unitId'))
    .select(['o.id', 'o.name', 'o.kind'])
    .where('uu.tenantId', '=', tenantId)
    .where('uu.userId', '=', userId)
    .where('uu.unitId', '=', unitId)
    .executeTakeFirst();
  if (!unit || unit.kind === 'party_org') {
    throw invalid('请选择本人所在的工作单位（单位未登记时请联系单位或社区）', 'Choose a unit you belong to');
  }
  return unit;
}

export interface FoundReportIn {
  record: ReportInRow;
  community: { id: string; name: string; path: string };
  unit: { id: string; path: string; regionPath: string };
  standing: Standing;
}

/**
 * A report-in the actor may see — their own, one in a community they review, or one naming a unit they oversee —
 * with their standing on it; NOT_FOUND otherwise. `lock` takes the row lock for a transition.
 */
export async function findReportIn(ctx: Ctx, id: string, options: { lock?: boolean } = {}): Promise<FoundReportIn> {
  const actor = requireActor(ctx);
  const record = await ctx.db
    .selectFrom('reportIns')
    .selectAll()
    .where('tenantId', '=', ctx.tenantId)
    .where('id', '=', id)
    .$if(!!options.lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!record) throw notFound('报到记录');
  const [community, unit] = await Promise.all([
    ctx.db.selectFrom('regions').select(['id', 'name', 'path']).where('tenantId', '=', ctx.tenantId).where('id', '=', record.communityId).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('organisations as o')
      .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
      .select(['o.id', 'o.path', 'r.path as regionPath'])
      .where('o.tenantId', '=', ctx.tenantId)
      .where('o.id', '=', record.unitId)
      .executeTakeFirstOrThrow(),
  ]);
  const standing: Standing = { isOwner: record.userId === actor.userId, canReview: can(actor, 'reportin.review', { regionPath: community.path }) };
  if (!standing.isOwner && !standing.canReview && !can(actor, 'reportin.unit', { orgPath: unit.path, regionPath: unit.regionPath })) throw notFound('报到记录');
  return { record, community, unit, standing };
}

/** Report-ins with the names they are shown with. */
export function selectReportIns(db: Database, tenantId: string) {
  return db
    .selectFrom('reportIns as ri')
    .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'ri.tenantId').onRef('u.id', '=', 'ri.userId'))
    .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'ri.tenantId').onRef('c.id', '=', 'ri.communityId'))
    .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'ri.tenantId').onRef('o.id', '=', 'ri.unitId'))
    .leftJoin('regions as g', (j) => j.onRef('g.tenantId', '=', 'ri.tenantId').onRef('g.id', '=', 'ri.gridId'))
    .select([
      'ri.id',
      'ri.userId',
      'u.name as userName',
      'u.phone',
      'ri.communityId',
      'c.name as communityName',
      'ri.unitId',
      'o.name as unitName',
      'ri.skills',
      'ri.intentions',
      'ri.note',
      'ri.status',
      'ri.gridId',
      'g.name as gridName',
      'ri.serviceTeam',
      'ri.returnReason',
      'ri.endReason',
      'ri.submittedAt',
      'ri.confirmedAt',
      'ri.reconfirmedAt',
      'ri.reconfirmDueAt',
      'ri.endedAt',
      'ri.transferredFromId',
      'ri.transferredToId',
      'ri.updatedAt',
    ])
    .where('ri.tenantId', '=', tenantId);
}

export type ReportInListRow = Awaited<ReturnType<ReturnType<typeof selectReportIns>['execute']>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The presenter: phone masked except for the member themself; dates as ISO-8601. */
export function presentReportIn(r: ReportInListRow, viewer: { userId: string | undefined; now: Date }) {
  return {
    ...r,
    phone: r.userId === viewer.userId ? r.phone : maskPhone(r.phone),
    skills: r.skills as string[],
    intentions: r.intentions as string[],
    status: r.status as ReportInStatus,
    reconfirmDue: r.status === 'active' && !!r.reconfirmDueAt && r.reconfirmDueAt <= viewer.now,
    submittedAt: r.submittedAt.toISOString(),
    confirmedAt: iso(r.confirmedAt),
    reconfirmedAt: iso(r.reconfirmedAt),
    reconfirmDueAt: iso(r.reconfirmDueAt),
    endedAt: iso(r.endedAt),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A record's timeline, oldest first. */
export async function listEvents(db: Database, tenantId: string, reportInId: string) {
  const rows = await db
    .selectFrom('reportInEvents as e')
    .leftJoin('users as a', (j) => j.onRef('a.tenantId', '=', 'e.tenantId').onRef('a.id', '=', 'e.actorId'))
    .select(['e.action', 'e.fromStatus', 'e.toStatus', 'e.actorId', 'a.name as actorName', 'e.note', 'e.at'])
    .where('e.tenantId', '=', tenantId)
    .where('e.reportInId', '=', reportInId)
    .orderBy('e.id')
    .execute();
  return rows.map((e) => ({ ...e, fromStatus: e.fromStatus as ReportInStatus | null, toStatus: e.toStatus as ReportInStatus, at: e.at.toISOString() }));
}

/**
 * The people who hold `role` over a place: region grants whose subtree contains `regionPath`, or org grants whose
 * subtree contains `orgPath`. Used to notify a community's secretaries or a unit's secretaries.
 */
export async function holdersOf(db: Database, tenantId: string, role: 'community_secretary' | 'unit_secretary', place: { regionPath?: string; orgPath?: string }): Promise<string[]> {
  const path = place.regionPath ?? place.orgPath;
  if (!path) return [];
  const rows = await db
    .selectFrom('roleGrants as g')
    .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'g.tenantId').onRef('u.id', '=', 'g.userId'))
    .select('g.userId')
    .distinct()
    .where('g.tenantId', '=', tenantId)
    .where('g.role', '=', role)
    .where('g.revokedAt', 'is', null)
    .where('u.status', '=', 'active')
    .where(place.regionPath ? 'g.regionId' : 'g.orgId', 'is not', null)
    .where(sql<boolean>`${path} like g.scope_path || '%'`)
    .execute();
  return rows.map((r) => r.userId);
}

/**
 * holdersOf for many places at once (batch verbs): one query for the role's active grants, matched to each path as
 * holdersOf matches them (the place's path lies under the grant's scope). Returns place path → user ids.
 */
export async function holdersOfMany(db: Database, tenantId: string, role: 'community_secretary' | 'unit_secretary', kind: 'region' | 'org', paths: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(paths.map((p) => [p, []]));
  if (paths.length === 0) return out;
  const grants = await db
    .selectFrom('roleGrants as g')
    .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'g.tenantId').onRef('u.id', '=', 'g.userId'))
    .select(['g.userId', 'g.scopePath'])
    .where('g.tenantId', '=', tenantId)
    .where('g.role', '=', role)
    .where('g.revokedAt', 'is', null)
    .where('u.status', '=', 'active')
    .where(kind === 'region' ? 'g.regionId' : 'g.orgId', 'is not', null)
    .execute();
  for (const path of paths) out.set(path, [...new Set(grants.filter((g) => path.startsWith(g.scopePath)).map((g) => g.userId))]);
  return out;
}
