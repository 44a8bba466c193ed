import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Errors, IdParams, Page } from '../../platform/http/schemas.js';
import { applyTransition } from './apply-transition.js';
import {
  CaseDetail,
  CaseSettingsView,
  CaseTypeParams,
  CaseTypeQuery,
  CaseTypeView,
  CaseView,
  CreateCaseBody,
  CreateCaseTypeBody,
  ListCasesQuery,
  MyCasesQuery,
  QueueQuery,
  TransitionBody,
  UpdateCaseSettingsBody,
} from './cases.schemas.js';
import { createCaseType } from './create-case-type.js';
import { createCase } from './create-case.js';
import { getCaseSettings } from './get-case-settings.js';
import { getCase } from './get-case.js';
import { listCaseQueue } from './list-case-queue.js';
import { getCaseType, listCaseTypes } from './list-case-types.js';
import { listCases } from './list-cases.js';
import { listMyCases } from './list-my-cases.js';
import { updateCaseSettings } from './update-case-settings.js';
import './cases.policy.js';

const tags = ['cases'];

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases',
    { schema: { tags, summary: '上报问题（随手拍、网格员、工作人员…）/ report a case', body: CreateCaseBody, response: { 201: CaseDetail, ...Errors } } },
    async (request, reply) => {
      const { id } = await createCase({ ctx: request.ctx, input: request.body });
      return reply.code(201).send(await getCase({ ctx: request.ctx, input: { id } }));
    },
  );

  app.get(
    '/cases',
    { schema: { tags, summary: '工单列表（按范围：上报人、区域、部门）/ list cases', querystring: ListCasesQuery, response: { 200: Page(CaseView), ...Errors } } },
    async (request) => listCases({ ctx: request.ctx, input: request.query }),
  );

  app.get('/cases/:id', { schema: { tags, summary: '工单详情（含时间线与可执行操作）/ case with timeline', params: IdParams, response: { 200: CaseDetail, ...Errors } } }, async (request) =>
    getCase({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.post(
    '/cases/:id/transitions',
    { schema: { tags, summary: '执行操作（立案、派遣、签收、退单、反馈、核查、结案、催办、督办…）/ take an action', params: IdParams, body: TransitionBody, response: { 200: CaseDetail, ...Errors } } },
    async (request) => {
      await applyTransition({ ctx: request.ctx, input: { caseId: request.params.id, ...request.body } });
      return getCase({ ctx: request.ctx, input: { id: request.params.id, justActed: true } });
    },
  );

  app.get('/me/cases', { schema: { tags, summary: '我上报的工单 / my reports', querystring: MyCasesQuery, response: { 200: Page(CaseView), ...Errors } } }, async (request) =>
    listMyCases({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/me/cases/queue',
    { schema: { tags, summary: '我的待办工单（按时限先后）/ my work queue by deadline', querystring: QueueQuery, response: { 200: Page(CaseView), ...Errors } } },
    async (request) => listCaseQueue({ ctx: request.ctx, input: request.query }),
  );

  app.get('/case-types', { schema: { tags, summary: '工单类型（状态机）/ case types', response: { 200: Type.Array(CaseTypeView), ...Errors } } }, async (request) => listCaseTypes({ ctx: request.ctx }));

  app.get(
    '/case-types/:code',
    { schema: { tags, summary: '工单类型的某一版本（缺省最新）/ one case type', params: CaseTypeParams, querystring: CaseTypeQuery, response: { 200: CaseTypeView, ...Errors } } },
    async (request) => getCaseType({ ctx: request.ctx, input: { code: request.params.code, version: request.query.version } }),
  );

  app.post(
    '/case-types',
    { schema: { tags, summary: '新增工单类型版本（管理员，全租户）/ add a case type version', body: CreateCaseTypeBody, response: { 201: CaseTypeView, ...Errors } } },
    async (request, reply) => {
      const { code, version } = await createCaseType({ ctx: request.ctx, input: request.body });
      return reply.code(201).send(await getCaseType({ ctx: request.ctx, input: { code, version } }));
    },
  );

  app.get('/cases/settings', { schema: { tags, summary: '工单设置（权重、升级、默认时限）/ case settings', response: { 200: CaseSettingsView, ...Errors } } }, async (request) =>
    getCaseSettings({ ctx: request.ctx }),
  );

  app.put(
    '/cases/settings',
    { schema: { tags, summary: '修改工单设置（管理员，全租户）/ update case settings', body: UpdateCaseSettingsBody, response: { 200: CaseSettingsView, ...Errors } } },
    async (request) => updateCaseSettings({ ctx: request.ctx, input: request.body }),
  );
};
