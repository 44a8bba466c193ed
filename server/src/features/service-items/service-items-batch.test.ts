import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, createTestEnv, type TestEnv } from '../../test/harness.js';
import { auditOf, Labels, sorted } from '../../test/equivalence.js';
import { completeServiceItem } from './complete-service-item.js';
import { completeServiceItems } from './complete-service-items.js';
import { createServiceItem } from './create-service-item.js';
import { createServiceItems } from './create-service-items.js';
import { publishServiceItem } from './publish-service-item.js';
import { publishServiceItems } from './publish-service-items.js';
import { buildManyUsers, buildServiceCommunity, HOUR, itemInput } from './service-items.fixtures.js';
import type { CreateItemInput } from './service-items.schemas.js';

/* A week's schedule in bulk: createServiceItems / publishServiceItems / completeServiceItems against the single verbs. */

const T0 = Date.parse('2026-12-07T09:00:00+08:00');
let clock = T0;
let env: TestEnv;
let a: Awaited<ReturnType<typeof buildServiceCommunity>>;
beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(clock) });
  a = await buildServiceCommunity(env, '服务批量社区');
});
afterAll(() => env.close());

async function week(): Promise<CreateItemInput[]> {
  const unit = await buildUnit(env, a.community.id, `限定单位${clock}`);
  const now = new Date(clock);
  return [
    itemInput(a.community.id, now, { title: ' 周一 洱海清洁 ', capacity: 1 }),
    itemInput(a.community.id, now, { title: '周三 法律咨询', category: '法律咨询与援助', startsAt: new Date(clock + 48 * HOUR).toISOString(), endsAt: new Date(clock + 51 * HOUR).toISOString(), pointsPerHour: 2, plannedMinutes: 150 }),
    itemInput(a.community.id, now, { title: '周五 单位专场', eligibility: { kind: 'units', unitIds: [unit.id] }, checkinRadiusM: 500, cancelDeadlineMinutes: 60 }),
  ];
}

describe('createServiceItems / publishServiceItems / completeServiceItems', () => {
  it('leave the items, claims released and audit entries the single verbs leave', async () => {
    clock = T0;
    const plan = await week();
    const singly = [];
    for (const i of plan) singly.push(await createServiceItem({ ctx: env.sys, input: i }));
    const together = await createServiceItems({ ctx: env.sys, input: { items: plan } });
    const labels = new Labels();
    singly.forEach((i, k) => labels.twin(i.id, together[k]!.id, `item${k}`));
    const drop = ['createdAt', 'updatedAt'];
    expect(labels.normalise(together, drop)).toEqual(labels.normalise(singly, drop));
    expect(together[0]!.title).toBe('周一 洱海清洁');

    clock = T0 + HOUR;
    for (const i of singly) await publishServiceItem({ ctx: env.sys, input: { id: i.id } });
    const published = await publishServiceItems({ ctx: env.sys, input: { ids: together.map((i) => i.id) } });
    expect(published.map((i) => [i.status, i.publishedAt?.toISOString()])).toEqual(together.map(() => ['published', new Date(T0 + HOUR).toISOString()]));

    // Two people claim each first item (capacity 1): one place, one waiter — released at completion.
    const people = await buildManyUsers(env, 4, a.community.id);
    for (const [k, item] of [singly[0]!, together[0]!].entries()) {
      for (const p of people.slice(2 * k, 2 * k + 2)) expect((await p.request({ method: 'POST', url: `/api/v1/service-items/${item.id}/claims` })).statusCode).toBe(201);
    }
    labels.twin(people[0]!.id, people[2]!.id, 'person0').twin(people[1]!.id, people[3]!.id, 'person1'); // twins by claim order

    clock = T0 + 60 * HOUR;
    for (const i of singly) await completeServiceItem({ ctx: env.sys, input: { id: i.id } });
    await completeServiceItems({ ctx: env.sys, input: { ids: together.map((i) => i.id) } });
    const items = (ids: string[]) => env.db.selectFrom('serviceItems').selectAll().where('id', 'in', ids).orderBy('title').execute();
    expect(labels.normalise(await items(together.map((i) => i.id)), drop)).toEqual(labels.normalise(await items(singly.map((i) => i.id)), drop));
    const claims = (itemId: string) => env.db.selectFrom('serviceClaims').select(['id', 'userId', 'status', 'cancelReason']).where('itemId', '=', itemId).orderBy('claimedAt').execute();
    const claimsOne = await claims(singly[0]!.id);
    const claimsTwo = await claims(together[0]!.id);
    claimsOne.forEach((c, k) => labels.twin(c.id, claimsTwo[k]!.id, `claim${k}`));
    expect(labels.normalise(claimsTwo)).toEqual(labels.normalise(claimsOne));
    expect(claimsTwo.map((c) => c.status)).toEqual(['claimed', 'cancelled']);
    const audit = async (ids: string[]) => sorted(labels.normalise(await auditOf(env.db, env.tenantId, ids), drop) as unknown[]);
    expect(await audit(together.map((i) => i.id))).toEqual(await audit(singly.map((i) => i.id)));
  });

  it('all or nothing, naming the item: a bad time window, publishing twice, completing before the start', async () => {
    clock = T0 + 100 * HOUR;
    const plan = await week();
    await expect(createServiceItems({ ctx: env.sys, input: { items: [plan[0]!, { ...plan[1]!, endsAt: plan[1]!.startsAt }] } })).rejects.toMatchObject({ code: 'VALIDATION', details: { index: 1 } });
    const [x, y] = await createServiceItems({ ctx: env.sys, input: { items: plan.slice(0, 2) } });
    await publishServiceItem({ ctx: env.sys, input: { id: y!.id } });
    await expect(publishServiceItems({ ctx: env.sys, input: { ids: [x!.id, y!.id] } })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', details: { index: 1 } });
    await expect(completeServiceItems({ ctx: env.sys, input: { ids: [y!.id] } })).rejects.toMatchObject({ code: 'VALIDATION', details: { index: 0 } });
    const statuses = await env.db.selectFrom('serviceItems').select('status').where('id', 'in', [x!.id, y!.id]).orderBy('title').execute();
    expect(statuses.map((s) => s.status)).toEqual(['draft', 'published']);
  });
});
