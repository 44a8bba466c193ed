import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { balanceOf, buildMember, grantSpendable, ledgerViolations, settle, SOUND, spend } from './points.fixtures.js';
import { ensureAccounts, memberAccount, systemAccount } from './points.queries.js';
import { reverseTransfer } from './reverse-transfer.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

/** Opens a member's spendable account and the tenant's issued/redeemed accounts; returns their ids. */
async function accounts(userId: string) {
  const [spendable, assessment, issued, redeemed] = await ensureAccounts(env.db, env.tenantId, [
    memberAccount(userId, 'spendable'),
    memberAccount(userId, 'assessment'),
    systemAccount(env.tenantId, 'spendable_issued'),
    systemAccount(env.tenantId, 'spendable_redeemed'),
  ]);
  return { spendable: spendable!.id, assessment: assessment!.id, issued: issued!.id, redeemed: redeemed!.id };
}

/** Writes a raw transfer with the given movements in one transaction, bypassing the verbs. */
const rawTransfer = (movements: Array<{ accountId: string; amount: string }>) =>
  env.db.transaction().execute(async (trx) => {
    const id = newId();
    await trx
      .insertInto('ledgerTransfers')
      .values({ tenantId: env.tenantId, id, ruleCode: 'test.raw', ruleVersion: null, reason: 'raw', sourceType: 'test', sourceId: newId(), occurredAt: new Date(), metadata: '{}', createdBy: env.sys.actor!.userId })
      .execute();
    if (movements.length) await trx.insertInto('ledgerMovements').values(movements.map((m) => ({ tenantId: env.tenantId, id: newId(), transferId: id, ...m }))).execute();
    return id;
  });

describe('the database enforces the ledger', () => {
  it('accepts a balanced transfer and maintains the owner balance', async () => {
    const member = await buildMember(env);
    const a = await accounts(member.id);
    await rawTransfer([
      { accountId: a.issued, amount: '-3.50' },
      { accountId: a.spendable, amount: '3.50' },
    ]);
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(3.5);
  });

  it('refuses a transfer whose movements do not sum to zero, and one that moves points across books', async () => {
    const member = await buildMember(env);
    const a = await accounts(member.id);
    await expect(rawTransfer([{ accountId: a.spendable, amount: '5.00' }])).rejects.toThrow(/does not balance/);
    await expect(
      rawTransfer([
        { accountId: a.issued, amount: '-5.00' },
        { accountId: a.spendable, amount: '4.99' },
      ]),
    ).rejects.toThrow(/does not balance/);
    // spendable_issued → assessment: sums to zero overall, but not per book
    await expect(
      rawTransfer([
        { accountId: a.issued, amount: '-5.00' },
        { accountId: a.assessment, amount: '5.00' },
      ]),
    ).rejects.toThrow(/does not balance/);
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(0);
    expect(await balanceOf(env.db, env.tenantId, member.id, 'assessment')).toBe(0);
  });

  it('refuses zero amounts and an owner balance below zero', async () => {
    const member = await buildMember(env);
    const a = await accounts(member.id);
    await expect(rawTransfer([{ accountId: a.spendable, amount: '0' }])).rejects.toThrow(/check/i);
    await expect(
      rawTransfer([
        { accountId: a.spendable, amount: '-1.00' },
        { accountId: a.redeemed, amount: '1.00' },
      ]),
    ).rejects.toThrow(/point_accounts_balance_check|check constraint/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on transfers, movements and rules', async () => {
    const member = await buildMember(env);
    await settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '2026-03-02T10:00:00+08:00' });
    for (const statement of [
      sql`update ledger_transfers set reason = 'changed'`,
      sql`delete from ledger_transfers`,
      sql`truncate ledger_transfers cascade`,
      sql`update ledger_movements set amount = amount * 2`,
      sql`delete from ledger_movements`,
      sql`truncate ledger_movements`,
      sql`update point_rules set points_per_hour = 100`,
      sql`delete from point_rules`,
    ]) {
      await expect(statement.execute(env.db)).rejects.toThrow(/append-only/);
    }
    const rows = await env.db.selectFrom('ledgerTransfers').select('reason').where('tenantId', '=', env.tenantId).where('ownerId', '=', member.id).execute();
    expect(rows.map((r) => r.reason)).toEqual(['认证志愿服务 60 分钟']);
  });

  it('balances change only through movements; accounts are never deleted or re-owned', async () => {
    const member = await buildMember(env);
    await grantSpendable(env, member.id, 2);
    for (const statement of [
      sql`update point_accounts set balance = 1000 where owner_id = ${member.id}`,
      sql`update point_accounts set owner_id = ${newId()} where owner_id = ${member.id}`,
      sql`delete from point_accounts where owner_id = ${member.id}`,
    ]) {
      await expect(statement.execute(env.db)).rejects.toThrow(/point_accounts/);
    }
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(2);
  });

  it('a committed transfer is closed: later movements cannot join it, even balanced ones', async () => {
    const member = await buildMember(env);
    const a = await accounts(member.id);
    const id = await rawTransfer([
      { accountId: a.issued, amount: '-1.00' },
      { accountId: a.spendable, amount: '1.00' },
    ]);
    // Accounts the transfer does not touch yet (one movement per account and transfer is a key of its own).
    const other = await accounts((await buildMember(env)).id);
    const late = env.db.insertInto('ledgerMovements').values([
      { tenantId: env.tenantId, id: newId(), transferId: id, accountId: a.redeemed, amount: '-9.00' },
      { tenantId: env.tenantId, id: newId(), transferId: id, accountId: other.spendable, amount: '9.00' },
    ]);
    await expect(late.execute()).rejects.toThrow(/closed/);
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(1);
  });
});

