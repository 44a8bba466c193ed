import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { multipart, samples } from '../files/files.fixtures.js';
import { buildManyUsers, buildPublishedItem, buildServiceCommunity, HOUR, PLACE, type TestUser } from '../service-items/service-items.fixtures.js';
import { closeForgottenCheckouts } from './close-forgotten-checkouts.js';

const T0 = Date.parse('2026-12-01T09:00:00+08:00');
let clock = T0;
let env: TestEnv;
let a: Awaited<ReturnType<typeof buildServiceCommunity>>;
let b: Awaited<ReturnType<typeof buildServiceCommunity>>;
let member: TestUser;

beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(clock) });
  a = await buildServiceCommunity(env, '签到社区');
  b = await buildServiceCommunity(env, '邻近社区');
  member = await buildUser(env, { name: '党员甲', regionId: a.community.id, grants: [{ role: 'member', regionId: a.community.id }] });
});
afterAll(() => env.close());

/** An item from 10:00 to 12:00 today (check-in opens 09:00), claimed by `people`. */
async function itemWithClaims(people: Array<{ request: TestUser['request'] }>, overrides = {}) {
  const item = await buildPublishedItem(env, a.community.id, { startsAt: new Date(T0 + HOUR).toISOString(), endsAt: new Date(T0 + 3 * HOUR).toISOString(), capacity: 10, ...overrides });
  for (const p of people) expect((await p.request({ method: 'POST', url: `/api/v1/service-items/${item.id}/claims` })).statusCode).toBe(201);
  return item;
}
const siteCode = async (itemId: string) => (await a.secretary.request({ method: 'GET', url: `/api/v1/service-items/${itemId}/site-code` })).json() as { code: string; shortCode: string; expiresAt: string };
const check = (u: { request: TestUser['request'] }, itemId: string, kind: 'check-in' | 'check-out', payload: object, headers: Record<string, string> = {}) =>
  u.request({ method: 'POST', url: `/api/v1/service-items/${itemId}/${kind}`, payload, headers });
const at = (minutes: number) => (clock = T0 + minutes * 60_000);

describe('GET /service-items/:id/site-code', () => {
  it('401 / 400 / 404 / 403 for members and other communities’ workers / the worker gets a rotating code', async () => {
    at(0);
    const item = await itemWithClaims([]);
    const url = `/api/v1/service-items/${item.id}/site-code`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await a.secretary.request({ method: 'GET', url: '/api/v1/service-items/x/site-code' })).statusCode).toBe(400);
    expect((await a.secretary.request({ method: 'GET', url: '/api/v1/service-items/00000000-0000-7000-8000-000000000000/site-code' })).statusCode).toBe(404);
    expect((await member.request({ method: 'GET', url })).statusCode).toBe(403);
    expect((await b.secretary.request({ method: 'GET', url })).statusCode).toBe(403);
    const res = await a.secretary.request({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: expect.stringMatching(new RegExp(`^${item.id}\\.\\d+\\.`)), shortCode: expect.stringMatching(/^\d{6}$/), expiresAt: expect.stringMatching(/\+08:00$/) });
  });
});

