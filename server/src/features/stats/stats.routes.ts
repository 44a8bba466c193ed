import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors } from '../../platform/http/schemas.js';
import { getOverview } from './get-overview.js';
import { Overview, OverviewQuery } from './stats.schemas.js';

export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/stats/overview',
    { schema: { tags: ['stats'], summary: '总览数据（均由记录计数）/ overview figures counted from records', querystring: OverviewQuery, response: { 200: Overview, ...Errors } } },
    async (request) => getOverview({ ctx: request.ctx, input: request.query }),
  );
};
