import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Errors, IdParams } from '../../platform/http/schemas.js';
import { getGrant } from './get-grant.js';
import { grantRole } from './grant-role.js';
import { listRoles } from './list-roles.js';
import { listUserGrants } from './list-user-grants.js';
import { revokeRole } from './revoke-role.js';
import { CreateGrantBody, GrantView, ListGrantsQuery, RoleView } from './users.schemas.js';

const tags = ['grants'];

export const grantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/roles', { schema: { tags, summary: '角色目录 / role catalogue', response: { 200: Type.Object({ items: Type.Array(RoleView) }), ...Errors } } }, async (request) => ({
    items: listRoles({ ctx: request.ctx }),
  }));

  app.get(
    '/users/:id/grants',
    { schema: { tags, summary: '人员的授权 / a person’s role grants', params: IdParams, querystring: ListGrantsQuery, response: { 200: Type.Object({ items: Type.Array(GrantView) }), ...Errors } } },
    async (request) => ({ items: await listUserGrants({ ctx: request.ctx, input: { id: request.params.id, includeRevoked: request.query.includeRevoked } }) }),
  );

  app.post('/grants', { schema: { tags, summary: '授予角色 / grant a role', body: CreateGrantBody, response: { 201: GrantView, ...Errors } } }, async (request, reply) => {
    const grant = await grantRole({ ctx: request.ctx, input: request.body });
    return reply.code(201).send(await getGrant({ ctx: request.ctx, input: { id: grant.id } }));
  });

  app.post('/grants/:id/revoke', { schema: { tags, summary: '撤销授权 / revoke a grant', params: IdParams, response: { 200: GrantView, ...Errors } } }, async (request) => {
    const grant = await revokeRole({ ctx: request.ctx, input: { grantId: request.params.id } });
    return getGrant({ ctx: request.ctx, input: { id: grant.id } });
  });
};
