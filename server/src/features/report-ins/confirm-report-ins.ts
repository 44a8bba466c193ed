import { sql, type Selectable } from 'kysely';
import type { RoleGrantTable } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import { chunked, firstDuplicate, insertRows } from '../../platform/bulk.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notifyEach } from '../../platform/notifications/notifier.js';
import { can } from '../../platform/policy.js';
import { authorizeMove, REPORT_IN_TRANSITIONS, snapshot, type ReportInRow } from './report-ins.machine.js';
import { platformCtx, reconfirmDueFrom } from './report-ins.queries.js';
import { SERVICE_TEAMS } from './report-ins.schemas.js';
import { aboutEntry, checkSubmissions, type SubmitReportInEntry } from './submit-report-ins.js';

export interface ConfirmReportInEntry {
  id: string;
  gridId: string;
  serviceTeam: string;
}

const TEAMS = new Set<string>(SERVICE_TEAMS);

type Region = { id: string; name: string; path: string; kind: string };

async function loadRegions(tx: Ctx, ids: string[]) {
  const regions = new Map<string, Region>();
  for (const chunk of chunked([...new Set(ids)], 5000)) {
    for (const r of await tx.db.selectFrom('regions').select(['id', 'name', 'path', 'kind']).where('tenantId', '=', tx.tenantId).where('id', 'in', chunk).execute()) regions.set(r.id, r);
  }
  return regions;
}

/** confirmReportIn's grid rule: a grid under the record's community. */
function checkGrid(regions: Map<string, Region>, community: Region, gridId: string) {
  const grid = regions.get(gridId);
  if (!grid) throw notFound('区域');
  if (grid.kind !== 'grid' || !grid.path.startsWith(community.path)) throw invalid('网格须在报到社区之下', 'The grid must lie in the community');
}

/**
 * The batch form of confirmReportIn (a community worker confirming a page of the review queue): for each entry the
 * same checks — a record the actor may see and review, still `submitted`, a grid under its community, a service
 * team — and the same effects: the row becomes active (due for re-confirmation in six months), a `confirm` event and
 * `report_in.confirm` audit entry, the member's 报到 link to the community (`user.community_added`) and `member`
 * grant there unless they hold it (`grant.created`, by the platform), and the member is told. Set-based: a few
 * multi-row statements for any number of records. All or nothing; the first failing entry is named by
 * `details.index`. Returns the active records in input order.
 */
export async function confirmReportIns({ ctx, input }: { ctx: Ctx; input: { entries: ConfirmReportInEntry[] } }): Promise<ReportInRow[]> {
  const actor = requireActor(ctx);
  const entries = input.entries;
  if (entries.length === 0) return [];
  for (const [index, e] of entries.entries()) if (!TEAMS.has(e.serviceTeam)) aboutEntry(invalid('服务队不正确', 'Unknown service team'), index);
  const dup = firstDuplicate(entries, (e) => e.id);
  if (dup) aboutEntry(invalid('同一报到记录重复出现', 'A record is listed twice'), dup[0]);

  return withTransaction(ctx, async (tx) => {
    const records = new Map<string, ReportInRow>();
    for (const chunk of chunked([...entries.map((e) => e.id)].sort(), 5000)) {
      // Row locks in id order, as any batch over these records takes them: no deadlock between two batches.
      for (const r of await tx.db.selectFrom('reportIns').selectAll().where('tenantId', '=', tx.tenantId).where('id', 'in', chunk).orderBy('id').forUpdate().execute()) records.set(r.id, r);
    }
    const regions = await loadRegions(tx, [...[...records.values()].map((r) => r.communityId), ...entries.map((e) => e.gridId)]);
    const unitIds = [...new Set([...records.values()].map((r) => r.unitId))];
    const units = new Map(
      (unitIds.length
        ? await tx.db
            .selectFrom('organisations as o')
            .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
            .select(['o.id', 'o.path', 'r.path as regionPath'])
            .where('o.tenantId', '=', tx.tenantId)
            .where('o.id', 'in', unitIds)
            .execute()
        : []
      ).map((u) => [u.id, u]),
    );
    for (const [index, e] of entries.entries()) {
      try {
        const record = records.get(e.id);
        if (!record) throw notFound('报到记录');
        const community = regions.get(record.communityId)!;
        const unit = units.get(record.unitId)!;
        const standing = { isOwner: record.userId === actor.userId, canReview: can(actor, 'reportin.review', { regionPath: community.path }) };
        if (!standing.isOwner && !standing.canReview && !can(actor, 'reportin.unit', { orgPath: unit.path, regionPath: unit.regionPath })) throw notFound('报到记录');
        authorizeMove('confirm', standing);
        checkGrid(regions, community, e.gridId);
        if (!(REPORT_IN_TRANSITIONS.confirm.from as readonly string[]).includes(record.status)) throw new DomainError('INVALID_TRANSITION', undefined, { status: record.status, action: 'confirm' });
      } catch (error) {
        aboutEntry(error, index);
      }
    }

    const now = tx.now();
    const due = reconfirmDueFrom(now);
    // The 报到 links and member grants first, so that one UPDATE writes each row's final state (grant id included).
    const grantIds = await joinCommunities(tx, entries.map((e) => records.get(e.id)!));
    const confirmed: ReportInRow[] = [];
    for (const chunk of chunked(entries, 2000)) {
      const values = sql.join(chunk.map((e) => sql`(${e.id}::uuid, ${e.gridId}::uuid, ${e.serviceTeam}::text, ${grantIds.get(e.id) ?? null}::uuid)`));
      const { rows } = await sql<ReportInRow>`
        update report_ins ri set status = 'active', grid_id = v.grid_id, service_team = v.service_team, confirmed_at = ${now}::timestamptz,
               confirmed_by = ${actor.userId}::uuid, reconfirm_due_at = ${due}::timestamptz, reconfirm_notified_at = null, updated_at = ${now}::timestamptz,
               member_grant_id = coalesce(v.grant_id, ri.member_grant_id)
          from (values ${values}) as v (id, grid_id, service_team, grant_id)
         where ri.tenant_id = ${tx.tenantId} and ri.id = v.id and ri.status = 'submitted'
        returning ri.*`.execute(tx.db);
      confirmed.push(...rows);
    }
    if (confirmed.length !== entries.length) throw new DomainError('INVALID_TRANSITION', undefined, { action: 'confirm' });
    const after = new Map(confirmed.map((r) => [r.id, r]));
    const active = entries.map((e) => after.get(e.id)!);
    await insertRows(tx.db, 'report_in_events', active.map((r) => confirmEvent(tx, r, now)));
    await auditMany(tx, active.map((r) => ({ action: 'report_in.confirm', targetType: 'report_in', targetId: r.id, regionId: r.communityId, before: snapshot(records.get(r.id)!), after: snapshot(r) })));
    await notifyConfirmed(tx, active, regions);
    return active;
  });
}

