import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import { resolveSession, SESSION_COOKIE, tenantCodeOfToken } from '../auth/sessions.js';
import type { Notifier } from '../notifications/notifier.js';
import type { PiiVault } from '../pii.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** Public routes are marked explicitly; every other /api and /open311 route needs a session. */
    public?: boolean;
  }
}

export interface RequestContextDeps {
  config: Config;
  db: Database;
  notifier: Notifier;
  vault: PiiVault;
  now: () => Date;
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return request.cookies?.[SESSION_COOKIE] || undefined;
}

/** Builds request.ctx (tenant, actor from bearer token or session cookie) and refuses anonymous calls to non-public routes. */
export function installRequestContext(app: FastifyInstance, deps: RequestContextDeps) {
  const tenantIds = new Map<string, string>();
  const tenantIdOf = async (code: string): Promise<string | undefined> => {
    if (!tenantIds.has(code)) {
      const t = await deps.db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst();
      if (!t) return undefined;
      tenantIds.set(code, t.id);
    }
    return tenantIds.get(code);
  };

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (request) => {
    const now = deps.now();
    const token = tokenOf(request);
    const tenantCode = (token && tenantCodeOfToken(token)) || deps.config.tenantCode;
    const tenantId = (await tenantIdOf(tenantCode)) ?? (await tenantIdOf(deps.config.tenantCode)) ?? '';
    const actor = token && tenantId ? await resolveSession(deps.db, tenantId, token, now) : null;
    request.ctx = {
      db: deps.db,
      tenantId,
      actor,
      config: deps.config,
      now: deps.now,
      notifier: deps.notifier,
      vault: deps.vault,
      requestId: request.id,
      ip: request.ip,
    };
    const needsAuth = /^\/(api\/v1|open311)\//.test(request.url) && request.routeOptions.config?.public !== true;
    if (needsAuth && request.routeOptions.url && !actor) throw new DomainError('UNAUTHENTICATED');
  });
}
