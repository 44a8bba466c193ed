import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db/database.js';
import { InboxNotifier } from './platform/notifications/inbox-notifier.js';
import { PiiVault } from './platform/pii.js';

/** An app on an empty in-memory store, only to produce the OpenAPI document (CLI and the client-freshness test). */
export async function openApiApp(config: Config): Promise<FastifyInstance> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const app = await buildApp({ config, db: database.db, storeKind: 'pglite', notifier: new InboxNotifier(), vault: new PiiVault(randomBytes(32)) });
  app.addHook('onClose', () => database.close());
  await app.ready();
  return app;
}
