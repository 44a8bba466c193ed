import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { Errors, IdParams, Ok } from '../../platform/http/schemas.js';
import { ChangePasswordBody, LoginBody, LoginResponse, MeView, SessionView, UpdateMeBody } from './auth.schemas.js';
import { changePassword } from './change-password.js';
import { getMe } from './get-me.js';
import { login } from './login.js';
import { listMySessions, revokeMySession, updateMe } from './sessions.js';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    { config: { public: true }, schema: { tags, summary: '手机号密码登录 / log in', security: [], body: LoginBody, response: { 200: LoginResponse, ...Errors } } },
    async (request, reply) => {
      const result = await login({ ctx: request.ctx, input: { ...request.body, userAgent: request.headers['user-agent'] } });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        expires: result.expiresAt,
      });
      return { ...result, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post('/auth/logout', { schema: { tags, summary: '退出登录 / log out', response: { 200: Ok, ...Errors } } }, async (request, reply) => {
    const sessionId = request.ctx.actor!.sessionId!;
    await revokeMySession({ ctx: request.ctx, input: { sessionId } });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/me', { schema: { tags, summary: '当前用户 / current user', response: { 200: MeView, ...Errors } } }, async (request) =>
    getMe({ ctx: request.ctx }),
  );

  app.patch('/me', { schema: { tags, summary: '修改个人设置 / update my settings', body: UpdateMeBody, response: { 200: MeView, ...Errors } } }, async (request) => {
    await updateMe({ ctx: request.ctx, input: request.body });
    return getMe({ ctx: request.ctx });
  });

  app.post('/me/password', { schema: { tags, summary: '修改密码 / change password', body: ChangePasswordBody, response: { 200: Ok, ...Errors } } }, async (request) => {
    await changePassword({ ctx: request.ctx, input: request.body });
    return { ok: true as const };
  });

  app.get('/me/sessions', { schema: { tags, summary: '我的登录设备 / my sessions', response: { 200: Type.Object({ items: Type.Array(SessionView) }), ...Errors } } }, async (request) => {
    const items = await listMySessions({ ctx: request.ctx });
    return { items: items.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), expiresAt: s.expiresAt.toISOString() })) };
  });

  app.post('/me/sessions/:id/revoke', { schema: { tags, summary: '注销某个会话 / revoke a session', params: IdParams, response: { 200: Ok, ...Errors } } }, async (request) => {
    await revokeMySession({ ctx: request.ctx, input: { sessionId: request.params.id } });
    return { ok: true as const };
  });
};
