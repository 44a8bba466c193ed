import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Errors, IdParams, Page } from '../../platform/http/schemas.js';
import { iso } from '../service-items/service-items.queries.js';
import './attendance.policy.js'; // registers who may read records' evidence files
import { presentRecord } from './attendance.queries.js';
import {
  BatchBody,
  CheckBody,
  IdsBody,
  ListRecordsQuery,
  RateBody,
  RatingSummary,
  RatingView,
  ReasonBody,
  RecordDetail,
  RecordView,
  RetroBody,
  Roster,
  SiteCodeView,
} from './attendance.schemas.js';
import { approveServiceRecord } from './approve-service-record.js';
import { approveServiceRecords } from './approve-service-records.js';
import { checkIn } from './check-in.js';
import { checkOut } from './check-out.js';
import { declineServiceRecord } from './decline-service-record.js';
import { enterBatchRecords } from './enter-batch-records.js';
import { enterRetroRecord } from './enter-retro-record.js';
import { getRoster } from './get-roster.js';
import { getServiceItemRatings } from './get-service-item-ratings.js';
import { getServiceRecord } from './get-service-record.js';
import { getSiteCode } from './get-site-code.js';
import { listServiceRecords } from './list-service-records.js';
import { rateServiceItem } from './rate-service-item.js';

const tags = ['attendance'];
const ratingTags = ['ratings'];

export const attendanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/service-items/:id/site-code', { schema: { tags, summary: '现场签到码（社区工作者手机，约 60 秒轮换）/ rotating site code', params: IdParams, response: { 200: SiteCodeView, ...Errors } } }, async (request) =>
    getSiteCode({ ctx: request.ctx, input: { itemId: request.params.id } }),
  );

  app.post('/service-items/:id/check-in', { schema: { tags, summary: '扫码签到 / check in', params: IdParams, body: CheckBody, response: { 201: RecordView, ...Errors } } }, async (request, reply) =>
    reply.code(201).send(presentRecord(await checkIn({ ctx: request.ctx, input: { itemId: request.params.id, ...request.body } }))),
  );

  app.post('/service-items/:id/check-out', { schema: { tags, summary: '扫码签退 / check out', params: IdParams, body: CheckBody, response: { 200: RecordView, ...Errors } } }, async (request) =>
    presentRecord(await checkOut({ ctx: request.ctx, input: { itemId: request.params.id, ...request.body } })),
  );

  app.post('/service-items/:id/records/batch', { schema: { tags, summary: '团体录入 / staff batch entry', params: IdParams, body: BatchBody, response: { 201: Type.Object({ items: Type.Array(RecordView) }), ...Errors } } }, async (request, reply) => {
    const rows = await enterBatchRecords({ ctx: request.ctx, input: { itemId: request.params.id, ...request.body } });
    return reply.code(201).send({ items: rows.map(presentRecord) });
  });

  app.post('/service-items/:id/records/retro', { schema: { tags, summary: '补录（附证明材料）/ retro entry with evidence', params: IdParams, body: RetroBody, response: { 201: RecordView, ...Errors } } }, async (request, reply) =>
    reply.code(201).send(presentRecord(await enterRetroRecord({ ctx: request.ctx, input: { itemId: request.params.id, ...request.body } }))),
  );

  app.get('/service-items/:id/roster', { schema: { tags, summary: '签到名单与认证状态 / roster', params: IdParams, response: { 200: Roster, ...Errors } } }, async (request) =>
    getRoster({ ctx: request.ctx, input: { itemId: request.params.id } }),
  );

  app.get('/service-records', { schema: { tags, summary: '服务时长记录（本人的；社区工作者：所辖社区的）/ service records', querystring: ListRecordsQuery, response: { 200: Page(RecordView), ...Errors } } }, async (request) => {
    const page = await listServiceRecords({ ctx: request.ctx, input: request.query });
    return { items: page.items.map(presentRecord), nextCursor: page.nextCursor };
  });

  app.get('/service-records/:id', { schema: { tags, summary: '服务时长记录详情（含证明材料）/ service record', params: IdParams, response: { 200: RecordDetail, ...Errors } } }, async (request) =>
    getServiceRecord({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.post('/service-records/:id/approve', { schema: { tags, summary: '认证时长（自动结算积分）/ approve', params: IdParams, response: { 200: RecordView, ...Errors } } }, async (request) =>
    presentRecord(await approveServiceRecord({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.post('/service-records/:id/decline', { schema: { tags, summary: '不予认证（记录保留）/ decline', params: IdParams, body: ReasonBody, response: { 200: RecordView, ...Errors } } }, async (request) =>
    presentRecord(await declineServiceRecord({ ctx: request.ctx, input: { id: request.params.id, reason: request.body.reason } })),
  );

  app.post('/service-records/batch-approve', { schema: { tags, summary: '批量认证（全部成功或全部不变）/ batch approve', body: IdsBody, response: { 200: Type.Object({ items: Type.Array(RecordView) }), ...Errors } } }, async (request) => ({
    items: (await approveServiceRecords({ ctx: request.ctx, input: request.body })).map(presentRecord),
  }));

  app.post('/service-items/:id/ratings', { schema: { tags: ratingTags, summary: '评价服务（服务结束后，所在社区居民）/ rate', params: IdParams, body: RateBody, response: { 201: RatingView, ...Errors } } }, async (request, reply) => {
    const r = await rateServiceItem({ ctx: request.ctx, input: { itemId: request.params.id, ...request.body } });
    return reply.code(201).send({ id: r.id, itemId: r.itemId, score: r.score, comment: r.comment, createdAt: iso(r.createdAt) });
  });

  app.get('/service-items/:id/ratings', { schema: { tags: ratingTags, summary: '服务评价汇总 / rating summary', params: IdParams, response: { 200: RatingSummary, ...Errors } } }, async (request) =>
    getServiceItemRatings({ ctx: request.ctx, input: { itemId: request.params.id } }),
  );
};
