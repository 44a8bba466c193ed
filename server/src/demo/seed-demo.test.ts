import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { ledgerViolations, SOUND } from '../features/points/points.fixtures.js';
import { DEMO_ACCOUNTS, demoTargets, seedDemo, type DemoSummary } from './seed-demo.js';

/*
 * The Dali demo at 5 % of the article's scale (the full scale — 7,200 members, 403 units, 278 items, 10,632
 * person-times — is the first start's; it is checked by hand and its timing kept in docs/PERFORMANCE.md).
 */
const SCALE = 0.05;
const targets = demoTargets(SCALE);
let env: TestEnv;
let summary: DemoSummary;
const tokens = new Map<string, string>();
const lines: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  summary = await seedDemo({ db: env.db, config: { ...env.config, demoPassword: 'linli2026' }, vault: env.sys.vault, notifier: env.sys.notifier }, { scale: SCALE, log: (l) => lines.push(l) });
  for (const a of DEMO_ACCOUNTS) {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: a.phone, password: 'linli2026', tenant: 'dali' } });
    expect(res.statusCode, a.phone).toBe(200);
    tokens.set(a.phone, res.json().token);
  }
});
afterAll(() => env.close());

const get = (phone: string, url: string) => env.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(phone)}` } });

describe('Dali demo', () => {
  it('the overview counts the generated scale from records: members reported in, co-building units, services, person-times, hours', async () => {
    const o = (await get('13800000001', '/api/v1/stats/overview')).json();
    expect(o).toMatchObject({
      communities: 44,
      membersReportedIn: targets.members + 1, // and the demo member
      unitsReportedIn: targets.coBuildingUnits,
      servicesPublished: targets.items, // the past year's, six of them still to come
      personTimes: targets.personTimes,
    });
    expect(o.serviceHours).toBeGreaterThan(targets.personTimes * 1);
    expect(o.serviceHours).toBeLessThan(targets.personTimes * 4.5);
    expect(summary).toMatchObject({ members: o.membersReportedIn, coBuildingUnits: o.unitsReportedIn, servicesPublished: o.servicesPublished, personTimes: o.personTimes, upcoming: 6 });
    expect(lines.at(-1)).toMatch(/^生成演示数据 \/ seeding demo: done/);
  });

  it('every certified record settled into the ledger once, the ledger is sound, and the records are of the past year', async () => {
    const { rows } = await sql<{ approved: number; transfers: number; declined: number; pending: number; oldest: Date; newest: Date }>`
      select count(*) filter (where r.status = 'approved')::int as approved,
             count(t.id)::int as transfers,
             count(*) filter (where r.status = 'declined')::int as declined,
             count(*) filter (where r.status = 'pending')::int as pending,
             min(r.check_in_at) as oldest, max(r.check_in_at) as newest
        from service_records r
        left join ledger_transfers t on t.tenant_id = r.tenant_id and t.source_type = 'service_record' and t.source_id = r.id
       where r.tenant_id = ${summary.tenantId}`.execute(env.db);
    const r = rows[0]!;
    expect(r).toMatchObject({ approved: targets.personTimes, transfers: targets.personTimes, declined: targets.declined, pending: summary.pendingRecords });
    expect(Date.now() - +r.oldest).toBeLessThan(366 * 86_400_000);
    expect(+r.newest).toBeLessThan(Date.now());
    expect(await ledgerViolations(env.db, summary.tenantId)).toEqual(SOUND);
    const ratings = await env.db.selectFrom('serviceRatings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(ratings.n)).toBe(summary.ratings);
  });

  it('the demo member has a report-in, points with history, and upcoming services with open places to claim today', async () => {
    const member = '13800000003';
    const mine = (await get(member, '/api/v1/me/report-in')).json();
    expect(JSON.stringify(mine)).toContain('文献社区');
    const points = (await get(member, '/api/v1/me/points')).json();
    expect(points.spendable).toBeGreaterThan(0);
    expect((await get(member, '/api/v1/me/points/history?limit=5')).json().items.length).toBeGreaterThan(0);
    const upcoming = (await get(member, `/api/v1/service-items?status=published&from=${encodeURIComponent(new Date().toISOString())}`)).json().items;
    expect(upcoming).toHaveLength(6);
    expect(upcoming.filter((i: { capacity: number; claimedCount: number; myClaimStatus: string | null }) => i.claimedCount < i.capacity && !i.myClaimStatus).length).toBeGreaterThanOrEqual(5);
    expect(upcoming.some((i: { waitlistedCount: number }) => i.waitlistedCount > 0)).toBe(true);
    // The secretary of 文献社区 has report-ins and records waiting.
    expect((await get('13800000002', '/api/v1/report-ins?status=submitted')).json().items.length).toBeGreaterThan(0);
    expect((await get('13800000002', '/api/v1/service-records?status=pending')).json().items.length).toBe(summary.pendingRecords);
  });

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
