import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { dayNumberOf, dayStartMs, SHANGHAI_OFFSET_MS } from '../../platform/calendar/shanghai-time.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import {
  basePointsUsed,
  ensureAccounts,
  findTransferIdBySource,
  loadTransfer,
  lockOwnerAccounts,
  memberAccount,
  postTransfer,
  requireCents,
  systemAccount,
  toCents,
  type TransferView,
} from './points.queries.js';
import { ruleInForce, SERVICE_CERTIFIED } from './rule-in-force.js';

export interface SettleCertifiedServiceInput {
  sourceType: 'service_record';
  sourceId: string;
  userId: string;
  communityId: string;
  itemId: string;
  category: string;
  /** Minutes as certified (already rounded by the certification rule). */
  certifiedMinutes: number;
  /** When the service took place: picks the rule version and the day/year the caps count against. */
  occurredAt: Date | string;
  /** The item's own rate; replaces the rule's points_per_hour (the rule's fixed points, factors and caps still apply). */
  pointsPerHour?: number | null;
}

export type SettledTransfer = TransferView & { replayed: boolean };

const MAX_MINUTES = 7 * 24 * 60;

/** Start and end (exclusive) of the Shanghai calendar day and year an instant falls in. */
export function capWindows(at: Date) {
  const day = dayNumberOf(at);
  const year = new Date(+at + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return {
    day: { from: new Date(dayStartMs(day)), to: new Date(dayStartMs(day + 1)) },
    year: { from: new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS), to: new Date(Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS) },
  };
}

/**
 * Settles certified service into points under the rule in force when the service occurred, in the caller's
 * transaction: one transfer from the tenant's issued accounts to the member's assessment and spendable
 * accounts, capped per day and year by the member's earlier transfers of the rule. Idempotent per source: a
 * second call returns the first transfer. A transfer is written even when caps leave no points, so the
 * certified minutes still count. The caller has authorised the certification; settlement trusts it.
 */
export async function settleCertifiedService({ ctx, input }: { ctx: Ctx; input: SettleCertifiedServiceInput }): Promise<SettledTransfer> {
  const actor = requireActor(ctx);
  if (input.sourceType !== 'service_record') throw invalid('来源类型不正确', 'sourceType must be service_record');
  if (!Number.isInteger(input.certifiedMinutes) || input.certifiedMinutes < 0 || input.certifiedMinutes > MAX_MINUTES) {
    throw invalid('认证时长须为 0 至 10080 之间的整数分钟', 'certifiedMinutes must be a whole number from 0 to 10080');
  }
  const occurredAt = new Date(input.occurredAt);
  if (Number.isNaN(+occurredAt)) throw invalid('服务时间无效', 'occurredAt is not a valid time');
  const itemRate = input.pointsPerHour == null ? undefined : requireCents(input.pointsPerHour, '每小时积分');
  const source = { sourceType: input.sourceType, sourceId: input.sourceId, ruleCode: SERVICE_CERTIFIED };

  return withTransaction(ctx, async (tx) => {
    const { db, tenantId } = tx;
    const replay = async (id: string): Promise<SettledTransfer> => ({ ...(await loadTransfer(db, tenantId, id)), replayed: true });
    const settled = await findTransferIdBySource(db, tenantId, source);
    if (settled) return replay(settled);

    const user = await db.selectFrom('users').select('id').where('tenantId', '=', tenantId).where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw notFound('用户');
    const rule = await ruleInForce(tx, SERVICE_CERTIFIED, occurredAt);
    if (!rule) throw conflict('服务发生时没有生效的积分规则', 'No point rule was in force when the service took place');

    const [assessment, spendable, assessmentIssued, spendableIssued] = await ensureAccounts(db, tenantId, [
      memberAccount(user.id, 'assessment'),
      memberAccount(user.id, 'spendable'),
      systemAccount(tenantId, 'assessment_issued'),
      systemAccount(tenantId, 'spendable_issued'),
    ]);
    // The member's accounts are locked before caps are counted: their concurrent settlements queue here.
    await lockOwnerAccounts(db, tenantId, [assessment!.id, spendable!.id]);
    const raced = await findTransferIdBySource(db, tenantId, source);
    if (raced) return replay(raced);

    const rateCents = itemRate ?? toCents(rule.pointsPerHour);
    const uncapped = toCents(rule.pointsFixed) + Math.round((rateCents * input.certifiedMinutes) / 60);
    let base = uncapped;
    let cappedBy: 'day' | 'year' | null = null;
    const windows = capWindows(occurredAt);
    for (const [period, cap] of [['day', rule.capPerDay], ['year', rule.capPerYear]] as const) {
      if (cap === null) continue;
      const used = await basePointsUsed(db, tenantId, { ownerId: user.id, ruleCode: rule.code, ...windows[period] });
      const room = Math.max(0, toCents(cap) - used);
      if (room < base) [base, cappedBy] = [room, period];
    }
    const assessmentCents = Math.round((base * toCents(rule.assessmentFactor)) / 100);
    const spendableCents = Math.round((base * toCents(rule.spendableFactor)) / 100);

    const id = await postTransfer(db, tenantId, {
      ruleCode: rule.code,
      ruleVersion: rule.version,
      reason: `认证志愿服务 ${input.certifiedMinutes} 分钟`,
      sourceType: source.sourceType,
      sourceId: source.sourceId,
      occurredAt,
      ownerType: 'user',
      ownerId: user.id,
      communityId: input.communityId,
      certifiedMinutes: input.certifiedMinutes,
      basePointsCents: base,
      createdBy: actor.userId,
      metadata: {
        itemId: input.itemId,
        category: input.category,
        pointsPerHour: rateCents / 100,
        rateFrom: itemRate === undefined ? 'rule' : 'item',
        uncappedPoints: uncapped / 100,
        cappedBy,
      },
      movements: [
        { accountId: assessmentIssued!.id, cents: -assessmentCents },
        { accountId: assessment!.id, cents: assessmentCents },
        { accountId: spendableIssued!.id, cents: -spendableCents },
        { accountId: spendable!.id, cents: spendableCents },
      ],
    });
    if (!id) return replay((await findTransferIdBySource(db, tenantId, source))!);
    return { ...(await loadTransfer(db, tenantId, id)), replayed: false };
  });
}
