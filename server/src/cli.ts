import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { openApiApp } from './openapi.js';
import { seedDemo } from './demo/seed-demo.js';
import { InboxNotifier } from './platform/notifications/inbox-notifier.js';
import { loadVault } from './platform/pii.js';
import { systemActor } from './platform/policy.js';
import { createTenant, findTenantByCode } from './features/tenants/create-tenant.js';
import { createRootRegion } from './features/regions/create-region.js';
import { createUser } from './features/users/create-user.js';
import { grantRole } from './features/users/grant-role.js';
import type { Ctx } from './platform/context.js';

const HELP = `用法 usage: npm run linli -- <command> [options]
  db:migrate                         apply pending migrations (PostgreSQL: run before the first start)
  admin:create --phone P --name N --password W [--tenant-name 名称] [--root-code 532900000000 --root-name 大理白族自治州]
                                     create the tenant (if missing) and an admin over its root region
  demo:seed                          seed the Dali demo into an empty store
  backup --out FILE                  PGlite: dump the data directory (tar.gz); PostgreSQL: prints the pg_dump command
  restore --in FILE                  PGlite: replace ./data with a dump (server stopped)
  openapi:write [--out FILE]         write the OpenAPI document (default web/src/api/openapi.json)`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { phone: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, out: { type: 'string' }, in: { type: 'string' }, 'tenant-name': { type: 'string' }, 'root-code': { type: 'string' }, 'root-name': { type: 'string' } },
  });
  const config = loadConfig();
  switch (command) {
    case 'db:migrate': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir });
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'database is up to date');
      await database.close();
      return;
    }
    case 'demo:seed': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir });
      await migrateToLatest(database.db);
      if (await findTenantByCode(database.db, config.tenantCode)) throw new Error(`tenant ${config.tenantCode} already exists; demo:seed needs an empty store`);
      await seedDemo({ db: database.db, config, vault: loadVault(config), notifier: new InboxNotifier() }, { log: (line) => console.log(line) });
      console.log('demo seeded');
      await database.close();
      return;
    }
    case 'admin:create': {
      if (!values.phone || !values.name || !values.password) throw new Error('admin:create needs --phone, --name and --password');
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir });
      await migrateToLatest(database.db);
      const tenant = (await findTenantByCode(database.db, config.tenantCode)) ?? (await createTenant(database.db, { code: config.tenantCode, name: values['tenant-name'] ?? config.tenantCode }));
      const ctx: Ctx = { db: database.db, tenantId: tenant.id, actor: systemActor(), config, now: () => new Date(), notifier: new InboxNotifier(), vault: loadVault(config) };
      const root =
        (await database.db.selectFrom('regions').select('id').where('tenantId', '=', tenant.id).where('parentId', 'is', null).executeTakeFirst()) ??
        (await createRootRegion({ ctx, input: { kind: 'prefecture', code: values['root-code'] ?? '000000000000', name: values['root-name'] ?? tenant.name } }));
      const user = await createUser({ ctx, input: { phone: values.phone, name: values.name, password: values.password, regionId: root.id } });
      await grantRole({ ctx, input: { userId: user.id, role: 'admin', regionId: root.id } });
      console.log(`admin ${values.phone} created over the root region of tenant ${config.tenantCode}`);
      await database.close();
      return;
    }
    case 'backup': {
      if (config.databaseUrl) {
        console.log(`PostgreSQL: use pg_dump, e.g.\n  pg_dump --format=custom --file=linli.dump "${config.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}"`);
        return;
      }
      const out = resolve(values.out ?? `linli-backup-${new Date().toISOString().slice(0, 10)}.tar.gz`);
      const database = await openDatabase({ dataDir: config.pgliteDir });
      const dump = await database.pglite!.dumpDataDir('gzip');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
      await database.close();
      console.log(`backup written to ${out} (restore with: npm run linli -- restore --in ${out})`);
      console.log(`注意 / note: ID-card numbers are encrypted with ${config.encryptionKey ? 'LINLI_ENCRYPTION_KEY' : `${config.dataDir}/linli.key`}; keep that key safe and apart from the backup — a restore needs it.`);
      return;
    }
    case 'restore': {
      if (config.databaseUrl) throw new Error('PostgreSQL: restore with pg_restore');
      if (!values.in) throw new Error('restore needs --in FILE');
      const { rmSync, renameSync, existsSync } = await import('node:fs');
      const pgdata = config.pgliteDir;
      const staging = `${pgdata}.restoring`;
      rmSync(staging, { recursive: true, force: true });
      const database = await openDatabase({ dataDir: staging, loadDataDir: new Blob([readFileSync(resolve(values.in))]) });
      await database.close();
      if (existsSync(pgdata)) renameSync(pgdata, `${pgdata}.before-restore-${Date.now()}`);
      renameSync(staging, pgdata);
      console.log(`restored ${values.in} into ${pgdata} (the previous data was kept beside it)`);
      return;
    }
    case 'openapi:write': {
      const out = resolve(values.out ?? 'web/src/api/openapi.json');
      const app = await openApiApp(config);
      await app.ready();
      writeFileSync(out, `${JSON.stringify(app.swagger(), null, 2)}\n`);
      await app.close();
      console.log(`OpenAPI document written to ${out}`);
      return;
    }
    default:
      console.log(HELP);
      if (command && command !== 'help') process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
