import type { Database } from '../../db/database.js';
import { newId } from '../../platform/ids.js';

/** A tenant is one prefecture/city deployment; created at set-up (CLI or demo), never through the API. */
export async function createTenant(db: Database, input: { code: string; name: string }) {
  return db.insertInto('tenants').values({ id: newId(), code: input.code, name: input.name, settings: JSON.stringify({}) }).returningAll().executeTakeFirstOrThrow();
}

export async function findTenantByCode(db: Database, code: string) {
  return db.selectFrom('tenants').selectAll().where('code', '=', code).executeTakeFirst();
}
