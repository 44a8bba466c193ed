import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Ctx } from '../../platform/context.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { auditOf, Labels, sorted } from '../../test/equivalence.js';
import { confirmReportIn } from './confirm-report-in.js';
import { confirmReportIns, submitAndConfirmReportIns } from './confirm-report-ins.js';
import { buildPartyMember, buildReportInFixture, type ReportInFixture, type TestUser } from './report-ins.fixtures.js';
import { submitReportIn } from './submit-report-in.js';
import { submitReportIns, type SubmitReportInEntry } from './submit-report-ins.js';

/*
 * The batch verbs of 在职党员到社区报到 (submitReportIns, confirmReportIns, submitAndConfirmReportIns) against the
 * single ones, on twin members: the same rows, events, grants, links and audit entries.
 */

const T0 = Date.parse('2026-10-08T10:00:00+08:00');
let env: TestEnv;
let f: ReportInFixture;
let secretary: Ctx; // 甲社区's secretary, as a domain context
beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(T0) });
  f = await buildReportInFixture(env);
  const actor: Actor = {
    userId: f.secA.id,
    name: '甲书记',
    regionId: f.a.community.id,
    sessionId: null,
    grants: [{ id: 'g', role: 'community_secretary', regionId: f.a.community.id, orgId: null, scopePath: f.a.community.path }],
  };
  secretary = { ...env.sys, actor };
});
afterAll(() => env.close());

const submission = (userId: string, k: number): SubmitReportInEntry => ({
  userId,
  communityId: f.a.community.id,
  unitId: f.unitA.id,
  skills: k % 2 ? ['摄影'] : [],
  intentions: ['法律援助', '文体'],
  ...(k ? {} : { note: '周末可参加' }),
});
const confirmation = (id: string, k: number) => ({ id, gridId: f.gridA.id, serviceTeam: k % 2 ? '文体' : '法律援助' });

/** Twin pairs of Party members of unit A living in A. */
async function twins(n: number) {
  const one: TestUser[] = [];
  const two: TestUser[] = [];
  for (let k = 0; k < n; k++) {
    one.push(await buildPartyMember(env, { name: `党员${k}`, regionId: f.a.community.id, units: [f.unitA.id] }));
    two.push(await buildPartyMember(env, { name: `党员${k}`, regionId: f.a.community.id, units: [f.unitA.id] }));
  }
  const labels = new Labels();
  one.forEach((m, k) => labels.twin(m.id, two[k]!.id, `member${k}`));
  return { one, two, labels };
}

const recordsOf = (ids: string[]) => env.db.selectFrom('reportIns').selectAll().where('id', 'in', ids).orderBy('id').execute();
const eventsOf = (ids: string[]) =>
  env.db.selectFrom('reportInEvents').select(['reportInId', 'action', 'fromStatus', 'toStatus', 'actorId', 'note', 'data', 'at']).where('reportInId', 'in', ids).orderBy('id').execute();
const grantsOf = (userIds: string[]) => env.db.selectFrom('roleGrants').selectAll().where('userId', 'in', userIds).orderBy('id').execute();
const linksOf = (userIds: string[]) => env.db.selectFrom('userCommunities').select(['userId', 'communityId', 'relation']).where('userId', 'in', userIds).orderBy('userId').orderBy('relation').execute();
const messagesTo = (userIds: string[]) => env.db.selectFrom('notifications').select(['userId', 'kind', 'title', 'body', 'link']).where('userId', 'in', userIds).orderBy('id').execute();
const DROP = ['createdAt', 'updatedAt', 'tenantId'];

