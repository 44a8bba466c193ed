import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, IdParams, Page } from '../../platform/http/schemas.js';
import { claimItem } from './claim-item.js';
import {
  AgreementDetail,
  AgreementView,
  CompleteItemBody,
  CreateAgreementBody,
  CreateItemBody,
  ItemDetail,
  ItemView,
  ListAgreementsQuery,
  ListItemsQuery,
  ReasonBody,
} from './co-building.schemas.js';
import { completeItem } from './complete-item.js';
import { confirmAgreement } from './confirm-agreement.js';
import { createAgreement } from './create-agreement.js';
import { createItem } from './create-item.js';
import { declineAgreement } from './decline-agreement.js';
import { endAgreement } from './end-agreement.js';
import { getAgreement } from './get-agreement.js';
import { getItem } from './get-item.js';
import { listAgreements } from './list-agreements.js';
import { listItems } from './list-items.js';

const tags = ['co-building'];

export const coBuildingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/co-building/agreements',
    { schema: { tags, summary: '共建协议列表 / co-building agreements', querystring: ListAgreementsQuery, response: { 200: Page(AgreementView), ...Errors } } },
    async (request) => listAgreements({ ctx: request.ctx, input: request.query }),
  );

  app.post(
    '/co-building/agreements',
    { schema: { tags, summary: '单位报到：提交共建协议 / a unit proposes an agreement', body: CreateAgreementBody, response: { 201: AgreementDetail, ...Errors } } },
    async (request, reply) => {
      const agreement = await createAgreement({ ctx: request.ctx, input: request.body });
      return reply.code(201).send(await getAgreement({ ctx: request.ctx, input: { id: agreement.id } }));
    },
  );

  app.get('/co-building/agreements/:id', { schema: { tags, summary: '共建协议（含时间线）/ agreement', params: IdParams, response: { 200: AgreementDetail, ...Errors } } }, async (request) =>
    getAgreement({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.post('/co-building/agreements/:id/confirm', { schema: { tags, summary: '社区确认（协议生效）/ the community countersigns', params: IdParams, response: { 200: AgreementDetail, ...Errors } } }, async (request) => {
    await confirmAgreement({ ctx: request.ctx, input: { id: request.params.id } });
    return getAgreement({ ctx: request.ctx, input: { id: request.params.id } });
  });

  app.post(
    '/co-building/agreements/:id/decline',
    { schema: { tags, summary: '社区不同意 / the community declines', params: IdParams, body: ReasonBody, response: { 200: AgreementDetail, ...Errors } } },
    async (request) => {
      await declineAgreement({ ctx: request.ctx, input: { id: request.params.id, reason: request.body.reason } });
      return getAgreement({ ctx: request.ctx, input: { id: request.params.id } });
    },
  );

  app.post(
    '/co-building/agreements/:id/end',
    { schema: { tags, summary: '终止协议 / end an agreement', params: IdParams, body: ReasonBody, response: { 200: AgreementDetail, ...Errors } } },
    async (request) => {
      await endAgreement({ ctx: request.ctx, input: { id: request.params.id, reason: request.body.reason } });
      return getAgreement({ ctx: request.ctx, input: { id: request.params.id } });
    },
  );

  app.post(
    '/co-building/agreements/:id/items',
    { schema: { tags, summary: '新增清单事项（需求/资源/项目）/ add a list item', params: IdParams, body: CreateItemBody, response: { 201: ItemDetail, ...Errors } } },
    async (request, reply) => {
      const item = await createItem({ ctx: request.ctx, input: { ...request.body, agreementId: request.params.id } });
      return reply.code(201).send(await getItem({ ctx: request.ctx, input: { id: item.id } }));
    },
  );

  app.get(
    '/co-building/items',
    { schema: { tags, summary: '三张清单 / the three lists', querystring: ListItemsQuery, response: { 200: Page(ItemView), ...Errors } } },
    async (request) => listItems({ ctx: request.ctx, input: request.query }),
  );

  app.get('/co-building/items/:id', { schema: { tags, summary: '清单事项 / list item', params: IdParams, response: { 200: ItemDetail, ...Errors } } }, async (request) =>
    getItem({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.post('/co-building/items/:id/claim', { schema: { tags, summary: '认领（由另一方）/ claim (by the other side)', params: IdParams, response: { 200: ItemDetail, ...Errors } } }, async (request) => {
    await claimItem({ ctx: request.ctx, input: { id: request.params.id } });
    return getItem({ ctx: request.ctx, input: { id: request.params.id } });
  });

  app.post(
    '/co-building/items/:id/complete',
    { schema: { tags, summary: '完成 / complete', params: IdParams, body: CompleteItemBody, response: { 200: ItemDetail, ...Errors } } },
    async (request) => {
      await completeItem({ ctx: request.ctx, input: { id: request.params.id, note: request.body.note } });
      return getItem({ ctx: request.ctx, input: { id: request.params.id } });
    },
  );
};