export type SubmitAndConfirmEntry = SubmitReportInEntry & { gridId: string; serviceTeam: string };

/**
 * 代为报到并确认: the community registers members' report-ins and confirms them at once (a paper register being
 * entered, an existing roll moved onto the platform, the demo seed) — for each entry exactly what submitReportIn on
 * the member's behalf followed by confirmReportIn would do: the same checks (the actor reviews the community; a
 * Party member, their unit, no open report-in; a grid under the community, a service team), one active row, the
 * `submit` and `confirm` events and audit entries, the 报到 link and `member` grant, the member told. Nobody is
 * asked to confirm (the secretaries are not told of submissions they made themselves). Set-based: each row is
 * written once, in its final state. All or nothing; the first failing entry is named by `details.index`.
 */
export async function submitAndConfirmReportIns({ ctx, input }: { ctx: Ctx; input: { entries: SubmitAndConfirmEntry[] } }): Promise<ReportInRow[]> {
  const actor = requireActor(ctx);
  const entries = input.entries;
  if (entries.length === 0) return [];
  for (const [index, e] of entries.entries()) if (!TEAMS.has(e.serviceTeam)) aboutEntry(invalid('服务队不正确', 'Unknown service team'), index);
  return withTransaction(ctx, async (tx) => {
    const { communities } = await checkSubmissions(tx, entries, { review: true });
    const regions = await loadRegions(tx, [...communities.keys(), ...entries.map((e) => e.gridId)]);
    for (const [index, e] of entries.entries()) {
      try {
        checkGrid(regions, regions.get(e.communityId)!, e.gridId);
      } catch (error) {
        aboutEntry(error, index);
      }
    }
    const now = tx.now();
    const submitted: ReportInRow[] = entries.map((e) => ({
      tenantId: tx.tenantId,
      id: newId(),
      userId: e.userId,
      communityId: e.communityId,
      unitId: e.unitId,
      skills: e.skills,
      intentions: e.intentions,
      note: e.note ?? null,
      status: 'submitted',
      gridId: null,
      serviceTeam: null,
      returnReason: null,
      endReason: null,
      submittedAt: now,
      confirmedAt: null,
      confirmedBy: null,
      reconfirmedAt: null,
      reconfirmDueAt: null,
      reconfirmNotifiedAt: null,
      endedAt: null,
      memberGrantId: null,
      transferredFromId: null,
      transferredToId: null,
      createdAt: now,
      updatedAt: now,
    }));
    const grantIds = await joinCommunities(tx, submitted);
    const due = reconfirmDueFrom(now);
    const rows = submitted.map((r, i) => {
      const { tenantId, id, userId, communityId, unitId, skills, intentions, note, submittedAt } = r;
      const e = entries[i]!;
      return { tenantId, id, userId, communityId, unitId, skills, intentions, note, status: 'active', gridId: e.gridId, serviceTeam: e.serviceTeam, submittedAt, confirmedAt: now, confirmedBy: actor.userId, reconfirmDueAt: due, memberGrantId: grantIds.get(id) ?? null };
    });
    const inserted = await insertRows<ReportInRow>(tx.db, 'report_ins', rows, { returning: ['*'] });
    const byId = new Map(inserted.map((r) => [r.id, r]));
    const active = rows.map((r) => byId.get(r.id)!);
    await insertRows(tx.db, 'report_in_events', [
      ...active.map((r) => ({ tenantId: tx.tenantId, id: newId(), reportInId: r.id, action: 'submit', fromStatus: null, toStatus: 'submitted', actorId: actor.userId, note: null, data: null, at: now })),
      ...active.map((r) => confirmEvent(tx, r, now)),
    ]);
    await auditMany(tx, [
      ...submitted.map((r) => ({ action: 'report_in.submit', targetType: 'report_in', targetId: r.id, regionId: r.communityId, after: snapshot(r) })),
      ...active.map((r, i) => ({ action: 'report_in.confirm', targetType: 'report_in', targetId: r.id, regionId: r.communityId, before: snapshot(submitted[i]!), after: snapshot(r) })),
    ]);
    await notifyConfirmed(tx, active, regions);
    return active;
  });
}

