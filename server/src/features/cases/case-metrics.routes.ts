import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors } from '../../platform/http/schemas.js';
import { DefinitionsView, MetricsQuery, MetricsView, RankingsQuery, RankingsView } from './case-metrics.schemas.js';
import { getCaseMetrics } from './get-case-metrics.js';
import { getCaseRankings } from './get-case-rankings.js';
import { getMetricDefinitions } from './get-metric-definitions.js';

const tags = ['case-metrics'];

export const caseMetricRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/cases/metrics/definitions', { schema: { tags, summary: '指标口径（公式与计数定义）/ metric definitions', response: { 200: DefinitionsView, ...Errors } } }, async (request) =>
    getMetricDefinitions({ ctx: request.ctx }),
  );

  app.get(
    '/cases/metrics',
    { schema: { tags, summary: '三率与考核指标（响应率、解决率、满意率、结案率…）/ case metrics', querystring: MetricsQuery, response: { 200: MetricsView, ...Errors } } },
    async (request) => getCaseMetrics({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/cases/rankings',
    { schema: { tags, summary: '月度排名（部门、社区）/ monthly rankings', querystring: RankingsQuery, response: { 200: RankingsView, ...Errors } } },
    async (request) => getCaseRankings({ ctx: request.ctx, input: request.query }),
  );
};
