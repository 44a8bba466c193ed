/**
 * Claim throughput on a hot item: POST /api/v1/service-items/{id}/claims through HTTP (Fastify, session
 * resolution, the claim statement with its audit row), at 1 and 50 concurrent clients, beside the bare claim as
 * one raw SQL statement (conditional counter UPDATE + INSERT, the stack-notes baseline) in the same run.
 * The domain verb without HTTP is measured too, to separate the claim from the request overhead (session
 * lookup, Fastify). Every claim is by a distinct person; the item (capacity 100) fills at once, so the run is mostly waitlisting,
 * which holds the same row lock as taking a place. A fresh item is opened when the people run out.
 * Run: npx tsx bench/claim.ts   (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { claimServiceItem } from '../server/src/features/service-items/claim-service-item.js';
import { loadConfig } from '../server/src/config.js';
import { newId } from '../server/src/platform/ids.js';
import { InboxNotifier } from '../server/src/platform/notifications/inbox-notifier.js';
import { PiiVault } from '../server/src/platform/pii.js';
import { benchDatabase, ratio } from './support.js';

const PEOPLE = 6000;
const CAPACITY = 100;
const MS = Number(process.env.BENCH_MS ?? 3000);

const database = await benchDatabase('claim');
const { db } = database;
const tenantId = newId();
await db.insertInto('tenants').values({ id: tenantId, code: 'bench', name: '基准', settings: '{}' }).execute();
const regionRows: Array<{ id: string; parentId: string | null; kind: 'prefecture' | 'city' | 'subdistrict' | 'community'; path: string; depth: number }> = [];
for (const kind of ['prefecture', 'city', 'subdistrict', 'community'] as const) {
  const parent = regionRows[regionRows.length - 1];
  const id = newId();
  regionRows.push({ id, parentId: parent?.id ?? null, kind, path: `${parent?.path ?? '/'}${id}/`, depth: regionRows.length });
}
for (const r of regionRows) await db.insertInto('regions').values({ tenantId, ...r, code: `B-${r.kind}`, name: r.kind }).execute();
const communityId = regionRows[3]!.id;

const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: newId(), token: `bench.${randomBytes(32).toString('base64url')}`, phone: String(15000000000 + i) }));
for (let i = 0; i < PEOPLE; i += 1000) {
  const chunk = people.slice(i, i + 1000);
  await db.insertInto('users').values(chunk.map((p, j) => ({ tenantId, id: p.id, phone: p.phone, name: `志愿者${i + j}`, regionId: communityId, passwordHash: null, idCardCipher: null, idCardDigest: null }))).execute();
  await db
    .insertInto('sessions')
    .values(chunk.map((p) => ({ tenantId, id: newId(), userId: p.id, tokenHash: createHash('sha256').update(p.token).digest('hex'), expiresAt: new Date(Date.now() + 3600_000), lastSeenAt: new Date(Date.now() + 3600_000) })))
    .execute();
}

/** Each call hands out the next (person, item) pair; a new hot item every PEOPLE claims. */
function claimSource() {
  let n = 0;
  let item: Promise<string> | undefined;
  return async () => {
    if (n % PEOPLE === 0) item = openItem();
    const person = people[n++ % PEOPLE]!;
    return { person, itemId: await item! };
  };
}
async function openItem(): Promise<string> {
  const id = newId();
  const now = Date.now();
  await db
    .insertInto('serviceItems')
    .values({
      tenantId, id, communityId, title: '基准服务', category: '社区治理', description: '', startsAt: new Date(now + 86_400_000), endsAt: new Date(now + 90_000_000), placeName: '广场',
      lat: 25.69, lng: 100.16, checkinRadiusM: 300, capacity: CAPACITY, eligibility: JSON.stringify({ kind: 'all' }), plannedMinutes: 60, cancelDeadlineMinutes: 120,
      status: 'published', createdBy: people[0]!.id, publishedAt: new Date(now), updatedAt: new Date(now),
    })
    .execute();
  return id;
}

/** `clients` loops in parallel for ~MS after a warm-up; ops/s over wall time and latency percentiles. */
async function measureConcurrent(label: string, clients: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  const end = started + MS;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
    }),
  );
  const wall = performance.now() - started;
  samples.sort((a, b) => a - b);
  const pct = (p: number) => +samples[Math.min(samples.length - 1, Math.floor(samples.length * p))]!.toFixed(2);
  const result = { label, opsPerSec: Math.round((samples.length / wall) * 1000), p50: pct(0.5), p99: pct(0.99) };
  console.log(`${label.padEnd(48)} ${String(result.opsPerSec).padStart(7)} claims/s   p50 ${result.p50} ms   p99 ${result.p99} ms`);
  return result;
}

