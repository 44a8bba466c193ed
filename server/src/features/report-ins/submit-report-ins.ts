import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import { chunked, firstDuplicate, insertRows } from '../../platform/bulk.js';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize } from '../../platform/policy.js';
import { OPEN_STATUSES, snapshot, type ReportInRow } from './report-ins.machine.js';
import { holdersOfMany } from './report-ins.queries.js';
import { SERVICE_TEAMS, type SubmitReportInInput } from './report-ins.schemas.js';

export type SubmitReportInEntry = SubmitReportInInput & { userId: string };

/** Names the entry (0-based `details.index`) an error of a batch is about. */
export const aboutEntry = (error: unknown, index: number): never => {
  if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { index, ...(error.details as object) });
  throw error;
};

const TEAMS = new Set<string>(SERVICE_TEAMS);

/** What the route schema checks for one submission, for callers that are code (batch verbs). */
export function checkSubmission(e: { skills: string[]; intentions: string[]; note?: string | null }) {
  if (e.skills.length > 20 || e.skills.some((s) => s.length < 1 || s.length > 30) || new Set(e.skills).size !== e.skills.length) throw invalid('个人特长填写不正确', 'Invalid skills');
  if (e.intentions.length < 1 || e.intentions.some((t) => !TEAMS.has(t)) || new Set(e.intentions).size !== e.intentions.length) throw invalid('服务意向须为社区服务队', 'Intentions name service teams');
  if (e.note && e.note.length > 500) throw invalid('备注不超过 500 字', 'The note is too long');
}

/**
 * submitReportIn's checks for a batch, in the caller's transaction: each community exists and is a community, the
 * actor reviews it when acting for someone else (or always, with `review`), the person is a Party member or holds
 * `member`, the unit is theirs, they have no open report-in. Returns the communities and people it loaded.
 */
export async function checkSubmissions(tx: Ctx, entries: SubmitReportInEntry[], options: { review?: boolean } = {}) {
  const actor = requireActor(tx);
  for (const [index, e] of entries.entries()) {
    try {
      checkSubmission(e);
    } catch (error) {
      aboutEntry(error, index);
    }
  }
  const dup = firstDuplicate(entries, (e) => e.userId);
  if (dup) aboutEntry(conflict('同一人重复报到', 'A person is listed twice'), dup[0]);
  const communityIds = [...new Set(entries.map((e) => e.communityId))];
  const communities = new Map((await tx.db.selectFrom('regions').select(['id', 'name', 'path', 'kind']).where('tenantId', '=', tx.tenantId).where('id', 'in', communityIds).execute()).map((c) => [c.id, c]));
  for (const [index, e] of entries.entries()) {
    const community = communities.get(e.communityId);
    if (!community) aboutEntry(notFound('区域'), index);
    if (community!.kind !== 'community') aboutEntry(invalid('报到须选择社区', 'Report in to a community'), index);
    if (options.review || e.userId !== actor.userId) {
      try {
        authorize(actor, 'reportin.review', { regionPath: community!.path });
      } catch (error) {
        aboutEntry(error, index);
      }
    }
  }
  const userIds = entries.map((e) => e.userId);
  const people = new Map<string, { id: string; name: string; isPartyMember: boolean; holdsMember: boolean }>();
  const units = new Set<string>();
  const open = new Map<string, { id: string; status: string }>();
  for (const chunk of chunked(userIds, 5000)) {
    const rows = await tx.db
      .selectFrom('users as u')
      .select(['u.id', 'u.name', 'u.isPartyMember'])
      .select((eb) =>
        eb
          .exists(eb.selectFrom('roleGrants as g').select('g.id').whereRef('g.tenantId', '=', 'u.tenantId').whereRef('g.userId', '=', 'u.id').where('g.role', '=', 'member').where('g.revokedAt', 'is', null))
          .as('holdsMember'),
      )
      .where('u.tenantId', '=', tx.tenantId)
      .where('u.id', 'in', chunk)
      .execute();
    for (const r of rows) people.set(r.id, { ...r, holdsMember: !!r.holdsMember });
    const memberships = await tx.db
      .selectFrom('userUnits as uu')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'uu.tenantId').onRef('o.id', '=', 'uu.unitId'))
      .select(['uu.userId', 'uu.unitId'])
      .where('uu.tenantId', '=', tx.tenantId)
      .where('uu.userId', 'in', chunk)
      .where('o.kind', '!=', 'party_org')
      .execute();
    for (const m of memberships) units.add(`${m.userId}:${m.unitId}`);
    const records = await tx.db.selectFrom('reportIns').select(['id', 'userId', 'status']).where('tenantId', '=', tx.tenantId).where('userId', 'in', chunk).where('status', 'in', OPEN_STATUSES).execute();
    for (const r of records) open.set(r.userId, r);
  }
  for (const [index, e] of entries.entries()) {
    const person = people.get(e.userId);
    if (!person) aboutEntry(notFound('用户'), index);
    if (!person!.isPartyMember && !person!.holdsMember) aboutEntry(new DomainError('FORBIDDEN', { 'zh-CN': '只有党员可以向社区报到', en: 'Only Party members report in to a community' }), index);
    if (!units.has(`${e.userId}:${e.unitId}`)) aboutEntry(invalid('请选择本人所在的工作单位（单位未登记时请联系单位或社区）', 'Choose a unit you belong to'), index);
    const already = open.get(e.userId);
    if (already) aboutEntry(conflict('已有进行中的报到记录', 'There is already an open report-in', { reportInId: already.id, status: already.status }), index);
  }
  return { communities, people };
}

