import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, Page } from '../../platform/http/schemas.js';
import { AuditEntryView, ListAuditLogQuery } from './audit.schemas.js';
import { listAuditLog } from './list-audit-log.js';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit-log',
    { schema: { tags: ['audit'], summary: '审计日志（本辖区，新的在前）/ audit log', querystring: ListAuditLogQuery, response: { 200: Page(AuditEntryView), ...Errors } } },
    async (request) => listAuditLog({ ctx: request.ctx, input: request.query }),
  );
};
