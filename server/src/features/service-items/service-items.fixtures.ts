import { createHash, randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { newId } from '../../platform/ids.js';
import { buildCommunity, buildUser, request, type TestEnv } from '../../test/harness.js';
import { createServiceItem } from './create-service-item.js';
import { publishServiceItem } from './publish-service-item.js';
import type { CreateItemInput } from './service-items.schemas.js';

/* Test helpers for service items, claims and attendance. */

export const HOUR = 3_600_000;
/** 大理古城五华楼, WGS84. */
export const PLACE = { lat: 25.6935, lng: 100.1636 };

export type TestUser = Awaited<ReturnType<typeof buildUser>>;

/** A community with a secretary (manager), plus helpers to make items in it. */
export async function buildServiceCommunity(env: TestEnv, name = '服务社区') {
  const chain = await buildCommunity(env, name);
  const secretary = await buildUser(env, { name: `${name}书记`, regionId: chain.community.id, grants: [{ role: 'community_secretary', regionId: chain.community.id }] });
  return { ...chain, secretary };
}

export function itemInput(communityId: string, now: Date, overrides: Partial<CreateItemInput> = {}): CreateItemInput {
  return {
    communityId,
    title: '周末环境整治',
    category: '社区治理',
    description: '清理楼道杂物',
    startsAt: new Date(now.getTime() + 24 * HOUR).toISOString(),
    endsAt: new Date(now.getTime() + 26 * HOUR).toISOString(),
    placeName: '五华楼广场',
    ...PLACE,
    capacity: 5,
    ...overrides,
  };
}

/** A published item created through the verbs by the system actor. */
export async function buildPublishedItem(env: TestEnv, communityId: string, overrides: Partial<CreateItemInput> = {}) {
  const item = await createServiceItem({ ctx: env.sys, input: itemInput(communityId, env.sys.now(), overrides) });
  return publishServiceItem({ ctx: env.sys, input: { id: item.id } });
}

let bulkPhoneSeq = Math.floor(Math.random() * 500_000_000);

/**
 * Many signed-in residents at once, by direct inserts of users and sessions (the login path hashes a password
 * per call, far too slow for thousands). Each gets a bearer token and an inject helper.
 */
export async function buildManyUsers(env: TestEnv, count: number, regionId: string, options: { isPartyMember?: boolean } = {}) {
  const users = Array.from({ length: count }, (_, i) => {
    const token = `test.${randomBytes(32).toString('base64url')}`;
    return { id: newId(), phone: `17${String(bulkPhoneSeq++ % 1_000_000_000).padStart(9, '0')}`, token, index: i };
  });
  const expiresAt = new Date('2100-01-01T00:00:00Z'); // independent of the test clock
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    await env.db
      .insertInto('users')
      .values(chunk.map((u, j) => ({ tenantId: env.tenantId, id: u.id, phone: u.phone, name: `居民${i + j}`, regionId, passwordHash: null, idCardCipher: null, idCardDigest: null, isPartyMember: options.isPartyMember ?? false })))
      .execute();
    await env.db
      .insertInto('sessions')
      .values(chunk.map((u) => ({ tenantId: env.tenantId, id: newId(), userId: u.id, tokenHash: createHash('sha256').update(u.token).digest('hex'), expiresAt })))
      .execute();
  }
  return users.map((u) => ({ ...u, request: (opts: InjectOptions) => request(env, opts, u.token) }));
}
