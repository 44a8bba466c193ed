import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, IdParams, Page } from '../../platform/http/schemas.js';
import { cancelClaim } from './cancel-claim.js';
import { cancelServiceItem } from './cancel-service-item.js';
import { claimServiceItem } from './claim-service-item.js';
import { closeServiceItem, reopenServiceItem } from './close-service-item.js';
import { completeServiceItem } from './complete-service-item.js';
import { createServiceItem } from './create-service-item.js';
import { getServiceItem } from './get-service-item.js';
import { listMyClaims } from './list-my-claims.js';
import { listServiceItems } from './list-service-items.js';
import { markNoShow } from './mark-no-show.js';
import { publishServiceItem } from './publish-service-item.js';
import { presentItem } from './service-items.queries.js';
import {
  ClaimQuery,
  ClaimView,
  CreateItemBody,
  ListItemsQuery,
  MyClaimsQuery,
  MyClaimView,
  ReasonBody,
  ServiceItemDetail,
  ServiceItemView,
  UpdateItemBody,
} from './service-items.schemas.js';
import { updateServiceItem } from './update-service-item.js';

const tags = ['service-items'];
const claimTags = ['claims'];

export const serviceItemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/service-items', { schema: { tags, summary: '服务列表（按距离或时间）/ list service items', querystring: ListItemsQuery, response: { 200: Page(ServiceItemView), ...Errors } } }, async (request) => {
    const page = await listServiceItems({ ctx: request.ctx, input: request.query });
    return { items: page.items.map(presentItem), nextCursor: page.nextCursor };
  });

  app.get('/service-items/:id', { schema: { tags, summary: '服务详情（含我的认领）/ service item', params: IdParams, response: { 200: ServiceItemDetail, ...Errors } } }, async (request) =>
    getServiceItem({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.post('/service-items', { schema: { tags, summary: '新建服务（草稿）/ create a draft', body: CreateItemBody, response: { 201: ServiceItemView, ...Errors } } }, async (request, reply) =>
    reply.code(201).send(presentItem(await createServiceItem({ ctx: request.ctx, input: request.body }))),
  );

  app.patch('/service-items/:id', { schema: { tags, summary: '修改草稿 / edit a draft', params: IdParams, body: UpdateItemBody, response: { 200: ServiceItemView, ...Errors } } }, async (request) =>
    presentItem(await updateServiceItem({ ctx: request.ctx, input: { id: request.params.id, changes: request.body } })),
  );

  app.post('/service-items/:id/publish', { schema: { tags, summary: '发布 / publish', params: IdParams, response: { 200: ServiceItemView, ...Errors } } }, async (request) =>
    presentItem(await publishServiceItem({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.post('/service-items/:id/close', { schema: { tags, summary: '停止认领 / stop claims', params: IdParams, response: { 200: ServiceItemView, ...Errors } } }, async (request) =>
    presentItem(await closeServiceItem({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.post('/service-items/:id/reopen', { schema: { tags, summary: '重新开放认领 / reopen claims', params: IdParams, response: { 200: ServiceItemView, ...Errors } } }, async (request) =>
    presentItem(await reopenServiceItem({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.post('/service-items/:id/cancel', { schema: { tags, summary: '取消服务（通知认领人）/ cancel', params: IdParams, body: ReasonBody, response: { 200: ServiceItemView, ...Errors } } }, async (request) =>
    presentItem(await cancelServiceItem({ ctx: request.ctx, input: { id: request.params.id, reason: request.body.reason } })),
  );

  app.post('/service-items/:id/complete', { schema: { tags, summary: '标记完成 / complete', params: IdParams, response: { 200: ServiceItemView, ...Errors } } }, async (request) =>
    presentItem(await completeServiceItem({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.post(
    '/service-items/:id/claims',
    { schema: { tags: claimTags, summary: '认领（为本人；满员时候补）/ claim for the caller', params: IdParams, querystring: ClaimQuery, response: { 201: ClaimView, ...Errors } } },
    async (request, reply) => reply.code(201).send(await claimServiceItem({ ctx: request.ctx, input: { itemId: request.params.id, waitlist: request.query.waitlist } })),
  );

  app.post('/claims/:id/cancel', { schema: { tags: claimTags, summary: '取消认领（空出名额自动递补候补）/ cancel a claim', params: IdParams, body: ReasonBody, response: { 200: ClaimView, ...Errors } } }, async (request) =>
    cancelClaim({ ctx: request.ctx, input: { id: request.params.id, reason: request.body.reason } }),
  );

  app.post('/claims/:id/no-show', { schema: { tags: claimTags, summary: '标记缺席（服务结束后）/ mark a no-show', params: IdParams, response: { 200: ClaimView, ...Errors } } }, async (request) =>
    markNoShow({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.get('/me/claims', { schema: { tags: claimTags, summary: '我的服务 / my claims', querystring: MyClaimsQuery, response: { 200: Page(MyClaimView), ...Errors } } }, async (request) =>
    listMyClaims({ ctx: request.ctx, input: request.query }),
  );
};
