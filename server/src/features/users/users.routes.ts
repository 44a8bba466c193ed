import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, IdParams, Ok, Page } from '../../platform/http/schemas.js';
import { addUserCommunity } from './add-user-community.js';
import { addUserUnit } from './add-user-unit.js';
import { createUser } from './create-user.js';
import { getUser } from './get-user.js';
import { listUsers } from './list-users.js';
import { readUserPii } from './read-user-pii.js';
import { removeUserCommunity } from './remove-user-community.js';
import { removeUserUnit } from './remove-user-unit.js';
import { resetUserPassword } from './reset-user-password.js';
import { revokeUserSessions } from './revoke-user-sessions.js';
import { setUserStatus } from './set-user-status.js';
import { updateUser } from './update-user.js';
import {
  AddUserCommunityBody,
  AddUserUnitBody,
  CreateUserBody,
  ListUsersQuery,
  RemoveUserCommunityQuery,
  ResetPasswordBody,
  SessionsRevoked,
  UpdateUserBody,
  UserCommunityParams,
  UserCommunityView,
  UserDetail,
  UserPii,
  UserSummary,
  UserUnitParams,
  UserUnitView,
} from './users.schemas.js';

const tags = ['users'];

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/users', { schema: { tags, summary: '人员列表（手机号打码）/ list people', querystring: ListUsersQuery, response: { 200: Page(UserSummary), ...Errors } } }, async (request) => {
    const page = await listUsers({ ctx: request.ctx, input: request.query });
    return { items: page.items.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })), nextCursor: page.nextCursor };
  });

  app.get('/users/:id', { schema: { tags, summary: '人员详情（打码）/ person', params: IdParams, response: { 200: UserDetail, ...Errors } } }, async (request) =>
    getUser({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.get('/users/:id/pii', { schema: { tags, summary: '查看完整手机号和身份证号（留痕）/ unmasked personal data (audited)', params: IdParams, response: { 200: UserPii, ...Errors } } }, async (request) =>
    readUserPii({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.post('/users', { schema: { tags, summary: '新增人员 / create person', body: CreateUserBody, response: { 201: UserDetail, ...Errors } } }, async (request, reply) => {
    const user = await createUser({ ctx: request.ctx, input: request.body });
    return reply.code(201).send(await getUser({ ctx: request.ctx, input: { id: user.id } }));
  });

  app.patch('/users/:id', { schema: { tags, summary: '修改人员信息 / update person', params: IdParams, body: UpdateUserBody, response: { 200: UserDetail, ...Errors } } }, async (request) => {
    await updateUser({ ctx: request.ctx, input: { id: request.params.id, changes: request.body } });
    return getUser({ ctx: request.ctx, input: { id: request.params.id } });
  });

  app.post('/users/:id/disable', { schema: { tags, summary: '停用账号（同时注销全部会话）/ disable account', params: IdParams, response: { 200: UserDetail, ...Errors } } }, async (request) => {
    await setUserStatus({ ctx: request.ctx, input: { id: request.params.id, status: 'disabled' } });
    return getUser({ ctx: request.ctx, input: { id: request.params.id } });
  });

  app.post('/users/:id/enable', { schema: { tags, summary: '启用账号 / enable account', params: IdParams, response: { 200: UserDetail, ...Errors } } }, async (request) => {
    await setUserStatus({ ctx: request.ctx, input: { id: request.params.id, status: 'active' } });
    return getUser({ ctx: request.ctx, input: { id: request.params.id } });
  });

  app.post('/users/:id/revoke-sessions', { schema: { tags, summary: '注销全部会话 / sign out everywhere', params: IdParams, response: { 200: SessionsRevoked, ...Errors } } }, async (request) =>
    revokeUserSessions({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.post(
    '/users/:id/reset-password',
    { schema: { tags, summary: '重置密码（临时密码，注销全部会话）/ reset password', params: IdParams, body: ResetPasswordBody, response: { 200: SessionsRevoked, ...Errors } } },
    async (request) => resetUserPassword({ ctx: request.ctx, input: { id: request.params.id, newPassword: request.body.newPassword } }),
  );

  app.post('/users/:id/units', { schema: { tags, summary: '加入单位 / add to a unit', params: IdParams, body: AddUserUnitBody, response: { 201: UserUnitView, ...Errors } } }, async (request, reply) =>
    reply.code(201).send(await addUserUnit({ ctx: request.ctx, input: { id: request.params.id, ...request.body } })),
  );

  app.delete('/users/:id/units/:unitId', { schema: { tags, summary: '移出单位 / remove from a unit', params: UserUnitParams, response: { 200: Ok, ...Errors } } }, async (request) => {
    await removeUserUnit({ ctx: request.ctx, input: request.params });
    return { ok: true as const };
  });

  app.post(
    '/users/:id/communities',
    { schema: { tags, summary: '关联社区（居住/报到）/ link to a community', params: IdParams, body: AddUserCommunityBody, response: { 201: UserCommunityView, ...Errors } } },
    async (request, reply) => reply.code(201).send(await addUserCommunity({ ctx: request.ctx, input: { id: request.params.id, ...request.body } })),
  );

  app.delete(
    '/users/:id/communities/:communityId',
    { schema: { tags, summary: '解除社区关联 / unlink from a community', params: UserCommunityParams, querystring: RemoveUserCommunityQuery, response: { 200: Ok, ...Errors } } },
    async (request) => {
      await removeUserCommunity({ ctx: request.ctx, input: { ...request.params, relation: request.query.relation } });
      return { ok: true as const };
    },
  );
};
