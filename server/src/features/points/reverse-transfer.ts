import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, DomainError, invalid } from '../../platform/errors.js';
import { findTransferIdBySource, fromCents, loadTransfer, lockOwnerAccounts, postTransfer, toCents } from './points.queries.js';
import type { SettledTransfer } from './settle-certified-service.js';

export const REVERSAL_SOURCE = 'ledger_transfer';

/**
 * Corrects a transfer by a new, opposite one (same rule and version, same occurrence time so that caps and
 * year figures net out; negated certified minutes and base points). A transfer is reversed at most once (the
 * source key); a second call returns the first reversal. Refused when an owner account no longer holds the
 * points (already spent): the spend is undone first. The caller authorises the correction.
 */
export async function reverseTransfer({ ctx, input }: { ctx: Ctx; input: { transferId: string; reason: string } }): Promise<SettledTransfer> {
  const actor = requireActor(ctx);
  const reason = input.reason.trim();
  if (!reason || reason.length > 500) throw invalid('请填写冲正原因（不超过 500 字）', 'A reason (up to 500 characters) is required');

  return withTransaction(ctx, async (tx) => {
    const { db, tenantId } = tx;
    const original = await loadTransfer(db, tenantId, input.transferId);
    if (original.correctsId) {
      throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '冲正流水不能再次冲正', en: 'A correction cannot itself be reversed' });
    }
    const source = { sourceType: REVERSAL_SOURCE, sourceId: original.id, ruleCode: original.ruleCode };
    const replay = async (id: string): Promise<SettledTransfer> => ({ ...(await loadTransfer(db, tenantId, id)), replayed: true });
    const done = await findTransferIdBySource(db, tenantId, source);
    if (done) return replay(done);

    const balances = await lockOwnerAccounts(db, tenantId, original.movements.map((m) => m.accountId));
    const raced = await findTransferIdBySource(db, tenantId, source);
    if (raced) return replay(raced);
    for (const m of original.movements) {
      const balance = balances.get(m.accountId);
      if (balance !== undefined && balance - toCents(m.amount) < 0) {
        throw conflict('积分已被使用，余额不足以冲正；请先撤销兑换', 'The points have been spent; undo the spend before reversing', {
          accountId: m.accountId,
          balance: fromCents(balance),
          needed: m.amount,
        });
      }
    }

    const id = await postTransfer(db, tenantId, {
      ruleCode: original.ruleCode,
      ruleVersion: original.ruleVersion,
      reason,
      sourceType: source.sourceType,
      sourceId: source.sourceId,
      occurredAt: original.occurredAt,
      ownerType: original.ownerType,
      ownerId: original.ownerId,
      communityId: original.communityId,
      certifiedMinutes: -original.certifiedMinutes,
      basePointsCents: -toCents(original.basePoints),
      correctsId: original.id,
      createdBy: actor.userId,
      metadata: { reverses: original.id, originalSource: { type: original.sourceType, id: original.sourceId } },
      movements: original.movements.map((m) => ({ accountId: m.accountId, cents: -toCents(m.amount) })),
    });
    if (!id) return replay((await findTransferIdBySource(db, tenantId, source))!);
    const reversal = await loadTransfer(db, tenantId, id);
    await audit(tx, {
      action: 'points.transfer_reversed',
      targetType: 'ledger_transfer',
      targetId: original.id,
      regionId: original.communityId,
      after: { reversalId: id, reason, assessment: reversal.assessment, spendable: reversal.spendable, certifiedMinutes: reversal.certifiedMinutes },
    });
    return { ...reversal, replayed: false };
  });
}