describe('POST /service-items/:id/check-in', () => {
  it('401 / 400 on bad bodies / 404 for an unknown item', async () => {
    at(0);
    const item = await itemWithClaims([member]);
    const { code } = await siteCode(item.id);
    expect((await env.app.inject({ method: 'POST', url: `/api/v1/service-items/${item.id}/check-in`, payload: { code, ...PLACE } })).statusCode).toBe(401);
    for (const payload of [{}, { code, lat: 200, lng: PLACE.lng }, { code, ...PLACE, extra: true }, { code: 12345, ...PLACE }, { code, lat: '25.69', lng: PLACE.lng }]) {
      expect((await check(member, item.id, 'check-in', payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await check(member, '00000000-0000-7000-8000-000000000000', 'check-in', { code, ...PLACE })).statusCode).toBe(404);
  });

  it('refuses forged, expired and other items’ codes, with reasons', async () => {
    at(0);
    const item = await itemWithClaims([member]);
    const other = await itemWithClaims([]);
    const { code } = await siteCode(item.id);
    const forged = await check(member, item.id, 'check-in', { code: `${code.slice(0, -4)}AAAA`, ...PLACE });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'CODE_INVALID' } });
    expect((await check(member, item.id, 'check-in', { code: '000000', ...PLACE })).json().error.details.reason).toBe('CODE_INVALID');
    const wrongItem = await check(member, item.id, 'check-in', { code: (await siteCode(other.id)).code, ...PLACE });
    expect(wrongItem.json().error).toMatchObject({ message: '该签到码不属于此服务，请确认扫描的是本活动的二维码', details: { reason: 'CODE_OTHER_ITEM' } });
    at(3);
    const expired = await check(member, item.id, 'check-in', { code, ...PLACE });
    expect(expired.statusCode).toBe(403);
    expect(expired.json().error).toMatchObject({ message: '签到码已过期，请重新扫描工作人员手机上的二维码', details: { reason: 'CODE_EXPIRED' } });
    expect(await env.db.selectFrom('serviceRecords').selectAll().where('itemId', '=', item.id).execute()).toEqual([]);
  });

  it('refuses a position outside the geofence with the distance in the message', async () => {
    at(0);
    const item = await itemWithClaims([member], { checkinRadiusM: 200 });
    const { code } = await siteCode(item.id);
    const res = await check(member, item.id, 'check-in', { code, lat: PLACE.lat + 0.005, lng: PLACE.lng }); // ≈ 556 m north
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('您距离服务地点“五华楼广场”约 556 米，超出签到范围（200 米），请到现场后再试');
    expect(res.json().error.details).toEqual({ reason: 'OUT_OF_RANGE', distanceM: 556, radiusM: 200 });
  });

  it('needs a place (not a waitlist spot) and an open check-in window', async () => {
    at(0);
    const [holder, waiter, stranger] = await buildManyUsers(env, 3, a.community.id);
    const item = await itemWithClaims([holder!, waiter!], { capacity: 1 });
    const { shortCode } = await siteCode(item.id);
    expect((await check(waiter!, item.id, 'check-in', { code: shortCode, ...PLACE })).json().error).toMatchObject({ message: '您还在候补中，未获得名额，不能签到', details: { reason: 'NO_PLACE' } });
    expect((await check(stranger!, item.id, 'check-in', { code: shortCode, ...PLACE })).json().error).toMatchObject({ message: '您未认领该服务的名额，不能签到' });
    at(-30);
    const early = await check(holder!, item.id, 'check-in', { code: (await siteCode(item.id)).shortCode, ...PLACE });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('签到时间为 09:00 至 12:00');
  });

  it('checks in once: the record opens, the claim is attended; a repeat is 409, a retry with the same key replays', async () => {
    at(5);
    const item = await itemWithClaims([member]);
    const { shortCode } = await siteCode(item.id);
    const headers = { 'idempotency-key': 'check-in-00000001' };
    const first = await check(member, item.id, 'check-in', { code: shortCode, lat: PLACE.lat + 0.0005, lng: PLACE.lng }, headers);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'open', source: 'qr', userId: member.id, checkOutAt: null, plannedMinutes: 120, serviceDay: '2026-12-01' });
    const replay = await check(member, item.id, 'check-in', { code: shortCode, lat: PLACE.lat + 0.0005, lng: PLACE.lng }, headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    const again = await check(member, item.id, 'check-in', { code: shortCode, ...PLACE });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('ALREADY_EXISTS');
    expect(again.json().error.message).toBe('您已签到，无需重复签到');
    expect(await env.db.selectFrom('serviceRecords').select('id').where('itemId', '=', item.id).execute()).toHaveLength(1);
    const claim = await env.db.selectFrom('serviceClaims').selectAll().where('itemId', '=', item.id).where('userId', '=', member.id).executeTakeFirstOrThrow();
    expect(claim.status).toBe('attended');
    const detail = await member.request({ method: 'GET', url: `/api/v1/service-items/${item.id}` });
    expect(detail.json().myRecord).toMatchObject({ id: first.json().id, status: 'open' });
  });

  it('concurrent check-ins of one person open one record', async () => {
    at(5);
    const [p] = await buildManyUsers(env, 1, a.community.id);
    const item = await itemWithClaims([p!]);
    const { code } = await siteCode(item.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => check(p!, item.id, 'check-in', { code, ...PLACE })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => errorCode(r) === 'ALREADY_EXISTS')).toBe(true);
  });
});

