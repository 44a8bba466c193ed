import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { newId } from '../../platform/ids.js';
import { appendEvent, OPEN_STATUSES, snapshot } from './report-ins.machine.js';
import { findCommunity, findMemberUnit, holdersOf } from './report-ins.queries.js';
import type { SubmitReportInInput } from './report-ins.schemas.js';

/** The person reporting in: a Party member (as registered) or a holder of the `member` role; FORBIDDEN otherwise. */
export async function findReportingMember(ctx: Ctx, userId: string) {
  const user = await ctx.db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.isPartyMember'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('roleGrants as g').select('g.id').whereRef('g.tenantId', '=', 'u.tenantId').whereRef('g.userId', '=', 'u.id').where('g.role', '=', 'member').where('g.revokedAt', 'is', null))
        .as('holdsMember'),
    )
    .where('u.tenantId', '=', ctx.tenantId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!user) throw notFound('用户');
  if (!user.isPartyMember && !user.holdsMember) {
    throw new DomainError('FORBIDDEN', { 'zh-CN': '只有党员可以向社区报到', en: 'Only Party members report in to a community' });
  }
  return user;
}

export interface StartReportIn {
  userId: string;
  userName: string;
  community: { id: string; name: string; path: string };
  unitId: string;
  skills: string[];
  intentions: string[];
  note: string | null;
  transferredFromId?: string;
}

/** Inserts a `submitted` record, its first event and audit entry, and tells the community's secretaries. */
export async function startReportIn(tx: Ctx, s: StartReportIn) {
  const open = await tx.db.selectFrom('reportIns').select(['id', 'status']).where('tenantId', '=', tx.tenantId).where('userId', '=', s.userId).where('status', 'in', OPEN_STATUSES).executeTakeFirst();
  if (open) throw conflict('已有进行中的报到记录', 'There is already an open report-in', { reportInId: open.id, status: open.status });
  const now = tx.now();
  const record = await tx.db
    .insertInto('reportIns')
    .values({
      tenantId: tx.tenantId,
      id: newId(),
      userId: s.userId,
      communityId: s.community.id,
      unitId: s.unitId,
      skills: JSON.stringify(s.skills),
      intentions: JSON.stringify(s.intentions),
      note: s.note,
      status: 'submitted',
      submittedAt: now,
      transferredFromId: s.transferredFromId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEvent(tx, { reportInId: record.id, action: 'submit', fromStatus: null, toStatus: 'submitted', data: s.transferredFromId ? { transferredFromId: s.transferredFromId } : undefined });
  await audit(tx, { action: 'report_in.submit', targetType: 'report_in', targetId: record.id, regionId: s.community.id, after: snapshot(record) });
  const secretaries = await holdersOf(tx.db, tx.tenantId, 'community_secretary', { regionPath: s.community.path });
  if (secretaries.length) {
    await tx.notifier.notify(tx, {
      userIds: secretaries,
      kind: 'report_in.submitted',
      title: s.transferredFromId ? '有党员迁入报到，待确认' : '有党员报到，待确认',
      body: `${s.userName} 申请向${s.community.name}报到`,
      link: `/report-ins/${record.id}`,
    });
  }
  return record;
}

/**
 * 在职党员到社区报到: the member names their residence community, work unit, skills and service intentions.
 * `userId` submits on someone's behalf (代为报到, e.g. for an elderly member, or the demo seed): the actor must
 * review report-ins of that community.
 */
export async function submitReportIn({ ctx, input }: { ctx: Ctx; input: SubmitReportInInput & { userId?: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const community = await findCommunity(tx.db, tx.tenantId, input.communityId);
    const userId = input.userId ?? actor.userId;
    if (userId !== actor.userId) authorize(actor, 'reportin.review', { regionPath: community.path });
    const user = await findReportingMember(tx, userId);
    await findMemberUnit(tx.db, tx.tenantId, user.id, input.unitId);
    return startReportIn(tx, {
      userId: user.id,
      userName: user.name,
      community,
      unitId: input.unitId,
      skills: input.skills,
      intentions: input.intentions,
      note: input.note ?? null,
    });
  });
}