/**
 * The batch form of submitReportIn on members' behalf (代为报到: a community worker entering a paper register, the
 * demo seed): for each entry the same checks — the actor reviews the community (`reportin.review`), the person is a
 * Party member or holds `member`, the unit is theirs, they have no open report-in — and the same `submitted` row,
 * `submit` event and `report_in.submit` audit entry, as a few multi-row statements. All or nothing; the first
 * failing entry is named by `details.index`. The community's secretaries are told once per community (how many,
 * and who) rather than once per member. Returns the records in input order.
 */
export async function submitReportIns({ ctx, input }: { ctx: Ctx; input: { entries: SubmitReportInEntry[] } }): Promise<ReportInRow[]> {
  const actor = requireActor(ctx);
  const entries = input.entries;
  if (entries.length === 0) return [];
  return withTransaction(ctx, async (tx) => {
    const { communities, people } = await checkSubmissions(tx, entries);
    const communityIds = [...communities.keys()];
    const now = tx.now();
    const rows = entries.map((e) => ({
      tenantId: tx.tenantId,
      id: newId(),
      userId: e.userId,
      communityId: e.communityId,
      unitId: e.unitId,
      skills: e.skills,
      intentions: e.intentions,
      note: e.note ?? null,
      status: 'submitted' as const,
      submittedAt: now,
      transferredFromId: null,
    }));
    const inserted = await insertRows<ReportInRow>(tx.db, 'report_ins', rows, { returning: ['*'] });
    const byId = new Map(inserted.map((r) => [r.id, r]));
    const records = rows.map((r) => byId.get(r.id)!);

    const events = records.map((r) => ({ tenantId: tx.tenantId, id: newId(), reportInId: r.id, action: 'submit', fromStatus: null, toStatus: 'submitted', actorId: actor.userId, note: null, data: null, at: now }));
    await insertRows(tx.db, 'report_in_events', events);
    await auditMany(tx, records.map((r) => ({ action: 'report_in.submit', targetType: 'report_in', targetId: r.id, regionId: r.communityId, after: snapshot(r) })));

    const holders = await holdersOfMany(tx.db, tx.tenantId, 'community_secretary', 'region', communityIds.map((id) => communities.get(id)!.path));
    for (const communityId of communityIds) {
      const community = communities.get(communityId)!;
      const mine = records.filter((r) => r.communityId === communityId);
      const secretaries = holders.get(community.path)!;
      if (secretaries.length === 0) continue;
      const names = mine.slice(0, 3).map((r) => people.get(r.userId)!.name);
      await tx.notifier.notify(tx, {
        userIds: secretaries,
        kind: 'report_in.submitted',
        title: '有党员报到，待确认',
        body: mine.length === 1 ? `${names[0]} 申请向${community.name}报到` : `${names.join('、')}等 ${mine.length} 名党员申请向${community.name}报到`,
        link: mine.length === 1 ? `/report-ins/${mine[0]!.id}` : `/report-ins?communityId=${communityId}&status=submitted`,
      });
    }
    return records;
  });
}
