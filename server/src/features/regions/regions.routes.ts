import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, IdParams, Ok, Page } from '../../platform/http/schemas.js';
import { createRegion } from './create-region.js';
import { getRegion, listRegions } from './list-regions.js';
import { CreateRegionBody, ListRegionsQuery, RegionDetail, RegionView, UpdateRegionBody } from './regions.schemas.js';
import { deleteRegion, updateRegion } from './update-region.js';

const tags = ['regions'];
const present = <T extends { updatedAt: Date }>(r: T) => ({ ...r, updatedAt: r.updatedAt.toISOString() });

export const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/regions', { schema: { tags, summary: '区域列表 / list regions', querystring: ListRegionsQuery, response: { 200: Page(RegionView), ...Errors } } }, async (request) => {
    const page = await listRegions({ ctx: request.ctx, input: request.query });
    return { items: page.items.map(present), nextCursor: page.nextCursor };
  });

  app.get('/regions/:id', { schema: { tags, summary: '区域详情 / region', params: IdParams, response: { 200: RegionDetail, ...Errors } } }, async (request) =>
    present(await getRegion({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.post('/regions', { schema: { tags, summary: '新增下级区域 / create region', body: CreateRegionBody, response: { 201: RegionView, ...Errors } } }, async (request, reply) => {
    const region = await createRegion({ ctx: request.ctx, input: request.body });
    return reply.code(201).send(present({ ...region, hasChildren: false }));
  });

  app.patch('/regions/:id', { schema: { tags, summary: '修改区域 / update region', params: IdParams, body: UpdateRegionBody, response: { 200: RegionView, ...Errors } } }, async (request) => {
    await updateRegion({ ctx: request.ctx, input: { id: request.params.id, changes: request.body } });
    return present(await getRegion({ ctx: request.ctx, input: { id: request.params.id } }));
  });

  app.delete('/regions/:id', { schema: { tags, summary: '删除区域（仅无下级、无引用时）/ delete region', params: IdParams, response: { 200: Ok, ...Errors } } }, async (request) => {
    await deleteRegion({ ctx: request.ctx, input: { id: request.params.id } });
    return { ok: true as const };
  });
};