describe('submitReportIns', () => {
  it('writes the records, events and audit entries submitReportIn writes on members’ behalf; secretaries are told once', async () => {
    const { one, two, labels } = await twins(3);
    const singly = [];
    for (const [k, m] of one.entries()) singly.push(await submitReportIn({ ctx: secretary, input: submission(m.id, k) }));
    const before = (await messagesTo([f.secA.id])).length;
    const together = await submitReportIns({ ctx: secretary, input: { entries: two.map((m, k) => submission(m.id, k)) } });
    singly.forEach((r, k) => labels.twin(r.id, together[k]!.id, `record${k}`));
    const ids = (rs: Array<{ id: string }>) => rs.map((r) => r.id);
    expect(sorted(labels.normalise(await recordsOf(ids(together)), DROP) as unknown[])).toEqual(sorted(labels.normalise(await recordsOf(ids(singly)), DROP) as unknown[]));
    expect(sorted(labels.normalise(await eventsOf(ids(together))) as unknown[])).toEqual(sorted(labels.normalise(await eventsOf(ids(singly))) as unknown[]));
    expect(sorted(labels.normalise(await auditOf(env.db, env.tenantId, ids(together))) as unknown[])).toEqual(sorted(labels.normalise(await auditOf(env.db, env.tenantId, ids(singly))) as unknown[]));
    // One message per member for the single verb; one summary for the batch.
    const summary = (await messagesTo([f.secA.id])).slice(before);
    expect(summary).toEqual([{ userId: f.secA.id, kind: 'report_in.submitted', title: '有党员报到，待确认', body: '党员0、党员1、党员2等 3 名党员申请向甲社区报到', link: `/report-ins?communityId=${f.a.community.id}&status=submitted` }]);
  });

  it('all or nothing, naming the entry: not a Party member, not their unit, already reported in, not the actor’s community', async () => {
    const { two } = await twins(2);
    const ok = submission(two[0]!.id, 0);
    const bad = (entry: object, ctx = secretary) => submitReportIns({ ctx, input: { entries: [ok, { ...submission(two[1]!.id, 1), ...entry }] } });
    await expect(bad({ userId: f.resident.id })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { index: 1 } });
    await expect(bad({ unitId: f.unitB.id })).rejects.toMatchObject({ code: 'VALIDATION', details: { index: 1 } });
    await expect(bad({ communityId: f.b.community.id })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { index: 1 } });
    await expect(bad({ userId: two[0]!.id })).rejects.toMatchObject({ code: 'CONFLICT', details: { index: 1 } });
    await expect(bad({ intentions: ['不存在的服务队'] })).rejects.toMatchObject({ code: 'VALIDATION', details: { index: 1 } });
    await submitReportIn({ ctx: secretary, input: submission(two[1]!.id, 1) });
    await expect(bad({})).rejects.toMatchObject({ code: 'CONFLICT', details: { index: 1 } });
    expect(await env.db.selectFrom('reportIns').select('id').where('userId', '=', two[0]!.id).execute()).toEqual([]);
  });
});

describe('confirmReportIns', () => {
  it('leaves the records, events, member grants, 报到 links, audit and messages confirmReportIn leaves', async () => {
    const { one, two, labels } = await twins(3);
    const submitted = async (ms: typeof one) => {
      const out = [];
      for (const [k, m] of ms.entries()) out.push(await submitReportIn({ ctx: secretary, input: submission(m.id, k) }));
      return out;
    };
    const a = await submitted(one);
    const b = await submitted(two);
    a.forEach((r, k) => labels.twin(r.id, b[k]!.id, `record${k}`));
    for (const [k, r] of a.entries()) await confirmReportIn({ ctx: secretary, input: confirmation(r.id, k) });
    const confirmed = await confirmReportIns({ ctx: secretary, input: { entries: b.map((r, k) => confirmation(r.id, k)) } });
    expect(confirmed.map((r) => r.status)).toEqual(['active', 'active', 'active']);

    const grantsA = await grantsOf(one.map((m) => m.id));
    const grantsB = await grantsOf(two.map((m) => m.id));
    grantsA.forEach((g) => labels.twin(g.id, grantsB.find((h) => labels.normalise(h.userId) === labels.normalise(g.userId))!.id, `grant:${labels.normalise(g.userId)}`));
    expect(labels.normalise(grantsB, DROP)).toEqual(labels.normalise(grantsA, DROP));
    const ids = (rs: Array<{ id: string }>) => rs.map((r) => r.id);
    expect(sorted(labels.normalise(await recordsOf(ids(b)), DROP) as unknown[])).toEqual(sorted(labels.normalise(await recordsOf(ids(a)), DROP) as unknown[]));
    expect(confirmed.every((r) => r.memberGrantId)).toBe(true);
    expect(sorted(labels.normalise(await eventsOf(ids(b))) as unknown[])).toEqual(sorted(labels.normalise(await eventsOf(ids(a))) as unknown[]));
    expect(labels.normalise(await linksOf(two.map((m) => m.id)))).toEqual(labels.normalise(await linksOf(one.map((m) => m.id))));
    const audit = async (rs: Array<{ id: string }>, people: Array<{ id: string }>, grants: Array<{ id: string }>) =>
      sorted(labels.normalise(await auditOf(env.db, env.tenantId, [...ids(rs), ...ids(people), ...ids(grants)]), ['phone', 'createdAt']) as unknown[]); // twins' phones differ; grants' created_at is the database's now()
    expect(await audit(b, two, grantsB)).toEqual(await audit(a, one, grantsA));
    const messages = async (people: Array<{ id: string }>) => sorted(labels.normalise(await messagesTo(ids(people))) as unknown[]);
    expect(await messages(two)).toEqual(await messages(one));
  });

  it('all or nothing, naming the entry: a grid of another community, a record not submitted, a reviewer of another community', async () => {
    const { two } = await twins(2);
    const records = [];
    for (const [k, m] of two.entries()) records.push(await submitReportIn({ ctx: secretary, input: submission(m.id, k) }));
    const r0 = records[0]!;
    const r1 = records[1]!;
    await expect(confirmReportIns({ ctx: secretary, input: { entries: [confirmation(r0.id, 0), { ...confirmation(r1.id, 1), gridId: f.gridB.id }] } })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { index: 1 },
    });
    const other = { ...secretary, actor: { ...secretary.actor!, userId: f.secB.id, grants: [{ id: 'g', role: 'community_secretary' as const, regionId: f.b.community.id, orgId: null, scopePath: f.b.community.path }] } };
    await expect(confirmReportIns({ ctx: other, input: { entries: [confirmation(r0.id, 0)] } })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { index: 0 } });
    await confirmReportIn({ ctx: secretary, input: confirmation(r1.id, 1) });
    await expect(confirmReportIns({ ctx: secretary, input: { entries: [confirmation(r0.id, 0), confirmation(r1.id, 1)] } })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { index: 1 },
    });
    expect((await recordsOf([r0.id]))[0]!.status).toBe('submitted');
  });
});