describe('POST /service-items/:id/check-out', () => {
  it('409 before check-in; after: actual and rounded minutes, pending; a second check-out is 409', async () => {
    at(0);
    const [p] = await buildManyUsers(env, 1, a.community.id);
    const item = await itemWithClaims([p!]);
    expect((await env.app.inject({ method: 'POST', url: `/api/v1/service-items/${item.id}/check-out`, payload: {} })).statusCode).toBe(401);
    const before = await check(p!, item.id, 'check-out', { code: (await siteCode(item.id)).code, ...PLACE });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.message).toBe('您尚未签到，不能签退');
    await check(p!, item.id, 'check-in', { code: (await siteCode(item.id)).code, ...PLACE });
    at(100 + 0.5); // 100 minutes and 30 seconds later
    const out = await check(p!, item.id, 'check-out', { code: (await siteCode(item.id)).code, ...PLACE });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ status: 'pending', actualMinutes: 100, creditedMinutes: 90, autoCheckedOut: false });
    const again = await check(p!, item.id, 'check-out', { code: (await siteCode(item.id)).code, ...PLACE });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('您已签退');
    const far = await check(p!, item.id, 'check-out', { code: (await siteCode(item.id)).code, lat: PLACE.lat + 1, lng: PLACE.lng });
    expect(far.json().error.details.reason).toBe('OUT_OF_RANGE');
  });

  it('a check-out later than the automatic one counts until the end only, flagged for review', async () => {
    at(0);
    const [p] = await buildManyUsers(env, 1, a.community.id);
    const item = await itemWithClaims([p!]);
    at(60);
    await check(p!, item.id, 'check-in', { code: (await siteCode(item.id)).code, ...PLACE });
    at(10 * 60);
    const out = await check(p!, item.id, 'check-out', { code: (await siteCode(item.id)).code, ...PLACE });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ actualMinutes: 120, creditedMinutes: 120, autoCheckedOut: true, checkOutAt: '2026-12-01T12:00:00+08:00' });
  });

  it('the daily cap (default 8 h) limits credit across items of one day; a tenant may change rounding and cap', async () => {
    at(-180);
    const [p] = await buildManyUsers(env, 1, a.community.id);
    const morning = await itemWithClaims([p!], { startsAt: new Date(T0 - 2 * HOUR).toISOString(), endsAt: new Date(T0 + 5 * HOUR).toISOString() });
    const afternoon = await itemWithClaims([p!], { startsAt: new Date(T0 + 5 * HOUR).toISOString(), endsAt: new Date(T0 + 9 * HOUR).toISOString() });
    at(0);
    await check(p!, morning.id, 'check-in', { code: (await siteCode(morning.id)).code, ...PLACE });
    at(6 * 60);
    expect((await check(p!, morning.id, 'check-out', { code: (await siteCode(morning.id)).code, ...PLACE })).json()).toMatchObject({ actualMinutes: 360, creditedMinutes: 360 });
    await check(p!, afternoon.id, 'check-in', { code: (await siteCode(afternoon.id)).code, ...PLACE });
    at(9 * 60);
    expect((await check(p!, afternoon.id, 'check-out', { code: (await siteCode(afternoon.id)).code, ...PLACE })).json()).toMatchObject({ actualMinutes: 180, creditedMinutes: 120 });

    await env.db.updateTable('tenants').set({ settings: JSON.stringify({ serviceHours: { rounding: null, dailyCapMinutes: 60 } }) }).where('id', '=', env.tenantId).execute();
    try {
      at(0);
      const [q] = await buildManyUsers(env, 1, a.community.id);
      const item = await itemWithClaims([q!]);
      at(60);
      await check(q!, item.id, 'check-in', { code: (await siteCode(item.id)).code, ...PLACE });
      at(60 + 97);
      expect((await check(q!, item.id, 'check-out', { code: (await siteCode(item.id)).code, ...PLACE })).json()).toMatchObject({ actualMinutes: 97, creditedMinutes: 60 });
    } finally {
      await env.db.updateTable('tenants').set({ settings: JSON.stringify({}) }).where('id', '=', env.tenantId).execute();
    }
  });
});

