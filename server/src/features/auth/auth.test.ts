import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildUser, createTestEnv, errorCode, login, request, TEST_PASSWORD, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('POST /auth/login', () => {
  it('returns a token, the profile and an HttpOnly SameSite cookie', async () => {
    const { community } = await buildCommunity(env);
    const user = await buildUser(env, { name: '甲', regionId: community.id, grants: [{ role: 'community_secretary', regionId: community.id }] });
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: user.phone, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^test\./);
    expect(body.user).toMatchObject({ name: '甲', phone: user.phone, regionName: '测试社区' });
    expect(body.user.roles).toEqual([expect.objectContaining({ role: 'community_secretary', roleName: '社区书记/社区工作者', scopeName: '测试社区' })]);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/linli_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // the cookie works as well as the bearer token
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { linli_session: body.token } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.id);
  });

  it('400 on bad input, with the error contract and nothing changed', async () => {
    for (const payload of [{}, { phone: '123', password: 'x' }, { phone: '13900000000', password: 'x', extra: 1 }]) {
      const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
      expect(res.json().error.message).toBe('请求参数不正确');
    }
    const broken = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"phone":' });
    expect(broken.statusCode).toBe(400);
    expect(errorCode(broken)).toBe('VALIDATION');
  });

  it('401 with a Chinese message on a wrong password; English on request', async () => {
    const user = await buildUser(env);
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: user.phone, password: 'wrong-pass1' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'UNAUTHENTICATED', message: '手机号或密码错误' });
    const en = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en-US' }, payload: { phone: user.phone, password: 'wrong-pass1' } });
    expect(en.json().error.message).toBe('Wrong phone number or password');
  });

  it('throttles per phone: the 6th attempt in the window is 429 with Retry-After, even with the right password', async () => {
    const user = await buildUser(env);
    const attempts = await Promise.all(
      Array.from({ length: 5 }, (_, i) => env.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: `10.0.0.${i + 1}`, payload: { phone: user.phone, password: 'wrong-pass1' } })),
    );
    expect(attempts.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 401, 401]);
    const locked = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.1.1', payload: { phone: user.phone, password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(errorCode(locked)).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles per client address across phones', async () => {
    for (let i = 0; i < 30; i++) {
      await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', payload: { phone: `1370000${String(i).padStart(4, '0')}`, password: 'wrong-pass1' } });
    }
    const user = await buildUser(env);
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', payload: { phone: user.phone, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(429);
  });
});

describe('sessions', () => {
  it('/me needs a session: 401 without, after logout, and with a forged token', async () => {
    expect(errorCode(await env.app.inject({ method: 'GET', url: '/api/v1/me' }))).toBe('UNAUTHENTICATED');
    const user = await buildUser(env);
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await user.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await request(env, { method: 'GET', url: '/api/v1/me' }, 'test.forged')).statusCode).toBe(401);
  });

  it('lists my sessions and revokes another device; someone else cannot revoke mine (404)', async () => {
    const user = await buildUser(env);
    const second = await login(env, user.phone);
    const list = await user.request({ method: 'GET', url: '/api/v1/me/sessions' });
    expect(list.json().items).toHaveLength(2);
    const other = list.json().items.find((s: { current: boolean }) => !s.current);
    const stranger = await buildUser(env);
    expect((await stranger.request({ method: 'POST', url: `/api/v1/me/sessions/${other.id}/revoke` })).statusCode).toBe(404);
    expect((await user.request({ method: 'POST', url: `/api/v1/me/sessions/${other.id}/revoke` })).statusCode).toBe(200);
    expect((await request(env, { method: 'GET', url: '/api/v1/me' }, second)).statusCode).toBe(401);
    expect((await user.request({ method: 'POST', url: '/api/v1/me/sessions/not-a-uuid/revoke' })).statusCode).toBe(400);
  });

  it('changes the password, signs out other sessions, refuses a wrong current password or a weak one', async () => {
    const user = await buildUser(env);
    const other = await login(env, user.phone);
    const wrong = await user.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'nope-1234', newPassword: 'newpass123' } });
    expect(wrong.statusCode).toBe(400);
    const weak = await user.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'aaaaaaaa' } });
    expect(weak.statusCode).toBe(400);
    const ok = await user.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'newpass123' } });
    expect(ok.statusCode).toBe(200);
    expect((await request(env, { method: 'GET', url: '/api/v1/me' }, other)).statusCode).toBe(401);
    expect((await user.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    await expect(login(env, user.phone, 'newpass123')).resolves.toMatch(/^test\./);
    const unauth = await env.app.inject({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'a', newPassword: 'b' } });
    expect(unauth.statusCode).toBe(401);
  });

  it('PATCH /me switches the locale', async () => {
    const user = await buildUser(env);
    const res = await user.request({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().locale).toBe('en');
    expect((await user.request({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'fr' } })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'en' } })).statusCode).toBe(401);
  });
});
