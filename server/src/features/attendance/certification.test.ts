import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { buildManyUsers, buildPublishedItem, buildServiceCommunity, HOUR, type TestUser } from '../service-items/service-items.fixtures.js';

const T0 = Date.parse('2026-12-01T09:00:00+08:00');
let clock = T0;
let env: TestEnv;
let a: Awaited<ReturnType<typeof buildServiceCommunity>>;
let b: Awaited<ReturnType<typeof buildServiceCommunity>>;
let resident: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(clock) });
  a = await buildServiceCommunity(env, '认证社区');
  b = await buildServiceCommunity(env, '另一社区');
  resident = await buildUser(env, { name: '居民甲', regionId: a.community.id, grants: [{ role: 'resident', regionId: a.community.id }] });
  outsider = await buildUser(env, { name: '居民乙', regionId: b.community.id, grants: [{ role: 'resident', regionId: b.community.id }] });
});
afterAll(() => env.close());

const at = (minutes: number) => (clock = T0 + minutes * 60_000);

/** An item 10:00–12:00 with `n` claimants, `entered` of whom get batch-entered records (10:00–11:50 → 2 h credited). */
async function servedItem(n: number, entered: number, overrides = {}) {
  at(0);
  const people = await buildManyUsers(env, n, a.community.id);
  const item = await buildPublishedItem(env, a.community.id, { startsAt: new Date(T0 + HOUR).toISOString(), endsAt: new Date(T0 + 3 * HOUR).toISOString(), capacity: 20, pointsPerHour: 10, ...overrides });
  for (const p of people) await p.request({ method: 'POST', url: `/api/v1/service-items/${item.id}/claims` });
  at(4 * 60);
  const res = await a.secretary.request({
    method: 'POST',
    url: `/api/v1/service-items/${item.id}/records/batch`,
    payload: { entries: people.slice(0, entered).map((p) => ({ userId: p.id, checkInAt: new Date(T0 + HOUR).toISOString(), checkOutAt: new Date(T0 + 2 * HOUR + 50 * 60_000).toISOString() })) },
  });
  expect(res.statusCode).toBe(201);
  const records = res.json().items as Array<{ id: string; userId: string }>;
  return { item, people, records };
}

