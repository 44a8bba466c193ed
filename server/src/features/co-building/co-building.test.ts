import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { linkCommunity } from '../organisations/link-community.js';
import { buildReportInFixture, ids, NIL, notificationsOf, type ReportInFixture, type TestUser } from '../report-ins/report-ins.fixtures.js';
import { endsOn } from './co-building.queries.js';

let env: TestEnv;
let f: ReportInFixture;
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildReportInFixture(env);
});
afterAll(() => env.close());

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const agreementBody = (unitId: string, communityId: string, over: object = {}) => ({ unitId, communityId, signedOn: today(), termMonths: 24, content: '共驻共建协议：每季度不少于两次共建活动', ...over });
const propose = (who: TestUser, unitId: string, communityId: string, over: object = {}) =>
  who.request({ method: 'POST', url: '/api/v1/co-building/agreements', payload: agreementBody(unitId, communityId, over) });
const act = (who: TestUser, path: string, payload?: object) => who.request({ method: 'POST', url: `/api/v1/co-building/${path}`, ...(payload ? { payload } : {}) });
const addItem = (who: TestUser, agreementId: string, payload: object) => act(who, `agreements/${agreementId}/items`, payload);

/** A new unit in community A with its own secretary: a fresh unit ↔ community pair. */
async function freshUnit(name = '共建单位') {
  const unit = await buildUnit(env, f.a.community.id, `${name}${Math.random().toString(36).slice(2, 8)}`);
  const sec = await buildUser(env, { name: `${name}书记`, regionId: f.a.community.id, units: [unit.id], grants: [{ role: 'unit_secretary', orgId: unit.id }] });
  return { unit, sec };
}

/** A fresh unit with an agreement with community A, confirmed by A's secretary. */
async function activeAgreement(over: object = {}) {
  const { unit, sec } = await freshUnit();
  const res = await propose(sec, unit.id, f.a.community.id, over);
  expect(res.statusCode, res.body).toBe(201);
  const ok = await act(f.secA, `agreements/${res.json().id}/confirm`);
  expect(ok.statusCode, ok.body).toBe(200);
  return { unit, sec, id: res.json().id as string };
}