const confirmEvent = (tx: Ctx, r: ReportInRow, at: Date) => ({
  tenantId: tx.tenantId,
  id: newId(),
  reportInId: r.id,
  action: 'confirm',
  fromStatus: 'submitted',
  toStatus: 'active',
  actorId: tx.actor?.userId ?? null,
  note: null,
  data: { gridId: r.gridId, serviceTeam: r.serviceTeam },
  at,
});

/** What confirmReportIn tells the member, for each record. */
function notifyConfirmed(tx: Ctx, active: ReportInRow[], regions: Map<string, Region>) {
  return notifyEach(
    tx,
    active.map((r) => ({
      userIds: [r.userId],
      kind: 'report_in.confirmed',
      title: '报到已确认',
      body: `${regions.get(r.communityId)!.name}已确认您的报到：${regions.get(r.gridId!)!.name}，${r.serviceTeam}服务队`,
      link: `/report-ins/${r.id}`,
    })),
  );
}

/**
 * joinCommunity for many records becoming active: the 报到 links (user_communities 'registered') that do not exist
 * yet, and the `member` grants over the communities for those who do not hold one (written by the platform, as
 * grantRole would, with its audit entry). Returns record id → the grant it created (the record's member_grant_id).
 */
async function joinCommunities(tx: Ctx, records: Array<Pick<ReportInRow, 'id' | 'userId' | 'communityId'>>): Promise<Map<string, string>> {
  const links = records.map((r) => ({ tenantId: tx.tenantId, userId: r.userId, communityId: r.communityId, relation: 'registered' as const }));
  const added = await insertRows<{ userId: string; communityId: string; relation: string }>(tx.db, 'user_communities', links, {
    onConflict: 'on conflict do nothing',
    returning: ['userId', 'communityId', 'relation'],
  });
  const recordOf = new Map(records.map((r) => [`${r.userId}:${r.communityId}`, r]));
  await auditMany(
    tx,
    added.map((l) => ({
      action: 'user.community_added',
      targetType: 'user',
      targetId: l.userId,
      regionId: l.communityId,
      after: { communityId: l.communityId, relation: l.relation, reportInId: recordOf.get(`${l.userId}:${l.communityId}`)!.id },
    })),
  );

  const held = new Set<string>();
  for (const chunk of chunked(records, 5000)) {
    const rows = await tx.db
      .selectFrom('roleGrants')
      .select(['userId', 'regionId'])
      .where('tenantId', '=', tx.tenantId)
      .where('role', '=', 'member')
      .where('revokedAt', 'is', null)
      .where('userId', 'in', chunk.map((r) => r.userId))
      .execute();
    for (const g of rows) held.add(`${g.userId}:${g.regionId}`);
  }
  const wanted = records.filter((r) => !held.has(`${r.userId}:${r.communityId}`));
  if (wanted.length === 0) return new Map();
  const paths = new Map(
    (await tx.db.selectFrom('regions').select(['id', 'path']).where('tenantId', '=', tx.tenantId).where('id', 'in', [...new Set(wanted.map((r) => r.communityId))]).execute()).map((c) => [c.id, c.path]),
  );
  const platform = platformCtx(tx);
  const grants = wanted.map((r) => ({
    tenantId: tx.tenantId,
    id: newId(),
    userId: r.userId,
    role: 'member',
    regionId: r.communityId,
    orgId: null,
    scopePath: paths.get(r.communityId)!,
    grantedBy: platform.actor!.userId,
  }));
  const written = await insertRows<Selectable<RoleGrantTable>>(tx.db, 'role_grants', grants, { returning: ['*'] });
  await auditMany(platform, written.map((g) => ({ action: 'grant.created', targetType: 'role_grant', targetId: g.id, regionId: g.regionId, after: g })));
  const grantOf = new Map(written.map((g) => [`${g.userId}:${g.regionId}`, g.id]));
  return new Map(wanted.map((r) => [r.id, grantOf.get(`${r.userId}:${r.communityId}`)!]));
}
