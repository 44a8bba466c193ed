import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { buildPublishedItem, buildServiceCommunity, HOUR, itemInput, PLACE, type TestUser } from './service-items.fixtures.js';
import { ITEM_TRANSITIONS, itemTransition } from './service-items.policy.js';
import { ITEM_STATUSES } from './service-items.schemas.js';

let clock = Date.parse('2026-12-01T09:00:00+08:00');
let env: TestEnv;
let a: Awaited<ReturnType<typeof buildServiceCommunity>>;
let b: Awaited<ReturnType<typeof buildServiceCommunity>>;
let subAdmin: TestUser;
let member: TestUser;

beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(clock) });
  a = await buildServiceCommunity(env, '甲社区');
  b = await buildServiceCommunity(env, '乙社区');
  subAdmin = await buildUser(env, { regionId: a.subdistrict.id, grants: [{ role: 'admin', regionId: a.subdistrict.id }] });
  member = await buildUser(env, { regionId: a.community.id, grants: [{ role: 'member', regionId: a.community.id }] });
});
afterAll(() => env.close());

const create = (u: TestUser, overrides: object = {}) => u.request({ method: 'POST', url: '/api/v1/service-items', payload: { ...itemInput(a.community.id, new Date(clock)), ...overrides } });
const action = (u: TestUser, id: string, verb: string, payload?: object) => u.request({ method: 'POST', url: `/api/v1/service-items/${id}/${verb}`, ...(payload ? { payload } : {}) });