describe('concurrent spends', () => {
  it('200 parallel spends of 1 point on a balance of 10: exactly 10 succeed, the balance ends at 0', async () => {
    const member = await buildMember(env);
    await grantSpendable(env, member.id, 10);
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => spend(env, member.id, 1)));
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(10);
    expect(rejected).toHaveLength(190);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(DomainError);
      expect((r.reason as DomainError).code).toBe('CONFLICT');
    }
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(0);
    expect(await ledgerViolations(env.db, env.tenantId)).toEqual(SOUND);
  });

  it('a spend is idempotent per source: 20 parallel retries of one order move the points once', async () => {
    const member = await buildMember(env);
    await grantSpendable(env, member.id, 5);
    const order = newId();
    const results = await Promise.all(Array.from({ length: 20 }, () => spend(env, member.id, 2, order)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(3);
  });

  it('refuses amounts that are not positive two-decimal numbers, and moves across books', async () => {
    const member = await buildMember(env);
    await grantSpendable(env, member.id, 5);
    for (const amount of [0, -1, 0.001, Number.NaN]) await expect(spend(env, member.id, amount)).rejects.toMatchObject({ code: 'VALIDATION' });
    const { transferPoints } = await import('./transfer-points.js');
    await expect(
      transferPoints({
        ctx: env.sys,
        input: { from: memberAccount(member.id, 'spendable'), to: memberAccount(member.id, 'assessment'), amount: 1, ruleCode: 'x', reason: 'x', sourceType: 'test', sourceId: newId() },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(5);
  });
});

/** Deterministic pseudo-random numbers (mulberry32), so that a failing sequence can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('invariants after a randomised sequence', () => {
  it('settlements, reversals and spends, in concurrent rounds: every invariant holds and caps are respected', async () => {
    const rnd = random(20261128);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const members = await Promise.all(Array.from({ length: 5 }, () => buildMember(env)));
    const days = ['2026-05-04', '2026-05-05', '2026-05-06'];
    const settled: string[] = [];
    const outcomes = { settle: 0, reverse: 0, spend: 0, refused: 0 };
    for (let round = 0; round < 12; round++) {
      const ops = Array.from({ length: 10 }, () => {
        const r = rnd();
        const member = pick(members);
        if (r < 0.5) {
          const minutes = pick([0, 30, 60, 90, 120, 240, 300]);
          const rate = rnd() < 0.3 ? pick([0.5, 2, 1.25]) : undefined;
          return async () => {
            const t = await settle(env, { userId: member.id, certifiedMinutes: minutes, occurredAt: `${pick(days)}T${String(8 + Math.floor(rnd() * 10)).padStart(2, '0')}:00:00+08:00`, pointsPerHour: rate });
            settled.push(t.id);
            outcomes.settle++;
          };
        }
        if (r < 0.7 && settled.length > 0) {
          const target = pick(settled);
          return async () => {
            await reverseTransfer({ ctx: env.sys, input: { transferId: target, reason: '随机冲正' } });
            outcomes.reverse++;
          };
        }
        const amount = pick([0.5, 1, 2.25, 3, 7]);
        return async () => {
          await spend(env, member.id, amount);
          outcomes.spend++;
        };
      });
      const results = await Promise.allSettled(ops.map((op) => op()));
      for (const r of results) {
        if (r.status === 'rejected') {
          // Only the ledger's own refusals are expected: not enough points (spend, or a reversal of spent points).
          expect(r.reason, String(r.reason)).toBeInstanceOf(DomainError);
          expect((r.reason as DomainError).code).toBe('CONFLICT');
          outcomes.refused++;
        }
      }
    }
    expect(outcomes.settle).toBeGreaterThan(20);
    expect(outcomes.spend + outcomes.reverse).toBeGreaterThan(20);
    expect(await ledgerViolations(env.db, env.tenantId)).toEqual(SOUND);

    // No member earned more than the daily cap (8) of base points under service.certified on any day.
    const perDay = await sql<{ total: number }>`
      select sum(base_points) as total from ledger_transfers
       where tenant_id = ${env.tenantId} and rule_code = 'service.certified'
       group by owner_id, (occurred_at at time zone 'Asia/Shanghai')::date`.execute(env.db);
    expect(perDay.rows.length).toBeGreaterThan(0);
    for (const row of perDay.rows) expect(Number(row.total)).toBeLessThanOrEqual(8);

    // Each reversal mirrors its original exactly; no transfer is reversed twice.
    const pairs = await sql<{ n: number }>`select count(*) as n from ledger_transfers where tenant_id = ${env.tenantId} and corrects_id is not null group by corrects_id having count(*) > 1`.execute(env.db);
    expect(pairs.rows).toEqual([]);
  });
});
