/**
 * Hot path: every authenticated read (1) resolves the session and grants and (2) filters by tenant and scope
 * through the `scope.ts` fragments. Baselines: the same data read with hand-written SQL in the same process.
 * Data: 1 prefecture, 10 cities, 100 subdistricts, 2,000 communities, 100,000 people.
 * Run: npx tsx bench/scope.ts   (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
 */
import { randomBytes, createHash } from 'node:crypto';
import { sql } from 'kysely';
import { newId } from '../server/src/platform/ids.js';
import { resolveSession } from '../server/src/platform/auth/sessions.js';
import { userInScope } from '../server/src/platform/scope.js';
import type { Actor } from '../server/src/platform/context.js';
import { benchDatabase, measure, ratio } from './support.js';

const database = await benchDatabase('scope');
const { db } = database;
const tenantId = newId();
await db.insertInto('tenants').values({ id: tenantId, code: 'bench', name: '基准', settings: '{}' }).execute();

type Row = { tenantId: string; id: string; parentId: string | null; kind: 'prefecture' | 'city' | 'subdistrict' | 'community'; code: string; name: string; path: string; depth: number };
const rows: Row[] = [];
const add = (parent: Row | null, kind: Row['kind'], i: number) => {
  const id = newId();
  const r: Row = { tenantId, id, parentId: parent?.id ?? null, kind, code: `${kind}-${rows.length}`, name: `${kind}${i}`, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
  rows.push(r);
  return r;
};
const root = add(null, 'prefecture', 0);
const communities: Row[] = [];
const subdistricts: Row[] = [];
for (let c = 0; c < 10; c++) {
  const city = add(root, 'city', c);
  for (let s = 0; s < 10; s++) {
    const sub = add(city, 'subdistrict', s);
    subdistricts.push(sub);
    for (let m = 0; m < 20; m++) communities.push(add(sub, 'community', m));
  }
}
for (let i = 0; i < rows.length; i += 1000) await db.insertInto('regions').values(rows.slice(i, i + 1000)).execute();
const t0 = Date.now();
for (let i = 0; i < 100_000; i += 2000) {
  await db
    .insertInto('users')
    .values(Array.from({ length: 2000 }, (_, j) => ({ tenantId, id: newId(), phone: String(13000000000 + i + j), name: `用户${i + j}`, regionId: communities[(i + j) % communities.length]!.id, passwordHash: null, idCardCipher: null, idCardDigest: null })))
    .execute();
}
console.log(`setup: ${rows.length} regions, 100,000 users in ${Date.now() - t0} ms (${database.kind})`);

// A subdistrict admin (20 communities ≈ 1,000 people) with a live session.
const sub = subdistricts[42]!;
const adminId = newId();
await db.insertInto('users').values({ tenantId, id: adminId, phone: '12900000000', name: '管理员', regionId: sub.id, passwordHash: null, idCardCipher: null, idCardDigest: null }).execute();
await db.insertInto('roleGrants').values({ tenantId, id: newId(), userId: adminId, role: 'admin', regionId: sub.id, orgId: null, scopePath: sub.path, grantedBy: null }).execute();
const token = `bench.${randomBytes(32).toString('base64url')}`;
const tokenHash = createHash('sha256').update(token).digest('hex');
await db.insertInto('sessions').values({ tenantId, id: newId(), userId: adminId, tokenHash, expiresAt: new Date(Date.now() + 3600_000) }).execute();
await sql`analyze`.execute(db);

console.log('\n-- session resolution (every authenticated request)');
let actor: Actor | null = null;
const session = await measure('resolveSession (Kysely: session+user, grants)', async () => (actor = await resolveSession(db, tenantId, token, new Date())));
const sessionRaw = await measure('baseline: the same two lookups in raw SQL', async () => {
  await sql`select s.id, s.user_id, u.name, u.region_id, u.status from sessions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
            where s.tenant_id = ${tenantId} and s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > now()`.execute(db);
  await sql`select id, role, region_id, org_id, scope_path from role_grants where tenant_id = ${tenantId} and user_id = ${adminId} and revoked_at is null`.execute(db);
});
ratio('session', session, sessionRaw);

console.log('\n-- a page of people in scope (subdistrict admin, 100,000 people in the tenant)');
const scoped = await measure('userInScope fragment, first page of 50', () =>
  db.selectFrom('users as u').select(['u.id', 'u.name', 'u.phone']).where('u.tenantId', '=', tenantId).where(userInScope(tenantId, actor, 'user.read', 'u.id', 'u.regionId')).orderBy('u.id').limit(50).execute(),
);
const raw = await measure('baseline: raw SQL join on region path', () =>
  sql`select u.id, u.name, u.phone from users u join regions r on r.tenant_id = u.tenant_id and r.id = u.region_id
      where u.tenant_id = ${tenantId} and r.path like ${`${sub.path}%`} order by u.id limit 50`.execute(db),
);
ratio('scoped page', scoped, raw);
const count = await measure('userInScope fragment, count(*)', () =>
  db.selectFrom('users as u').select((eb) => eb.fn.countAll().as('n')).where('u.tenantId', '=', tenantId).where(userInScope(tenantId, actor, 'user.read', 'u.id', 'u.regionId')).execute(),
);
const countRaw = await measure('baseline: raw SQL count', () =>
  sql`select count(*) from users u join regions r on r.tenant_id = u.tenant_id and r.id = u.region_id where u.tenant_id = ${tenantId} and r.path like ${`${sub.path}%`}`.execute(db),
);
ratio('scoped count', count, countRaw);
await database.close();
