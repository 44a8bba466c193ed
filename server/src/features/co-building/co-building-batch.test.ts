import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildUnit, buildUser, createTestEnv, type TestEnv } from '../../test/harness.js';
import { auditOf, Labels, sorted } from '../../test/equivalence.js';
import { confirmAgreement } from './confirm-agreement.js';
import { confirmAgreements } from './confirm-agreements.js';
import { createAgreement } from './create-agreement.js';
import { createAgreements } from './create-agreements.js';

/* 单位报到 in bulk: createAgreements / confirmAgreements against createAgreement / confirmAgreement, on twin units. */

const T0 = Date.parse('2026-09-01T10:00:00+08:00');
let env: TestEnv;
let place: Awaited<ReturnType<typeof buildCommunity>>;
let other: Awaited<ReturnType<typeof buildCommunity>>;
beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(T0) });
  place = await buildCommunity(env, '共建批量社区');
  other = await buildCommunity(env, '共建邻社区', place.city!.id);
  // Secretaries of both sides, who are told.
  await buildUser(env, { regionId: place.community.id, grants: [{ role: 'community_secretary', regionId: place.community.id }] });
});
afterAll(() => env.close());

const proposal = (unitId: string, communityId: string, k: number) => ({ unitId, communityId, signedOn: `2026-0${k + 1}-15`, termMonths: 36, content: `共建协议 ${k}` });

const eventsOf = (ids: string[]) =>
  env.db.selectFrom('coBuildEvents').select(['agreementId', 'itemId', 'action', 'fromStatus', 'toStatus', 'actorId', 'note', 'at']).where('agreementId', 'in', ids).orderBy('id').execute();
const agreementsOf = (unitIds: string[]) => env.db.selectFrom('coBuildAgreements').selectAll().where('unitId', 'in', unitIds).orderBy('signedOn').orderBy('communityId').execute();
const linksOf = (unitIds: string[]) => env.db.selectFrom('unitCommunities').select(['unitId', 'communityId', 'relation', 'since']).where('unitId', 'in', unitIds).orderBy('since').execute();

describe('createAgreements / confirmAgreements', () => {
  it('leave the agreements, renewals, links, timeline, audit and messages the single verbs leave', async () => {
    const labels = new Labels();
    const units = async (side: string) => {
      const us = [];
      for (let k = 0; k < 3; k++) us.push(await buildUnit(env, place.community.id, `${side}共建单位${k}`));
      return us;
    };
    const one = await units('甲');
    const two = await units('乙');
    one.forEach((u, k) => labels.twin(u.id, two[k]!.id, `unit${k}`));
    // Unit 0 already co-builds with the community: its new agreement is a renewal.
    const earlier = async (u: { id: string }) => {
      const a = await createAgreement({ ctx: env.sys, input: proposal(u.id, place.community.id, 0) });
      await confirmAgreement({ ctx: env.sys, input: { id: a.id } });
      return a;
    };
    labels.twin((await earlier(one[0]!)).id, (await earlier(two[0]!)).id, 'earlier');
    const plan = (us: typeof one) => [proposal(us[0]!.id, place.community.id, 3), proposal(us[1]!.id, place.community.id, 4), proposal(us[2]!.id, other.community.id, 5), proposal(us[1]!.id, other.community.id, 6)];

    const singly = [];
    for (const p of plan(one)) singly.push(await createAgreement({ ctx: env.sys, input: p }));
    for (const a of singly) await confirmAgreement({ ctx: env.sys, input: { id: a.id } });
    const proposed = await createAgreements({ ctx: env.sys, input: { agreements: plan(two) } });
    const confirmed = await confirmAgreements({ ctx: env.sys, input: { ids: proposed.map((a) => a.id) } });
    singly.forEach((a, k) => labels.twin(a.id, proposed[k]!.id, `agreement${k}`));
    expect(confirmed.map((a) => a.status)).toEqual(['active', 'active', 'active', 'active']);

    const drop = ['createdAt', 'updatedAt', 'content'];
    const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);
    expect(labels.normalise(await agreementsOf(ids(two)), drop)).toEqual(labels.normalise(await agreementsOf(ids(one)), drop));
    expect((await agreementsOf([two[0]!.id])).map((a) => [a.status, a.closeReason])).toEqual([
      ['ended', '续签：由新协议取代'],
      ['active', null],
    ]);
    expect(labels.normalise(await linksOf(ids(two)))).toEqual(labels.normalise(await linksOf(ids(one))));
    const all = async (us: typeof one) => ids(await agreementsOf(ids(us)));
    expect(sorted(labels.normalise(await eventsOf(await all(two))) as unknown[])).toEqual(sorted(labels.normalise(await eventsOf(await all(one))) as unknown[]));
    const audit = async (us: typeof one) => sorted(labels.normalise(await auditOf(env.db, env.tenantId, [...(await all(us)), ...ids(us)]), [...drop, 'name']) as unknown[]);
    expect(await audit(two)).toEqual(await audit(one));
    const messages = async (us: typeof one) =>
      sorted(
        labels.normalise(
          await env.db.selectFrom('notifications').select(['userId', 'kind', 'title', 'link']).where('link', 'in', (await all(us)).map((id) => `/co-building/agreements/${id}`)).execute(),
        ) as unknown[],
      );
    expect((await messages(two)).length).toBeGreaterThan(0);
    expect(await messages(two)).toEqual(await messages(one));
  });

  it('all or nothing, naming the entry: a pending proposal of the pair, a Party organisation, a community declining is not a confirmation', async () => {
    const unit = await buildUnit(env, place.community.id, '待定单位');
    const party = await buildUnit(env, place.community.id, '某党支部', 'party_org');
    const waiting = await createAgreement({ ctx: env.sys, input: proposal(unit.id, place.community.id, 1) });
    await expect(createAgreements({ ctx: env.sys, input: { agreements: [proposal(unit.id, other.community.id, 1), proposal(unit.id, place.community.id, 2)] } })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { index: 1 },
    });
    await expect(createAgreements({ ctx: env.sys, input: { agreements: [proposal(unit.id, other.community.id, 1), proposal(party.id, other.community.id, 2)] } })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { index: 1 },
    });
    await confirmAgreements({ ctx: env.sys, input: { ids: [waiting.id] } });
    await expect(confirmAgreements({ ctx: env.sys, input: { ids: [waiting.id] } })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', details: { index: 0 } });
    expect((await agreementsOf([unit.id])).map((a) => a.communityId)).toEqual([place.community.id]);
  });
});
