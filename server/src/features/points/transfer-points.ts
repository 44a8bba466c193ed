import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { bookOf, ensureAccounts, findTransferIdBySource, fromCents, isSystem, loadTransfer, lockOwnerAccounts, postTransfer, requireCents, type AccountRef } from './points.queries.js';
import type { SettledTransfer } from './settle-certified-service.js';

export interface TransferPointsInput {
  from: AccountRef;
  to: AccountRef;
  /** Points moved, > 0, two decimals. */
  amount: number;
  ruleCode: string;
  /** The point-rule version that produced the transfer; null for moves no point rule produces (spends). */
  ruleVersion?: number | null;
  reason: string;
  /** What the transfer is for (e.g. a redemption order): one transfer per source and rule code. */
  sourceType: string;
  sourceId: string;
  occurredAt?: Date | string;
  communityId?: string | null;
  metadata?: Record<string, unknown>;
}

/**
 * Moves points between two accounts of one book, in the caller's transaction (a spend: member spendable →
 * tenant spendable_redeemed). An owner account never goes below zero: its row is locked before the balance is
 * read, so concurrent spends queue and each sees the last one's result (the balance CHECK is the backstop).
 * Idempotent per source and rule code. The caller authorises the move.
 */
export async function transferPoints({ ctx, input }: { ctx: Ctx; input: TransferPointsInput }): Promise<SettledTransfer> {
  const actor = requireActor(ctx);
  const cents = requireCents(input.amount, '积分数量', { positive: true });
  if (bookOf(input.from.kind) !== bookOf(input.to.kind)) throw invalid('考核积分与可兑换积分不能互转', 'Points move only within one book');
  if (input.from.ownerType === input.to.ownerType && input.from.ownerId === input.to.ownerId && input.from.kind === input.to.kind) {
    throw invalid('转出与转入账户相同', 'The two accounts are the same');
  }
  const reason = input.reason.trim();
  if (!reason || reason.length > 500) throw invalid('请填写原因（不超过 500 字）', 'A reason (up to 500 characters) is required');
  const occurredAt = input.occurredAt === undefined ? ctx.now() : new Date(input.occurredAt);
  if (Number.isNaN(+occurredAt)) throw invalid('发生时间无效', 'occurredAt is not a valid time');
  const source = { sourceType: input.sourceType, sourceId: input.sourceId, ruleCode: input.ruleCode };

  return withTransaction(ctx, async (tx) => {
    const { db, tenantId } = tx;
    const replay = async (id: string): Promise<SettledTransfer> => ({ ...(await loadTransfer(db, tenantId, id)), replayed: true });
    const done = await findTransferIdBySource(db, tenantId, source);
    if (done) return replay(done);

    const [from, to] = await ensureAccounts(db, tenantId, [input.from, input.to]);
    const balances = await lockOwnerAccounts(db, tenantId, [from!.id, to!.id]);
    const raced = await findTransferIdBySource(db, tenantId, source);
    if (raced) return replay(raced);
    const available = balances.get(from!.id);
    if (available !== undefined && available < cents) {
      throw conflict('积分余额不足', 'Not enough points', { reason: 'INSUFFICIENT_POINTS', balance: fromCents(available), amount: input.amount });
    }
    const owner = isSystem(input.from) ? input.to : input.from;
    const id = await postTransfer(db, tenantId, {
      ruleCode: input.ruleCode,
      ruleVersion: input.ruleVersion ?? null,
      reason,
      sourceType: source.sourceType,
      sourceId: source.sourceId,
      occurredAt,
      ownerType: isSystem(owner) ? null : owner.ownerType,
      ownerId: isSystem(owner) ? null : owner.ownerId,
      communityId: input.communityId ?? null,
      createdBy: actor.userId,
      metadata: input.metadata,
      movements: [
        { accountId: from!.id, cents: -cents },
        { accountId: to!.id, cents },
      ],
    });
    if (!id) return replay((await findTransferIdBySource(db, tenantId, source))!);
    return { ...(await loadTransfer(db, tenantId, id)), replayed: false };
  });
}
