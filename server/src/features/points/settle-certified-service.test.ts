import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createTestEnv, nextPhone, type TestEnv } from '../../test/harness.js';
import { createTenant } from '../tenants/create-tenant.js';
import { createUser } from '../users/create-user.js';
import { createPointRule } from './create-point-rule.js';
import { balanceOf, buildMember, ledgerViolations, settle, SOUND, spend } from './points.fixtures.js';
import { reverseTransfer } from './reverse-transfer.js';
import { ruleInForce, SERVICE_CERTIFIED } from './rule-in-force.js';
import { settleCertifiedService } from './settle-certified-service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const balances = async (userId: string) => ({
  assessment: await balanceOf(env.db, env.tenantId, userId, 'assessment'),
  spendable: await balanceOf(env.db, env.tenantId, userId, 'spendable'),
});

describe('settleCertifiedService under the default rule', () => {
  it('credits 1 assessment and 1 spendable point per certified hour, from the tenant’s issued accounts, naming rule and version', async () => {
    const member = await buildMember(env);
    const itemId = newId();
    const t = await settle(env, { userId: member.id, certifiedMinutes: 90, occurredAt: '2026-04-01T09:00:00+08:00', itemId, category: 'elderly_care' });
    expect(t).toMatchObject({ ruleCode: 'service.certified', ruleVersion: 1, certifiedMinutes: 90, basePoints: 1.5, assessment: 1.5, spendable: 1.5, replayed: false, ownerId: member.id });
    expect(t.metadata).toMatchObject({ itemId, category: 'elderly_care', pointsPerHour: 1, rateFrom: 'rule', cappedBy: null });
    expect(t.movements.map((m) => [m.kind, m.amount]).sort()).toEqual([
      ['assessment', 1.5],
      ['assessment_issued', -1.5],
      ['spendable', 1.5],
      ['spendable_issued', -1.5],
    ]);
    expect(await balances(member.id)).toEqual({ assessment: 1.5, spendable: 1.5 });
  });

  it('is idempotent per source: a second call returns the first transfer; 20 parallel calls write one', async () => {
    const member = await buildMember(env);
    const sourceId = newId();
    const first = await settle(env, { userId: member.id, sourceId, certifiedMinutes: 60, occurredAt: '2026-04-02T09:00:00+08:00' });
    const again = await settle(env, { userId: member.id, sourceId, certifiedMinutes: 600, occurredAt: '2026-04-03T09:00:00+08:00' });
    expect(again.id).toBe(first.id);
    expect(again.replayed).toBe(true);
    expect(again.certifiedMinutes).toBe(60);

    const burstSource = newId();
    const burst = await Promise.all(Array.from({ length: 20 }, () => settle(env, { userId: member.id, sourceId: burstSource, certifiedMinutes: 120, occurredAt: '2026-04-04T09:00:00+08:00' })));
    expect(new Set(burst.map((t) => t.id)).size).toBe(1);
    expect(burst.filter((t) => !t.replayed)).toHaveLength(1);
    expect(await balances(member.id)).toEqual({ assessment: 3, spendable: 3 });
  });

  it('caps base points at 8 per member per day (Asia/Shanghai), counting earlier settlements; a capped-out service still records its minutes', async () => {
    const member = await buildMember(env);
    const a = await settle(env, { userId: member.id, certifiedMinutes: 300, occurredAt: '2026-04-10T08:00:00+08:00' });
    const b = await settle(env, { userId: member.id, certifiedMinutes: 300, occurredAt: '2026-04-10T14:00:00+08:00' });
    const c = await settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '2026-04-10T23:30:00+08:00' });
    const nextDay = await settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '2026-04-11T00:10:00+08:00' });
    expect([a.basePoints, b.basePoints, c.basePoints, nextDay.basePoints]).toEqual([5, 3, 0, 1]);
    expect(b.metadata).toMatchObject({ cappedBy: 'day', uncappedPoints: 5 });
    expect(c.movements).toEqual([]);
    expect(c.certifiedMinutes).toBe(60);
    expect(await balances(member.id)).toEqual({ assessment: 9, spendable: 9 });
  });

  it('caps hold under concurrent settlements of one member (10 parallel 2-hour services on one day → 8)', async () => {
    const member = await buildMember(env);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => settle(env, { userId: member.id, certifiedMinutes: 120, occurredAt: `2026-04-20T${String(8 + i).padStart(2, '0')}:00:00+08:00` })));
    expect(results.reduce((s, t) => s + t.basePoints, 0)).toBe(8);
    expect(await balances(member.id)).toEqual({ assessment: 8, spendable: 8 });
  });

  it('an item’s own rate replaces the rule’s per-hour rate; the rule’s caps still apply', async () => {
    const member = await buildMember(env);
    const t = await settle(env, { userId: member.id, certifiedMinutes: 90, occurredAt: '2026-04-12T09:00:00+08:00', pointsPerHour: 3 });
    expect(t).toMatchObject({ basePoints: 4.5, assessment: 4.5, spendable: 4.5 });
    expect(t.metadata).toMatchObject({ pointsPerHour: 3, rateFrom: 'item' });
    const capped = await settle(env, { userId: member.id, certifiedMinutes: 120, occurredAt: '2026-04-12T15:00:00+08:00', pointsPerHour: 3 });
    expect(capped).toMatchObject({ basePoints: 3.5, metadata: expect.objectContaining({ cappedBy: 'day', uncappedPoints: 6 }) });
    const nullRate = await settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '2026-04-13T09:00:00+08:00', pointsPerHour: null });
    expect(nullRate.metadata).toMatchObject({ rateFrom: 'rule', pointsPerHour: 1 });
  });

  it('on a fresh tenant, 20 parallel first settlements seed the default rule once and open each account once', async () => {
    const tenant = await createTenant(env.db, { code: `fresh${Date.now().toString(36)}`, name: '新州' });
    const ctx = { ...env.sys, tenantId: tenant.id };
    const people = await Promise.all(Array.from({ length: 20 }, () => createUser({ ctx, input: { phone: nextPhone(), name: '新成员' } })));
    const results = await Promise.all(
      people.map((p) =>
        settleCertifiedService({
          ctx,
          input: { sourceType: 'service_record', sourceId: newId(), userId: p.id, communityId: tenant.id, itemId: newId(), category: 'x', certifiedMinutes: 60, occurredAt: '2026-04-16T09:00:00+08:00' },
        }),
      ),
    );
    expect(results.every((t) => t.ruleVersion === 1 && t.assessment === 1)).toBe(true);
    const rules = await env.db.selectFrom('pointRules').select('version').where('tenantId', '=', tenant.id).execute();
    expect(rules).toEqual([{ version: 1 }]);
    const system = await env.db.selectFrom('pointAccounts').select('kind').where('tenantId', '=', tenant.id).where('ownerType', '=', 'tenant').orderBy('kind').execute();
    expect(system.map((a) => a.kind)).toEqual(['assessment_issued', 'spendable_issued']);
    expect(await ledgerViolations(env.db, tenant.id)).toEqual(SOUND);
  });

  it('runs in the caller’s transaction: a rollback there leaves no trace', async () => {
    const member = await buildMember(env);
    const sourceId = newId();
    await expect(
      env.db.transaction().execute(async (trx) => {
        await settleCertifiedService({
          ctx: { ...env.sys, db: trx },
          input: { sourceType: 'service_record', sourceId, userId: member.id, communityId: env.rootId, itemId: newId(), category: 'x', certifiedMinutes: 60, occurredAt: '2026-04-14T09:00:00+08:00' },
        });
        throw new Error('certification failed later');
      }),
    ).rejects.toThrow('certification failed later');
    expect(await balances(member.id)).toEqual({ assessment: 0, spendable: 0 });
    const t = await settle(env, { userId: member.id, sourceId, certifiedMinutes: 60, occurredAt: '2026-04-14T09:00:00+08:00' });
    expect(t.replayed).toBe(false);
  });

  it('refuses bad input: unknown member, fractional or negative minutes, a bad rate or time, no actor', async () => {
    const member = await buildMember(env);
    const at = '2026-04-15T09:00:00+08:00';
    await expect(settle(env, { userId: newId(), certifiedMinutes: 60, occurredAt: at })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const certifiedMinutes of [-1, 1.5, 100_000]) await expect(settle(env, { userId: member.id, certifiedMinutes, occurredAt: at })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: at, pointsPerHour: -1 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: 'yesterday' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      settleCertifiedService({ ctx: { ...env.sys, actor: null }, input: { sourceType: 'service_record', sourceId: newId(), userId: member.id, communityId: env.rootId, itemId: newId(), category: 'x', certifiedMinutes: 60, occurredAt: at } }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '1999-12-31T12:00:00+08:00' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await balances(member.id)).toEqual({ assessment: 0, spendable: 0 });
  });
});

