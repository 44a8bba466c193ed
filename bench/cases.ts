/**
 * Cases at scale (issue 5): (1) intake through HTTP — a resident's report (POST /api/v1/cases → reported) and a grid
 * worker's (filed at once and dispatched by the duty matrix: three events, a clock, the metrics trigger) at 1 and
 * 50 concurrent clients, beside a raw INSERT of the same case row; (2) the metrics a leader reads — GET
 * /api/v1/cases/metrics and /cases/rankings over 1,000,000 cases, answered from the maintained summary
 * (case_stats) — beside the naive GROUP BY over the cases table with the same definitions, in the same run.
 * Data: 1 prefecture, 10 cities, 100 subdistricts, 2,000 communities, 30 departments, the seeded catalogue;
 * 1,000,000 cases over twelve months bulk-generated with generate_series (the summary is rebuilt from its recount view).
 * Run: BENCH_DATABASE_URL=postgres://… npx tsx bench/cases.ts   (PGlite without it, 100,000 cases; BENCH_CASES=n to change)
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { newId } from '../server/src/platform/ids.js';
import { InboxNotifier } from '../server/src/platform/notifications/inbox-notifier.js';
import { PiiVault } from '../server/src/platform/pii.js';
import { systemActor } from '../server/src/platform/policy.js';
import { ensureCaseSetup } from '../server/src/features/cases/ensure-case-setup.js';
import { benchDatabase, ratio } from './support.js';

const CASES = Number(process.env.BENCH_CASES ?? (process.env.BENCH_DATABASE_URL ? 1_000_000 : 100_000));
const MS = Number(process.env.BENCH_MS ?? 3000);

const database = await benchDatabase('cases');
const { db } = database;
const tenantId = newId();
await db.insertInto('tenants').values({ id: tenantId, code: 'bench', name: '基准', settings: '{}' }).execute();
const config = loadConfig({ NODE_ENV: 'production', LINLI_DATA_DIR: mkdtempSync(join(tmpdir(), 'linli-bench-')), LINLI_TENANT: 'bench', LINLI_SEED_DEMO: 'false', LOG_LEVEL: 'silent', LINLI_ENCRYPTION_KEY: randomBytes(32).toString('hex') });
const notifier = new InboxNotifier();
const vault = new PiiVault(randomBytes(32));
const sys = { db, tenantId, actor: systemActor(), config, now: () => new Date(), notifier, vault };

// --- places, departments, people -------------------------------------------------------------------------------
type Region = { tenantId: string; id: string; parentId: string | null; kind: 'prefecture' | 'city' | 'subdistrict' | 'community'; code: string; name: string; path: string; depth: number };
const regions: Region[] = [];
const add = (parent: Region | null, kind: Region['kind']) => {
  const id = newId();
  const r: Region = { tenantId, id, parentId: parent?.id ?? null, kind, code: `${kind}-${regions.length}`, name: `${kind}${regions.length}`, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
  regions.push(r);
  return r;
};
const root = add(null, 'prefecture');
const cities: Region[] = [];
const subdistricts: Region[] = [];
const communities: Region[] = [];
for (let c = 0; c < 10; c++) {
  const city = add(root, 'city');
  cities.push(city);
  for (let s = 0; s < 10; s++) {
    const sub = add(city, 'subdistrict');
    subdistricts.push(sub);
    for (let m = 0; m < 20; m++) communities.push(add(sub, 'community'));
  }
}
for (let i = 0; i < regions.length; i += 1000) await db.insertInto('regions').values(regions.slice(i, i + 1000)).execute();
const departments = Array.from({ length: 30 }, (_, i) => ({ tenantId, id: newId(), kind: 'department' as const, name: `部门${i}`, regionId: cities[i % 10]!.id, parentId: null, path: '', depth: 0 }));
for (const d of departments) d.path = `/${d.id}/`;
await db.insertInto('organisations').values(departments).execute();
await ensureCaseSetup(sys);
const categories = await db.selectFrom('caseCategories').select(['id', 'depth', 'parentId']).where('tenantId', '=', tenantId).execute();
const subcategories = categories.filter((c) => c.depth === 1);
for (const [i, cls] of categories.filter((c) => c.depth === 0).entries()) {
  for (const city of cities) {
    await db.insertInto('dutyMatrix').values({ tenantId, id: newId(), categoryId: cls.id, regionId: city.id, assetOwnerId: null, departmentId: departments[(i * 3 + cities.indexOf(city)) % 30]!.id, note: null, createdBy: sys.actor.userId }).execute();
  }
}

interface Person { id: string; token: string; regionId: string }
let phones = 13000000000;
async function people(n: number, role: string | null, regionOf: (i: number) => Region, grantOf?: (i: number) => Region): Promise<Person[]> {
  const out: Person[] = [];
  for (let i = 0; i < n; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({ id: newId(), token: `bench.${randomBytes(32).toString('base64url')}`, region: regionOf(i + j), grant: grantOf?.(i + j) }));
    await db.insertInto('users').values(chunk.map((p, j) => ({ tenantId, id: p.id, phone: String(phones++), name: `用户${i + j}`, regionId: p.region.id, passwordHash: null, idCardCipher: null, idCardDigest: null }))).execute();
    await db.insertInto('sessions').values(chunk.map((p) => ({ tenantId, id: newId(), userId: p.id, tokenHash: createHash('sha256').update(p.token).digest('hex'), expiresAt: new Date(Date.now() + 86_400_000) }))).execute();
    if (role) await db.insertInto('roleGrants').values(chunk.map((p) => ({ tenantId, id: newId(), userId: p.id, role, regionId: p.grant!.id, orgId: null, scopePath: p.grant!.path, grantedBy: null }))).execute();
    out.push(...chunk.map((p) => ({ id: p.id, token: p.token, regionId: p.region.id })));
  }
  return out;
}
const residents = await people(5000, null, (i) => communities[i % communities.length]!);
await people(100, 'dispatcher', (i) => subdistricts[i]!, (i) => subdistricts[i]!);
const gridWorkers = await people(2000, 'grid_worker', (i) => communities[i]!, (i) => communities[i]!);
const [leader] = await people(1, 'leader', () => root, () => root);

// --- 1,000,000 cases over twelve months --------------------------------------------------------------------------
const t0 = performance.now();
await sql`alter table cases disable trigger cases_stats`.execute(db);
await sql`alter table cases disable trigger cases_stats_area`.execute(db);
const BATCH = 100_000;
const uuids = (list: string[]) => sql`${`{${list.join(',')}}`}::uuid[]`;
const ints = (list: number[]) => sql`${`{${list.join(',')}}`}::int[]`;
// As the engine would have it: the department follows the duty matrix (class × city), 5 % were re-dispatched elsewhere.
const classes = categories.filter((c) => c.depth === 0);
const classOf = subcategories.map((c) => classes.findIndex((k) => k.id === c.parentId));
const subdistrictOf = communities.map((c) => c.parentId!);
for (let done = 0; done < CASES; done += BATCH) {
  const n = Math.min(BATCH, CASES - done);
  await sql`
    insert into cases (tenant_id, id, type_code, type_version, category_id, region_id, community_id, subdistrict_id, channel, description, reporter_id,
                       status, close_reason, lead_department_id, dispatch_basis, dispatch_count, first_dispatch_wrong, rework_count, extension_count,
                       excluded, sign_late, handle_late, first_dispatched_at, signed_at, handled_at, closed_at, rating_solved, rating_satisfaction,
                       rated_at, handling_minutes, created_at, updated_at)
    select ${tenantId}::uuid, gen_random_uuid(), 'default', 1, (${uuids(subcategories.map((c) => c.id))})[ki], (${uuids(communities.map((c) => c.id))})[ci],
           (${uuids(communities.map((c) => c.id))})[ci], (${uuids(subdistrictOf)})[ci], 'resident', '基准工单', ${residents[0]!.id}::uuid,
           st, case when st = 'closed' then (array['resolved','resolved','resolved','resolved','unable','not_responsible','withdrawn','duplicate'])[1 + floor(r3 * 8)::int] end,
           case when st = 'reported' then null
                when r0 < 0.05 then (${uuids(departments.map((d) => d.id))})[1 + floor(r1 * 30)::int]
                else (${uuids(departments.map((d) => d.id))})[1 + ((${ints(classOf)})[ki] * 3 + (ci - 1) / 200) % 30] end,
           case when st = 'reported' then null when r0 < 0.05 then 'manual' else 'matrix' end,
           case when st = 'reported' then 0 when r0 < 0.05 then 2 else 1 end, r0 < 0.05, (r2 < 0.08)::int, (r3 < 0.04)::int,
           r1 < 0.01, r2 < 0.1, r3 < 0.15,
           case when st = 'reported' then null else created + interval '10 minutes' end,
           case when st in ('reported', 'dispatched') then null else created + interval '1 hour' end,
           case when st in ('closed', 'verifying') then created + interval '1 day' end,
           case when st = 'closed' then created + interval '2 days' end,
           case when st = 'closed' and r1 < 0.6 then r2 > 0.05 end, case when st = 'closed' and r1 < 0.6 then 1 + floor(r3 * 5)::int end,
           case when st = 'closed' and r1 < 0.6 then created + interval '3 days' end,
           case when st = 'closed' then 420 + floor(r1 * 2000)::int end, created, created
      from (select 1 + floor(random() * ${subcategories.length})::int as ki, 1 + floor(random() * ${communities.length})::int as ci,
                   (array['closed','closed','closed','closed','closed','closed','closed','in_progress','verifying','dispatched','reported'])[1 + floor(random() * 11)::int] as st,
                   timestamptz '2025-12-01 00:00+08' + random() * interval '365 days' as created,
                   random() as r0, random() as r1, random() as r2, random() as r3
              from generate_series(1, ${n})) g`.execute(db);
  process.stdout.write(`\rgenerated ${done + n} cases`);
}
await sql`alter table cases enable trigger cases_stats`.execute(db);
await sql`alter table cases enable trigger cases_stats_area`.execute(db);
const columnsOf = async (table: string) =>
  (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = ${table} and table_schema = current_schema() order by ordinal_position`.execute(db)).rows.map((r) => r.name).join(', ');
for (const table of ['case_stats', 'case_stats_area']) {
  const columns = await columnsOf(table);
  await sql.raw(`insert into ${table} (${columns}) select ${columns} from ${table}_recount`).execute(db);
}
await sql`analyze`.execute(db);
const summaryRows = Number((await sql<{ n: number }>`select count(*) as n from case_stats`.execute(db)).rows[0]!.n);
const areaRows = Number((await sql<{ n: number }>`select count(*) as n from case_stats_area`.execute(db)).rows[0]!.n);
console.log(`\nsetup: ${regions.length} regions, ${CASES.toLocaleString()} cases, ${summaryRows.toLocaleString()} summary rows (+${areaRows.toLocaleString()} area-month rows) in ${Math.round(performance.now() - t0)} ms (${database.kind})`);

// --- the server ----------------------------------------------------------------------------------------------------
const app = await buildApp({ config, db, storeKind: database.kind, notifier, vault });
const base = await app.listen({ port: 0, host: '127.0.0.1', backlog: 1024 });
const call = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
};

async function concurrent(label: string, clients: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < started + MS) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
    }),
  );
  samples.sort((a, b) => a - b);
  const pct = (p: number) => +samples[Math.min(samples.length - 1, Math.floor(samples.length * p))]!.toFixed(2);
  const result = { opsPerSec: Math.round((samples.length / (performance.now() - started)) * 1000), p50: pct(0.5), p99: pct(0.99) };
  console.log(`${label.padEnd(58)} ${String(result.opsPerSec).padStart(7)} /s   p50 ${result.p50} ms   p99 ${result.p99} ms`);
  return result;
}

/** Slow queries: one warm-up, then `runs` timed runs; ops/s from the median. */
async function timed(label: string, fn: () => Promise<unknown>, runs = 7) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(8)} ms   (${(1000 / median).toFixed(1)} /s)`);
  return { opsPerSec: 1000 / median, median };
}

let n = 0;
const subcategory = () => subcategories[n % subcategories.length]!.id;
const residentReport = () => {
  const p = residents[n++ % residents.length]!;
  return call(p.token, 'POST', '/cases', { categoryId: subcategory(), regionId: p.regionId, description: '路口有暴露垃圾', channel: 'resident', lat: 25.6, lng: 100.2 });
};
const gridReport = () => {
  const p = gridWorkers[n++ % gridWorkers.length]!;
  return call(p.token, 'POST', '/cases', { categoryId: subcategory(), regionId: p.regionId, description: '网格巡查发现', channel: 'grid' });
};
const subdistrictOfCommunity = new Map(communities.map((c) => [c.id, c.parentId!]));
const rawInsert = () => {
  const p = residents[n++ % residents.length]!;
  return sql`insert into cases (tenant_id, id, type_code, type_version, category_id, region_id, community_id, subdistrict_id, channel, description, reporter_id, status, created_at, updated_at)
             values (${tenantId}, ${newId()}, 'default', 1, ${subcategory()}, ${p.regionId}, ${p.regionId}, ${subdistrictOfCommunity.get(p.regionId)!}, 'resident', '路口有暴露垃圾', ${p.id}, 'reported', now(), now())`.execute(db);
};

console.log(`\n-- intake (${database.kind}, ~${MS} ms per run)`);
for (const clients of [1, 50]) {
  const raw = await concurrent(`baseline: raw INSERT into cases, ${clients} client(s)`, clients, rawInsert);
  const resident = await concurrent(`POST /cases (resident → reported), ${clients} client(s)`, clients, residentReport);
  const grid = await concurrent(`POST /cases (grid → filed + auto-dispatched), ${clients} client(s)`, clients, gridReport);
  ratio(`resident intake vs raw INSERT, ${clients} client(s)`, resident, raw);
  ratio(`grid intake vs raw INSERT, ${clients} client(s)`, grid, raw);
}

// --- metrics -------------------------------------------------------------------------------------------------------
const naive = (pathPrefix: string, from: string, to: string, departmentId?: string) => sql<Record<string, number>>`
  select sum(m.received) as received, sum(m.scored) as scored, sum(m.closed) as closed, sum(m.resolved) as resolved, sum(m.responded_on_time) as on_time,
         sum(m.response_due) as response_due, sum(m.rated) as rated
    from cases c cross join lateral case_metrics(c) m
   where c.tenant_id = ${tenantId} and c.region_id in (select id from regions where tenant_id = ${tenantId} and path like ${`${pathPrefix}%`})
     and c.created_at >= ${new Date(`${from}-01T00:00:00+08:00`)} and c.created_at < ${new Date(`${to}-01T00:00:00+08:00`)}
     and (${departmentId ?? null}::uuid is null or c.lead_department_id = ${departmentId ?? null}::uuid)`.execute(db);
const naiveRanking = (month: string, next: string) => sql`
  select coalesce(c.lead_department_id, '00000000-0000-0000-0000-000000000000') as department_id, sum(m.scored) as scored, sum(m.closed) as closed,
         sum(m.resolved) as resolved, sum(m.responded_on_time) as on_time, sum(m.response_due) as due, sum(m.rated) as rated
    from cases c cross join lateral case_metrics(c) m
   where c.tenant_id = ${tenantId} and c.created_at >= ${new Date(`${month}-01T00:00:00+08:00`)} and c.created_at < ${new Date(`${next}-01T00:00:00+08:00`)}
   group by 1`.execute(db);

console.log(`\n-- metrics over ${CASES.toLocaleString()} cases (${database.kind})`);
const check = await call(leader!.token, 'GET', '/cases/metrics?from=2025-12&to=2026-11');
const recount = (await naive(root.path, '2025-12', '2026-12')).rows[0]!;
console.log(`check: summary received ${(check.counts as Record<string, number>).received}, recount ${recount.received}; closed ${(check.counts as Record<string, number>).closed} vs ${recount.closed}`);
const tenantWide = await timed('GET /cases/metrics, whole tenant, 12 months', () => call(leader!.token, 'GET', '/cases/metrics?from=2025-12&to=2026-11'));
const tenantNaive = await timed('baseline: naive aggregate over cases, same scope', () => naive(root.path, '2025-12', '2026-12'), 3);
ratio('metrics (tenant, year) vs naive', tenantWide, tenantNaive);
const department = departments[7]!;
const byDepartment = await timed('GET /cases/metrics?departmentId=, whole tenant, 12 months', () => call(leader!.token, 'GET', `/cases/metrics?departmentId=${department.id}&from=2025-12&to=2026-11`));
const byDepartmentNaive = await timed('baseline: naive aggregate over cases, same scope', () => naive(root.path, '2025-12', '2026-12', department.id), 3);
ratio('metrics (department, year) vs naive', byDepartment, byDepartmentNaive);
const city = cities[3]!;
const cityMonth = await timed('GET /cases/metrics, one city, one month', () => call(leader!.token, 'GET', `/cases/metrics?regionId=${city.id}&from=2026-06&to=2026-06`));
const cityNaive = await timed('baseline: naive aggregate over cases, same scope', () => naive(city.path, '2026-06', '2026-07'), 3);
ratio('metrics (city, month) vs naive', cityMonth, cityNaive);
const oneCommunity = communities[777]!;
const communityMonth = await timed('GET /cases/metrics, one community, one month', () => call(leader!.token, 'GET', `/cases/metrics?regionId=${oneCommunity.id}&from=2026-06&to=2026-06`));
const communityNaive = await timed('baseline: naive aggregate over cases, same scope', () => naive(oneCommunity.path, '2026-06', '2026-07'), 3);
ratio('metrics (community, month) vs naive', communityMonth, communityNaive);
const ranking = await timed('GET /cases/rankings?by=department, one month', () => call(leader!.token, 'GET', '/cases/rankings?period=2026-06&by=department'));
const rankingNaive = await timed('baseline: naive GROUP BY department over cases', () => naiveRanking('2026-06', '2026-07'), 3);
ratio('rankings vs naive', ranking, rankingNaive);
const community = await timed('GET /cases/rankings?by=community, one month', () => call(leader!.token, 'GET', '/cases/rankings?period=2026-06&by=community'));
ratio('community rankings vs naive department GROUP BY', community, rankingNaive);
const overview = await timed('GET /stats/overview (whole tenant, all time)', () => call(leader!.token, 'GET', '/stats/overview'));
ratio('overview vs naive tenant aggregate', overview, tenantNaive);

await app.close();
await database.close();