describe('POST /service-items', () => {
  it('401 / 400 / 403 for members and other communities / a secretary creates a draft, audited', async () => {
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/service-items', payload: {} })).statusCode).toBe(401);
    for (const bad of [{ capacity: 0 }, { category: '跳舞' }, { lat: 91 }, { colour: 'red' }, { title: '' }, { startsAt: 'tomorrow' }, { eligibility: { kind: 'units' } }, { eligibility: { kind: 'everyone' } }]) {
      const res = await create(a.secretary, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
    const backwards = await create(a.secretary, { endsAt: new Date(clock).toISOString() });
    expect(backwards.json().error.message).toBe('结束时间必须晚于开始时间');
    expect((await create(member)).statusCode).toBe(403);
    expect((await create(b.secretary)).statusCode).toBe(403);
    expect((await create(a.secretary, { communityId: a.subdistrict.id })).statusCode).toBe(400);
    const res = await create(a.secretary, { capacity: 12, eligibility: { kind: 'party_members' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      communityName: '甲社区',
      capacity: 12,
      claimedCount: 0,
      remaining: 12,
      plannedMinutes: 120,
      checkinRadiusM: 300,
      cancelDeadlineMinutes: 120,
      eligibility: { kind: 'party_members' },
      createdBy: a.secretary.id,
      myClaimStatus: null,
    });
    expect(res.json().startsAt).toMatch(/\+08:00$/);
    const audit = await env.db.selectFrom('auditLog').select(['action', 'regionId']).where('targetId', '=', res.json().id).execute();
    expect(audit).toEqual([{ action: 'service_item.created', regionId: a.community.id }]);
    // an admin over the subdistrict manages its communities too
    expect((await create(subAdmin)).statusCode).toBe(201);
  });
});

describe('PATCH /service-items/:id and the lifecycle', () => {
  it('edits drafts only; 404 hides drafts from others; publish → close → reopen → cancel, each audited', async () => {
    const draft = (await create(a.secretary)).json();
    const url = `/api/v1/service-items/${draft.id}`;
    expect((await env.app.inject({ method: 'PATCH', url, payload: { title: 'x' } })).statusCode).toBe(401);
    expect((await a.secretary.request({ method: 'PATCH', url, payload: { capacity: -1 } })).statusCode).toBe(400);
    expect((await member.request({ method: 'PATCH', url, payload: { title: 'x' } })).statusCode).toBe(404);
    expect((await b.secretary.request({ method: 'PATCH', url, payload: { title: 'x' } })).statusCode).toBe(404);
    expect((await member.request({ method: 'GET', url })).statusCode).toBe(404);
    const edited = await a.secretary.request({ method: 'PATCH', url, payload: { title: '敬老院探访', capacity: 8, endsAt: new Date(clock + 27 * HOUR).toISOString() } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: '敬老院探访', capacity: 8, plannedMinutes: 180 });

    expect((await action(member, draft.id, 'publish')).statusCode).toBe(404);
    const published = await action(a.secretary, draft.id, 'publish');
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    expect(published.json().publishedAt).not.toBeNull();
    expect((await member.request({ method: 'GET', url })).statusCode).toBe(200);
    expect((await action(member, draft.id, 'close')).statusCode).toBe(403);
    expect((await b.secretary.request({ method: 'POST', url: `${url}/close` })).statusCode).toBe(403);
    const noEdit = await a.secretary.request({ method: 'PATCH', url, payload: { title: 'x' } });
    expect(noEdit.statusCode).toBe(409);
    expect(noEdit.json().error.message).toBe('服务已发布，不能修改');
    expect((await action(a.secretary, draft.id, 'publish')).statusCode).toBe(409);
    expect((await action(a.secretary, draft.id, 'close')).json().status).toBe('closed');
    expect((await action(a.secretary, draft.id, 'reopen')).json().status).toBe('published');
    expect((await action(a.secretary, draft.id, 'cancel', {})).statusCode).toBe(400);
    const cancelled = await action(a.secretary, draft.id, 'cancel', { reason: '场地调整' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '场地调整' });
    expect((await action(a.secretary, draft.id, 'complete')).statusCode).toBe(409);
    const actions = await env.db.selectFrom('auditLog').select('action').where('targetId', '=', draft.id).orderBy('id').execute();
    expect(actions.map((r) => r.action)).toEqual([
      'service_item.created', 'service_item.updated', 'service_item.publish', 'service_item.close', 'service_item.reopen', 'service_item.cancel',
    ]);
    expect((await action(a.secretary, '00000000-0000-7000-8000-000000000000', 'publish')).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'POST', url: `${url}/publish` })).statusCode).toBe(401);
  });

  it('the item state machine allows exactly the table’s transitions', () => {
    for (const [name, t] of Object.entries(ITEM_TRANSITIONS) as Array<[keyof typeof ITEM_TRANSITIONS, (typeof ITEM_TRANSITIONS)[keyof typeof ITEM_TRANSITIONS]]>) {
      for (const s of ITEM_STATUSES) {
        if ((t.from as readonly string[]).includes(s)) expect(itemTransition(name, s)).toBe(t.to);
        else expect(() => itemTransition(name, s)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
      }
    }
  });
});

describe('GET /service-items', () => {
  it('401 / 400; nearest first with distances, a radius, filters, search and cursors; drafts only for their managers', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/service-items' })).statusCode).toBe(401);
    for (const q of ['near=abc', 'near=25.6,100.1&radiusKm=0', 'radiusKm=5', 'status=open', 'category=跳舞', 'limit=0', 'from=yesterday']) {
      expect((await member.request({ method: 'GET', url: `/api/v1/service-items?${q}` })).statusCode, q).toBe(400);
    }
    const tag = `查找${clock}`;
    const near = await buildPublishedItem(env, a.community.id, { title: `${tag}近`, lat: PLACE.lat + 0.001, lng: PLACE.lng, category: '健康医疗' });
    const mid = await buildPublishedItem(env, b.community.id, { title: `${tag}中`, lat: PLACE.lat + 0.02, lng: PLACE.lng, startsAt: new Date(clock + 2 * HOUR).toISOString(), endsAt: new Date(clock + 3 * HOUR).toISOString() });
    const far = await buildPublishedItem(env, a.community.id, { title: `${tag}远`, lat: PLACE.lat + 0.5, lng: PLACE.lng });
    const draft = (await create(a.secretary, { title: `${tag}草稿` })).json();

    const byDistance = await member.request({ method: 'GET', url: `/api/v1/service-items?near=${PLACE.lat},${PLACE.lng}&q=${encodeURIComponent(tag)}` });
    expect(byDistance.statusCode, byDistance.body).toBe(200);
    const items = byDistance.json().items as Array<{ id: string; distanceM: number }>;
    expect(items.map((i) => i.id)).toEqual([near.id, mid.id, far.id]);
    expect(items[0]!.distanceM).toBe(111);
    expect(items[2]!.distanceM).toBeGreaterThan(55_000);
    const within = await member.request({ method: 'GET', url: `/api/v1/service-items?near=${PLACE.lat},${PLACE.lng}&radiusKm=5&q=${encodeURIComponent(tag)}` });
    expect(within.json().items.map((i: { id: string }) => i.id)).toEqual([near.id, mid.id]);
    const paged = await member.request({ method: 'GET', url: `/api/v1/service-items?near=${PLACE.lat},${PLACE.lng}&q=${encodeURIComponent(tag)}&limit=2` });
    const rest = await member.request({ method: 'GET', url: `/api/v1/service-items?near=${PLACE.lat},${PLACE.lng}&q=${encodeURIComponent(tag)}&limit=2&cursor=${paged.json().nextCursor}` });
    expect([...paged.json().items, ...rest.json().items].map((i: { id: string }) => i.id)).toEqual([near.id, mid.id, far.id]);
    expect(rest.json().nextCursor).toBeNull();

    const byTime = await member.request({ method: 'GET', url: `/api/v1/service-items?q=${encodeURIComponent(tag)}` });
    expect(byTime.json().items.map((i: { id: string }) => i.id)[0]).toBe(mid.id); // starts first
    const timePage = await member.request({ method: 'GET', url: `/api/v1/service-items?q=${encodeURIComponent(tag)}&limit=1` });
    const timeNext = await member.request({ method: 'GET', url: `/api/v1/service-items?q=${encodeURIComponent(tag)}&limit=1&cursor=${timePage.json().nextCursor}` });
    expect(timeNext.json().items[0].id).not.toBe(mid.id);
    expect(byTime.json().items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
    const filtered = await member.request({ method: 'GET', url: `/api/v1/service-items?q=${encodeURIComponent(tag)}&category=${encodeURIComponent('健康医疗')}&communityId=${a.community.id}` });
    expect(filtered.json().items.map((i: { id: string }) => i.id)).toEqual([near.id]);
    const window = await member.request({ method: 'GET', url: `/api/v1/service-items?q=${encodeURIComponent(tag)}&to=${encodeURIComponent(new Date(clock + 4 * HOUR).toISOString())}` });
    expect(window.json().items.map((i: { id: string }) => i.id)).toEqual([mid.id]);
    const managed = await a.secretary.request({ method: 'GET', url: `/api/v1/service-items?q=${encodeURIComponent(tag)}&status=draft` });
    expect(managed.json().items.map((i: { id: string }) => i.id)).toEqual([draft.id]);
    const notManaged = await b.secretary.request({ method: 'GET', url: `/api/v1/service-items?q=${encodeURIComponent(tag)}&status=draft` });
    expect(notManaged.json().items).toEqual([]);
  });
});

describe('GET /service-items/:id', () => {
  it('401 / 400 / 404; includes my claim, counts and what I may do', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 1 });
    const url = `/api/v1/service-items/${item.id}`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await member.request({ method: 'GET', url: '/api/v1/service-items/abc' })).statusCode).toBe(400);
    expect((await member.request({ method: 'GET', url: '/api/v1/service-items/00000000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    const before = await member.request({ method: 'GET', url });
    expect(before.json()).toMatchObject({ myClaim: null, myRecord: null, canManage: false, canClaim: true, remaining: 1 });
    await member.request({ method: 'POST', url: `${url}/claims` });
    const after = await member.request({ method: 'GET', url });
    expect(after.json()).toMatchObject({ myClaimStatus: 'claimed', myClaim: { status: 'claimed', waitlistPosition: null, canCancel: true }, canClaim: false, claimedCount: 1, remaining: 0 });
    expect((await a.secretary.request({ method: 'GET', url })).json()).toMatchObject({ canManage: true, myClaim: null });
  });
});