describe('rule versions', () => {
  // Versions here take effect in 2030, so the other tests (2026) keep the default rule.
  it('an event before a new version keeps the old rule’s points; after, the new one applies; year caps count', async () => {
    const v2 = await createPointRule({
      ctx: env.sys,
      input: { code: SERVICE_CERTIFIED, name: '2030 版', eventType: 'service.certified', pointsPerHour: 2, spendableFactor: 0.5, capPerDay: null, capPerYear: 10, effectiveFrom: '2030-01-01T00:00:00+08:00', note: '试行' },
    });
    expect(v2).toMatchObject({ version: 2, pointsPerHour: 2, assessmentFactor: 1, spendableFactor: 0.5, capPerDay: null, capPerYear: 10, inForce: false });
    expect((await ruleInForce(env.sys, SERVICE_CERTIFIED, new Date('2029-12-31T23:59:59+08:00')))!.version).toBe(1);
    expect((await ruleInForce(env.sys, SERVICE_CERTIFIED, new Date('2030-01-01T00:00:00+08:00')))!.version).toBe(2);

    const member = await buildMember(env);
    const before = await settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '2029-12-31T23:00:00+08:00' });
    const after = await settle(env, { userId: member.id, certifiedMinutes: 180, occurredAt: '2030-01-01T00:30:00+08:00' });
    expect(before).toMatchObject({ ruleVersion: 1, basePoints: 1, assessment: 1, spendable: 1 });
    expect(after).toMatchObject({ ruleVersion: 2, basePoints: 6, assessment: 6, spendable: 3 });

    // The year cap (10) counts the member's earlier 2030 transfers; the next year starts afresh.
    const capped = await settle(env, { userId: member.id, certifiedMinutes: 180, occurredAt: '2030-03-01T09:00:00+08:00' });
    expect(capped).toMatchObject({ basePoints: 4, metadata: expect.objectContaining({ cappedBy: 'year' }) });
    const none = await settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '2030-12-31T23:00:00+08:00' });
    expect(none.basePoints).toBe(0);
    const nextYear = await settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '2031-01-01T00:30:00+08:00' });
    expect(nextYear.basePoints).toBe(2);

    // A reversal nets out of the cap of the day and year the original occurred in.
    await reverseTransfer({ ctx: env.sys, input: { transferId: after.id, reason: '时长登记有误' } });
    const room = await settle(env, { userId: member.id, certifiedMinutes: 60, occurredAt: '2030-06-01T09:00:00+08:00' });
    expect(room.basePoints).toBe(2);
  });

  it('a new version may not take effect before the latest one; omitted fields carry over', async () => {
    await expect(
      createPointRule({ ctx: env.sys, input: { code: SERVICE_CERTIFIED, name: '倒签', eventType: 'service.certified', effectiveFrom: '2029-06-01T00:00:00+08:00' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const v3 = await createPointRule({ ctx: env.sys, input: { code: SERVICE_CERTIFIED, name: '2032 版', eventType: 'service.certified', capPerDay: 4, effectiveFrom: '2032-01-01T00:00:00+08:00' } });
    expect(v3).toMatchObject({ version: 3, pointsPerHour: 2, spendableFactor: 0.5, capPerYear: 10, capPerDay: 4 });
    await expect(
      createPointRule({ ctx: env.sys, input: { code: 'event.bonus', name: '三位小数', eventType: 'event.bonus', pointsFixed: 0.125, effectiveFrom: '2026-01-01T00:00:00+08:00' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('reverseTransfer', () => {
  it('writes the opposite transfer, once; a reversal is not itself reversible; it is audited', async () => {
    const member = await buildMember(env);
    const t = await settle(env, { userId: member.id, certifiedMinutes: 120, occurredAt: '2026-05-01T09:00:00+08:00' });
    const r = await reverseTransfer({ ctx: env.sys, input: { transferId: t.id, reason: '服务记录撤销' } });
    expect(r).toMatchObject({ correctsId: t.id, ruleCode: t.ruleCode, ruleVersion: t.ruleVersion, certifiedMinutes: -120, basePoints: -2, assessment: -2, spendable: -2, replayed: false });
    expect(r.occurredAt).toEqual(t.occurredAt);
    expect(await balances(member.id)).toEqual({ assessment: 0, spendable: 0 });
    const again = await reverseTransfer({ ctx: env.sys, input: { transferId: t.id, reason: '重复' } });
    expect(again).toMatchObject({ id: r.id, replayed: true });
    await expect(reverseTransfer({ ctx: env.sys, input: { transferId: r.id, reason: 'x' } })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(reverseTransfer({ ctx: env.sys, input: { transferId: newId(), reason: 'x' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(reverseTransfer({ ctx: env.sys, input: { transferId: t.id, reason: '  ' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    const audit = await env.db.selectFrom('auditLog').select(['action', 'after']).where('tenantId', '=', env.tenantId).where('targetId', '=', t.id).execute();
    expect(audit).toEqual([{ action: 'points.transfer_reversed', after: expect.objectContaining({ reversalId: r.id, reason: '服务记录撤销' }) }]);
  });

  it('refuses to reverse points already spent (the spend is undone first); nothing changes', async () => {
    const member = await buildMember(env);
    const t = await settle(env, { userId: member.id, certifiedMinutes: 180, occurredAt: '2026-05-02T09:00:00+08:00' });
    await spend(env, member.id, 2);
    await expect(reverseTransfer({ ctx: env.sys, input: { transferId: t.id, reason: '撤销' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await balances(member.id)).toEqual({ assessment: 3, spendable: 1 });
    expect(await ledgerViolations(env.db, env.tenantId)).toEqual(SOUND);
  });
});
