import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from './config.js';
import type { Database, StoreKind } from './db/database.js';
import { DomainError } from './platform/errors.js';
import { errorHandler } from './platform/http/error-handler.js';
import { installIdempotency } from './platform/http/idempotency.js';
import { installRequestContext } from './platform/http/request-context.js';
import { validatorCompiler } from './platform/http/validation.js';
import { ErrorResponse } from './platform/http/schemas.js';
import type { Notifier } from './platform/notifications/notifier.js';
import { loadVault, type PiiVault } from './platform/pii.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { importRoutes } from './features/imports/imports.routes.js';
import { fileRoutes } from './features/files/files.routes.js';
import { notificationRoutes } from './features/notifications/notifications.routes.js';
import { calendarRoutes } from './features/calendar/calendar.routes.js';
import { regionRoutes } from './features/regions/regions.routes.js';
import { organisationRoutes } from './features/organisations/organisations.routes.js';
import { userRoutes } from './features/users/users.routes.js';
import { grantRoutes } from './features/users/grants.routes.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { statsRoutes } from './features/stats/stats.routes.js';
import { reportInRoutes } from './features/report-ins/report-ins.routes.js';
import { coBuildingRoutes } from './features/co-building/co-building.routes.js';
import { serviceItemRoutes } from './features/service-items/service-items.routes.js';
import { attendanceRoutes } from './features/attendance/attendance.routes.js';
import { pointRoutes } from './features/points/points.routes.js';
import { caseCatalogRoutes } from './features/case-catalog/case-catalog.routes.js';
import { caseRoutes } from './features/cases/cases.routes.js';
import { caseMetricRoutes } from './features/cases/case-metrics.routes.js';

export interface AppDeps {
  config: Config;
  db: Database;
  storeKind: StoreKind;
  notifier: Notifier;
  now?: () => Date;
  vault?: PiiVault;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Required<AppDeps>;
  }
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function buildApp(input: AppDeps): Promise<FastifyInstance> {
  const deps: Required<AppDeps> = { now: () => new Date(), vault: input.vault ?? loadVault(input.config), ...input } as Required<AppDeps>;
  const { config } = deps;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.maxBodyBytes,
    trustProxy: config.trustProxy,
    // Open SSE streams and idle keep-alive sockets must not hold a shutdown for the 60 s headers timeout.
    forceCloseConnections: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('deps', deps);
  app.addSchema(ErrorResponse);
  app.setErrorHandler(errorHandler);
  app.setValidatorCompiler(validatorCompiler);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 10, fields: 20, parts: 30 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Linli 邻里 API', version: config.version, description: '党建引领城市基层治理平台 API' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'linli_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  installRequestContext(app, deps);
  installIdempotency(app, config.idempotencyTtlHours);

  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '健康检查 / health',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]), version: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' as const, database: deps.storeKind, version: config.version }),
  );

  // The whole API surface, one line per feature.
  await app.register(authRoutes, { prefix: '/api/v1' });
  await app.register(regionRoutes, { prefix: '/api/v1' });
  await app.register(organisationRoutes, { prefix: '/api/v1' });
  await app.register(userRoutes, { prefix: '/api/v1' });
  await app.register(grantRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(statsRoutes, { prefix: '/api/v1' });
  await app.register(reportInRoutes, { prefix: '/api/v1' });
  await app.register(coBuildingRoutes, { prefix: '/api/v1' });
  await app.register(serviceItemRoutes, { prefix: '/api/v1' });
  await app.register(attendanceRoutes, { prefix: '/api/v1' });
  await app.register(fileRoutes, { prefix: '/api/v1' });
  await app.register(notificationRoutes, { prefix: '/api/v1' });
  await app.register(calendarRoutes, { prefix: '/api/v1' });
  await app.register(importRoutes, { prefix: '/api/v1' });
  await app.register(pointRoutes, { prefix: '/api/v1' });
  await app.register(caseCatalogRoutes, { prefix: '/api/v1' });
  await app.register(caseRoutes, { prefix: '/api/v1' });
  await app.register(caseMetricRoutes, { prefix: '/api/v1' });

  await registerWeb(app);
  return app;
}

/** Serves the built web app: the phone app at /, the admin console at /admin, with SPA fallbacks. */
async function registerWeb(app: FastifyInstance) {
  const hasWeb = existsSync(`${WEB_DIST}index.html`);
  // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (request.method !== 'GET' || /^\/(api|open311|healthz)(\/|$)/.test(path) || !hasWeb) {
      throw new DomainError('NOT_FOUND');
    }
    const page = path.startsWith('/admin') ? 'admin/index.html' : path.startsWith('/screen') ? 'screen/index.html' : 'index.html';
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile(existsSync(`${WEB_DIST}${page}`) ? page : 'index.html');
  });
}
