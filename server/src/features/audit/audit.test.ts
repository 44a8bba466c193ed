import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../platform/audit.js';
import { createTestEnv, errorCode, nextPhone, type TestEnv } from '../../test/harness.js';
import { buildScopeFixture, type ScopeFixture } from '../users/users.fixtures.js';

let env: TestEnv;
let f: ScopeFixture;
let inA: string;
let inB: string;
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildScopeFixture(env);
  inA = (await f.root.request({ method: 'POST', url: '/api/v1/users', payload: { phone: nextPhone(), name: '甲新人', regionId: f.a.community.id } })).json().id;
  inB = (await f.root.request({ method: 'POST', url: '/api/v1/users', payload: { phone: nextPhone(), name: '乙新人', regionId: f.b.community.id } })).json().id;
  await f.secA.request({ method: 'GET', url: `/api/v1/users/${f.residentA.id}/pii` });
  await audit(env.sys, { action: 'tenant.configured', targetType: 'tenant', targetId: env.tenantId });
});
afterAll(() => env.close());

type Entry = { id: string; at: string; action: string; actorId: string | null; actorName: string | null; targetId: string | null; regionId: string | null; after: unknown };
const entries = async (actor: ScopeFixture['root'], query = '') => {
  const res = await actor.request({ method: 'GET', url: `/api/v1/audit-log?limit=200${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Entry[];
};

describe('GET /audit-log', () => {
  it('401 without a session; 403 without audit.read', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/audit-log' })).statusCode).toBe(401);
    expect(errorCode(await f.secA.request({ method: 'GET', url: '/api/v1/audit-log' }))).toBe('FORBIDDEN');
    expect(errorCode(await f.residentA.request({ method: 'GET', url: '/api/v1/audit-log' }))).toBe('FORBIDDEN');
  });

  it('400 on bad input', async () => {
    for (const query of ['actorId=1', 'from=yesterday', 'limit=0', 'verb=x', `cursor=${Buffer.from('not-a-uuid').toString('base64url')}`]) {
      const res = await f.root.request({ method: 'GET', url: `/api/v1/audit-log?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });

  it('a community admin sees only entries placed in their community', async () => {
    const seen = await entries(f.adminA);
    expect(seen.length).toBeGreaterThan(0);
    const regions = new Set(seen.map((e) => e.regionId));
    expect([...regions]).toEqual([f.a.community.id]);
    expect(seen.map((e) => e.targetId)).toContain(inA);
    expect(seen.map((e) => e.targetId)).not.toContain(inB);
    expect(seen.map((e) => e.action)).not.toContain('tenant.configured');
  });

  it('a root admin sees every region’s entries and the tenant-level ones, newest first, with actor names', async () => {
    const seen = await entries(f.root);
    expect(seen.map((e) => e.targetId)).toEqual(expect.arrayContaining([inA, inB]));
    expect(seen.some((e) => e.regionId === env.rootId)).toBe(true);
    expect(seen.find((e) => e.action === 'tenant.configured')).toMatchObject({ regionId: null, actorName: '系统' });
    const sorted = [...seen].sort((x, y) => (x.id < y.id ? 1 : -1));
    expect(seen.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    const created = seen.find((e) => e.targetId === inA && e.action === 'user.created')!;
    expect(created).toMatchObject({ actorId: f.root.id, actorName: '州管理员' });
    expect(created.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const bySystem = seen.find((e) => e.action === 'region.created')!;
    expect(bySystem.actorName).toBe('系统');
  });

  it('filters by action, target, actor and time; pages by cursor', async () => {
    const reads = await entries(f.adminA, `&action=user.pii_read&targetType=user&targetId=${f.residentA.id}&actorId=${f.secA.id}`);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorName: '甲书记', after: { fields: ['phone', 'idCard'] } });
    expect(await entries(f.root, `&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    expect((await entries(f.root, `&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).length).toBeGreaterThan(0);
    const all = await entries(f.adminA);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await f.adminA.request({ method: 'GET', url: `/api/v1/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}` });
      paged.push(...(res.json().items as Entry[]).map((e) => e.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((e) => e.id));
  });
});

describe('audit_log is append-only', () => {
  it('the database refuses UPDATE and DELETE', async () => {
    const row = await env.db.selectFrom('auditLog').select('id').where('tenantId', '=', env.tenantId).executeTakeFirstOrThrow();
    await expect(env.db.updateTable('auditLog').set({ action: 'tampered' }).where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
    await expect(env.db.deleteFrom('auditLog').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(env.db)).rejects.toThrow(/append-only/);
    const still = await env.db.selectFrom('auditLog').select('action').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(still.action).not.toBe('tampered');
  });
});
