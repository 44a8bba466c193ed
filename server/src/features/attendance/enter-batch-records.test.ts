import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { auditOf, Labels, sorted } from '../../test/equivalence.js';
import { buildManyUsers, buildPublishedItem, buildServiceCommunity, HOUR } from '../service-items/service-items.fixtures.js';
import { enterBatchRecords } from './enter-batch-records.js';

const T0 = Date.parse('2026-12-01T07:00:00+08:00');
let clock = T0;
let env: TestEnv;
let a: Awaited<ReturnType<typeof buildServiceCommunity>>;
beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(clock) });
  a = await buildServiceCommunity(env, '团体录入社区');
});
afterAll(() => env.close());

const iso = (hours: number, minutes = 0) => new Date(T0 + hours * HOUR + minutes * 60_000).toISOString();

/**
 * One side: five people; two claim the afternoon item; person 0 already served 6 hours in the morning (so the daily
 * cap of 8 leaves them 2); the afternoon sheet lists everyone with times that round differently.
 */
async function side() {
  clock = T0;
  const people = await buildManyUsers(env, 5, a.community.id);
  const morning = await buildPublishedItem(env, a.community.id, { startsAt: iso(1), endsAt: iso(7), capacity: 10 });
  const afternoon = await buildPublishedItem(env, a.community.id, { startsAt: iso(8), endsAt: iso(12), capacity: 10 });
  for (const p of people.slice(1, 3)) expect((await p.request({ method: 'POST', url: `/api/v1/service-items/${afternoon.id}/claims` })).statusCode).toBe(201);
  clock = T0 + 14 * HOUR;
  await enterBatchRecords({ ctx: env.sys, input: { itemId: morning.id, entries: [{ userId: people[0]!.id, checkInAt: iso(1), checkOutAt: iso(7) }] } });
  const sheet = people.map((p, k) => ({ userId: p.id, checkInAt: iso(8, k * 3), checkOutAt: iso(11, 10 + k * 17) }));
  return { people, afternoon, sheet };
}

describe('enterBatchRecords (set-based 团体录入)', () => {
  it('writes the records, claim links, credited minutes and audit rows that entering the people one by one writes', async () => {
    const one = await side();
    const two = await side();
    const singly = [];
    for (const e of one.sheet) singly.push(...(await enterBatchRecords({ ctx: env.sys, input: { itemId: one.afternoon.id, entries: [e], note: '签到表' } })));
    const together = await enterBatchRecords({ ctx: env.sys, input: { itemId: two.afternoon.id, entries: two.sheet, note: '签到表' } });

    const labels = new Labels().twin(one.afternoon.id, two.afternoon.id, 'afternoon');
    one.people.forEach((p, k) => labels.twin(p.id, two.people[k]!.id, `person${k}`));
    singly.forEach((r, k) => labels.twin(r.id, together[k]!.id, `record${k}`));
    const claimsOf = (itemId: string) => env.db.selectFrom('serviceClaims').select(['id', 'userId', 'status']).where('itemId', '=', itemId).orderBy('userId').execute();
    (await claimsOf(one.afternoon.id)).forEach((c, k) => labels.set(c.id, `claim${k}`));
    (await claimsOf(two.afternoon.id)).forEach((c, k) => labels.set(c.id, `claim${k}`));
    const drop = ['createdAt', 'updatedAt'];
    expect(labels.normalise(together, drop)).toEqual(labels.normalise(singly, drop));
    expect(together.map((r) => r.creditedMinutes)).toEqual([120, 210, 210, 240, 240]); // 2 h left of the cap; then 3:24 → 3.5 h, 3:38 → 3.5 h, 3:52 → 4 h, 4:06 → 4 h
    expect(together.filter((r) => r.claimId).map((r) => r.userId)).toEqual([two.people[1]!.id, two.people[2]!.id]);
    expect(labels.normalise(await claimsOf(two.afternoon.id))).toEqual(labels.normalise(await claimsOf(one.afternoon.id)));
    const audit = async (rows: Array<{ id: string }>) => sorted(labels.normalise(await auditOf(env.db, env.tenantId, rows.map((r) => r.id))) as unknown[]);
    expect(await audit(together)).toEqual(await audit(singly));
  });

  it('all or nothing: a person listed twice, or already on the sheet, refuses the batch', async () => {
    const w = await side();
    await expect(enterBatchRecords({ ctx: env.sys, input: { itemId: w.afternoon.id, entries: [w.sheet[0]!, w.sheet[0]!] } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await enterBatchRecords({ ctx: env.sys, input: { itemId: w.afternoon.id, entries: [w.sheet[1]!] } });
    await expect(enterBatchRecords({ ctx: env.sys, input: { itemId: w.afternoon.id, entries: w.sheet } })).rejects.toMatchObject({ code: 'CONFLICT', details: { userIds: [w.people[1]!.id] } });
    expect(await env.db.selectFrom('serviceRecords').select('userId').where('itemId', '=', w.afternoon.id).execute()).toHaveLength(1);
  });
});
