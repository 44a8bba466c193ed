import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, IdParams, Ok, Page } from '../../platform/http/schemas.js';
import {
  CategoryView,
  CreateCategoryBody,
  CreateDutyEntryBody,
  DispatchResolution,
  DutyEntryView,
  ListCategoriesQuery,
  ListDutyMatrixQuery,
  ResolveDispatchQuery,
  UpdateCategoryBody,
} from './case-catalog.schemas.js';
import { createCategory } from './create-category.js';
import { createDutyEntry } from './create-duty-entry.js';
import { deleteCategory } from './delete-category.js';
import { deleteDutyEntry } from './delete-duty-entry.js';
import { getCategory, listCategories } from './list-categories.js';
import { listDutyMatrix } from './list-duty-matrix.js';
import { previewDispatch } from './preview-dispatch.js';
import { updateCategory } from './update-category.js';

const tags = ['case-catalog'];

export const caseCatalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/case-categories',
    { schema: { tags, summary: '案件类别目录（GB/T 30428.2 部件/事件 + 本地扩展）/ case categories', querystring: ListCategoriesQuery, response: { 200: Page(CategoryView), ...Errors } } },
    async (request) => listCategories({ ctx: request.ctx, input: request.query }),
  );

  app.get('/case-categories/:id', { schema: { tags, summary: '案件类别 / case category', params: IdParams, response: { 200: CategoryView, ...Errors } } }, async (request) =>
    getCategory({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.post(
    '/case-categories',
    { schema: { tags, summary: '新增类别（管理员，全租户）/ create category', body: CreateCategoryBody, response: { 201: CategoryView, ...Errors } } },
    async (request, reply) => {
      const row = await createCategory({ ctx: request.ctx, input: request.body });
      return reply.code(201).send(await getCategory({ ctx: request.ctx, input: { id: row.id } }));
    },
  );

  app.patch(
    '/case-categories/:id',
    { schema: { tags, summary: '修改类别（时限、条件、权属部门、停用）/ update category', params: IdParams, body: UpdateCategoryBody, response: { 200: CategoryView, ...Errors } } },
    async (request) => {
      await updateCategory({ ctx: request.ctx, input: { id: request.params.id, changes: request.body } });
      return getCategory({ ctx: request.ctx, input: { id: request.params.id } });
    },
  );

  app.delete('/case-categories/:id', { schema: { tags, summary: '删除未被引用的类别 / delete category', params: IdParams, response: { 200: Ok, ...Errors } } }, async (request) => {
    await deleteCategory({ ctx: request.ctx, input: { id: request.params.id } });
    return { ok: true as const };
  });

  app.get(
    '/duty-matrix',
    { schema: { tags, summary: '责任矩阵（类别 × 区域 × 资产权属 → 部门）/ duty matrix', querystring: ListDutyMatrixQuery, response: { 200: Page(DutyEntryView), ...Errors } } },
    async (request) => listDutyMatrix({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/duty-matrix/resolve',
    { schema: { tags, summary: '自动派遣将选择的责任单位 / who a case would be dispatched to', querystring: ResolveDispatchQuery, response: { 200: DispatchResolution, ...Errors } } },
    async (request) => previewDispatch({ ctx: request.ctx, input: request.query }),
  );

  app.post(
    '/duty-matrix',
    { schema: { tags, summary: '新增责任矩阵条目（该区域管理员）/ add duty-matrix entry', body: CreateDutyEntryBody, response: { 201: DutyEntryView, ...Errors } } },
    async (request, reply) => reply.code(201).send(await createDutyEntry({ ctx: request.ctx, input: request.body })),
  );

  app.delete('/duty-matrix/:id', { schema: { tags, summary: '删除责任矩阵条目 / delete duty-matrix entry', params: IdParams, response: { 200: Ok, ...Errors } } }, async (request) => {
    await deleteDutyEntry({ ctx: request.ctx, input: { id: request.params.id } });
    return { ok: true as const };
  });
};
