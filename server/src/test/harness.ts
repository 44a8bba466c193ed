import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Ctx } from '../platform/context.js';
import { InboxNotifier } from '../platform/notifications/inbox-notifier.js';
import type { Sender } from '../platform/notifications/senders.js';
import { PiiVault } from '../platform/pii.js';
import { systemActor, type Role } from '../platform/policy.js';
import { createRegion, createRootRegion } from '../features/regions/create-region.js';
import { createTenant } from '../features/tenants/create-tenant.js';
import { createOrganisation } from '../features/organisations/create-organisation.js';
import { createUser } from '../features/users/create-user.js';
import { grantRole } from '../features/users/grant-role.js';
import { openTestDatabase } from './db.js';

export const TEST_PASSWORD = 'test1234';
// One hash for every test user: argon2 per factory call would dominate the suite's time.
let passwordHashPromise: Promise<string> | undefined;
const testPasswordHash = async () => (passwordHashPromise ??= import('../platform/auth/password.js').then((m) => m.hashPassword(TEST_PASSWORD)));

export interface TestEnv {
  app: FastifyInstance;
  db: Database;
  config: Config;
  tenantId: string;
  /** Root region of the test tenant (a prefecture). */
  rootId: string;
  /** A system-actor context for factories. */
  sys: Ctx;
  storeKind: 'pglite' | 'postgresql';
  databaseUrl?: string;
  /** The app's notifier, attached to this database's LISTEN/NOTIFY bus. */
  notifier: InboxNotifier;
  close(): Promise<void>;
}

/**
 * A fresh app on its own database with one tenant and a root region; call once per test file.
 * `config` overrides configuration fields (e.g. a small maxUploadBytes); `senders` replaces the log senders.
 */
export async function createTestEnv(options: { now?: () => Date; config?: Partial<Config>; senders?: Sender[] } = {}): Promise<TestEnv> {
  const database = await openTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-test-'));
  const config = loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dataDir, LINLI_TENANT: 'test', LINLI_SEED_DEMO: 'false' }, options.config);
  const vault = new PiiVault(randomBytes(32));
  const notifier = new InboxNotifier({ senders: options.senders, log: { info: () => {}, warn: () => {} } });
  await notifier.start({ db: database.db, pglite: database.pglite, databaseUrl: database.url });
  const now = options.now ?? (() => new Date());
  const tenant = await createTenant(database.db, { code: 'test', name: '测试州' });
  const sys: Ctx = { db: database.db, tenantId: tenant.id, actor: systemActor(), config, now, notifier, vault };
  const root = await createRootRegion({ ctx: sys, input: { kind: 'prefecture', code: '990000000000', name: '测试州' } });
  const app = await buildApp({ config, db: database.db, storeKind: database.kind, notifier, vault, now });
  return {
    app,
    db: database.db,
    config,
    tenantId: tenant.id,
    rootId: root.id,
    sys,
    storeKind: database.kind,
    databaseUrl: (database as { url?: string }).url,
    notifier,
    close: async () => {
      await app.close();
      await notifier.close();
      await database.close();
    },
  };
}

let seq = 0;
const nextCode = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString('hex')}`.slice(-12);

/** A city → subdistrict → community chain under the root (or under `parentId`). */
export async function buildCommunity(env: TestEnv, name = '测试社区', parentId?: string) {
  const city = parentId ? undefined : await createRegion({ ctx: env.sys, input: { parentId: env.rootId, kind: 'city', code: `C${nextCode()}`, name: `${name}所在市` } });
  const subdistrict = await createRegion({ ctx: env.sys, input: { parentId: parentId ?? city!.id, kind: 'subdistrict', code: `S${nextCode()}`, name: `${name}所在街道` } });
  const community = await createRegion({ ctx: env.sys, input: { parentId: subdistrict.id, kind: 'community', code: `M${nextCode()}`, name } });
  return { city, subdistrict, community };
}

export async function buildUnit(env: TestEnv, regionId: string, name = `测试单位${nextCode()}`, kind: 'unit' | 'department' | 'party_org' = 'unit') {
  return createOrganisation({ ctx: env.sys, input: { kind, name, regionId } });
}

let phoneSeq = 0;
export const nextPhone = () => `139${String(Date.now() % 100000).padStart(5, '0')}${String(phoneSeq++ % 1000).padStart(3, '0')}`;

/** A person with the given role grants, logged in: returns the user, their bearer token and an inject helper. */
export async function buildUser(
  env: TestEnv,
  options: { name?: string; regionId?: string; units?: string[]; grants?: Array<{ role: Role; regionId?: string; orgId?: string }>; idCard?: string } = {},
) {
  const phone = nextPhone();
  const user = await createUser({
    ctx: env.sys,
    input: { phone, name: options.name ?? '测试用户', passwordHash: await testPasswordHash(), regionId: options.regionId ?? env.rootId, units: options.units?.map((unitId) => ({ unitId })), idCard: options.idCard },
  });
  for (const g of options.grants ?? []) await grantRole({ ctx: env.sys, input: { userId: user.id, ...g } });
  const token = await login(env, phone);
  return { ...user, phone, token, request: (opts: InjectOptions) => request(env, opts, token) };
}

export async function login(env: TestEnv, phone: string, password = TEST_PASSWORD): Promise<string> {
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}

export function request(env: TestEnv, opts: InjectOptions, token?: string): Promise<LightMyRequestResponse> {
  return env.app.inject({ ...opts, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.headers ?? {}) } });
}

/** Asserts the `{ error: { code, message } }` contract and returns the code. */
export function errorCode(res: LightMyRequestResponse): string {
  const body = res.json() as { error?: { code?: string; message?: string } };
  if (!body.error?.code || !body.error.message) throw new Error(`not an error body: ${res.body}`);
  return body.error.code;
}
