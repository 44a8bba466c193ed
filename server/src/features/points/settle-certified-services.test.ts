import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { Labels, transfersOf } from '../../test/equivalence.js';
import { createPointRule } from './create-point-rule.js';
import { balanceOf, buildMember, ledgerViolations, SOUND } from './points.fixtures.js';
import { SERVICE_CERTIFIED } from './rule-in-force.js';
import { settleCertifiedService, type SettleCertifiedServiceInput } from './settle-certified-service.js';
import { settleCertifiedServices } from './settle-certified-services.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  // Version 2 from 1 June 2031: 2 points an hour, a day cap of 5 and a year cap of 12 (caps of v1: 8 a day).
  await createPointRule({
    ctx: env.sys,
    input: { code: SERVICE_CERTIFIED, name: '2031 版', eventType: 'service.certified', pointsPerHour: 2, capPerDay: 5, capPerYear: 12, effectiveFrom: '2031-06-01T00:00:00+08:00' },
  });
});
afterAll(() => env.close());

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Service = Omit<SettleCertifiedServiceInput, 'userId' | 'sourceId' | 'communityId' | 'itemId'> & { member: number };

/** Services of 4 members around the rule change and a new year: several a day (day caps), many in 2031 (year cap). */
function services(count: number): Service[] {
  const rnd = random(424242);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const days = ['2031-05-30', '2031-05-31', '2031-06-01', '2031-06-02', '2031-12-31', '2032-01-01'];
  return Array.from({ length: count }, () => ({
    sourceType: 'service_record' as const,
    member: Math.floor(rnd() * 4),
    category: pick(['社区治理', '文化体育']),
    certifiedMinutes: pick([0, 30, 60, 90, 120, 180, 240]),
    occurredAt: `${pick(days)}T${String(8 + Math.floor(rnd() * 12)).padStart(2, '0')}:${pick(['00', '30'])}:00+08:00`,
    pointsPerHour: rnd() < 0.25 ? pick([0.5, 3, 1.25]) : null,
  }));
}

describe('settleCertifiedServices', () => {
  it('writes the transfers that settling one service after another would: rule versions, item rates, day and year caps', async () => {
    const list = services(60);
    const single = await Promise.all(Array.from({ length: 4 }, () => buildMember(env)));
    const batch = await Promise.all(Array.from({ length: 4 }, () => buildMember(env)));
    const community = newId();
    const items = list.map(() => newId());
    const one = [];
    for (const [i, s] of list.entries()) {
      one.push(await settleCertifiedService({ ctx: env.sys, input: { ...s, userId: single[s.member]!.id, sourceId: newId(), communityId: community, itemId: items[i]! } }));
    }
    const many = await settleCertifiedServices({
      ctx: env.sys,
      input: { services: list.map((s, i) => ({ ...s, userId: batch[s.member]!.id, sourceId: newId(), communityId: community, itemId: items[i]! })) },
    });

    expect(many.map((t) => [t.ruleVersion, t.certifiedMinutes, t.basePoints, t.assessment, t.spendable, t.replayed])).toEqual(
      one.map((t) => [t.ruleVersion, t.certifiedMinutes, t.basePoints, t.assessment, t.spendable, false]),
    );
    // The caps bit: some services were cut by the day cap, some by the year cap, some left with no points at all.
    const capped = one.map((t) => (t.metadata as { cappedBy: string | null }).cappedBy);
    expect(capped).toContain('day');
    expect(capped).toContain('year');
    expect(one.some((t) => t.basePoints === 0 && t.certifiedMinutes > 0)).toBe(true);

    const labels = new Labels();
    single.forEach((m, k) => labels.twin(m.id, batch[k]!.id, `member${k}`));
    const rows = async (people: typeof single) => labels.normalise(await transfersOf(env.db, env.tenantId, people.map((m) => m.id)), ['id']);
    expect(await rows(batch)).toEqual(await rows(single));
    for (const [k, m] of single.entries()) {
      for (const book of ['assessment', 'spendable'] as const) expect(await balanceOf(env.db, env.tenantId, batch[k]!.id, book)).toBe(await balanceOf(env.db, env.tenantId, m.id, book));
    }
    expect(await ledgerViolations(env.db, env.tenantId)).toEqual(SOUND);
  });

  it('is idempotent per source: settled sources and repeats within the batch are replays that write nothing', async () => {
    const member = await buildMember(env);
    const base = { sourceType: 'service_record' as const, userId: member.id, communityId: newId(), itemId: newId(), category: '其他', occurredAt: '2031-03-03T09:00:00+08:00' };
    const settledBefore = await settleCertifiedService({ ctx: env.sys, input: { ...base, sourceId: newId(), certifiedMinutes: 60 } });
    const repeated = newId();
    const result = await settleCertifiedServices({
      ctx: env.sys,
      input: {
        services: [
          { ...base, sourceId: settledBefore.sourceId, certifiedMinutes: 600 },
          { ...base, sourceId: repeated, certifiedMinutes: 120 },
          { ...base, sourceId: repeated, certifiedMinutes: 240 },
        ],
      },
    });
    expect(result.map((r) => [r.replayed, r.certifiedMinutes, r.basePoints])).toEqual([
      [true, 60, 1],
      [false, 120, 2],
      [true, 120, 2],
    ]);
    expect(result[0]!.transferId).toBe(settledBefore.id);
    expect(result[2]!.transferId).toBe(result[1]!.transferId);
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(3);
    const again = await settleCertifiedServices({ ctx: env.sys, input: { services: [{ ...base, sourceId: repeated, certifiedMinutes: 120 }] } });
    expect(again[0]).toMatchObject({ replayed: true, transferId: result[1]!.transferId });
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(3);
  });

  it('all or nothing: an unknown person or an invalid service refuses the batch, naming it', async () => {
    const member = await buildMember(env);
    const ok = { sourceType: 'service_record' as const, userId: member.id, sourceId: newId(), communityId: newId(), itemId: newId(), category: '其他', certifiedMinutes: 60, occurredAt: '2031-04-04T09:00:00+08:00' };
    await expect(settleCertifiedServices({ ctx: env.sys, input: { services: [ok, { ...ok, sourceId: newId(), userId: newId() }] } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { index: 1 },
    });
    await expect(settleCertifiedServices({ ctx: env.sys, input: { services: [ok, { ...ok, sourceId: newId(), certifiedMinutes: 1.5 }] } })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { index: 1 },
    });
    expect(await balanceOf(env.db, env.tenantId, member.id, 'spendable')).toBe(0);
    await expect(settleCertifiedServices({ ctx: { ...env.sys, actor: null }, input: { services: [ok] } })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
