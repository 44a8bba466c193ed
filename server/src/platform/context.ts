import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Notifier } from './notifications/notifier.js';
import type { PiiVault } from './pii.js';
import type { Role } from './policy.js';
import { DomainError } from './errors.js';

export interface Grant {
  id: string;
  role: Role;
  regionId: string | null;
  orgId: string | null;
  /** Materialised path of the region or organisation subtree the grant covers. */
  scopePath: string;
}

export interface Actor {
  userId: string;
  name: string;
  /** The person's home region (residence community), if any. */
  regionId: string | null;
  grants: Grant[];
  sessionId: string | null;
}

/** What every domain verb receives: who acts, in which tenant, on which database (possibly a transaction). */
export interface Ctx {
  db: Database;
  tenantId: string;
  actor: Actor | null;
  config: Config;
  now: () => Date;
  notifier: Notifier;
  /** Encrypts ID-card numbers and other PII at rest. */
  vault: PiiVault;
  requestId?: string;
  ip?: string;
}

export function withDb(ctx: Ctx, db: Database): Ctx {
  return { ...ctx, db };
}

/** Runs fn in one transaction, reusing the caller's when ctx.db already is one. */
export async function withTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn(withDb(ctx, trx)));
}

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  return ctx.actor;
}
