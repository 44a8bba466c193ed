import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { Errors, IdParams, Page } from '../../platform/http/schemas.js';
import { confirmReportIn } from './confirm-report-in.js';
import { deactivateReportIn } from './deactivate-report-in.js';
import { getMyReportIn } from './get-my-report-in.js';
import { getReportInRates } from './get-report-in-rates.js';
import { getReportIn } from './get-report-in.js';
import { listReportIns } from './list-report-ins.js';
import { listUnitReportIns } from './list-unit-report-ins.js';
import { reconfirmReportIn } from './reconfirm-report-in.js';
import { resubmitReportIn } from './resubmit-report-in.js';
import { returnReportIn } from './return-report-in.js';
import {
  ConfirmReportInBody,
  ListReportInsQuery,
  ListUnitReportInsQuery,
  MyReportIn,
  RatesQuery,
  ReasonBody,
  ReportInDetail,
  ReportInRates,
  ReportInView,
  ResubmitReportInBody,
  SERVICE_TEAMS,
  ServiceTeamsView,
  SubmitReportInBody,
  TransferReportInBody,
  UnitMemberReportIn,
} from './report-ins.schemas.js';
import { submitReportIn } from './submit-report-in.js';
import { transferReportIn } from './transfer-report-in.js';

const tags = ['report-ins'];

export const reportInRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const detail = (request: { ctx: Ctx }, id: string) => getReportIn({ ctx: request.ctx, input: { id } });

  app.get('/report-ins/service-teams', { schema: { tags, summary: '服务队（服务意向）目录 / service teams', response: { 200: ServiceTeamsView, ...Errors } } }, async () => ({
    items: [...SERVICE_TEAMS],
  }));

  app.get(
    '/report-ins/rates',
    { schema: { tags, summary: '报到率（按社区、按单位；口径见 definitions）/ report-in rates', querystring: RatesQuery, response: { 200: ReportInRates, ...Errors } } },
    async (request) => getReportInRates({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/report-ins',
    { schema: { tags, summary: '党员报到列表（社区审核，手机号打码）/ list report-ins', querystring: ListReportInsQuery, response: { 200: Page(ReportInView), ...Errors } } },
    async (request) => listReportIns({ ctx: request.ctx, input: request.query }),
  );

  app.post(
    '/report-ins',
    { schema: { tags, summary: '在职党员到社区报到 / report in to a community', body: SubmitReportInBody, response: { 201: ReportInDetail, ...Errors } } },
    async (request, reply) => {
      const record = await submitReportIn({ ctx: request.ctx, input: request.body });
      return reply.code(201).send(await detail(request, record.id));
    },
  );

  app.get('/report-ins/:id', { schema: { tags, summary: '报到记录（含时间线）/ report-in', params: IdParams, response: { 200: ReportInDetail, ...Errors } } }, async (request) =>
    detail(request, request.params.id),
  );

  app.post(
    '/report-ins/:id/confirm',
    { schema: { tags, summary: '社区确认报到（编入网格和服务队）/ confirm', params: IdParams, body: ConfirmReportInBody, response: { 200: ReportInDetail, ...Errors } } },
    async (request) => {
      await confirmReportIn({ ctx: request.ctx, input: { id: request.params.id, ...request.body } });
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/report-ins/:id/return',
    { schema: { tags, summary: '社区退回报到 / return for correction', params: IdParams, body: ReasonBody, response: { 200: ReportInDetail, ...Errors } } },
    async (request) => {
      await returnReportIn({ ctx: request.ctx, input: { id: request.params.id, reason: request.body.reason } });
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/report-ins/:id/resubmit',
    { schema: { tags, summary: '修改后重新提交 / resubmit', params: IdParams, body: ResubmitReportInBody, response: { 200: ReportInDetail, ...Errors } } },
    async (request) => {
      await resubmitReportIn({ ctx: request.ctx, input: { id: request.params.id, changes: request.body } });
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/report-ins/:id/transfer',
    { schema: { tags, summary: '搬家转社区（原记录保留为已转出）/ transfer to another community', params: IdParams, body: TransferReportInBody, response: { 201: ReportInDetail, ...Errors } } },
    async (request, reply) => {
      const next = await transferReportIn({ ctx: request.ctx, input: { id: request.params.id, toCommunityId: request.body.toCommunityId } });
      return reply.code(201).send(await detail(request, next.id));
    },
  );

  app.post('/report-ins/:id/reconfirm', { schema: { tags, summary: '定期复核确认 / re-confirm', params: IdParams, response: { 200: ReportInDetail, ...Errors } } }, async (request) => {
    await reconfirmReportIn({ ctx: request.ctx, input: { id: request.params.id } });
    return detail(request, request.params.id);
  });

  app.post(
    '/report-ins/:id/deactivate',
    { schema: { tags, summary: '停止报到（退休、调离或本人撤回）/ deactivate', params: IdParams, body: ReasonBody, response: { 200: ReportInDetail, ...Errors } } },
    async (request) => {
      await deactivateReportIn({ ctx: request.ctx, input: { id: request.params.id, reason: request.body.reason } });
      return detail(request, request.params.id);
    },
  );

  app.get('/me/report-in', { schema: { tags, summary: '我的报到（当前与历史）/ my report-in', response: { 200: MyReportIn, ...Errors } } }, async (request) =>
    getMyReportIn({ ctx: request.ctx }),
  );

  app.get(
    '/units/:id/report-ins',
    {
      schema: { tags, summary: '本单位党员报到情况（手机号打码）/ the unit’s members and their report-ins', params: IdParams, querystring: ListUnitReportInsQuery, response: { 200: Page(UnitMemberReportIn), ...Errors } },
    },
    async (request) => listUnitReportIns({ ctx: request.ctx, input: { unitId: request.params.id, ...request.query } }),
  );
};
