import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { buildPartyMember, buildReportInFixture, type ReportInFixture, type TestUser } from './report-ins.fixtures.js';

let env: TestEnv;
let f: ReportInFixture;

/** Reports `who` in to a community and has its secretary confirm (or leaves it submitted). */
async function reportIn(who: TestUser, communityId: string, unitId: string, confirmBy?: { sec: TestUser; gridId: string }) {
  const res = await who.request({ method: 'POST', url: '/api/v1/report-ins', payload: { communityId, unitId, skills: [], intentions: ['文体'] } });
  expect(res.statusCode, res.body).toBe(201);
  if (confirmBy) {
    const ok = await confirmBy.sec.request({ method: 'POST', url: `/api/v1/report-ins/${res.json().id}/confirm`, payload: { gridId: confirmBy.gridId, serviceTeam: '文体' } });
    expect(ok.statusCode, ok.body).toBe(200);
  }
}

/**
 * Community A: m1 (lives in A, reported in), m2 (lives in a grid of A, only submitted), m4 (not marked a Party member,
 * holds `member`, reported in) → 3 Party members, 2 reported in. Community B: m3 (lives in B, reported in), m5 (lives
 * in B, not reported) → 2 and 1. Unit A: m1, m2, m3 → 3 and 2. Unit B: m5, m4 → 2 and 1. A non-member resident of A
 * in unit A counts nowhere.
 */
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildReportInFixture(env);
  const m1 = await buildPartyMember(env, { regionId: f.a.community.id, units: [f.unitA.id] });
  const m2 = await buildPartyMember(env, { regionId: f.gridA.id, units: [f.unitA.id] });
  const m3 = await buildPartyMember(env, { regionId: f.b.community.id, units: [f.unitA.id] });
  const m4 = await buildUser(env, { regionId: f.b.community.id, units: [f.unitB.id], grants: [{ role: 'member', regionId: f.b.community.id }] });
  await buildPartyMember(env, { regionId: f.b.community.id, units: [f.unitB.id] });
  await reportIn(m1, f.a.community.id, f.unitA.id, { sec: f.secA, gridId: f.gridA.id });
  await reportIn(m2, f.a.community.id, f.unitA.id);
  await reportIn(m3, f.b.community.id, f.unitA.id, { sec: f.secB, gridId: f.gridB.id });
  await reportIn(m4, f.a.community.id, f.unitB.id, { sec: f.secA, gridId: f.gridA.id });
});
afterAll(() => env.close());

describe('GET /report-ins/rates', () => {
  it('counts Party members and active report-ins per community and per unit, with the definitions', async () => {
    const res = await f.root.request({ method: 'GET', url: `/api/v1/report-ins/rates?regionId=${f.a.city!.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.regionIds).toEqual([f.a.city!.id]);
    const communities = Object.fromEntries(body.communities.map((c: { id: string }) => [c.id, c]));
    expect(Object.keys(communities).sort()).toEqual([f.a.community.id, f.b.community.id].sort());
    expect(communities[f.a.community.id]).toMatchObject({ name: '甲社区', partyMembers: 3, reportedIn: 2, rate: 0.6667 });
    expect(communities[f.b.community.id]).toMatchObject({ name: '乙社区', partyMembers: 2, reportedIn: 1, rate: 0.5 });
    const units = Object.fromEntries(body.units.map((u: { id: string }) => [u.id, u]));
    expect(units[f.unitA.id]).toMatchObject({ name: '甲单位', partyMembers: 3, reportedIn: 2, rate: 0.6667 });
    expect(units[f.unitB.id]).toMatchObject({ name: '乙单位', partyMembers: 2, reportedIn: 1, rate: 0.5 });
    expect(body.totals).toEqual({ communityPartyMembers: 5, communityReportedIn: 3, rate: 0.6 });
    expect(Object.keys(body.definitions).sort()).toEqual(['communityPartyMembers', 'communityReportedIn', 'rate', 'unitPartyMembers', 'unitReportedIn']);
  });

  it('a community secretary’s default scope is their community; another community is 404; people without stats are 403', async () => {
    const mine = (await f.secA.request({ method: 'GET', url: '/api/v1/report-ins/rates' })).json();
    expect(mine.communities.map((c: { id: string }) => c.id)).toEqual([f.a.community.id]);
    expect(mine.units.map((u: { id: string }) => u.id)).toEqual([f.unitA.id]);
    expect((await f.secA.request({ method: 'GET', url: `/api/v1/report-ins/rates?regionId=${f.b.community.id}` })).statusCode).toBe(404);
    const denied = await f.unitSecA.request({ method: 'GET', url: '/api/v1/report-ins/rates' });
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe('FORBIDDEN');
    expect((await f.secA.request({ method: 'GET', url: '/api/v1/report-ins/rates?regionId=x' })).statusCode).toBe(400);
  });
});

describe('GET /stats/overview membersReportedIn', () => {
  it('counts active report-ins to communities in scope, from the records', async () => {
    const city = (await f.root.request({ method: 'GET', url: `/api/v1/stats/overview?regionId=${f.a.city!.id}` })).json();
    expect(city.membersReportedIn).toBe(3);
    const a = (await f.secA.request({ method: 'GET', url: '/api/v1/stats/overview' })).json();
    expect(a.membersReportedIn).toBe(2);
    const rows = await env.db.selectFrom('reportIns').select('status').execute();
    expect(rows.filter((r) => r.status === 'active')).toHaveLength(3);
  });
});
