import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, errorCode, nextPhone, type TestEnv } from '../../test/harness.js';
import { buildScopeFixture, MASKED_PHONE, nextIdCard, type ScopeFixture } from './users.fixtures.js';

let env: TestEnv;
let f: ScopeFixture;
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildScopeFixture(env);
});
afterAll(() => env.close());

const ids = (res: { json(): unknown }) => (res.json() as { items: Array<{ id: string }> }).items.map((u) => u.id);
const auditRows = (action: string, targetId: string) =>
  env.db.selectFrom('auditLog').selectAll().where('tenantId', '=', env.tenantId).where('action', '=', action).where('targetId', '=', targetId).execute();

describe('authentication', () => {
  it('401 on every people route without a session', async () => {
    const id = f.residentA.id;
    for (const [method, url, payload] of [
      ['GET', '/api/v1/users'],
      ['GET', `/api/v1/users/${id}`],
      ['GET', `/api/v1/users/${id}/pii`],
      ['POST', '/api/v1/users', { phone: nextPhone(), name: '某', regionId: f.a.community.id }],
      ['PATCH', `/api/v1/users/${id}`, { name: '某' }],
    ] as const) {
      const res = await env.app.inject({ method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });
});

describe('GET /users', () => {
  it('a community secretary sees the people of their community (and of units there), never community B', async () => {
    const res = await f.secA.request({ method: 'GET', url: '/api/v1/users?limit=200' });
    expect(res.statusCode).toBe(200);
    const seen = ids(res);
    expect(seen).toEqual(expect.arrayContaining([f.residentA.id, f.secA.id, f.adminA.id, f.gridA.id, f.workerA.id, f.unitSecA.id]));
    expect(seen).not.toContain(f.residentB.id);
    expect(seen).not.toContain(f.secB.id);
    expect(seen).not.toContain(f.root.id);
  });

  it('a unit secretary sees only the people of their unit', async () => {
    const res = await f.unitSecA.request({ method: 'GET', url: '/api/v1/users' });
    expect(res.statusCode).toBe(200);
    expect(ids(res).sort()).toEqual([f.unitSecA.id, f.workerA.id].sort());
  });

  it('masks every phone in the list, the caller’s own included, and lists units and roles', async () => {
    const res = await f.secA.request({ method: 'GET', url: '/api/v1/users?limit=200' });
    const items = res.json().items as Array<{ id: string; phone: string; units: Array<{ name: string }>; roles: string[] }>;
    for (const u of items) expect(u.phone).toMatch(MASKED_PHONE);
    expect(items.find((u) => u.id === f.secA.id)!.phone).toBe(`${f.secA.phone.slice(0, 3)}****${f.secA.phone.slice(-4)}`);
    expect(items.find((u) => u.id === f.workerA.id)!.units.map((u) => u.name)).toEqual(['甲单位']);
    expect(items.find((u) => u.id === f.secA.id)!.roles).toEqual(['community_secretary']);
    expect(res.body).not.toContain(f.residentA.phone);
  });

  it('q matches a name fragment or a whole phone number; filters by region, unit, role and status', async () => {
    const q = async (query: string) => ids(await f.root.request({ method: 'GET', url: `/api/v1/users?${query}` }));
    expect(await q(`q=${f.residentB.phone}`)).toEqual([f.residentB.id]);
    expect(await q(`q=${f.residentB.phone.slice(0, 7)}`)).toEqual([]);
    expect(await q(`q=${encodeURIComponent('乙居')}`)).toEqual([f.residentB.id]);
    expect((await q(`regionId=${f.b.community.id}&limit=200`)).sort()).toEqual([f.secB.id, f.unitSecA.id, f.residentB.id, f.workerA.id].sort());
    expect((await q(`unitId=${f.unitA.id}`)).sort()).toEqual([f.unitSecA.id, f.workerA.id].sort());
    expect(await q('role=grid_worker')).toEqual([f.gridA.id]);
    expect(await q('status=disabled')).toEqual([]);
    // secretary A's unit filter on B's unit: the unit is out of scope
    expect((await f.secA.request({ method: 'GET', url: `/api/v1/users?unitId=${f.unitB.id}` })).statusCode).toBe(404);
  });

  it('pages by name with an opaque cursor', async () => {
    const all = ids(await f.root.request({ method: 'GET', url: '/api/v1/users?limit=200' }));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await f.root.request({ method: 'GET', url: `/api/v1/users?limit=4${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode).toBe(200);
      paged.push(...ids(res));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(all.length);
  });

  it('403 without user.read; 400 on bad input', async () => {
    expect(errorCode(await f.residentA.request({ method: 'GET', url: '/api/v1/users' }))).toBe('FORBIDDEN');
    for (const query of ['regionId=nope', 'limit=0', 'extra=1', 'role=king', 'cursor=bad']) {
      const res = await f.root.request({ method: 'GET', url: `/api/v1/users?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });
});

describe('GET /users/:id', () => {
  it('shows an in-scope person masked, with units, communities, grants and what the caller may do', async () => {
    const res = await f.secA.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.phone).toMatch(MASKED_PHONE);
    expect(body.idCard).toMatch(/^5329\*{10}\d{3}[\dX]$/);
    expect(body).toMatchObject({ name: '甲居民', regionName: '甲社区', status: 'active', canEdit: true, canReadPii: true });
    expect(body.communities).toEqual([{ id: f.a.community.id, name: '甲社区', relation: 'resident' }]);
    expect(body.grants).toEqual([expect.objectContaining({ role: 'resident', roleName: '居民', scope: 'region', scopeName: '甲社区' })]);
    expect(res.body).not.toContain(f.residentA.phone);
  });

  it('shows one’s own record unmasked', async () => {
    const body = (await f.residentA.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}` })).json();
    expect(body.phone).toBe(f.residentA.phone);
    expect(body.idCard).toMatch(/^\d{17}[\dX]$/);
    expect(body.canEdit).toBe(false);
  });

  it('404 for a person of community B, a stranger’s record, or an unknown id; 400 on a bad id', async () => {
    expect(errorCode(await f.secA.request({ method: 'GET', url: `/api/v1/users/${f.residentB.id}` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.residentA.request({ method: 'GET', url: `/api/v1/users/${f.residentB.id}` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.unitSecA.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}` }))).toBe('NOT_FOUND');
    expect(errorCode(await f.root.request({ method: 'GET', url: '/api/v1/users/01900000-0000-7000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(errorCode(await f.root.request({ method: 'GET', url: '/api/v1/users/123' }))).toBe('VALIDATION');
  });
});

describe('GET /users/:id/pii', () => {
  it('unmasks for user.pii over the person and writes an audit row', async () => {
    const before = (await auditRows('user.pii_read', f.residentA.id)).length;
    const res = await f.secA.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}/pii` });
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe(f.residentA.phone);
    expect(res.json().idCard).toMatch(/^\d{17}[\dX]$/);
    const rows = await auditRows('user.pii_read', f.residentA.id);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ actorId: f.secA.id, targetType: 'user', regionId: f.a.community.id, after: { fields: ['phone', 'idCard'] } });
  });

  it('403 without user.pii, 404 out of scope, and neither is logged as a read', async () => {
    const before = (await auditRows('user.pii_read', f.residentA.id)).length;
    expect(errorCode(await f.gridA.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}/pii` }))).toBe('FORBIDDEN');
    expect(errorCode(await f.secB.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}/pii` }))).toBe('NOT_FOUND');
    expect(await auditRows('user.pii_read', f.residentA.id)).toHaveLength(before);
    expect(errorCode(await f.secA.request({ method: 'GET', url: '/api/v1/users/x/pii' }))).toBe('VALIDATION');
  });
});

describe('POST /users', () => {
  it('creates a person in the secretary’s community: 201, masked, audited without PII', async () => {
    const phone = nextPhone();
    const idCard = nextIdCard();
    const res = await f.secA.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { phone, name: '新居民', regionId: f.a.community.id, idCard, isPartyMember: true, password: 'start1234', units: [{ unitId: f.unitA.id, position: '干部' }] },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: '新居民', isPartyMember: true, regionId: f.a.community.id, units: [{ id: f.unitA.id, name: '甲单位', kind: 'unit', position: '干部' }] });
    expect(body.phone).toMatch(MASKED_PHONE);
    expect(body.communities).toEqual([{ id: f.a.community.id, name: '甲社区', relation: 'resident' }]);
    const [row] = await auditRows('user.created', body.id);
    expect(row).toMatchObject({ actorId: f.secA.id, regionId: f.a.community.id });
    expect(JSON.stringify(row!.after)).not.toContain(phone);
    expect(JSON.stringify(row!.after)).not.toContain(idCard);
    const login = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password: 'start1234' } });
    expect(login.statusCode).toBe(200);
  });

  it('403 in community B or without user.write; 404 for a unit out of scope; 409 on a registered phone', async () => {
    const payload = (over: object) => ({ phone: nextPhone(), name: '某人', regionId: f.a.community.id, ...over });
    expect(errorCode(await f.secA.request({ method: 'POST', url: '/api/v1/users', payload: payload({ regionId: f.b.community.id }) }))).toBe('FORBIDDEN');
    expect(errorCode(await f.gridA.request({ method: 'POST', url: '/api/v1/users', payload: payload({}) }))).toBe('FORBIDDEN');
    expect(errorCode(await f.secA.request({ method: 'POST', url: '/api/v1/users', payload: payload({ units: [{ unitId: f.unitB.id }] }) }))).toBe('NOT_FOUND');
    const dup = await f.secA.request({ method: 'POST', url: '/api/v1/users', payload: payload({ phone: f.residentB.phone }) });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe('ALREADY_EXISTS');
  });

  it('400 on bad input', async () => {
    const good = { phone: nextPhone(), name: '某人', regionId: f.a.community.id };
    const valid = nextIdCard();
    const badCheckDigit = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    for (const payload of [
      { ...good, phone: '12345' },
      { ...good, extra: true },
      { phone: good.phone, regionId: good.regionId },
      { ...good, regionId: 'nope' },
      { ...good, idCard: badCheckDigit },
      { ...good, password: 'aaaaaaaaa' },
      { ...good, units: [{ unitId: f.unitA.id }, { unitId: f.unitA.id }] },
    ]) {
      const res = await f.secA.request({ method: 'POST', url: '/api/v1/users', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });
});

describe('PATCH /users/:id', () => {
  it('updates name, Party membership and ID card; audits masked before/after', async () => {
    const idCard = nextIdCard();
    const res = await f.secA.request({ method: 'PATCH', url: `/api/v1/users/${f.workerA.id}`, payload: { name: '甲单位职工（改）', isPartyMember: true, idCard } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '甲单位职工（改）', isPartyMember: true });
    expect(res.json().idCard).toBe(`${idCard.slice(0, 4)}**********${idCard.slice(-4)}`);
    const [row] = await auditRows('user.updated', f.workerA.id);
    expect(row!.before).toMatchObject({ name: '甲单位职工', idCard: null });
    expect(JSON.stringify(row)).not.toContain(idCard);
  });

  it('moves a person’s home region within scope and their resident link follows', async () => {
    const created = (await f.root.request({ method: 'POST', url: '/api/v1/users', payload: { phone: nextPhone(), name: '搬家者', regionId: f.b.community.id } })).json();
    const res = await f.root.request({ method: 'PATCH', url: `/api/v1/users/${created.id}`, payload: { regionId: f.a.community.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json().communities).toEqual([{ id: f.a.community.id, name: '甲社区', relation: 'resident' }]);
    // secretary A may not move someone out to B
    expect(errorCode(await f.secA.request({ method: 'PATCH', url: `/api/v1/users/${created.id}`, payload: { regionId: f.b.community.id } }))).toBe('FORBIDDEN');
  });

  it('404 out of scope, 403 without user.write (oneself included), 409 on a registered ID card, 400 on bad input', async () => {
    expect(errorCode(await f.secA.request({ method: 'PATCH', url: `/api/v1/users/${f.residentB.id}`, payload: { name: 'x' } }))).toBe('NOT_FOUND');
    expect(errorCode(await f.gridA.request({ method: 'PATCH', url: `/api/v1/users/${f.residentA.id}`, payload: { name: 'x' } }))).toBe('FORBIDDEN');
    expect(errorCode(await f.residentA.request({ method: 'PATCH', url: `/api/v1/users/${f.residentA.id}`, payload: { isPartyMember: true } }))).toBe('FORBIDDEN');
    const otherIdCard = (await f.root.request({ method: 'GET', url: `/api/v1/users/${f.residentB.id}/pii` })).json().idCard;
    expect(errorCode(await f.root.request({ method: 'PATCH', url: `/api/v1/users/${f.residentA.id}`, payload: { idCard: otherIdCard } }))).toBe('ALREADY_EXISTS');
    for (const payload of [{}, { name: '' }, { phone: '13900000000' }, { regionId: 'x' }]) {
      expect((await f.secA.request({ method: 'PATCH', url: `/api/v1/users/${f.residentA.id}`, payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await f.secA.request({ method: 'PATCH', url: '/api/v1/users/abc', payload: { name: 'x' } })).statusCode).toBe(400);
  });
});