describe('submitAndConfirmReportIns (代为报到并确认)', () => {
  it('leaves what submitReportIn then confirmReportIn leave, each row written once', async () => {
    const { one, two, labels } = await twins(2);
    const a = [];
    for (const [k, m] of one.entries()) {
      const r = await submitReportIn({ ctx: secretary, input: submission(m.id, k) });
      await confirmReportIn({ ctx: secretary, input: confirmation(r.id, k) });
      a.push(r);
    }
    const b = await submitAndConfirmReportIns({ ctx: secretary, input: { entries: two.map((m, k) => ({ ...submission(m.id, k), ...confirmation('', k) })) } });
    a.forEach((r, k) => labels.twin(r.id, b[k]!.id, `record${k}`));
    const grantsA = await grantsOf(one.map((m) => m.id));
    const grantsB = await grantsOf(two.map((m) => m.id));
    grantsA.forEach((g, k) => labels.twin(g.id, grantsB[k]!.id, `grant${k}`));
    const ids = (rs: Array<{ id: string }>) => rs.map((r) => r.id);
    expect(sorted(labels.normalise(await recordsOf(ids(b)), DROP) as unknown[])).toEqual(sorted(labels.normalise(await recordsOf(ids(a)), DROP) as unknown[]));
    expect(sorted(labels.normalise(await eventsOf(ids(b))) as unknown[])).toEqual(sorted(labels.normalise(await eventsOf(ids(a))) as unknown[]));
    const audit = async (rs: Array<{ id: string }>, people: Array<{ id: string }>, grants: Array<{ id: string }>) =>
      sorted(labels.normalise(await auditOf(env.db, env.tenantId, [...ids(rs), ...ids(people), ...ids(grants)]), ['phone', 'createdAt']) as unknown[]); // twins' phones differ; grants' created_at is the database's now()
    expect(await audit(b, two, grantsB)).toEqual(await audit(a, one, grantsA));
    // The members are told they are confirmed (the secretary, who did it, is not asked to confirm).
    expect((await messagesTo(ids(two))).map((n) => n.kind)).toEqual(['report_in.confirmed', 'report_in.confirmed']);
  });

  it('needs a reviewer of the community even for one’s own report-in', async () => {
    const { two } = await twins(1);
    const self = { ...env.sys, actor: { userId: two[0]!.id, name: '党员', regionId: f.a.community.id, sessionId: null, grants: [] } };
    await expect(submitAndConfirmReportIns({ ctx: self, input: { entries: [{ ...submission(two[0]!.id, 0), ...confirmation('', 0) }] } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
