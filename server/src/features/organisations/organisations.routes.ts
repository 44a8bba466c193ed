import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Errors, IdParams, Ok, Page } from '../../platform/http/schemas.js';
import { createOrganisation } from './create-organisation.js';
import { deleteOrganisation } from './delete-organisation.js';
import { getOrganisation } from './get-organisation.js';
import { linkCommunity } from './link-community.js';
import { listOrganisationCommunities } from './list-organisation-communities.js';
import { listOrganisations } from './list-organisations.js';
import {
  CommunityLinkView,
  CreateOrganisationBody,
  LinkCommunityBody,
  ListOrganisationsQuery,
  OrganisationDetail,
  OrganisationView,
  OrgCommunityParams,
  UpdateOrganisationBody,
} from './organisations.schemas.js';
import { unlinkCommunity } from './unlink-community.js';
import { updateOrganisation } from './update-organisation.js';

const tags = ['organisations'];
const present = <T extends { updatedAt: Date }>(o: T) => ({ ...o, updatedAt: o.updatedAt.toISOString() });
const presentLink = <T extends { createdAt: Date }>(l: T) => ({ ...l, createdAt: l.createdAt.toISOString() });

export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisations',
    { schema: { tags, summary: '组织列表（党组织、单位、职能部门）/ list organisations', querystring: ListOrganisationsQuery, response: { 200: Page(OrganisationView), ...Errors } } },
    async (request) => {
      const page = await listOrganisations({ ctx: request.ctx, input: request.query });
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );

  app.get('/organisations/:id', { schema: { tags, summary: '组织详情 / organisation', params: IdParams, response: { 200: OrganisationDetail, ...Errors } } }, async (request) =>
    present(await getOrganisation({ ctx: request.ctx, input: { id: request.params.id } })),
  );

  app.post('/organisations', { schema: { tags, summary: '新增组织 / create organisation', body: CreateOrganisationBody, response: { 201: OrganisationDetail, ...Errors } } }, async (request, reply) => {
    const org = await createOrganisation({ ctx: request.ctx, input: request.body });
    return reply.code(201).send(present(await getOrganisation({ ctx: request.ctx, input: { id: org.id } })));
  });

  app.patch(
    '/organisations/:id',
    { schema: { tags, summary: '修改组织 / update organisation', params: IdParams, body: UpdateOrganisationBody, response: { 200: OrganisationDetail, ...Errors } } },
    async (request) => {
      await updateOrganisation({ ctx: request.ctx, input: { id: request.params.id, changes: request.body } });
      return present(await getOrganisation({ ctx: request.ctx, input: { id: request.params.id } }));
    },
  );

  app.delete('/organisations/:id', { schema: { tags, summary: '删除组织（仅无引用时）/ delete organisation', params: IdParams, response: { 200: Ok, ...Errors } } }, async (request) => {
    await deleteOrganisation({ ctx: request.ctx, input: { id: request.params.id } });
    return { ok: true as const };
  });

  app.get(
    '/organisations/:id/communities',
    { schema: { tags, summary: '共建社区 / communities the unit co-builds with', params: IdParams, response: { 200: Type.Object({ items: Type.Array(CommunityLinkView) }), ...Errors } } },
    async (request) => ({ items: (await listOrganisationCommunities({ ctx: request.ctx, input: { id: request.params.id } })).map(presentLink) }),
  );

  app.post(
    '/organisations/:id/communities',
    { schema: { tags, summary: '建立共建关系 / link a community', params: IdParams, body: LinkCommunityBody, response: { 201: CommunityLinkView, ...Errors } } },
    async (request, reply) => reply.code(201).send(presentLink(await linkCommunity({ ctx: request.ctx, input: { ...request.body, unitId: request.params.id } }))),
  );

  app.delete(
    '/organisations/:id/communities/:communityId',
    { schema: { tags, summary: '解除共建关系 / unlink a community', params: OrgCommunityParams, response: { 200: Ok, ...Errors } } },
    async (request) => {
      await unlinkCommunity({ ctx: request.ctx, input: { unitId: request.params.id, communityId: request.params.communityId } });
      return { ok: true as const };
    },
  );
};
