import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { newId } from '../../platform/ids.js';
import { nextPhone, type TestEnv } from '../../test/harness.js';
import { createUser } from '../users/create-user.js';
import { memberAccount, systemAccount } from './points.queries.js';
import { settleCertifiedService, type SettleCertifiedServiceInput } from './settle-certified-service.js';
import { transferPoints } from './transfer-points.js';

/** A member without a login (ledger tests need people, not sessions). */
export const buildMember = (env: TestEnv, regionId = env.rootId) => createUser({ ctx: env.sys, input: { phone: nextPhone(), name: '积分测试', regionId } });

export const settle = (env: TestEnv, input: Partial<SettleCertifiedServiceInput> & { userId: string; certifiedMinutes: number; occurredAt: string | Date }) =>
  settleCertifiedService({
    ctx: env.sys,
    input: { sourceType: 'service_record', sourceId: newId(), communityId: env.rootId, itemId: newId(), category: 'patrol', ...input },
  });

/** Credits spendable points straight from the tenant's issued account (a test stand-in for settled service). */
export const grantSpendable = (env: TestEnv, userId: string, amount: number) =>
  transferPoints({
    ctx: env.sys,
    input: { from: systemAccount(env.tenantId, 'spendable_issued'), to: memberAccount(userId, 'spendable'), amount, ruleCode: 'test.grant', reason: '测试发放', sourceType: 'test', sourceId: newId() },
  });

export const spend = (env: TestEnv, userId: string, amount: number, sourceId = newId(), occurredAt?: string) =>
  transferPoints({
    ctx: env.sys,
    input: { from: memberAccount(userId, 'spendable'), to: systemAccount(env.tenantId, 'spendable_redeemed'), amount, ruleCode: 'shop.redeem', reason: '积分兑换', sourceType: 'redemption_order', sourceId, occurredAt },
  });

export async function balanceOf(db: Database, tenantId: string, userId: string, kind: 'assessment' | 'spendable') {
  const row = await db.selectFrom('pointAccounts').select('balance').where('tenantId', '=', tenantId).where('ownerType', '=', 'user').where('ownerId', '=', userId).where('kind', '=', kind).executeTakeFirst();
  return row?.balance ?? 0;
}

/** The ledger's invariants, checked from the tables: returns the violations (empty when sound). */
export async function ledgerViolations(db: Database, tenantId: string) {
  const total = await sql<{ total: number | null }>`select sum(amount) as total from ledger_movements where tenant_id = ${tenantId}`.execute(db);
  const drift = await sql<{ id: string }>`
    select a.id from point_accounts a left join ledger_movements m on m.tenant_id = a.tenant_id and m.account_id = a.id
     where a.tenant_id = ${tenantId} and a.balance is not null
     group by a.id, a.balance having a.balance <> coalesce(sum(m.amount), 0)`.execute(db);
  const negative = await sql<{ id: string }>`select id from point_accounts where tenant_id = ${tenantId} and balance < 0`.execute(db);
  const unbalanced = await sql<{ transfer_id: string }>`
    select m.transfer_id from ledger_movements m join point_accounts a on a.tenant_id = m.tenant_id and a.id = m.account_id
     where m.tenant_id = ${tenantId} group by m.transfer_id, a.book having sum(m.amount) <> 0`.execute(db);
  return {
    totalNotZero: Number(total.rows[0]?.total ?? 0) !== 0,
    balanceDrift: drift.rows.length,
    negativeBalances: negative.rows.length,
    unbalancedTransfers: unbalanced.rows.length,
  };
}

export const SOUND = { totalNotZero: false, balanceDrift: 0, negativeBalances: 0, unbalancedTransfers: 0 };
