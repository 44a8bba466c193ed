import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, IdParams, Page } from '../../platform/http/schemas.js';
import { createPointRule } from './create-point-rule.js';
import { getPointsSummary } from './get-points-summary.js';
import { listPointRules } from './list-point-rules.js';
import { listPointsHistory } from './list-points-history.js';
import { CreatePointRuleBody, PointMovementView, PointRuleList, PointRuleView, PointsHistoryQuery, PointsSummary, PointsSummaryQuery } from './points.schemas.js';

const tags = ['points'];

export const pointRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me/points', { schema: { tags, summary: '我的积分（考核积分、可兑换积分、认证时长）/ my points', querystring: PointsSummaryQuery, response: { 200: PointsSummary, ...Errors } } }, async (request) =>
    getPointsSummary({ ctx: request.ctx, input: { userId: request.ctx.actor!.userId, year: request.query.year } }),
  );

  app.get('/me/points/history', { schema: { tags, summary: '我的积分明细 / my point movements', querystring: PointsHistoryQuery, response: { 200: Page(PointMovementView), ...Errors } } }, async (request) =>
    listPointsHistory({ ctx: request.ctx, input: { ...request.query, userId: request.ctx.actor!.userId } }),
  );

  app.get('/users/:id/points', { schema: { tags, summary: '人员积分 / a person’s points', params: IdParams, querystring: PointsSummaryQuery, response: { 200: PointsSummary, ...Errors } } }, async (request) =>
    getPointsSummary({ ctx: request.ctx, input: { userId: request.params.id, year: request.query.year } }),
  );

  app.get('/users/:id/points/history', { schema: { tags, summary: '人员积分明细 / a person’s point movements', params: IdParams, querystring: PointsHistoryQuery, response: { 200: Page(PointMovementView), ...Errors } } }, async (request) =>
    listPointsHistory({ ctx: request.ctx, input: { ...request.query, userId: request.params.id } }),
  );

  app.get('/points/rules', { schema: { tags, summary: '积分规则（全部版本）/ point rules, every version', response: { 200: PointRuleList, ...Errors } } }, async (request) =>
    listPointRules({ ctx: request.ctx }),
  );

  app.post('/points/rules', { schema: { tags, summary: '发布积分规则新版本（留痕）/ new rule version (audited)', body: CreatePointRuleBody, response: { 201: PointRuleView, ...Errors } } }, async (request, reply) =>
    reply.code(201).send(await createPointRule({ ctx: request.ctx, input: request.body })),
  );
};
