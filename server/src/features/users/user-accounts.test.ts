import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestEnv, errorCode, login, request, TEST_PASSWORD, type TestEnv } from '../../test/harness.js';
import { buildScopeFixture, type ScopeFixture } from './users.fixtures.js';

let env: TestEnv;
let f: ScopeFixture;
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildScopeFixture(env);
});
afterAll(() => env.close());

const me = (token: string) => request(env, { method: 'GET', url: '/api/v1/me' }, token);
const auditActions = async (targetId: string) =>
  (await env.db.selectFrom('auditLog').select('action').where('tenantId', '=', env.tenantId).where('targetId', '=', targetId).orderBy('id').execute()).map((r) => r.action);
const aResident = () => buildUser(env, { name: '甲社区某居民', regionId: f.a.community.id, grants: [{ role: 'resident', regionId: f.a.community.id }] });

describe('authentication', () => {
  it('401 on every account and link route without a session', async () => {
    const id = f.residentA.id;
    for (const [method, url, payload] of [
      ['POST', `/api/v1/users/${id}/disable`],
      ['POST', `/api/v1/users/${id}/enable`],
      ['POST', `/api/v1/users/${id}/revoke-sessions`],
      ['POST', `/api/v1/users/${id}/reset-password`, { newPassword: 'temp12345' }],
      ['POST', `/api/v1/users/${id}/units`, { unitId: f.unitA.id }],
      ['DELETE', `/api/v1/users/${id}/units/${f.unitA.id}`],
      ['POST', `/api/v1/users/${id}/communities`, { communityId: f.a.community.id, relation: 'registered' }],
      ['DELETE', `/api/v1/users/${id}/communities/${f.a.community.id}`],
    ] as const) {
      const res = await env.app.inject({ method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('POST /users/:id/disable and /enable', () => {
  it('disabling signs the person out at once; they cannot log in until enabled again', async () => {
    const person = await aResident();
    const second = await login(env, person.phone);
    const res = await f.secA.request({ method: 'POST', url: `/api/v1/users/${person.id}/disable` });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await me(person.token)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    const live = await env.db.selectFrom('sessions').select('id').where('userId', '=', person.id).where('revokedAt', 'is', null).execute();
    expect(live).toEqual([]);
    await expect(login(env, person.phone)).rejects.toThrow(/401/);
    // disabling twice changes nothing
    expect((await f.secA.request({ method: 'POST', url: `/api/v1/users/${person.id}/disable` })).statusCode).toBe(200);
    const enabled = await f.secA.request({ method: 'POST', url: `/api/v1/users/${person.id}/enable` });
    expect(enabled.json().status).toBe('active');
    expect((await me(await login(env, person.phone))).statusCode).toBe(200);
    expect(await auditActions(person.id)).toEqual(['user.created', 'user.disabled', 'user.enabled']);
  });

  it('404 out of scope, 403 without user.write or over a person holding a role one does not administer, 409 on oneself', async () => {
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.residentB.id}/disable` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.gridA.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/disable` }))).toBe('FORBIDDEN');
    // the secretary lives beside the community admin but cannot lock them out
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.adminA.id}/disable` }))).toBe('FORBIDDEN');
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/users/${f.adminA.id}/disable` }))).toBe('CONFLICT');
    expect((await f.adminA.request({ method: 'POST', url: '/api/v1/users/zzz/disable' })).statusCode).toBe(400);
  });
});

