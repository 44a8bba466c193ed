import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { buildScopeFixture, type ScopeFixture } from '../users/users.fixtures.js';

let env: TestEnv;
let f: ScopeFixture;
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildScopeFixture(env);
});
afterAll(() => env.close());

const ids = (res: { json(): unknown }) => (res.json() as { items: Array<{ id: string }> }).items.map((o) => o.id);
const create = (actor: ScopeFixture['root'], payload: object) => actor.request({ method: 'POST', url: '/api/v1/organisations', payload });

describe('authentication', () => {
  it('401 on every organisation route without a session', async () => {
    const id = f.unitA.id;
    for (const [method, url, payload] of [
      ['GET', '/api/v1/organisations'],
      ['GET', `/api/v1/organisations/${id}`],
      ['POST', '/api/v1/organisations', { kind: 'unit', name: '某单位', regionId: f.a.community.id }],
      ['PATCH', `/api/v1/organisations/${id}`, { name: '某单位' }],
      ['DELETE', `/api/v1/organisations/${id}`],
    ] as const) {
      expect((await env.app.inject({ method, url, payload })).statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('GET /organisations', () => {
  it('a community secretary sees the organisations of community A only; a unit secretary their unit', async () => {
    const seen = ids(await f.secA.request({ method: 'GET', url: '/api/v1/organisations' }));
    expect(seen).toContain(f.unitA.id);
    expect(seen).not.toContain(f.unitB.id);
    expect(ids(await f.unitSecA.request({ method: 'GET', url: '/api/v1/organisations' }))).toEqual([f.unitA.id]);
  });

  it('filters by kind, region, subtree and name; masks contact phones', async () => {
    const dept = (await create(f.root, { kind: 'department', subtype: '城管', name: '市城管局', regionId: f.a.city!.id, contactName: '王科长', contactPhone: '13912345678' })).json();
    const q = async (query: string) => ids(await f.root.request({ method: 'GET', url: `/api/v1/organisations?${query}` }));
    expect(await q('kind=department')).toEqual([dept.id]);
    expect(await q(`regionId=${f.b.community.id}`)).toEqual([f.unitB.id]);
    expect((await q(`under=${f.a.city!.id}`)).sort()).toEqual([f.unitA.id, f.unitB.id, dept.id].sort());
    expect(await q(`under=${f.a.subdistrict.id}`)).toEqual([f.unitA.id]);
    expect(await q(`q=${encodeURIComponent('城管')}`)).toEqual([dept.id]);
    const listed = (await f.root.request({ method: 'GET', url: '/api/v1/organisations?kind=department' })).json().items[0];
    expect(listed).toMatchObject({ contactName: '王科长', contactPhone: '139****5678', regionName: f.a.city!.name });
    const detail = (await f.root.request({ method: 'GET', url: `/api/v1/organisations/${dept.id}` })).json();
    expect(detail.contactPhone).toBe('13912345678');
  });

  it('pages by name', async () => {
    const all = ids(await f.root.request({ method: 'GET', url: '/api/v1/organisations?limit=200' }));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await f.root.request({ method: 'GET', url: `/api/v1/organisations?limit=1${cursor ? `&cursor=${cursor}` : ''}` });
      paged.push(...ids(res));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('403 without org.read; 400 on bad input', async () => {
    expect(errorCode(await f.residentA.request({ method: 'GET', url: '/api/v1/organisations' }))).toBe('FORBIDDEN');
    for (const query of ['kind=club', 'regionId=1', 'under=x', 'limit=500', 'name=x', 'cursor=%%%']) {
      expect((await f.root.request({ method: 'GET', url: `/api/v1/organisations?${query}` })).statusCode, query).toBe(400);
    }
  });
});

describe('GET /organisations/:id', () => {
  it('shows an organisation in scope with its counts', async () => {
    const res = await f.secA.request({ method: 'GET', url: `/api/v1/organisations/${f.unitA.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: f.unitA.id, kind: 'unit', name: '甲单位', regionName: '甲社区', memberCount: 2, communityCount: 0, childCount: 0 });
    expect(res.json().updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('404 for community B’s unit, 400 on a bad id', async () => {
    expect(errorCode(await f.secA.request({ method: 'GET', url: `/api/v1/organisations/${f.unitB.id}` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.unitSecA.request({ method: 'GET', url: `/api/v1/organisations/${f.unitB.id}` }))).toBe('NOT_FOUND');
    expect((await f.secA.request({ method: 'GET', url: '/api/v1/organisations/zz' })).statusCode).toBe(400);
  });
});

describe('POST /organisations', () => {
  it('a community admin creates a Party branch under a visible parent: 201, audited', async () => {
    const parent = (await create(f.adminA, { kind: 'party_org', subtype: '党总支', name: '甲社区党总支', regionId: f.a.community.id })).json();
    const res = await create(f.adminA, { kind: 'party_org', subtype: '党支部', name: '甲社区第一党支部', regionId: f.a.community.id, parentId: parent.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ parentId: parent.id, parentName: '甲社区党总支', depth: 1, path: `${parent.path}${res.json().id}/` });
    const row = await env.db.selectFrom('auditLog').selectAll().where('action', '=', 'organisation.created').where('targetId', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actorId: f.adminA.id, regionId: f.a.community.id });
  });

  it('403 in community B or without org.write; 404 for a parent out of scope; 409 on a duplicate name', async () => {
    expect(errorCode(await create(f.adminA, { kind: 'unit', name: '越界单位', regionId: f.b.community.id }))).toBe('FORBIDDEN');
    expect(errorCode(await create(f.secA, { kind: 'unit', name: '书记建的单位', regionId: f.a.community.id }))).toBe('FORBIDDEN');
    expect(errorCode(await create(f.adminA, { kind: 'unit', name: '下级', regionId: f.a.community.id, parentId: f.unitB.id }))).toBe('NOT_FOUND');
    const dup = await create(f.adminA, { kind: 'unit', name: '甲单位', regionId: f.a.community.id });
    expect(dup.statusCode).toBe(409);
  });

  it('400 on bad input, including a parent of another kind', async () => {
    for (const payload of [
      { kind: 'club', name: 'x', regionId: f.a.community.id },
      { kind: 'unit', regionId: f.a.community.id },
      { kind: 'unit', name: 'x', regionId: 'nope' },
      { kind: 'unit', name: 'x', regionId: f.a.community.id, color: 'red' },
      { kind: 'unit', name: 'x', regionId: f.a.community.id, contactPhone: 'call me' },
      { kind: 'party_org', name: '挂错的支部', regionId: f.a.community.id, parentId: f.unitA.id },
    ]) {
      const res = await create(f.adminA, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });
});

describe('PATCH /organisations/:id', () => {
  it('updates fields and clears nullable ones; audits before and after', async () => {
    const org = (await create(f.adminA, { kind: 'unit', name: '待改单位', code: 'ORG-1', regionId: f.a.community.id })).json();
    const res = await f.adminA.request({ method: 'PATCH', url: `/api/v1/organisations/${org.id}`, payload: { name: '已改单位', code: null, contactName: '李' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '已改单位', code: null, contactName: '李' });
    const row = await env.db.selectFrom('auditLog').selectAll().where('action', '=', 'organisation.updated').where('targetId', '=', org.id).executeTakeFirstOrThrow();
    expect(row.before).toMatchObject({ name: '待改单位', code: 'ORG-1' });
    expect(row.after).toMatchObject({ name: '已改单位', code: null });
  });

  it('404 out of scope, 403 without org.write or when moving to community B, 400 on bad input', async () => {
    expect(errorCode(await f.adminA.request({ method: 'PATCH', url: `/api/v1/organisations/${f.unitB.id}`, payload: { name: 'x' } }))).toBe('NOT_FOUND');
    expect(errorCode(await f.secA.request({ method: 'PATCH', url: `/api/v1/organisations/${f.unitA.id}`, payload: { name: 'x' } }))).toBe('FORBIDDEN');
    expect(errorCode(await f.adminA.request({ method: 'PATCH', url: `/api/v1/organisations/${f.unitA.id}`, payload: { regionId: f.b.community.id } }))).toBe('FORBIDDEN');
    for (const payload of [{}, { kind: 'department' }, { parentId: f.unitA.id }, { name: '' }]) {
      expect((await f.adminA.request({ method: 'PATCH', url: `/api/v1/organisations/${f.unitA.id}`, payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await f.adminA.request({ method: 'PATCH', url: '/api/v1/organisations/1', payload: { name: 'x' } })).statusCode).toBe(400);
  });
});

describe('DELETE /organisations/:id', () => {
  it('deletes an organisation nothing refers to; 409 while people, children, links or grants refer to it', async () => {
    const blocked = await f.adminA.request({ method: 'DELETE', url: `/api/v1/organisations/${f.unitA.id}` });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.details.references).toEqual(expect.arrayContaining(['members', 'grants']));
    const lonely = await buildUnit(env, f.a.community.id, '空单位');
    const res = await f.adminA.request({ method: 'DELETE', url: `/api/v1/organisations/${lonely.id}` });
    expect(res.statusCode).toBe(200);
    expect(errorCode(await f.adminA.request({ method: 'DELETE', url: `/api/v1/organisations/${lonely.id}` }))).toBe('NOT_FOUND');
    const row = await env.db.selectFrom('auditLog').selectAll().where('action', '=', 'organisation.deleted').where('targetId', '=', lonely.id).executeTakeFirstOrThrow();
    expect(row.before).toMatchObject({ name: '空单位' });
  });

  it('404 out of scope, 403 without org.write, 400 on a bad id', async () => {
    const target = await buildUnit(env, f.a.community.id, '留着的单位');
    expect(errorCode(await f.adminA.request({ method: 'DELETE', url: `/api/v1/organisations/${f.unitB.id}` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.secA.request({ method: 'DELETE', url: `/api/v1/organisations/${target.id}` }))).toBe('FORBIDDEN');
    expect((await f.adminA.request({ method: 'DELETE', url: '/api/v1/organisations/abc' })).statusCode).toBe(400);
  });
});

describe('co-building links (共驻共建)', () => {
  it('links a city unit with community A: the secretary of A then sees the unit; list and unlink', async () => {
    const cityUnit = await buildUnit(env, f.a.city!.id, '市自然资源局');
    expect(errorCode(await f.secA.request({ method: 'GET', url: `/api/v1/organisations/${cityUnit.id}` }))).toBe('NOT_FOUND');
    const res = await f.root.request({ method: 'POST', url: `/api/v1/organisations/${cityUnit.id}/communities`, payload: { communityId: f.a.community.id, relation: 'co_building', since: '2024-03-01' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ communityId: f.a.community.id, communityName: '甲社区', relation: 'co_building', since: '2024-03-01' });
    expect(errorCode(await f.root.request({ method: 'POST', url: `/api/v1/organisations/${cityUnit.id}/communities`, payload: { communityId: f.a.community.id, relation: 'linked' } }))).toBe('CONFLICT');
    expect((await f.secA.request({ method: 'GET', url: `/api/v1/organisations/${cityUnit.id}` })).json().communityCount).toBe(1);
    expect(ids(await f.secA.request({ method: 'GET', url: '/api/v1/organisations' }))).toContain(cityUnit.id);
    expect(errorCode(await f.secB.request({ method: 'GET', url: `/api/v1/organisations/${cityUnit.id}` }))).toBe('NOT_FOUND');
    const list = await f.secA.request({ method: 'GET', url: `/api/v1/organisations/${cityUnit.id}/communities` });
    expect(list.json().items).toEqual([expect.objectContaining({ communityId: f.a.community.id, communityName: '甲社区' })]);
    // the community's admin may end the link
    expect((await f.adminA.request({ method: 'DELETE', url: `/api/v1/organisations/${cityUnit.id}/communities/${f.a.community.id}` })).statusCode).toBe(200);
    expect(errorCode(await f.root.request({ method: 'DELETE', url: `/api/v1/organisations/${cityUnit.id}/communities/${f.a.community.id}` }))).toBe('NOT_FOUND');
    const actions = await env.db.selectFrom('auditLog').select('action').where('targetId', '=', cityUnit.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['organisation.created', 'organisation.community_linked', 'organisation.community_unlinked']);
  });

  it('403 for a community the actor does not administer, 404 for a unit out of scope, 400 on bad input', async () => {
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/organisations/${f.unitA.id}/communities`, payload: { communityId: f.b.community.id, relation: 'linked' } }))).toBe('FORBIDDEN');
    expect(errorCode(await f.secA.request({ method: 'POST', url: `/api/v1/organisations/${f.unitA.id}/communities`, payload: { communityId: f.a.community.id, relation: 'linked' } }))).toBe('FORBIDDEN');
    expect(errorCode(await f.adminA.request({ method: 'POST', url: `/api/v1/organisations/${f.unitB.id}/communities`, payload: { communityId: f.a.community.id, relation: 'linked' } }))).toBe('NOT_FOUND');
    expect(errorCode(await f.secA.request({ method: 'GET', url: `/api/v1/organisations/${f.unitB.id}/communities` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.adminA.request({ method: 'DELETE', url: `/api/v1/organisations/${f.unitB.id}/communities/${f.b.community.id}` }))).toBe('NOT_FOUND');
    const branch = await buildUnit(env, f.a.community.id, '甲支部', 'party_org');
    for (const [id, payload] of [
      [f.unitA.id, { communityId: f.a.subdistrict.id, relation: 'linked' }],
      [branch.id, { communityId: f.a.community.id, relation: 'linked' }],
      [f.unitA.id, { communityId: f.a.community.id }],
      [f.unitA.id, { communityId: f.a.community.id, relation: 'married' }],
      [f.unitA.id, { communityId: f.a.community.id, relation: 'linked', since: 'yesterday' }],
      [f.unitA.id, { communityId: f.a.community.id, relation: 'linked', extra: 1 }],
    ] as const) {
      const res = await f.adminA.request({ method: 'POST', url: `/api/v1/organisations/${id}/communities`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await f.adminA.request({ method: 'DELETE', url: `/api/v1/organisations/${f.unitA.id}/communities/x` })).statusCode).toBe(400);
    expect((await f.adminA.request({ method: 'GET', url: '/api/v1/organisations/x/communities' })).statusCode).toBe(400);
  });

  it('401 without a session', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/organisations/${f.unitA.id}/communities`],
      ['POST', `/api/v1/organisations/${f.unitA.id}/communities`],
      ['DELETE', `/api/v1/organisations/${f.unitA.id}/communities/${f.a.community.id}`],
    ] as const) {
      expect((await env.app.inject({ method, url, payload: method === 'POST' ? { communityId: f.a.community.id, relation: 'linked' } : undefined })).statusCode).toBe(401);
    }
  });
});

describe('a unit secretary', () => {
  it('reads their unit but cannot change it', async () => {
    const sec = await buildUser(env, { regionId: f.a.community.id, grants: [{ role: 'unit_secretary', orgId: f.unitA.id }] });
    expect((await sec.request({ method: 'GET', url: `/api/v1/organisations/${f.unitA.id}` })).statusCode).toBe(200);
    expect(errorCode(await sec.request({ method: 'PATCH', url: `/api/v1/organisations/${f.unitA.id}`, payload: { name: '改名' } }))).toBe('FORBIDDEN');
  });
});
