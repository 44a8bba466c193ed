import type { Config } from './config.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemo, DEMO_ACCOUNTS } from './demo/seed-demo.js';
import { InboxNotifier } from './platform/notifications/inbox-notifier.js';
import { jsonLinesLog } from './platform/notifications/senders.js';
import type { Notifier } from './platform/notifications/notifier.js';
import { loadVault, type PiiVault } from './platform/pii.js';
import { findTenantByCode } from './features/tenants/create-tenant.js';

export interface Booted {
  database: OpenDatabase;
  notifier: Notifier;
  vault: PiiVault;
  /** Set when the demo accounts exist in this store (printed at start-up). */
  demo?: { password: string; accounts: ReadonlyArray<{ phone: string; label: string }> };
}

/**
 * Opens the store and prepares it: the embedded store is migrated at boot, a server store only by
 * `npm run db:migrate` (unless migrate is forced); the demo is seeded on first start when enabled (progress lines go
 * to `log`).
 */
export async function boot(config: Config, options: { migrate: boolean; log?: (line: string) => void }): Promise<Booted> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir });
  if (database.kind === 'pglite' || options.migrate) await migrateToLatest(database.db);
  const vault = loadVault(config);
  const notifier = new InboxNotifier({ log: jsonLinesLog(config.logLevel) });
  await notifier.start({ db: database.db, pglite: database.pglite, databaseUrl: config.databaseUrl });
  let seeded = !!(await findTenantByCode(database.db, config.tenantCode));
  if (!seeded && config.seedDemo) {
    await seedDemo({ db: database.db, config, vault, notifier }, { log: options.log });
    seeded = true;
  }
  return { database, notifier, vault, demo: seeded && config.seedDemo ? { password: config.demoPassword, accounts: DEMO_ACCOUNTS } : undefined };
}