const transfersOf = async (recordId: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from ledger_transfers where source_type = 'service_record' and source_id = ${recordId}`.execute(env.db)).rows[0]!.n;

describe('authentication', () => {
  it('401 on every attendance and certification route without a session', async () => {
    const id = '00000000-0000-7000-8000-000000000000';
    for (const [method, url, payload] of [
      ['GET', `/api/v1/service-items/${id}/site-code`],
      ['POST', `/api/v1/service-items/${id}/check-in`, { code: '123456', lat: 25, lng: 100 }],
      ['POST', `/api/v1/service-items/${id}/check-out`, { code: '123456', lat: 25, lng: 100 }],
      ['POST', `/api/v1/service-items/${id}/records/batch`, { entries: [] }],
      ['POST', `/api/v1/service-items/${id}/records/retro`, {}],
      ['GET', `/api/v1/service-items/${id}/roster`],
      ['GET', '/api/v1/service-records'],
      ['GET', `/api/v1/service-records/${id}`],
      ['POST', `/api/v1/service-records/${id}/approve`],
      ['POST', `/api/v1/service-records/${id}/decline`, { reason: 'x' }],
      ['POST', '/api/v1/service-records/batch-approve', { ids: [id] }],
      ['POST', `/api/v1/service-items/${id}/ratings`, { score: 5 }],
      ['GET', `/api/v1/service-items/${id}/ratings`],
    ] as const) {
      const res = await env.app.inject({ method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('400 on malformed ids and bodies', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/v1/service-items/x/check-out', { code: '123456', lat: 25, lng: 100 }],
      ['POST', `/api/v1/service-items/${a.community.id}/check-out`, {}],
      ['GET', '/api/v1/service-records/x'],
      ['POST', '/api/v1/service-records/batch-approve', { ids: ['x'] }],
      ['POST', `/api/v1/service-records/${a.community.id}/decline`, { reason: '' }],
    ] as const) {
      expect((await a.secretary.request({ method, url, payload })).statusCode, `${method} ${url}`).toBe(400);
    }
  });
});

describe('GET /service-items/:id/roster', () => {
  it('401 / 404 unknown / 403 non-workers / lists claims, waitlist and records with masked phones', async () => {
    const { item, people } = await servedItem(3, 1, { capacity: 2 });
    const url = `/api/v1/service-items/${item.id}/roster`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await a.secretary.request({ method: 'GET', url: '/api/v1/service-items/00000000-0000-7000-8000-000000000000/roster' })).statusCode).toBe(404);
    expect((await resident.request({ method: 'GET', url })).statusCode).toBe(403);
    expect((await b.secretary.request({ method: 'GET', url })).statusCode).toBe(403);
    const res = await a.secretary.request({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const roster = res.json();
    expect(roster.entries.map((e: { userId: string; checkState: string }) => [e.userId, e.checkState])).toEqual([
      [people[0]!.id, 'checked_out'],
      [people[1]!.id, 'not_checked_in'],
      [people[2]!.id, 'waitlisted'],
    ]);
    expect(roster.entries[2].claim.waitlistPosition).toBe(1);
    for (const e of roster.entries) expect(e.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(res.body).not.toContain(people[0]!.phone);
    expect(roster.totals).toEqual({ claimed: 2, waitlisted: 1, checkedIn: 0, checkedOut: 1, pending: 1, approved: 0 });
  });
});

describe('certification', () => {
  it('approve: 401 / 404 for strangers / 403 for the person and other workers / happy settles points once and notifies', async () => {
    const { item, people, records } = await servedItem(1, 1);
    const url = `/api/v1/service-records/${records[0]!.id}/approve`;
    expect((await env.app.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await a.secretary.request({ method: 'POST', url: '/api/v1/service-records/nope/approve' })).statusCode).toBe(400);
    expect((await resident.request({ method: 'POST', url })).statusCode).toBe(404);
    expect((await b.secretary.request({ method: 'POST', url })).statusCode).toBe(404);
    expect((await people[0]!.request({ method: 'POST', url })).statusCode).toBe(403);
    const res = await a.secretary.request({ method: 'POST', url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', certifiedBy: a.secretary.id, creditedMinutes: 120 });
    expect(await transfersOf(records[0]!.id)).toBe(1);
    const again = await a.secretary.request({ method: 'POST', url });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('服务记录已认证，不能认证');
    expect(await transfersOf(records[0]!.id)).toBe(1);
    const notes = await env.db.selectFrom('notifications').select(['kind', 'title', 'body']).where('userId', '=', people[0]!.id).execute();
    expect(notes).toEqual([{ kind: 'service_record.approved', title: `服务时长已认证：${item.title}`, body: '认证时长 2 小时，积分已自动结算。' }]);
    const audit = await env.db.selectFrom('auditLog').select('action').where('targetId', '=', records[0]!.id).orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual(['service_record.batch_entered', 'service_record.approved']);
  });

  it('a worker cannot certify their own record', async () => {
    at(0);
    const item = await buildPublishedItem(env, a.community.id, { startsAt: new Date(T0 + HOUR).toISOString(), endsAt: new Date(T0 + 3 * HOUR).toISOString() });
    at(4 * 60);
    const own = await a.secretary.request({ method: 'POST', url: `/api/v1/service-items/${item.id}/records/batch`, payload: { entries: [{ userId: a.secretary.id, checkInAt: new Date(T0 + HOUR).toISOString(), checkOutAt: new Date(T0 + 2 * HOUR).toISOString() }] } });
    const res = await a.secretary.request({ method: 'POST', url: `/api/v1/service-records/${own.json().items[0].id}/approve` });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('不能认证本人的服务时长');
  });

  it('decline keeps the record with its reason, settles nothing, notifies, and frees a new entry', async () => {
    const { item, people, records } = await servedItem(1, 1);
    const url = `/api/v1/service-records/${records[0]!.id}/decline`;
    expect((await a.secretary.request({ method: 'POST', url, payload: {} })).statusCode).toBe(400);
    const res = await a.secretary.request({ method: 'POST', url, payload: { reason: '签到表无本人签名' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'declined', declineReason: '签到表无本人签名' });
    expect(await transfersOf(records[0]!.id)).toBe(0);
    expect((await env.db.selectFrom('serviceRecords').select('status').where('id', '=', records[0]!.id).executeTakeFirst())?.status).toBe('declined');
    const mine = await people[0]!.request({ method: 'GET', url: '/api/v1/service-records' });
    expect(mine.json().items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[records[0]!.id, 'declined']]);
    expect((await a.secretary.request({ method: 'POST', url: `/api/v1/service-records/${records[0]!.id}/approve` })).statusCode).toBe(409);
    const reentry = await a.secretary.request({
      method: 'POST',
      url: `/api/v1/service-items/${item.id}/records/batch`,
      payload: { entries: [{ userId: people[0]!.id, checkInAt: new Date(T0 + HOUR).toISOString(), checkOutAt: new Date(T0 + 2 * HOUR).toISOString() }] },
    });
    expect(reentry.statusCode).toBe(201);
  });

  it('batch approve: all or nothing, naming the record that stopped it', async () => {
    const { records } = await servedItem(4, 4);
    const [r1, r2, r3, r4] = records.map((r) => r.id) as [string, string, string, string];
    await a.secretary.request({ method: 'POST', url: `/api/v1/service-records/${r4}/decline`, payload: { reason: '重复' } });
    const refused = await a.secretary.request({ method: 'POST', url: '/api/v1/service-records/batch-approve', payload: { ids: [r1, r2, r4] } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.recordId).toBe(r4);
    expect(await transfersOf(r1)).toBe(0);
    expect((await a.secretary.request({ method: 'POST', url: '/api/v1/service-records/batch-approve', payload: { ids: [] } })).statusCode).toBe(400);
    expect((await resident.request({ method: 'POST', url: '/api/v1/service-records/batch-approve', payload: { ids: [r1] } })).statusCode).toBe(404);
    const ok = await a.secretary.request({ method: 'POST', url: '/api/v1/service-records/batch-approve', payload: { ids: [r1, r2, r3] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((r: { status: string }) => r.status)).toEqual(['approved', 'approved', 'approved']);
    for (const id of [r1, r2, r3]) expect(await transfersOf(id)).toBe(1);
  });

  it('GET /service-records: the certification queue of my communities; people see their own only', async () => {
    const { item, people } = await servedItem(2, 2);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/service-records' })).statusCode).toBe(401);
    expect((await a.secretary.request({ method: 'GET', url: '/api/v1/service-records?status=waiting' })).statusCode).toBe(400);
    const queue = await a.secretary.request({ method: 'GET', url: `/api/v1/service-records?itemId=${item.id}&status=pending` });
    expect(queue.json().items).toHaveLength(2);
    expect((await b.secretary.request({ method: 'GET', url: `/api/v1/service-records?itemId=${item.id}` })).json().items).toEqual([]);
    const own = await people[1]!.request({ method: 'GET', url: '/api/v1/service-records' });
    expect(own.json().items.map((r: { userId: string }) => r.userId)).toEqual([people[1]!.id]);
    const page = await a.secretary.request({ method: 'GET', url: `/api/v1/service-records?itemId=${item.id}&limit=1` });
    const next = await a.secretary.request({ method: 'GET', url: `/api/v1/service-records?itemId=${item.id}&limit=1&cursor=${page.json().nextCursor}` });
    expect(next.json().items[0].id).not.toBe(page.json().items[0].id);
    expect((await resident.request({ method: 'GET', url: `/api/v1/service-records/${page.json().items[0].id}` })).statusCode).toBe(404);
  });
});

describe('ratings', () => {
  it('401 / 400 / 403 before the end, for outsiders and for volunteers / a resident rates once / summary', async () => {
    const { item, people } = await servedItem(1, 1);
    const url = `/api/v1/service-items/${item.id}/ratings`;
    expect((await env.app.inject({ method: 'POST', url, payload: { score: 5 } })).statusCode).toBe(401);
    expect((await resident.request({ method: 'POST', url, payload: { score: 6 } })).statusCode).toBe(400);
    expect((await resident.request({ method: 'POST', url, payload: {} })).statusCode).toBe(400);
    at(2 * 60);
    const early = await resident.request({ method: 'POST', url, payload: { score: 5 } });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.message).toBe('服务结束后才能评价');
    at(4 * 60);
    expect((await outsider.request({ method: 'POST', url, payload: { score: 5 } })).json().error.message).toBe('仅认证社区的居民可以评价该服务');
    expect((await people[0]!.request({ method: 'POST', url, payload: { score: 5 } })).json().error.message).toBe('参与服务的志愿者不能评价自己参与的服务');
    const res = await resident.request({ method: 'POST', url, payload: { score: 4, comment: '楼道干净多了，谢谢！' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ score: 4, comment: '楼道干净多了，谢谢！' });
    const again = await resident.request({ method: 'POST', url, payload: { score: 1 } });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('ALREADY_EXISTS');
    const [neighbour] = await buildManyUsers(env, 1, a.community.id);
    await neighbour!.request({ method: 'POST', url, payload: { score: 5 } });
    const summary = await outsider.request({ method: 'GET', url });
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toMatchObject({ count: 2, average: 4.5, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 }, mine: null, canRate: false });
    expect(summary.json().recent).toHaveLength(2);
    expect(summary.body).not.toContain(resident.id);
    const mine = await resident.request({ method: 'GET', url });
    expect(mine.json().mine).toMatchObject({ score: 4 });
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await resident.request({ method: 'GET', url: '/api/v1/service-items/00000000-0000-7000-8000-000000000000/ratings' })).statusCode).toBe(404);
  });
});

describe('overview figures', () => {
  it('servicesPublished, personTimes and serviceHours are counted from items and certified records in scope', async () => {
    const c = await buildServiceCommunity(env, '统计社区');
    at(0);
    const [p1, p2] = await buildManyUsers(env, 2, c.community.id);
    const item = await buildPublishedItem(env, c.community.id, { startsAt: new Date(T0 + HOUR).toISOString(), endsAt: new Date(T0 + 3 * HOUR).toISOString() });
    await buildPublishedItem(env, c.community.id, { title: '未开展' });
    at(4 * 60);
    const entered = await c.secretary.request({
      method: 'POST',
      url: `/api/v1/service-items/${item.id}/records/batch`,
      payload: { entries: [p1!, p2!].map((p) => ({ userId: p.id, checkInAt: new Date(T0 + HOUR).toISOString(), checkOutAt: new Date(T0 + 2 * HOUR + 20 * 60_000).toISOString() })) },
    });
    const before = (await c.secretary.request({ method: 'GET', url: '/api/v1/stats/overview' })).json();
    expect(before).toMatchObject({ servicesPublished: 2, personTimes: 0, serviceHours: 0 });
    await c.secretary.request({ method: 'POST', url: `/api/v1/service-records/${entered.json().items[0].id}/approve` });
    const after = (await c.secretary.request({ method: 'GET', url: '/api/v1/stats/overview' })).json();
    expect(after).toMatchObject({ communities: 1, servicesPublished: 2, personTimes: 1, serviceHours: 1.5 });
  });
});
