import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { buildScopeFixture, type ScopeFixture } from './users.fixtures.js';

let env: TestEnv;
let f: ScopeFixture;
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildScopeFixture(env);
});
afterAll(() => env.close());

const grant = (actor: { request: ScopeFixture['root']['request'] }, payload: object) => actor.request({ method: 'POST', url: '/api/v1/grants', payload });

describe('authentication', () => {
  it('401 on every grant route without a session', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/v1/roles'],
      ['GET', `/api/v1/users/${f.residentA.id}/grants`],
      ['POST', '/api/v1/grants', { userId: f.residentA.id, role: 'grid_worker', regionId: f.a.community.id }],
      ['POST', `/api/v1/grants/${f.residentA.id}/revoke`],
    ] as const) {
      expect((await env.app.inject({ method, url, payload })).statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('GET /roles', () => {
  it('lists the role catalogue with Chinese names, scope kinds and permissions', async () => {
    const res = await f.residentA.request({ method: 'GET', url: '/api/v1/roles' });
    expect(res.statusCode).toBe(200);
    const roles = res.json().items as Array<{ code: string; name: string; scope: string; permissions: string[] }>;
    expect(roles.find((r) => r.code === 'community_secretary')).toMatchObject({ name: '社区书记/社区工作者', scope: 'region' });
    expect(roles.find((r) => r.code === 'unit_secretary')).toMatchObject({ scope: 'org' });
    expect(roles.find((r) => r.code === 'admin')!.permissions).toContain('grant.write');
    expect(roles.find((r) => r.code === 'resident')!.permissions).toEqual([]);
  });
});

describe('GET /users/:id/grants', () => {
  it('lists a visible person’s grants; revoked ones on request', async () => {
    const person = await buildUser(env, { regionId: f.a.community.id, grants: [{ role: 'resident', regionId: f.a.community.id }] });
    const created = (await grant(f.adminA, { userId: person.id, role: 'grid_worker', regionId: f.a.community.id })).json();
    await f.adminA.request({ method: 'POST', url: `/api/v1/grants/${created.id}/revoke` });
    const active = await f.secA.request({ method: 'GET', url: `/api/v1/users/${person.id}/grants` });
    expect(active.statusCode).toBe(200);
    expect(active.json().items.map((g: { role: string }) => g.role)).toEqual(['resident']);
    const all = (await f.secA.request({ method: 'GET', url: `/api/v1/users/${person.id}/grants?includeRevoked=true` })).json().items;
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ role: 'grid_worker', grantedBy: f.adminA.id, grantedByName: '甲社区管理员', scopeName: '甲社区' });
    expect(all[1].revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('404 for a person of community B, 400 on bad input', async () => {
    expect(errorCode(await f.secA.request({ method: 'GET', url: `/api/v1/users/${f.residentB.id}/grants` }))).toBe('NOT_FOUND');
    expect((await f.secA.request({ method: 'GET', url: '/api/v1/users/abc/grants' })).statusCode).toBe(400);
    expect((await f.secA.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}/grants?includeRevoked=maybe` })).statusCode).toBe(400);
    expect((await f.secA.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}/grants?x=1` })).statusCode).toBe(400);
  });
});

describe('POST /grants', () => {
  it('a community admin grants a role over their community; it takes effect on the next request and is audited', async () => {
    const person = await buildUser(env, { name: '新网格员', regionId: f.a.community.id });
    expect((await person.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
    const res = await grant(f.adminA, { userId: person.id, role: 'grid_worker', regionId: f.a.community.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ userId: person.id, role: 'grid_worker', roleName: '网格员', scope: 'region', scopeName: '甲社区', grantedByName: '甲社区管理员', revokedAt: null });
    expect((await person.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(200);
    const row = await env.db.selectFrom('auditLog').selectAll().where('action', '=', 'grant.created').where('targetId', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actorId: f.adminA.id, regionId: f.a.community.id });
    expect(errorCode(await grant(f.adminA, { userId: person.id, role: 'grid_worker', regionId: f.a.community.id }))).toBe('CONFLICT');
  });

  it('grants an organisation role over a unit in scope', async () => {
    const res = await grant(f.adminA, { userId: f.residentA.id, role: 'unit_secretary', orgId: f.unitA.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ scope: 'org', orgId: f.unitA.id, scopeName: '甲单位' });
  });

  it('refuses grants beside or above one’s own subtree, and to people or units out of scope', async () => {
    // over community B, over the city above, over the root
    expect(errorCode(await grant(f.adminA, { userId: f.residentA.id, role: 'grid_worker', regionId: f.b.community.id }))).toBe('FORBIDDEN');
    expect(errorCode(await grant(f.adminA, { userId: f.residentA.id, role: 'admin', regionId: f.a.city!.id }))).toBe('FORBIDDEN');
    expect(errorCode(await grant(f.adminA, { userId: f.adminA.id, role: 'admin', regionId: env.rootId }))).toBe('FORBIDDEN');
    // a person or a unit of community B
    expect(errorCode(await grant(f.adminA, { userId: f.residentB.id, role: 'grid_worker', regionId: f.a.community.id }))).toBe('NOT_FOUND');
    expect(errorCode(await grant(f.adminA, { userId: f.residentA.id, role: 'unit_secretary', orgId: f.unitB.id }))).toBe('NOT_FOUND');
    // a city-level unit is above the community admin
    const cityUnit = await buildUnit(env, f.a.city!.id, '市级单位');
    expect(errorCode(await grant(f.adminA, { userId: f.residentA.id, role: 'unit_secretary', orgId: cityUnit.id }))).toBe('NOT_FOUND');
    // a community secretary holds no grant.write at all
    expect(errorCode(await grant(f.secA, { userId: f.residentA.id, role: 'grid_worker', regionId: f.a.community.id }))).toBe('FORBIDDEN');
    const held = await env.db.selectFrom('roleGrants').select('role').where('userId', '=', f.residentA.id).where('revokedAt', 'is', null).execute();
    expect(held.map((g) => g.role)).not.toContain('admin');
  });

  it('400 on bad input', async () => {
    for (const payload of [
      { userId: f.residentA.id, role: 'grid_worker' },
      { userId: f.residentA.id, role: 'grid_worker', orgId: f.unitA.id },
      { userId: f.residentA.id, role: 'unit_secretary', regionId: f.a.community.id },
      { userId: f.residentA.id, role: 'emperor', regionId: f.a.community.id },
      { userId: 'x', role: 'grid_worker', regionId: f.a.community.id },
      { userId: f.residentA.id, role: 'grid_worker', regionId: f.a.community.id, note: 'x' },
      { role: 'grid_worker', regionId: f.a.community.id },
    ]) {
      const res = await grant(f.adminA, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });
});

describe('POST /grants/:id/revoke', () => {
  it('revokes a grant in scope: the holder loses the right at once; a second revoke is 409', async () => {
    const person = await buildUser(env, { regionId: f.a.community.id });
    const created = (await grant(f.adminA, { userId: person.id, role: 'community_secretary', regionId: f.a.community.id })).json();
    expect((await person.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(200);
    const res = await f.adminA.request({ method: 'POST', url: `/api/v1/grants/${created.id}/revoke` });
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedAt).toMatch(/^\d{4}-/);
    expect((await person.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/grants/${created.id}/revoke` }))).toBe('CONFLICT');
    const actions = await env.db.selectFrom('auditLog').select('action').where('targetId', '=', created.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['grant.created', 'grant.revoked']);
  });

  it('404 for a grant out of scope (or without grant.write), 409 on one’s own, 400 on a bad id', async () => {
    const [secBGrant] = await env.db.selectFrom('roleGrants').select('id').where('userId', '=', f.secB.id).execute();
    const [secAGrant] = await env.db.selectFrom('roleGrants').select('id').where('userId', '=', f.secA.id).execute();
    const [ownGrant] = await env.db.selectFrom('roleGrants').select('id').where('userId', '=', f.adminA.id).execute();
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/grants/${secBGrant!.id}/revoke` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/grants/${secAGrant!.id}/revoke` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/grants/${ownGrant!.id}/revoke` }))).toBe('CONFLICT');
    expect(errorCode(await f.adminA.request({ method: 'POST', url: '/api/v1/grants/01900000-0000-7000-8000-000000000000/revoke' }))).toBe('NOT_FOUND');
    expect((await f.adminA.request({ method: 'POST', url: '/api/v1/grants/nope/revoke' })).statusCode).toBe(400);
  });
});