const config = loadConfig({ NODE_ENV: 'production', LINLI_DATA_DIR: mkdtempSync(join(tmpdir(), 'linli-bench-')), LINLI_TENANT: 'bench', LINLI_SEED_DEMO: 'false', LOG_LEVEL: 'silent', LINLI_ENCRYPTION_KEY: randomBytes(32).toString('hex') });
const app = await buildApp({ config, db, storeKind: database.kind, notifier: new InboxNotifier(), vault: new PiiVault(randomBytes(32)) });
const base = await app.listen({ port: 0, host: '127.0.0.1', backlog: 1024 });

const httpSource = claimSource();
const httpClaim = async () => {
  const { person, itemId } = await httpSource();
  const res = await fetch(`${base}/api/v1/service-items/${itemId}/claims`, { method: 'POST', headers: { authorization: `Bearer ${person.token}` } });
  if (res.status !== 201) throw new Error(`claim failed: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
};

const rawSource = claimSource();
const rawClaim = async () => {
  const { person, itemId } = await rawSource();
  await sql`
    with taken as (
      update service_items set claimed_count = claimed_count + 1
      where tenant_id = ${tenantId} and id = ${itemId} and status = 'published' and claimed_count < capacity returning id
    ), waited as (
      update service_items set waitlisted_count = waitlisted_count + 1
      where not exists (select 1 from taken) and tenant_id = ${tenantId} and id = ${itemId} and status = 'published' and claimed_count >= capacity returning id
    )
    insert into service_claims (tenant_id, id, item_id, user_id, status, claimed_at, queued_at)
    select ${tenantId}, ${newId()}, ${itemId}, ${person.id}, case when exists (select 1 from taken) then 'claimed' else 'waitlisted' end, now(),
           case when exists (select 1 from taken) then null else clock_timestamp() end
    where exists (select 1 from taken) or exists (select 1 from waited)`.execute(db);
};

// The domain verb alone (no HTTP, no session lookup): the claim statement with its audit row.
const verbSource = claimSource();
const verbCtx = { db, tenantId, config, now: () => new Date(), notifier: new InboxNotifier(), vault: new PiiVault(randomBytes(32)) };
const verbClaim = async () => {
  const { person, itemId } = await verbSource();
  await claimServiceItem({ ctx: { ...verbCtx, actor: { userId: person.id, name: '', regionId: null, sessionId: null, grants: [] } }, input: { itemId } });
};

console.log(`claim on a hot item (${database.kind}; capacity ${CAPACITY}, distinct people, ~${MS} ms per run)`);
const raw1 = await measureConcurrent('baseline: raw SQL statement, 1 client', 1, rawClaim);
const verb1 = await measureConcurrent('claimServiceItem verb (no HTTP), 1 client', 1, verbClaim);
const http1 = await measureConcurrent('POST /service-items/:id/claims, 1 client', 1, httpClaim);
ratio('claim verb vs raw SQL, 1 client', verb1, raw1);
ratio('HTTP claim vs raw SQL, 1 client', http1, raw1);
const raw50 = await measureConcurrent('baseline: raw SQL statement, 50 clients', 50, rawClaim);
const verb50 = await measureConcurrent('claimServiceItem verb (no HTTP), 50 clients', 50, verbClaim);
const http50 = await measureConcurrent('POST /service-items/:id/claims, 50 clients', 50, httpClaim);
ratio('claim verb vs raw SQL, 50 clients', verb50, raw50);
ratio('HTTP claim vs raw SQL, 50 clients', http50, raw50);

const check = await sql<{ items: number; over: number; drift: number }>`
  select count(*)::int as items,
         count(*) filter (where claimed_count > capacity)::int as over,
         count(*) filter (where claimed_count <> (select count(*) from service_claims c where c.tenant_id = i.tenant_id and c.item_id = i.id and c.status = 'claimed')
                             or waitlisted_count <> (select count(*) from service_claims c where c.tenant_id = i.tenant_id and c.item_id = i.id and c.status = 'waitlisted'))::int as drift
  from service_items i where tenant_id = ${tenantId}`.execute(db);
console.log(`check: ${check.rows[0]!.items} items, ${check.rows[0]!.over} over capacity, ${check.rows[0]!.drift} with counters differing from rows`);
await app.close();
await database.close();
