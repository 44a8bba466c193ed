import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
let a: Awaited<ReturnType<typeof buildCommunity>>;
let b: Awaited<ReturnType<typeof buildCommunity>>;
let adminA: Awaited<ReturnType<typeof buildUser>>;
let member: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  env = await createTestEnv();
  a = await buildCommunity(env, '甲社区');
  b = await buildCommunity(env, '乙社区');
  adminA = await buildUser(env, { regionId: a.subdistrict.id, grants: [{ role: 'admin', regionId: a.subdistrict.id }] });
  member = await buildUser(env, { regionId: a.community.id, grants: [{ role: 'member', regionId: a.community.id }] });
});
afterAll(() => env.close());

describe('GET /regions', () => {
  it('401 without a session', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/regions' });
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('lists roots, children, a subtree by kind and searches; any signed-in user may browse the directory', async () => {
    const roots = await member.request({ method: 'GET', url: '/api/v1/regions' });
    expect(roots.statusCode).toBe(200);
    expect(roots.json().items.map((r: { id: string }) => r.id)).toEqual([env.rootId]);
    expect(roots.json().items[0].hasChildren).toBe(true);
    const children = await member.request({ method: 'GET', url: `/api/v1/regions?parentId=${a.subdistrict.id}` });
    expect(children.json().items.map((r: { name: string }) => r.name)).toEqual(['甲社区']);
    const communities = await member.request({ method: 'GET', url: `/api/v1/regions?under=${env.rootId}&kind=community` });
    expect(communities.json().items.map((r: { name: string }) => r.name).sort()).toEqual(['乙社区', '甲社区']);
    const search = await member.request({ method: 'GET', url: '/api/v1/regions?q=乙' });
    expect(search.json().items.map((r: { name: string }) => r.name)).toContain('乙社区');
  });

  it('pages with a cursor', async () => {
    const first = await member.request({ method: 'GET', url: `/api/v1/regions?under=${env.rootId}&limit=2` });
    expect(first.json().items).toHaveLength(2);
    expect(first.json().nextCursor).toBeTruthy();
    const second = await member.request({ method: 'GET', url: `/api/v1/regions?under=${env.rootId}&limit=2&cursor=${first.json().nextCursor}` });
    const ids = [...first.json().items, ...second.json().items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('400 on bad query', async () => {
    for (const q of ['parentId=nope', 'kind=planet', 'limit=0', 'limit=1000', 'unknown=1']) {
      const res = await member.request({ method: 'GET', url: `/api/v1/regions?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });

  it('GET /regions/:id gives ancestors; 404 for an unknown id', async () => {
    const res = await member.request({ method: 'GET', url: `/api/v1/regions/${a.community.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().ancestors.map((r: { kind: string }) => r.kind)).toEqual(['prefecture', 'city', 'subdistrict']);
    expect((await member.request({ method: 'GET', url: '/api/v1/regions/00000000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
  });
});

describe('writes', () => {
  it('an admin creates, renames and deletes within their subtree; every write is audited', async () => {
    const created = await adminA.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: a.community.id, kind: 'grid', code: 'GRID-A-1', name: '甲一网格' } });
    expect(created.statusCode).toBe(201);
    const grid = created.json();
    expect(grid.path).toBe(`${a.community.path}${grid.id}/`);
    const renamed = await adminA.request({ method: 'PATCH', url: `/api/v1/regions/${grid.id}`, payload: { name: '甲社区第一网格' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('甲社区第一网格');
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/regions/${grid.id}` })).statusCode).toBe(200);
    const actions = await env.db.selectFrom('auditLog').select('action').where('targetId', '=', grid.id).orderBy('id').execute();
    expect(actions.map((r) => r.action)).toEqual(['region.created', 'region.updated', 'region.deleted']);
  });

  it('refuses out-of-scope writes with 404 and non-admins with 404/403, changing nothing', async () => {
    const before = await env.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const outside = await adminA.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: b.community.id, kind: 'grid', code: 'GRID-B-1', name: '乙一网格' } });
    expect(outside.statusCode).toBe(404);
    expect((await adminA.request({ method: 'PATCH', url: `/api/v1/regions/${b.community.id}`, payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/regions/${b.community.id}` })).statusCode).toBe(404);
    // an admin cannot delete the root of their own scope
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/regions/${a.subdistrict.id}` })).statusCode).toBe(404);
    const byMember = await member.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: a.community.id, kind: 'grid', code: 'GRID-A-9', name: 'x' } });
    expect([403, 404]).toContain(byMember.statusCode);
    const after = await env.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('400 for a kind above its parent, bad body or unknown fields; 409 for a duplicate code or a region still in use', async () => {
    const up = await adminA.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: a.community.id, kind: 'city', code: 'X-CITY', name: 'x' } });
    expect(up.statusCode).toBe(400);
    for (const payload of [{}, { parentId: a.community.id, kind: 'grid', code: '!', name: 'x' }, { parentId: a.community.id, kind: 'grid', code: 'OK-1', name: 'x', colour: 'red' }, { parentId: a.community.id, kind: 'grid', code: 'OK-2', name: 'x', lat: 200 }]) {
      const res = await adminA.request({ method: 'POST', url: '/api/v1/regions', payload });
      expect(res.statusCode).toBe(400);
    }
    const dup = await adminA.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: a.community.id, kind: 'grid', code: a.community.code, name: 'x' } });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe('ALREADY_EXISTS');
    const inUse = await adminA.request({ method: 'DELETE', url: `/api/v1/regions/${a.community.id}` }); // adminA's member lives there
    expect(inUse.statusCode).toBe(409);
    expect((await adminA.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: 'x', kind: 'grid', code: 'Q1', name: 'x' } })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/regions', payload: {} })).statusCode).toBe(401);
  });
});
