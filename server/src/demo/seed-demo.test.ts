import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { DEMO_ACCOUNTS, seedDemo } from './seed-demo.js';

let env: TestEnv;
const tokens = new Map<string, string>();

beforeAll(async () => {
  env = await createTestEnv();
  await seedDemo({ db: env.db, config: { ...env.config, demoPassword: 'linli2026' }, vault: env.sys.vault, notifier: env.sys.notifier });
  for (const a of DEMO_ACCOUNTS) {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: a.phone, password: 'linli2026', tenant: 'dali' } });
    expect(res.statusCode, a.phone).toBe(200);
    tokens.set(a.phone, res.json().token);
  }
});
afterAll(() => env.close());

const get = (phone: string, url: string) => env.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(phone)}` } });

describe('Dali demo', () => {
  it('every demo account logs in and holds the role PRODUCT §5 names', async () => {
    const roles = await Promise.all(DEMO_ACCOUNTS.map(async (a) => (await get(a.phone, '/api/v1/me')).json().roles.map((r: { role: string }) => r.role)));
    expect(roles).toEqual([['admin'], ['community_secretary'], ['member'], ['street_chief'], ['department_handler'], ['resident'], ['unit_secretary']]);
    const member = (await get('13800000003', '/api/v1/me')).json();
    expect(member.regionName).toBe('文献社区');
    expect(member.units.map((u: { name: string }) => u.name)).toEqual(['大理市自然资源局']);
  });

  it('the overview counts the 44 communities of the three subdistricts from records', async () => {
    const overview = await get('13800000001', '/api/v1/stats/overview');
    expect(overview.statusCode).toBe(200);
    expect(overview.json().communities).toBe(44);
    const city = (await get('13800000001', '/api/v1/regions?q=大理市')).json().items.find((r: { kind: string }) => r.kind === 'city');
    const subdistricts = (await get('13800000001', `/api/v1/regions?parentId=${city.id}`)).json().items.map((r: { name: string }) => r.name);
    expect(subdistricts.sort()).toEqual(['下关街道', '太和街道', '满江街道'].sort());
    // a community secretary's overview covers their community only
    expect((await get('13800000002', '/api/v1/stats/overview')).json().communities).toBe(1);
  });

  it('stats are refused without a stats role and outside scope', async () => {
    expect((await get('13800000006', '/api/v1/stats/overview')).statusCode).toBe(403);
    const other = (await get('13800000001', '/api/v1/regions?q=太和街道')).json().items[0];
    expect((await get('13800000002', `/api/v1/stats/overview?regionId=${other.id}`)).statusCode).toBe(404);
    expect((await get('13800000002', '/api/v1/stats/overview?regionId=bad')).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/stats/overview' })).statusCode).toBe(401);
  });

  it('tenants are isolated: the Dali admin does not see the test tenant', async () => {
    const roots = (await get('13800000001', '/api/v1/regions')).json().items;
    expect(roots.map((r: { name: string }) => r.name)).toEqual(['大理白族自治州']);
    expect((await get('13800000001', `/api/v1/regions/${env.rootId}`)).statusCode).toBe(404);
  });
});
