import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { buildCommunity, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { settle, spend } from './points.fixtures.js';
import { reverseTransfer } from './reverse-transfer.js';

type User = Awaited<ReturnType<typeof buildUser>>;
let env: TestEnv;
let a: { id: string };
let b: { id: string };
let adminRoot: User, adminA: User, leader: User, secA: User, secB: User, memberA: User, memberB: User;

beforeAll(async () => {
  env = await createTestEnv();
  a = (await buildCommunity(env, '甲社区')).community;
  b = (await buildCommunity(env, '乙社区')).community;
  adminRoot = await buildUser(env, { grants: [{ role: 'admin', regionId: env.rootId }] });
  adminA = await buildUser(env, { regionId: a.id, grants: [{ role: 'admin', regionId: a.id }] });
  leader = await buildUser(env, { grants: [{ role: 'leader', regionId: env.rootId }] });
  secA = await buildUser(env, { regionId: a.id, grants: [{ role: 'community_secretary', regionId: a.id }] });
  secB = await buildUser(env, { regionId: b.id, grants: [{ role: 'community_secretary', regionId: b.id }] });
  memberA = await buildUser(env, { regionId: a.id, grants: [{ role: 'member', regionId: a.id }] });
  memberB = await buildUser(env, { regionId: b.id, grants: [{ role: 'member', regionId: b.id }] });
  // memberA: 3 h and 1.5 h in 2026 (4.5 + 4.5), 1 h in 2025; spends 2; one 2026 service reversed.
  await settle(env, { userId: memberA.id, communityId: a.id, certifiedMinutes: 180, occurredAt: '2026-06-01T09:00:00+08:00' });
  await settle(env, { userId: memberA.id, communityId: a.id, certifiedMinutes: 90, occurredAt: '2026-06-02T09:00:00+08:00' });
  await settle(env, { userId: memberA.id, communityId: a.id, certifiedMinutes: 60, occurredAt: '2025-06-02T09:00:00+08:00' });
  const wrong = await settle(env, { userId: memberA.id, communityId: a.id, certifiedMinutes: 30, occurredAt: '2026-06-03T09:00:00+08:00' });
  await reverseTransfer({ ctx: env.sys, input: { transferId: wrong.id, reason: '登记错误' } });
  await spend(env, memberA.id, 2, newId(), '2026-07-01T10:00:00+08:00');
});
afterAll(() => env.close());

const ruleBody = (over: Record<string, unknown> = {}) => ({
  code: 'meeting.attended',
  name: '参加组织生活',
  eventType: 'meeting.attended',
  pointsFixed: 1,
  spendableFactor: 0,
  capPerYear: 24,
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  ...over,
});

describe('authentication', () => {
  it('401 on every points route without a session', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/v1/me/points'],
      ['GET', '/api/v1/me/points/history'],
      ['GET', `/api/v1/users/${memberA.id}/points`],
      ['GET', `/api/v1/users/${memberA.id}/points/history`],
      ['GET', '/api/v1/points/rules'],
      ['POST', '/api/v1/points/rules', ruleBody()],
    ] as const) {
      const res = await env.app.inject({ method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });
});

describe('GET /me/points', () => {
  it('balances, certified minutes net of reversals, and a year’s figures by when the service occurred', async () => {
    const res = await memberA.request({ method: 'GET', url: '/api/v1/me/points?year=2026' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      userId: memberA.id,
      assessment: 5.5,
      spendable: 3.5,
      certifiedMinutes: 330,
      year: { year: 2026, assessment: 4.5, spendable: 2.5, certifiedMinutes: 270 },
    });
    const y2025 = (await memberA.request({ method: 'GET', url: '/api/v1/me/points?year=2025' })).json();
    expect(y2025.year).toEqual({ year: 2025, assessment: 1, spendable: 1, certifiedMinutes: 60 });
  });

  it('zeros for someone with no points; 400 on a bad year', async () => {
    const res = await memberB.request({ method: 'GET', url: '/api/v1/me/points?year=2026' });
    expect(res.json()).toEqual({ userId: memberB.id, assessment: 0, spendable: 0, certifiedMinutes: 0, year: { year: 2026, assessment: 0, spendable: 0, certifiedMinutes: 0 } });
    for (const q of ['year=1999', 'year=abc', 'extra=1']) {
      const bad = await memberB.request({ method: 'GET', url: `/api/v1/me/points?${q}` });
      expect(bad.statusCode, q).toBe(400);
      expect(errorCode(bad)).toBe('VALIDATION');
    }
  });
});

describe('GET /me/points/history', () => {
  it('lists movements newest first with rule version, reason, source and time; filters by kind; pages by cursor', async () => {
    const res = await memberA.request({ method: 'GET', url: '/api/v1/me/points/history?kind=spendable' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.amount)).toEqual([-2, -0.5, 0.5, 1, 1.5, 3]);
    expect(items.every((i) => i.kind === 'spendable')).toBe(true);
    expect(items[0]).toMatchObject({ ruleCode: 'shop.redeem', ruleVersion: null, reason: '积分兑换', sourceType: 'redemption_order' });
    expect(items[1]).toMatchObject({ ruleCode: 'service.certified', ruleVersion: 1, reason: '登记错误', sourceType: 'ledger_transfer', correctsId: expect.any(String), certifiedMinutes: -30 });
    expect(items[5]).toMatchObject({ ruleCode: 'service.certified', ruleVersion: 1, sourceType: 'service_record', certifiedMinutes: 180, occurredAt: '2026-06-01T01:00:00.000Z' });

    const all = (await memberA.request({ method: 'GET', url: '/api/v1/me/points/history?limit=200' })).json().items;
    expect(all).toHaveLength(11);
    const first = (await memberA.request({ method: 'GET', url: '/api/v1/me/points/history?limit=4' })).json();
    expect(first.items).toHaveLength(4);
    const second = (await memberA.request({ method: 'GET', url: `/api/v1/me/points/history?limit=200&cursor=${first.nextCursor}` })).json();
    expect([...first.items, ...second.items].map((i: { id: string }) => i.id)).toEqual(all.map((i: { id: string }) => i.id));
    expect(second.nextCursor).toBeNull();
  });

  it('400 on a bad kind, limit or cursor; someone else’s movements never show', async () => {
    for (const q of ['kind=gold', 'limit=0', 'limit=201', 'cursor=bm90LWEtdXVpZA']) {
      const res = await memberA.request({ method: 'GET', url: `/api/v1/me/points/history?${q}` });
      expect(res.statusCode, q).toBe(400);
    }
    expect((await memberB.request({ method: 'GET', url: '/api/v1/me/points/history' })).json()).toEqual({ items: [], nextCursor: null });
  });
});

describe('GET /users/{id}/points', () => {
  it('a community secretary sees the points of a person of the community, with history', async () => {
    const res = await secA.request({ method: 'GET', url: `/api/v1/users/${memberA.id}/points?year=2026` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: memberA.id, assessment: 5.5, spendable: 3.5, certifiedMinutes: 330 });
    const history = await adminRoot.request({ method: 'GET', url: `/api/v1/users/${memberA.id}/points/history?kind=assessment` });
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toHaveLength(5);
  });

  it('404 outside scope or without user.read (existence not revealed); 404 for an unknown person; 400 for a bad id', async () => {
    for (const [who, url] of [
      [secB, `/api/v1/users/${memberA.id}/points`],
      [secB, `/api/v1/users/${memberA.id}/points/history`],
      [memberB, `/api/v1/users/${memberA.id}/points`],
      [secA, `/api/v1/users/${newId()}/points`],
    ] as const) {
      const res = await who.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect((await secA.request({ method: 'GET', url: '/api/v1/users/not-a-uuid/points' })).statusCode).toBe(400);
    // one's own points through the admin path are fine
    expect((await memberA.request({ method: 'GET', url: `/api/v1/users/${memberA.id}/points` })).statusCode).toBe(200);
  });
});

describe('GET /points/rules', () => {
  it('admins, leaders and community secretaries read every version, the defaults seeded, the one in force marked', async () => {
    for (const who of [adminRoot, leader, secA]) {
      const res = await who.request({ method: 'GET', url: '/api/v1/points/rules' });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toContainEqual(
        expect.objectContaining({ code: 'service.certified', version: 1, pointsPerHour: 1, assessmentFactor: 1, spendableFactor: 1, capPerDay: 8, capPerYear: null, inForce: true }),
      );
    }
  });

  it('403 for a member', async () => {
    const res = await memberA.request({ method: 'GET', url: '/api/v1/points/rules' });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
  });
});

describe('POST /points/rules', () => {
  it('a tenant-wide admin adds a version (201, audited); the next one is version 2', async () => {
    const res = await adminRoot.request({ method: 'POST', url: '/api/v1/points/rules', payload: ruleBody() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'meeting.attended', version: 1, pointsFixed: 1, pointsPerHour: 0, spendableFactor: 0, capPerYear: 24, capPerDay: null, createdBy: adminRoot.id, inForce: true });
    const next = await adminRoot.request({ method: 'POST', url: '/api/v1/points/rules', payload: ruleBody({ pointsFixed: 2, effectiveFrom: '2027-01-01T00:00:00+08:00', note: '2027 起每次 2 分' }) });
    expect(next.json()).toMatchObject({ version: 2, pointsFixed: 2, capPerYear: 24, inForce: false, note: '2027 起每次 2 分' });
    const audit = await env.db.selectFrom('auditLog').select(['actorId', 'targetId']).where('tenantId', '=', env.tenantId).where('action', '=', 'points.rule_version_created').orderBy('id').execute();
    expect(audit).toEqual([
      { actorId: adminRoot.id, targetId: 'meeting.attended@1' },
      { actorId: adminRoot.id, targetId: 'meeting.attended@2' },
    ]);
    const list = (await leader.request({ method: 'GET', url: '/api/v1/points/rules' })).json().items as Array<{ code: string; version: number; inForce: boolean }>;
    expect(list.filter((r) => r.code === 'meeting.attended').map((r) => [r.version, r.inForce])).toEqual([
      [2, false],
      [1, true],
    ]);
  });

  it('409 when a version would take effect before the latest one', async () => {
    const res = await adminRoot.request({ method: 'POST', url: '/api/v1/points/rules', payload: ruleBody({ effectiveFrom: '2026-06-01T00:00:00+08:00' }) });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('CONFLICT');
  });

  it('403 for a community-level admin, a secretary or a member; nothing written', async () => {
    for (const who of [adminA, secA, memberA]) {
      const res = await who.request({ method: 'POST', url: '/api/v1/points/rules', payload: ruleBody({ code: 'forbidden.rule' }) });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
    const rows = await env.db.selectFrom('pointRules').select('code').where('tenantId', '=', env.tenantId).where('code', '=', 'forbidden.rule').execute();
    expect(rows).toEqual([]);
  });

  it('400 on bad bodies', async () => {
    for (const payload of [
      {},
      ruleBody({ code: 'Bad Code' }),
      ruleBody({ extra: 1 }),
      ruleBody({ pointsFixed: -1 }),
      ruleBody({ pointsFixed: '1' }),
      ruleBody({ pointsFixed: 0.125 }),
      ruleBody({ capPerDay: 0 }),
      ruleBody({ effectiveFrom: 'tomorrow' }),
    ]) {
      const res = await adminRoot.request({ method: 'POST', url: '/api/v1/points/rules', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });
});
