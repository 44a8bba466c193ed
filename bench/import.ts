/**
 * Hot path: an admin imports a people register (5,000 rows by default; IMPORT_ROWS=n) from .xlsx — validation of
 * every row, then one transaction through `createUser` per row (scope check, encryption, audit per record).
 * Baseline in the same run: the same people written as bulk INSERTs with no checks and no audit.
 * Run: npx tsx bench/import.ts   (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { loadConfig } from '../server/src/config.js';
import type { Ctx } from '../server/src/platform/context.js';
import { newId } from '../server/src/platform/ids.js';
import { InboxNotifier } from '../server/src/platform/notifications/inbox-notifier.js';
import { PiiVault } from '../server/src/platform/pii.js';
import { systemActor } from '../server/src/platform/policy.js';
import { createRegion, createRootRegion } from '../server/src/features/regions/create-region.js';
import { createOrganisation } from '../server/src/features/organisations/create-organisation.js';
import { createTenant } from '../server/src/features/tenants/create-tenant.js';
import { runImport } from '../server/src/features/imports/run-import.js';
import { creditCode, idCardNumber } from '../server/src/features/imports/imports.test-helper.js';
import { benchDatabase } from './support.js';

const ROWS = Number(process.env.IMPORT_ROWS ?? 5000);
const database = await benchDatabase('import');
const { db } = database;
const tenant = await createTenant(db, { code: 'bench', name: '基准' });
const ctx: Ctx = { db, tenantId: tenant.id, actor: systemActor(), config: loadConfig({ NODE_ENV: 'test' }), now: () => new Date(), notifier: new InboxNotifier(), vault: new PiiVault(randomBytes(32)) };
const root = await createRootRegion({ ctx, input: { kind: 'prefecture', code: '990000000000', name: '基准州' } });
const city = await createRegion({ ctx, input: { parentId: root.id, kind: 'city', code: '990100000000', name: '基准市' } });
const sub = await createRegion({ ctx, input: { parentId: city.id, kind: 'subdistrict', code: '990101001000', name: '基准街道' } });
const communities = await Promise.all([1, 2, 3, 4].map((i) => createRegion({ ctx, input: { parentId: sub.id, kind: 'community', code: `99010100100${i}`, name: `社区${i}` } })));
const units = await Promise.all([1, 2, 3].map((i) => createOrganisation({ ctx, input: { kind: 'unit', name: `单位${i}`, code: creditCode(`91532901MA6K0000${i}`), regionId: city.id } })));

const people = Array.from({ length: ROWS }, (_, i) => ({
  name: `居民${i}`,
  phone: `158${String(i).padStart(8, '0')}`,
  idCard: idCardNumber(`532901${1950 + Math.floor(i / 1000)}0101${String(i % 1000).padStart(3, '0')}`),
  community: communities[i % 4]!,
  party: i % 3 === 0,
  unit: i % 2 === 0 ? units[i % 3]! : undefined,
}));
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('Sheet1');
sheet.addRow(['姓名', '手机号', '身份证号', '所在区划代码', '是否党员', '工作单位', '职务']);
for (const p of people) sheet.addRow([p.name, p.phone, p.idCard, p.community.code, p.party ? '是' : '否', p.unit?.code ?? '', p.unit ? '职员' : '']);
const file = { fileName: 'people.xlsx', data: Buffer.from(await workbook.xlsx.writeBuffer()) };

let t = performance.now();
await runImport({ ctx, input: { kind: 'people', dryRun: true, file } });
const dryMs = performance.now() - t;
t = performance.now();
const result = await runImport({ ctx, input: { kind: 'people', dryRun: false, file } });
const importMs = performance.now() - t;

// Baseline: the same rows as bulk inserts into a second tenant (no validation, encryption, scope or audit).
const tenant2 = newId();
await db.insertInto('tenants').values({ id: tenant2, code: 'bench2', name: '基线', settings: '{}' }).execute();
await db.insertInto('regions').values({ tenantId: tenant2, id: communities[0]!.id, parentId: null, kind: 'community', code: 'X', name: 'x', path: `/${communities[0]!.id}/`, depth: 0 }).execute();
t = performance.now();
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < people.length; i += 1000) {
    await trx
      .insertInto('users')
      .values(people.slice(i, i + 1000).map((p) => ({ tenantId: tenant2, id: newId(), phone: p.phone, name: p.name, regionId: communities[0]!.id, passwordHash: null, idCardCipher: null, idCardDigest: null, isPartyMember: p.party })))
      .execute();
  }
});
const rawMs = performance.now() - t;

console.log(`store: ${database.kind}, rows: ${result.rows}, created: ${result.created}`);
console.log(`dry run (parse + validate every row)      ${(dryMs / 1000).toFixed(2)} s  (${Math.round(ROWS / (dryMs / 1000))} rows/s)`);
console.log(`import through createUser, one transaction ${(importMs / 1000).toFixed(2)} s  (${Math.round(ROWS / (importMs / 1000))} rows/s)`);
console.log(`baseline: bulk INSERT of the same rows     ${(rawMs / 1000).toFixed(2)} s  (${Math.round(ROWS / (rawMs / 1000))} rows/s)`);
console.log(`ratio import: ${(rawMs / importMs).toFixed(3)}× of baseline throughput`);
await database.close();