describe('closeForgottenCheckouts', () => {
  it('closes open records 4 h after the end at the planned end, flagged, and tells the person; runs as the system actor only', async () => {
    at(0);
    const [p] = await buildManyUsers(env, 1, a.community.id);
    const item = await itemWithClaims([p!]);
    at(70);
    const opened = (await check(p!, item.id, 'check-in', { code: (await siteCode(item.id)).code, ...PLACE })).json();
    const early = await closeForgottenCheckouts({ ctx: env.sys, input: { now: new Date(T0 + 6 * HOUR) } });
    expect(await env.db.selectFrom('serviceRecords').select('status').where('id', '=', opened.id).executeTakeFirstOrThrow()).toEqual({ status: 'open' });
    expect(early.more).toBe(false);
    const result = await closeForgottenCheckouts({ ctx: env.sys, input: { now: new Date(T0 + 7 * HOUR + 1) } });
    expect(result.closed).toBeGreaterThanOrEqual(1);
    const row = await env.db.selectFrom('serviceRecords').selectAll().where('id', '=', opened.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', autoCheckedOut: true, actualMinutes: 110, creditedMinutes: 120 });
    expect(row.checkOutAt!.getTime()).toBe(T0 + 3 * HOUR);
    expect(await env.db.selectFrom('notifications').select('kind').where('userId', '=', p!.id).execute()).toEqual([{ kind: 'service_record.auto_checked_out' }]);
    expect((await closeForgottenCheckouts({ ctx: env.sys, input: { now: new Date(T0 + 8 * HOUR) } })).closed).toBe(0);
    const secretaryCtx = { ...env.sys, actor: { userId: a.secretary.id, name: 'x', regionId: null, sessionId: null, grants: [{ id: 'g', role: 'community_secretary' as const, regionId: a.community.id, orgId: null, scopePath: a.community.path }] } };
    await expect(closeForgottenCheckouts({ ctx: secretaryCtx, input: { now: new Date() } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('staff entry', () => {
  it('batch (团体录入): 401 / 400 / 403 member / 404 hidden / happy links claims / 409 for a live record', async () => {
    at(4 * 60);
    const [p1, p2, walkIn] = await buildManyUsers(env, 3, a.community.id);
    at(0);
    const item = await itemWithClaims([p1!, p2!]);
    at(4 * 60);
    const url = `/api/v1/service-items/${item.id}/records/batch`;
    const entry = (userId: string) => ({ userId, checkInAt: new Date(T0 + HOUR).toISOString(), checkOutAt: new Date(T0 + 3 * HOUR).toISOString() });
    const payload = { entries: [entry(p1!.id), entry(walkIn!.id)], note: '纸质签到表' };
    expect((await env.app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    expect((await a.secretary.request({ method: 'POST', url, payload: { entries: [] } })).statusCode).toBe(400);
    expect((await a.secretary.request({ method: 'POST', url, payload: { entries: [{ ...entry(p1!.id), checkOutAt: new Date(T0).toISOString() }] } })).statusCode).toBe(400);
    expect((await a.secretary.request({ method: 'POST', url, payload: { entries: [{ ...entry(p1!.id), checkOutAt: new Date(T0 + 5 * HOUR).toISOString() }] } })).json().error.message).toBe('第 1 条：不能录入未来的时间');
    expect((await member.request({ method: 'POST', url, payload })).statusCode).toBe(403);
    expect((await b.secretary.request({ method: 'POST', url, payload })).statusCode).toBe(403);
    const res = await a.secretary.request({ method: 'POST', url, payload });
    expect(res.statusCode).toBe(201);
    const items = res.json().items as Array<{ userId: string; source: string; status: string; creditedMinutes: number; claimId: string | null; note: string }>;
    expect(items.map((r) => [r.source, r.status, r.creditedMinutes, r.note])).toEqual([['batch', 'pending', 120, '纸质签到表'], ['batch', 'pending', 120, '纸质签到表']]);
    expect(items.find((r) => r.userId === p1!.id)!.claimId).not.toBeNull();
    const claimOf = async (userId: string) => (await env.db.selectFrom('serviceClaims').select('status').where('itemId', '=', item.id).where('userId', '=', userId).executeTakeFirstOrThrow()).status;
    expect(await claimOf(p1!.id)).toBe('attended');
    // a no-show who did come after all is recorded by staff: no_show → attended
    const p2Claim = await env.db.selectFrom('serviceClaims').select('id').where('itemId', '=', item.id).where('userId', '=', p2!.id).executeTakeFirstOrThrow();
    expect((await a.secretary.request({ method: 'POST', url: `/api/v1/claims/${p2Claim.id}/no-show` })).json().status).toBe('no_show');
    expect((await a.secretary.request({ method: 'POST', url, payload: { entries: [entry(p2!.id)] } })).statusCode).toBe(201);
    expect(await claimOf(p2!.id)).toBe('attended');
    expect(items.find((r) => r.userId === walkIn!.id)!.claimId).toBeNull();
    const [late] = await buildManyUsers(env, 1, a.community.id);
    const dup = await a.secretary.request({ method: 'POST', url, payload: { entries: [entry(late!.id), entry(p1!.id)] } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('以下人员已有该服务的时长记录');
    expect(await env.db.selectFrom('serviceRecords').select('id').where('itemId', '=', item.id).where('userId', '=', late!.id).execute()).toEqual([]);
  });

  it('retro (补录): needs a reason and evidence uploaded by the worker; the evidence is readable by the person', async () => {
    at(0);
    const [p] = await buildManyUsers(env, 1, a.community.id);
    const item = await itemWithClaims([]);
    at(5 * 60);
    const upload = multipart([{ filename: 'sheet.png', type: 'image/png', data: samples.png() }]);
    const file = (await a.secretary.request({ method: 'POST', url: '/api/v1/files', payload: upload.payload, headers: upload.headers })).json().items[0];
    const url = `/api/v1/service-items/${item.id}/records/retro`;
    const body = { userId: p!.id, checkInAt: new Date(T0 + HOUR).toISOString(), checkOutAt: new Date(T0 + 2 * HOUR + 20 * 60_000).toISOString(), reason: '现场网络中断，凭签到表补录', evidenceFileIds: [file.id] };
    expect((await a.secretary.request({ method: 'POST', url, payload: { ...body, evidenceFileIds: [] } })).statusCode).toBe(400);
    expect((await a.secretary.request({ method: 'POST', url, payload: { ...body, reason: undefined } })).statusCode).toBe(400);
    expect((await member.request({ method: 'POST', url, payload: body })).statusCode).toBe(403);
    const res = await a.secretary.request({ method: 'POST', url, payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ source: 'retro', status: 'pending', actualMinutes: 80, creditedMinutes: 90, note: '现场网络中断，凭签到表补录' });
    const detail = await p!.request({ method: 'GET', url: `/api/v1/service-records/${res.json().id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().evidence.map((f: { id: string }) => f.id)).toEqual([file.id]);
    expect((await p!.request({ method: 'GET', url: `/api/v1/files/${file.id}` })).statusCode).toBe(200);
    expect((await member.request({ method: 'GET', url: `/api/v1/files/${file.id}` })).statusCode).toBe(404);
  });
});
