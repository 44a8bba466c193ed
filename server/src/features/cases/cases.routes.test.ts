import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { DEFAULT_CASE_TYPE } from './default-case-type.js';
import { buildCaseFixture, caseHelpers, NIL, type CaseFixture, type TestUser } from './cases.fixtures.js';

let clock = new Date('2026-03-09T09:00:00+08:00'); // Monday
let env: TestEnv;
let f: CaseFixture;
let h: ReturnType<typeof caseHelpers>;
beforeAll(async () => {
  env = await createTestEnv({ now: () => clock });
  f = await buildCaseFixture(env);
  h = caseHelpers(env, f);
});
afterAll(() => env.close());

const get = (who: TestUser, url: string) => who.request({ method: 'GET', url: `/api/v1${url}` });
const anon = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => env.app.inject({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const ids = (res: { json(): unknown }) => (res.json() as { items: Array<{ id: string }> }).items.map((c) => c.id);

describe('POST /cases', () => {
  it('401 without a session; 400 on a bad body, an unknown category or region, a photo not one’s own is 404', async () => {
    expect((await anon('POST', '/cases', { categoryId: f.exposed.id, regionId: f.gridA.id, description: 'xx', channel: 'resident' })).statusCode).toBe(401);
    for (const payload of [
      {},
      { categoryId: f.exposed.id, regionId: f.gridA.id, description: 'xx', channel: 'fax' },
      { categoryId: f.exposed.id, regionId: f.gridA.id, description: 'xx', channel: 'resident', lat: 91 },
      { categoryId: f.exposed.id, regionId: f.gridA.id, description: 'xx', channel: 'resident', colour: 'red' },
      { categoryId: NIL, regionId: f.gridA.id, description: 'xx', channel: 'resident' },
      { categoryId: f.exposed.id, regionId: NIL, description: 'xx', channel: 'resident' },
      { categoryId: f.exposed.id, regionId: f.gridA.id, description: 'xx', channel: 'resident', typeCode: 'nope' },
    ]) {
      const res = await f.resident.request({ method: 'POST', url: '/api/v1/cases', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
    const someoneElses = await h.photo(f.residentB);
    expect((await h.report(f.resident, { photos: [someoneElses] })).statusCode).toBe(404);
  });

  it('201 with photos; a retry with the same Idempotency-Key returns the same case and creates nothing', async () => {
    const photo = await h.photo(f.resident);
    const headers = { 'idempotency-key': 'case-report-0001' };
    const payload = { categoryId: f.exposed.id, regionId: f.gridA.id, description: '垃圾堆', channel: 'resident', photos: [photo], lat: 25.6, lng: 100.2, streetId: null };
    const first = await f.resident.request({ method: 'POST', url: '/api/v1/cases', payload, headers });
    const second = await f.resident.request({ method: 'POST', url: '/api/v1/cases', payload, headers });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect(first.json().photos).toEqual([photo]);
    const n = await env.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('description', '=', '垃圾堆').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});

describe('GET /cases/:id and POST /cases/:id/transitions', () => {
  it('401, 400 (bad id, bad body), 404 out of scope or unknown, 200 with timeline', async () => {
    const c = h.ok(await h.report(f.resident), 201);
    expect((await anon('GET', `/cases/${c.id}`)).statusCode).toBe(401);
    expect((await anon('POST', `/cases/${c.id}/transitions`, { action: 'file' })).statusCode).toBe(401);
    expect((await get(f.resident, '/cases/nope')).statusCode).toBe(400);
    expect((await h.act(f.dispatcherA, c.id, 'FILE')).statusCode).toBe(400);
    expect((await f.dispatcherA.request({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, payload: { action: 'file', extra: 1 } })).statusCode).toBe(400);
    expect((await get(f.residentB, `/cases/${c.id}`)).statusCode).toBe(404);
    expect((await get(f.dispatcherB, `/cases/${c.id}`)).statusCode).toBe(404);
    expect((await get(f.handlerCg, `/cases/${c.id}`)).statusCode).toBe(404); // not dispatched to them yet
    expect((await get(f.resident, `/cases/${NIL}`)).statusCode).toBe(404);
    expect((await h.act(f.dispatcherA, NIL, 'file')).statusCode).toBe(404);
    for (const who of [f.resident, f.dispatcherA, f.cityDispatcher, f.leader, f.grid, f.admin]) expect((await get(who, `/cases/${c.id}`)).statusCode).toBe(200);
    const filed = h.ok(await h.act(f.dispatcherA, c.id, 'file'));
    expect(filed.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'file', 'dispatch']);
    expect((await get(f.handlerCg, `/cases/${c.id}`)).statusCode).toBe(200);
  });
});

describe('GET /cases — scoped lists', () => {
  let mineA: string;
  let mineB: string;
  let overdue: string;
  beforeAll(async () => {
    mineA = (await h.dispatched({ description: '甲区暴露垃圾' })).id;
    mineB = h.ok(await h.report(f.residentB, { regionId: f.b.community.id, description: '乙区暴露垃圾' }), 201).id;
    clock = new Date('2026-03-09T08:00:00+08:00');
    overdue = (await h.dispatched({ description: '早上的垃圾' })).id; // sign due 09:30
    clock = new Date('2026-03-09T10:00:00+08:00');
  });

  it('401 and 400', async () => {
    expect((await anon('GET', '/cases')).statusCode).toBe(401);
    for (const q of ['status=Bad!', 'categoryId=x', 'limit=0', 'overdue=maybe', 'unknown=1']) expect((await get(f.admin, `/cases?${q}`)).statusCode, q).toBe(400);
  });

  it('each sees their scope: reporters their own, desks their region, departments what is dispatched to them', async () => {
    expect(ids(await get(f.residentB, '/cases'))).toEqual([mineB]);
    const a = ids(await get(f.dispatcherA, '/cases'));
    expect(a).toContain(mineA);
    expect(a).not.toContain(mineB);
    expect(ids(await get(f.dispatcherB, '/cases'))).toEqual([mineB]);
    expect(ids(await get(f.cityDispatcher, '/cases'))).toEqual(expect.arrayContaining([mineA, mineB]));
    const cg = ids(await get(f.handlerCg, '/cases'));
    expect(cg).toContain(mineA);
    expect(cg).not.toContain(mineB);
    expect(ids(await get(f.handlerHw, '/cases'))).toEqual([]);
  });

  it('filters: status, category class, region subtree, department, overdue, mine, text; pages with a cursor', async () => {
    expect(ids(await get(f.admin, `/cases?status=reported&regionId=${f.b.subdistrict.id}`))).toEqual([mineB]);
    expect(ids(await get(f.admin, `/cases?categoryId=${f.classE01.id}&q=乙区`))).toEqual([mineB]);
    expect(ids(await get(f.admin, `/cases?categoryId=${f.classC04.id}`))).toEqual([]);
    expect(ids(await get(f.admin, `/cases?departmentId=${f.chengguan.id}`))).toEqual(expect.arrayContaining([mineA, overdue]));
    expect(ids(await get(f.admin, '/cases?overdue=true'))).toContain(overdue);
    expect(ids(await get(f.admin, '/cases?overdue=true'))).not.toContain(mineA);
    expect(ids(await get(f.resident, '/cases?mine=true'))).toContain(mineA);
    expect(ids(await get(f.dispatcherA, '/cases?mine=true'))).toEqual([]);
    const first = await get(f.admin, '/cases?limit=2');
    const second = await get(f.admin, `/cases?limit=2&cursor=${first.json().nextCursor}`);
    const all = [...ids(first), ...ids(second)];
    expect(new Set(all).size).toBe(4);
    expect((await get(f.admin, '/cases?cursor=bm9wZQ')).statusCode).toBe(400);
  });

  it('GET /me/cases lists my reports; GET /me/cases/queue lists my department’s work by deadline', async () => {
    expect((await anon('GET', '/me/cases')).statusCode).toBe(401);
    expect((await anon('GET', '/me/cases/queue')).statusCode).toBe(401);
    expect((await get(f.resident, '/me/cases?limit=0')).statusCode).toBe(400);
    expect(ids(await get(f.residentB, '/me/cases'))).toEqual([mineB]);
    const queue = h.ok(await get(f.handlerCg, '/me/cases/queue'));
    const dues = queue.items.map((c: { clock: { dueAt: string } | null }) => c.clock?.dueAt ?? '~');
    expect(dues).toEqual([...dues].sort());
    expect(queue.items[0].id).toBe(overdue);
    expect(ids(await get(f.handlerHw, '/me/cases/queue'))).toEqual([]);
    expect(ids(await get(f.resident, '/me/cases/queue'))).toEqual([]);
    const page = await get(f.handlerCg, '/me/cases/queue?limit=1');
    const next = await get(f.handlerCg, `/me/cases/queue?limit=1&cursor=${page.json().nextCursor}`);
    expect(ids(next)[0]).not.toBe(ids(page)[0]);
  });
});

describe('case types', () => {
  it('GET /case-types and /case-types/:code: 401, 404, 200', async () => {
    expect((await anon('GET', '/case-types')).statusCode).toBe(401);
    const list = h.ok(await get(f.resident, '/case-types'));
    expect(list).toEqual([expect.objectContaining({ code: 'default', version: 1, versions: [1] })]);
    expect(list[0].transitions).toHaveLength(DEFAULT_CASE_TYPE.transitions.length);
    expect((await get(f.resident, '/case-types/nope')).statusCode).toBe(404);
    expect((await get(f.resident, '/case-types/default?version=9')).statusCode).toBe(404);
    expect((await get(f.resident, '/case-types/Bad')).statusCode).toBe(400);
  });

  it('POST /case-types adds a version; cases keep the version they were created with', async () => {
    const old = h.ok(await h.report(f.resident), 201);
    const body = { ...DEFAULT_CASE_TYPE, name: '通用工单（无自动派遣）', intake: { initial: 'reported', directFile: { action: 'file' } } };
    const { code: _c, version: _v, ...payload } = { ...body, code: 'default', version: 0 };
    expect((await anon('POST', '/case-types', { code: 'default', ...payload })).statusCode).toBe(401);
    expect((await f.dispatcherA.request({ method: 'POST', url: '/api/v1/case-types', payload: { code: 'default', ...payload } })).statusCode).toBe(403);
    const broken = { code: 'default', ...payload, transitions: [...payload.transitions, { action: 'fly', name: '飞', from: ['nowhere'], to: 'closed', by: ['dispatcher'] }] };
    const bad = await f.admin.request({ method: 'POST', url: '/api/v1/case-types', payload: broken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems).toEqual(['操作 fly 的 from：未定义的状态 nowhere']);
    expect((await f.admin.request({ method: 'POST', url: '/api/v1/case-types', payload: { code: 'default', ...payload, states: [] } })).statusCode).toBe(400);
    const created = await f.admin.request({ method: 'POST', url: '/api/v1/case-types', payload: { code: 'default', ...payload } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 2, versions: [2, 1] });
    const fresh = h.ok(await h.report(f.grid, { channel: 'grid' }), 201);
    expect(fresh).toMatchObject({ typeVersion: 2, status: 'filed' }); // version 2 does not dispatch on filing
    const filedOld = h.ok(await h.act(f.dispatcherA, old.id, 'file'));
    expect(filedOld).toMatchObject({ typeVersion: 1, status: 'dispatched' }); // the old case keeps version 1's rules
  });
});

describe('case settings', () => {
  it('GET: 401 / 200; PUT: 401, 400, 403, 200', async () => {
    expect((await anon('GET', '/cases/settings')).statusCode).toBe(401);
    expect(h.ok(await get(f.resident, '/cases/settings'))).toMatchObject({ satisfactionAlpha: 0.5, minRankingSample: 5, escalation: [{ level: 1, regionKind: 'subdistrict', at: 1 }, { level: 2 }, { level: 3 }] });
    expect((await anon('PUT', '/cases/settings', { minRankingSample: 3 })).statusCode).toBe(401);
    expect((await f.admin.request({ method: 'PUT', url: '/api/v1/cases/settings', payload: {} })).statusCode).toBe(400);
    expect((await f.admin.request({ method: 'PUT', url: '/api/v1/cases/settings', payload: { escalation: [{ level: 2, regionKind: 'city', at: 1 }] } })).statusCode).toBe(400);
    expect((await f.leader.request({ method: 'PUT', url: '/api/v1/cases/settings', payload: { minRankingSample: 3 } })).statusCode).toBe(403);
    const put = h.ok(await f.admin.request({ method: 'PUT', url: '/api/v1/cases/settings', payload: { minRankingSample: 3, defaultLimits: { sign: { workingHours: 1 }, handle: { workingDays: 2 }, verify: { minutes: 120 } } } }));
    expect(put).toMatchObject({ minRankingSample: 3, defaultLimits: { verify: { minutes: 120 } } });
    const audit = await env.db.selectFrom('auditLog').select('action').where('action', '=', 'case_settings.updated').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('metrics routes', () => {
  it('GET /cases/metrics and /cases/rankings: 401, 400, 403/404, 200', async () => {
    expect((await anon('GET', '/cases/metrics')).statusCode).toBe(401);
    expect((await anon('GET', '/cases/rankings?period=2026-03&by=department')).statusCode).toBe(401);
    expect((await get(f.admin, '/cases/metrics?regionId=x')).statusCode).toBe(400);
    expect((await get(f.admin, '/cases/rankings?period=2026-3&by=department')).statusCode).toBe(400);
    expect((await get(f.admin, '/cases/rankings?by=department')).statusCode).toBe(400);
    expect((await get(f.resident, '/cases/metrics')).statusCode).toBe(403);
    expect((await get(f.dispatcherB, `/cases/metrics?regionId=${f.a.subdistrict.id}`)).statusCode).toBe(404);
    expect((await get(f.admin, `/cases/metrics?departmentId=${NIL}`)).statusCode).toBe(400);
    const m = h.ok(await get(f.dispatcherA, '/cases/metrics?from=2026-03&to=2026-03'));
    expect(m.counts.received).toBeGreaterThan(0);
    h.ok(await get(f.leader, '/cases/rankings?period=2026-03&by=community'));
  });
});