describe('authentication', () => {
  it('401 on every co-building route without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/co-building/agreements'],
      ['POST', '/api/v1/co-building/agreements'],
      ['GET', `/api/v1/co-building/agreements/${NIL}`],
      ['POST', `/api/v1/co-building/agreements/${NIL}/confirm`],
      ['POST', `/api/v1/co-building/agreements/${NIL}/decline`],
      ['POST', `/api/v1/co-building/agreements/${NIL}/end`],
      ['POST', `/api/v1/co-building/agreements/${NIL}/items`],
      ['GET', '/api/v1/co-building/items'],
      ['GET', `/api/v1/co-building/items/${NIL}`],
      ['POST', `/api/v1/co-building/items/${NIL}/claim`],
      ['POST', `/api/v1/co-building/items/${NIL}/complete`],
    ] as const) {
      const res = await env.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('unit report-in: proposing an agreement', () => {
  it('the unit secretary proposes; it is pending, timed, on the timeline, and the community secretary (only) is told', async () => {
    const res = await propose(f.unitSecA, f.unitA.id, f.a.community.id, { signedOn: '2026-01-31', termMonths: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'pending', inForce: false, unitName: '甲单位', communityName: '甲社区', signedOn: '2026-01-31', endsOn: '2026-02-28', sides: ['unit'], actions: [], createdByName: '甲单位书记' });
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(['propose']);
    expect((await notificationsOf(env, f.secA.id, 'co_building.proposed')).length).toBe(1);
    expect((await notificationsOf(env, f.secB.id, 'co_building.proposed')).length).toBe(0);
    const again = await propose(f.unitSecA, f.unitA.id, f.a.community.id);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('404 for a unit outside the actor’s scope (another unit’s secretary, a community secretary, a resident)', async () => {
    for (const who of [f.unitSecB, f.secA, f.resident]) expect((await propose(who, f.unitA.id, f.a.community.id)).statusCode).toBe(404);
    expect((await propose(f.unitSecA, NIL, f.a.community.id)).statusCode).toBe(404);
  });

  it('400 for bad bodies, a region that is not a community, and a Party organisation', async () => {
    for (const over of [{ termMonths: 0 }, { termMonths: 1.5 }, { signedOn: '2026-02-30' }, { content: '' }, { colour: 'red' }, { communityId: 'x' }]) {
      expect((await propose(f.unitSecB, f.unitB.id, f.b.community.id, over)).statusCode, JSON.stringify(over)).toBe(400);
    }
    expect((await propose(f.unitSecB, f.unitB.id, f.gridB.id)).statusCode).toBe(400);
    const partyOrg = await buildUnit(env, f.a.community.id, '某党支部', 'party_org');
    expect((await propose(f.root, partyOrg.id, f.a.community.id)).statusCode).toBe(400);
  });

  it('endsOn is the last day of the term', () => {
    expect(endsOn('2026-01-01', 12)).toBe('2026-12-31');
    expect(endsOn('2026-01-31', 1)).toBe('2026-02-28');
    expect(endsOn('2024-02-29', 12)).toBe('2025-02-28');
    expect(endsOn('2024-02-29', 48)).toBe('2028-02-28');
    expect(endsOn('2026-03-15', 120)).toBe('2036-03-14');
  });
});

describe('the community countersigns, declines; either side ends', () => {
  it('confirm: active, the unit ↔ community link becomes co_building, the unit is told; a second confirm is 409', async () => {
    await linkCommunity({ ctx: env.sys, input: { unitId: f.unitB.id, communityId: f.b.community.id, relation: 'stationed' } });
    const created = await propose(f.unitSecB, f.unitB.id, f.b.community.id, { signedOn: '2026-03-01' });
    const id = created.json().id;
    expect((await act(f.secA, `agreements/${id}/confirm`)).statusCode).toBe(404);
    expect((await act(f.unitSecA, `agreements/${id}/confirm`)).statusCode).toBe(404);
    const own = await act(f.unitSecB, `agreements/${id}/confirm`);
    expect(own.statusCode).toBe(403);
    const res = await act(f.secB, `agreements/${id}/confirm`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', confirmedByName: '乙书记', sides: ['community'], actions: ['end'] });
    const link = await env.db.selectFrom('unitCommunities').select(['relation', 'since']).where('unitId', '=', f.unitB.id).where('communityId', '=', f.b.community.id).executeTakeFirstOrThrow();
    expect(link.relation).toBe('co_building');
    expect(await notificationsOf(env, f.unitSecB.id, 'co_building.confirmed')).toHaveLength(1);
    const again = await act(f.secB, `agreements/${id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    const links = await f.unitSecB.request({ method: 'GET', url: `/api/v1/organisations/${f.unitB.id}/communities` });
    expect(links.json().items).toEqual([expect.objectContaining({ communityId: f.b.community.id, relation: 'co_building' })]);
  });

  it('confirm creates the link when there was none, dated from signing', async () => {
    const { unit } = await activeAgreement({ signedOn: '2026-05-20' });
    const link = await env.db.selectFrom('unitCommunities').select(['relation', 'since']).where('unitId', '=', unit.id).executeTakeFirstOrThrow();
    expect(link).toEqual({ relation: 'co_building', since: '2026-05-20' });
  });

  it('decline by the community with a reason; not by the unit; not once active', async () => {
    const { unit, sec } = await freshUnit();
    const id = (await propose(sec, unit.id, f.a.community.id)).json().id;
    expect((await act(sec, `agreements/${id}/decline`, { reason: 'x' })).statusCode).toBe(403);
    expect((await act(f.secA, `agreements/${id}/decline`, {})).statusCode).toBe(400);
    const res = await act(f.secA, `agreements/${id}/decline`, { reason: '内容不完整' });
    expect(res.json()).toMatchObject({ status: 'declined', closeReason: '内容不完整' });
    expect((await act(f.secA, `agreements/${id}/confirm`)).statusCode).toBe(409);
    expect((await propose(sec, unit.id, f.a.community.id)).statusCode).toBe(201); // may propose again
    const active = await activeAgreement();
    expect((await act(f.secA, `agreements/${active.id}/decline`, { reason: 'x' })).statusCode).toBe(409);
  });

  it('end by either side; a renewal supersedes the earlier agreement', async () => {
    const first = await activeAgreement();
    const renewal = (await propose(first.sec, first.unit.id, f.a.community.id, { termMonths: 36 })).json().id;
    expect((await act(f.secA, `agreements/${renewal}/confirm`)).statusCode).toBe(200);
    const old = (await first.sec.request({ method: 'GET', url: `/api/v1/co-building/agreements/${first.id}` })).json();
    expect(old).toMatchObject({ status: 'ended', inForce: false });
    expect(old.events.map((e: { action: string }) => e.action)).toEqual(['propose', 'confirm', 'supersede']);
    expect((await act(f.secB, `agreements/${renewal}/end`, { reason: 'x' })).statusCode).toBe(404);
    const ended = await act(first.sec, `agreements/${renewal}/end`, { reason: '单位搬迁' });
    expect(ended.json()).toMatchObject({ status: 'ended', closeReason: '单位搬迁' });
    expect((await notificationsOf(env, f.secA.id, 'co_building.ended')).length).toBeGreaterThanOrEqual(1);
    expect((await act(f.secA, `agreements/${renewal}/end`, { reason: 'again' })).statusCode).toBe(409);
  });
});

describe('listing and reading agreements', () => {
  it('each side sees its own agreements only; filters by status; 403 for people who are no side of anything', async () => {
    const { id, sec } = await activeAgreement();
    expect(ids(await sec.request({ method: 'GET', url: '/api/v1/co-building/agreements' }))).toEqual([id]);
    const bySecA = ids(await f.secA.request({ method: 'GET', url: '/api/v1/co-building/agreements?status=active&limit=200' }));
    expect(bySecA).toContain(id);
    expect(ids(await f.secB.request({ method: 'GET', url: '/api/v1/co-building/agreements?limit=200' }))).not.toContain(id);
    expect(ids(await f.unitSecA.request({ method: 'GET', url: '/api/v1/co-building/agreements?limit=200' }))).not.toContain(id);
    expect(ids(await f.root.request({ method: 'GET', url: `/api/v1/co-building/agreements?communityId=${f.a.community.id}&limit=200` }))).toContain(id);
    expect((await f.resident.request({ method: 'GET', url: '/api/v1/co-building/agreements' })).statusCode).toBe(403);
    expect((await f.secA.request({ method: 'GET', url: '/api/v1/co-building/agreements?status=nope' })).statusCode).toBe(400);
    for (const who of [f.secB, f.unitSecA, f.resident]) expect((await who.request({ method: 'GET', url: `/api/v1/co-building/agreements/${id}` })).statusCode).toBe(404);
    const detail = (await f.root.request({ method: 'GET', url: `/api/v1/co-building/agreements/${id}` })).json();
    expect(detail.sides).toEqual(['unit', 'community']);
    expect(detail.itemCounts.need).toEqual({ open: 0, claimed: 0, completed: 0 });
  });
});

describe('the three lists and two-way claiming', () => {
  it('needs are written by the community, resources by the unit, projects by either', async () => {
    const { id, sec } = await activeAgreement();
    expect((await addItem(sec, id, { list: 'need', title: '独居老人探访' })).statusCode).toBe(403);
    expect((await addItem(f.secA, id, { list: 'resource', title: '会议室' })).statusCode).toBe(403);
    const need = await addItem(f.secA, id, { list: 'need', title: '独居老人探访', description: '每月两次', quantity: 12, dueOn: '2026-12-31' });
    expect(need.statusCode).toBe(201);
    expect(need.json()).toMatchObject({ list: 'need', side: 'community', status: 'open', quantity: 12, dueOn: '2026-12-31', actions: [] });
    expect(await notificationsOf(env, sec.id, 'co_building.item_created')).toHaveLength(1);
    const resource = await addItem(sec, id, { list: 'resource', title: '单位会议室周末开放' });
    expect(resource.json()).toMatchObject({ side: 'unit', actions: [] });
    expect((await addItem(sec, id, { list: 'project', title: '共建口袋公园' })).json().side).toBe('unit');
    expect((await addItem(f.secA, id, { list: 'project', title: '红色课堂' })).json().side).toBe('community');
    for (const payload of [{ list: 'wish', title: 'x' }, { list: 'need', title: '' }, { list: 'need', title: 'x', quantity: 0 }, { list: 'need', title: 'x', dueOn: 'soon' }, { list: 'need' }]) {
      expect((await addItem(f.secA, id, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await addItem(f.secB, id, { list: 'need', title: 'x' })).statusCode).toBe(404);
    expect((await addItem(f.secA, NIL, { list: 'need', title: 'x' })).statusCode).toBe(404);
  });

  it('only the other side claims: a unit claims a community need, a community claims a unit resource; both are told', async () => {
    const { id, sec } = await activeAgreement();
    const need = (await addItem(f.secA, id, { list: 'need', title: '助老志愿者' })).json();
    const resource = (await addItem(sec, id, { list: 'resource', title: '法律顾问' })).json();
    const own = await act(f.secA, `items/${need.id}/claim`);
    expect(own.statusCode).toBe(403);
    expect(errorCode(own)).toBe('FORBIDDEN');
    expect((await act(sec, `items/${resource.id}/claim`)).statusCode).toBe(403);
    expect((await act(f.secB, `items/${need.id}/claim`)).statusCode).toBe(404);
    expect((await act(f.unitSecA, `items/${need.id}/claim`)).statusCode).toBe(404);

    const secANotes = (await notificationsOf(env, f.secA.id, 'co_building.item_claimed')).length;
    const claimed = await act(sec, `items/${need.id}/claim`);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ status: 'claimed', claimedByName: '共建单位书记', actions: ['complete'] });
    expect(await notificationsOf(env, f.secA.id, 'co_building.item_claimed')).toHaveLength(secANotes + 1);
    const twice = await act(sec, `items/${need.id}/claim`);
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe('INVALID_TRANSITION');
    expect((await act(f.secA, `items/${resource.id}/claim`)).json()).toMatchObject({ status: 'claimed', claimedByName: '甲书记' });
    expect(await notificationsOf(env, sec.id, 'co_building.item_claimed')).toHaveLength(1);
  });

  it('completion needs a claim and a note; either side records it and the other is told', async () => {
    const { id, sec } = await activeAgreement();
    const need = (await addItem(f.secA, id, { list: 'need', title: '楼道清洁' })).json();
    const early = await act(f.secA, `items/${need.id}/complete`, { note: '已完成' });
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe('INVALID_TRANSITION');
    await act(sec, `items/${need.id}/claim`);
    expect((await act(f.secA, `items/${need.id}/complete`, {})).statusCode).toBe(400);
    expect((await act(f.secB, `items/${need.id}/complete`, { note: 'x' })).statusCode).toBe(404);
    const done = await act(f.secA, `items/${need.id}/complete`, { note: '组织 12 人次清洁 6 栋楼道' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', completionNote: '组织 12 人次清洁 6 栋楼道', completedByName: '甲书记', actions: [] });
    expect(await notificationsOf(env, sec.id, 'co_building.item_completed')).toHaveLength(1);
    expect((await act(sec, `items/${need.id}/complete`, { note: 'again' })).statusCode).toBe(409);
    const detail = (await sec.request({ method: 'GET', url: `/api/v1/co-building/agreements/${id}` })).json();
    expect(detail.itemCounts.need).toEqual({ open: 0, claimed: 0, completed: 1 });
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['propose', 'confirm', 'item.create', 'item.claim', 'item.complete']);
  });

  it('lists filter by agreement, list and status, for the two sides only', async () => {
    const { id, sec } = await activeAgreement();
    const n1 = (await addItem(f.secA, id, { list: 'need', title: '需求一' })).json().id;
    const n2 = (await addItem(f.secA, id, { list: 'need', title: '需求二' })).json().id;
    const r1 = (await addItem(sec, id, { list: 'resource', title: '资源一' })).json().id;
    await act(sec, `items/${n2}/claim`);
    const q = async (who: TestUser, query: string) => ids(await who.request({ method: 'GET', url: `/api/v1/co-building/items?agreementId=${id}&${query}` }));
    expect(await q(sec, 'list=need')).toEqual([n2, n1]);
    expect(await q(sec, 'list=need&status=open')).toEqual([n1]);
    expect(await q(f.secA, 'list=resource')).toEqual([r1]);
    expect(await q(f.secB, '')).toEqual([]);
    expect(await q(f.unitSecA, '')).toEqual([]);
    expect((await f.resident.request({ method: 'GET', url: '/api/v1/co-building/items' })).statusCode).toBe(403);
    expect((await sec.request({ method: 'GET', url: '/api/v1/co-building/items?list=wish' })).statusCode).toBe(400);
    expect((await sec.request({ method: 'GET', url: `/api/v1/co-building/items/${n1}` })).json().actions).toEqual(['claim']);
    expect((await f.secB.request({ method: 'GET', url: `/api/v1/co-building/items/${n1}` })).statusCode).toBe(404);
    const page1 = await sec.request({ method: 'GET', url: `/api/v1/co-building/items?agreementId=${id}&limit=2` });
    const page2 = await sec.request({ method: 'GET', url: `/api/v1/co-building/items?agreementId=${id}&limit=2&cursor=${page1.json().nextCursor}` });
    expect([...ids(page1), ...ids(page2)]).toEqual([r1, n2, n1]);
  });

  it('no new items or claims on an agreement that is pending, ended or past its term', async () => {
    const { unit, sec } = await freshUnit();
    const pending = (await propose(sec, unit.id, f.a.community.id)).json().id;
    expect((await addItem(f.secA, pending, { list: 'need', title: 'x' })).statusCode).toBe(409);
    const expired = await activeAgreement({ signedOn: '2020-01-01', termMonths: 12 });
    const detail = (await expired.sec.request({ method: 'GET', url: `/api/v1/co-building/agreements/${expired.id}` })).json();
    expect(detail).toMatchObject({ status: 'active', inForce: false });
    expect((await addItem(f.secA, expired.id, { list: 'need', title: 'x' })).statusCode).toBe(409);
    const live = await activeAgreement();
    const need = (await addItem(f.secA, live.id, { list: 'need', title: '待认领' })).json().id;
    await act(live.sec, `agreements/${live.id}/end`, { reason: '终止' });
    expect((await act(live.sec, `items/${need}/claim`)).statusCode).toBe(409);
  });
});

describe('GET /stats/overview unitsReportedIn', () => {
  it('counts distinct units with an agreement in force with a community in scope, from the records', async () => {
    const overview = async (who: TestUser, query = '') => (await who.request({ method: 'GET', url: `/api/v1/stats/overview${query}` })).json();
    const inForce = await env.db
      .selectFrom('coBuildAgreements as a')
      .innerJoin('regions as c', (j) => j.onRef('c.tenantId', '=', 'a.tenantId').onRef('c.id', '=', 'a.communityId'))
      .select(['a.unitId', 'c.path'])
      .where('a.status', '=', 'active')
      .where('a.endsOn', '>=', today())
      .execute();
    const inA = new Set(inForce.filter((r) => r.path.startsWith(f.a.community.path)).map((r) => r.unitId));
    const all = new Set(inForce.map((r) => r.unitId));
    expect(inA.size).toBeGreaterThan(0);
    expect((await overview(f.secA)).unitsReportedIn).toBe(inA.size);
    expect((await overview(f.secB)).unitsReportedIn).toBe(1);
    expect((await overview(f.root, `?regionId=${f.a.city!.id}`)).unitsReportedIn).toBe(all.size);

    const before = (await overview(f.secA)).unitsReportedIn;
    await activeAgreement();
    await activeAgreement({ signedOn: '2019-01-01', termMonths: 6 }); // past its term: not counted
    expect((await overview(f.secA)).unitsReportedIn).toBe(before + 1);
  });
});
