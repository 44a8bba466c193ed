import { createHash, randomBytes } from 'node:crypto';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/database.js';
import type { Actor, Grant } from '../context.js';
import { newId } from '../ids.js';
import type { Role } from '../policy.js';

export const SESSION_COOKIE = 'linli_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Tokens look like `<tenantCode>.<43 random chars>`; only their SHA-256 is stored. */
export async function createSession(
  db: Database,
  input: { tenantId: string; tenantCode: string; userId: string; ip?: string; userAgent?: string; ttlHours: number; now: Date },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = `${input.tenantCode}.${randomBytes(32).toString('base64url')}`;
  const sessionId = newId();
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      tenantId: input.tenantId,
      id: sessionId,
      userId: input.userId,
      tokenHash: hashToken(token),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      expiresAt,
    })
    .execute();
  return { token, sessionId, expiresAt };
}

export function tenantCodeOfToken(token: string): string | undefined {
  const dot = token.indexOf('.');
  return dot > 0 ? token.slice(0, dot) : undefined;
}

/** The actor behind a live session token, or null when the token is unknown, expired, revoked or its user disabled. One round trip. */
export async function resolveSession(db: Database, tenantId: string, token: string, now: Date): Promise<Actor | null> {
  const session = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 's.tenantId').onRef('u.id', '=', 's.userId'))
    .select(['s.id as sessionId', 's.userId', 'u.name', 'u.regionId', 'u.status', 's.lastSeenAt'])
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('roleGrants as g')
          .select(['g.id', 'g.role', 'g.regionId', 'g.orgId', 'g.scopePath'])
          .whereRef('g.tenantId', '=', 's.tenantId')
          .whereRef('g.userId', '=', 's.userId')
          .where('g.revokedAt', 'is', null)
          .orderBy('g.createdAt'),
      ).as('grants'),
    )
    .where('s.tenantId', '=', tenantId)
    .where('s.tokenHash', '=', hashToken(token))
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', now)
    .executeTakeFirst();
  if (!session || session.status !== 'active') return null;
  // Touch at most once a minute so that reads do not turn into writes.
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > 60_000) {
    await db.updateTable('sessions').set({ lastSeenAt: now }).where('tenantId', '=', tenantId).where('id', '=', session.sessionId).execute();
  }
  const grants = session.grants.map((g) => ({ ...g, role: g.role as Role }));
  return { userId: session.userId, name: session.name, regionId: session.regionId, sessionId: session.sessionId, grants };
}

export async function loadGrants(db: Database, tenantId: string, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('roleGrants')
    .select(['id', 'role', 'regionId', 'orgId', 'scopePath'])
    .where('tenantId', '=', tenantId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export async function revokeSession(db: Database, tenantId: string, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revokedAt: now }).where('tenantId', '=', tenantId).where('id', '=', sessionId).where('revokedAt', 'is', null).execute();
}

export async function revokeUserSessions(db: Database, tenantId: string, userId: string, now: Date, exceptSessionId?: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('tenantId', '=', tenantId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .$if(!!exceptSessionId, (q) => q.where('id', '!=', exceptSessionId!))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