describe('POST /users/:id/revoke-sessions', () => {
  it('signs the person out everywhere and audits it', async () => {
    const person = await aResident();
    const res = await f.secA.request({ method: 'POST', url: `/api/v1/users/${person.id}/revoke-sessions` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessionsRevoked: 1 });
    expect((await me(person.token)).statusCode).toBe(401);
    expect(await auditActions(person.id)).toContain('user.sessions_revoked');
  });

  it('404 out of scope, 403 without user.write, 400 on a bad id', async () => {
    expect(errorCode(await f.secB.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/revoke-sessions` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.unitSecA.request({ method: 'POST', url: `/api/v1/users/${f.workerA.id}/revoke-sessions` }))).toBe('FORBIDDEN');
    expect((await f.secA.request({ method: 'POST', url: '/api/v1/users/1/revoke-sessions' })).statusCode).toBe(400);
  });
});

describe('POST /users/:id/reset-password', () => {
  it('sets a temporary password, signs out every session, audits without the password', async () => {
    const person = await aResident();
    const res = await f.adminA.request({ method: 'POST', url: `/api/v1/users/${person.id}/reset-password`, payload: { newPassword: 'temp12345' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionsRevoked).toBe(1);
    expect((await me(person.token)).statusCode).toBe(401);
    await expect(login(env, person.phone, TEST_PASSWORD)).rejects.toThrow(/401/);
    expect((await me(await login(env, person.phone, 'temp12345'))).statusCode).toBe(200);
    const row = await env.db.selectFrom('auditLog').selectAll().where('targetId', '=', person.id).where('action', '=', 'user.password_reset').executeTakeFirstOrThrow();
    expect(row.actorId).toBe(f.adminA.id);
    expect(JSON.stringify(row)).not.toContain('temp12345');
  });

  it('400 on a weak or missing password, 409 on oneself, 404 out of scope, 403 over an administrator above', async () => {
    for (const payload of [{ newPassword: 'short1' }, { newPassword: 'onlyletters' }, {}, { newPassword: 'temp12345', extra: 1 }]) {
      expect((await f.adminA.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/reset-password`, payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/users/${f.adminA.id}/reset-password`, payload: { newPassword: 'temp12345' } }))).toBe('CONFLICT');
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/users/${f.residentB.id}/reset-password`, payload: { newPassword: 'temp12345' } }))).toBe('NOT_FOUND');
    const cityAdmin = await buildUser(env, { name: '市管理员', regionId: f.a.community.id, grants: [{ role: 'admin', regionId: f.a.city!.id }] });
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/users/${cityAdmin.id}/reset-password`, payload: { newPassword: 'temp12345' } }))).toBe('FORBIDDEN');
    expect((await me(cityAdmin.token)).statusCode).toBe(200);
  });
});

describe('person ↔ unit', () => {
  it('adds a person to a unit (which puts them in the unit secretary’s view) and removes them', async () => {
    const person = await aResident();
    expect((await f.unitSecA.request({ method: 'GET', url: `/api/v1/users/${person.id}` })).statusCode).toBe(404);
    const res = await f.secA.request({ method: 'POST', url: `/api/v1/users/${person.id}/units`, payload: { unitId: f.unitA.id, position: '志愿者' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: f.unitA.id, name: '甲单位', kind: 'unit', position: '志愿者' });
    expect((await f.unitSecA.request({ method: 'GET', url: `/api/v1/users/${person.id}` })).statusCode).toBe(200);
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/users/${person.id}/units`, payload: { unitId: f.unitA.id } }))).toBe('CONFLICT');
    expect((await f.secA.request({ method: 'DELETE', url: `/api/v1/users/${person.id}/units/${f.unitA.id}` })).statusCode).toBe(200);
    expect(errorCode(await f.secA.request({ method: 'DELETE', url: `/api/v1/users/${person.id}/units/${f.unitA.id}` }))).toBe('NOT_FOUND');
    expect(await auditActions(person.id)).toEqual(expect.arrayContaining(['user.unit_added', 'user.unit_removed']));
  });

  it('404 for a unit or a person out of scope, 403 without user.write, 400 on bad input', async () => {
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/units`, payload: { unitId: f.unitB.id } }))).toBe('NOT_FOUND');
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.residentB.id}/units`, payload: { unitId: f.unitA.id } }))).toBe('NOT_FOUND');
    expect(errorCode(await f.secB.request({ method: 'DELETE', url: `/api/v1/users/${f.workerA.id}/units/${f.unitA.id}` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.gridA.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/units`, payload: { unitId: f.unitA.id } }))).toBe('FORBIDDEN');
    for (const payload of [{}, { unitId: 'x' }, { unitId: f.unitA.id, extra: 1 }]) {
      expect((await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/units`, payload })).statusCode).toBe(400);
    }
    expect((await f.secA.request({ method: 'DELETE', url: `/api/v1/users/${f.residentA.id}/units/nope` })).statusCode).toBe(400);
  });
});

describe('person ↔ community', () => {
  it('registers a person with a community the actor manages, then removes the link', async () => {
    const res = await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.workerA.id}/communities`, payload: { communityId: f.a.community.id, relation: 'registered' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: f.a.community.id, name: '甲社区', relation: 'registered' });
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.workerA.id}/communities`, payload: { communityId: f.a.community.id, relation: 'registered' } }))).toBe('CONFLICT');
    const detail = (await f.secA.request({ method: 'GET', url: `/api/v1/users/${f.workerA.id}` })).json();
    expect(detail.communities).toEqual(expect.arrayContaining([{ id: f.a.community.id, name: '甲社区', relation: 'registered' }]));
    expect((await f.secA.request({ method: 'DELETE', url: `/api/v1/users/${f.workerA.id}/communities/${f.a.community.id}?relation=registered` })).statusCode).toBe(200);
    expect(errorCode(await f.secA.request({ method: 'DELETE', url: `/api/v1/users/${f.workerA.id}/communities/${f.a.community.id}` }))).toBe('NOT_FOUND');
  });

  it('403 for a community the actor does not manage, 404 out of scope, 400 on bad input', async () => {
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/communities`, payload: { communityId: f.b.community.id, relation: 'registered' } }))).toBe('FORBIDDEN');
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.residentB.id}/communities`, payload: { communityId: f.a.community.id, relation: 'registered' } }))).toBe('NOT_FOUND');
    expect(errorCode(await f.secB.request({ method: 'DELETE', url: `/api/v1/users/${f.residentA.id}/communities/${f.a.community.id}` }))).toBe('NOT_FOUND');
    // a subdistrict is not a community
    expect(errorCode(await f.root.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/communities`, payload: { communityId: f.a.subdistrict.id, relation: 'registered' } }))).toBe('VALIDATION');
    for (const payload of [{ communityId: f.a.community.id }, { communityId: f.a.community.id, relation: 'tenant' }, { communityId: 'x', relation: 'resident' }]) {
      expect((await f.secA.request({ method: 'POST', url: `/api/v1/users/${f.residentA.id}/communities`, payload })).statusCode).toBe(400);
    }
    expect((await f.secA.request({ method: 'DELETE', url: `/api/v1/users/${f.residentA.id}/communities/${f.a.community.id}?relation=x` })).statusCode).toBe(400);
  });
});
