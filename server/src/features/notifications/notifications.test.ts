import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewNotification } from '../../platform/notifications/notifier.js';
import { buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';

type User = Awaited<ReturnType<typeof buildUser>>;

let env: TestEnv;
let alice: User;
let bob: User;
beforeAll(async () => {
  env = await createTestEnv();
  alice = await buildUser(env, { name: '甲' });
  bob = await buildUser(env, { name: '乙' });
});
afterAll(async () => {
  // fetch (undici) opens a spare connection after an aborted request; Node counts a connection that never sent
  // a request as neither idle nor busy, so server.close() would wait for headersTimeout (60 s). Drop them.
  env.app.server.closeAllConnections();
  await env.close();
});

const notify = (user: User, n: Partial<NewNotification> = {}) => env.notifier.notify(env.sys, { userIds: [user.id], kind: 'test', title: '测试通知', ...n });
const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((n) => n.id);

describe('401 without a session', () => {
  it.each([
    ['GET', '/api/v1/notifications'],
    ['GET', '/api/v1/notifications/unread-count'],
    ['POST', '/api/v1/notifications/00000000-0000-7000-8000-000000000000/read'],
    ['POST', '/api/v1/notifications/read-all'],
    ['GET', '/api/v1/notifications/stream'],
  ] as const)('%s %s', async (method, url) => {
    const res = await env.app.inject({ method, url });
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});

describe('400 on bad input', () => {
  it.each([
    ['GET', '/api/v1/notifications?limit=0'],
    ['GET', '/api/v1/notifications?unread=maybe'],
    ['GET', '/api/v1/notifications?colour=red'],
    ['GET', `/api/v1/notifications?cursor=${Buffer.from('not-an-id').toString('base64url')}`],
    ['POST', '/api/v1/notifications/not-a-uuid/read'],
  ] as const)('%s %s', async (method, url) => {
    const res = await alice.request({ method, url });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION');
  });

  it('GET /notifications/stream with a Last-Event-ID that is not an id', async () => {
    const res = await alice.request({ method: 'GET', url: '/api/v1/notifications/stream', headers: { 'last-event-id': 'yesterday' } });
    expect(res.statusCode).toBe(400);
  });
});

describe('the inbox', () => {
  it('lists my notifications newest first, pages, filters, counts and marks read; never someone else’s', async () => {
    const user = await buildUser(env);
    await notify(user, { title: '一', kind: 'case.dispatched', body: '正文', link: '/cases/1' });
    await notify(user, { title: '二' });
    await notify(user, { title: '三' });
    await notify(bob, { title: '乙的通知' });

    const all = await user.request({ method: 'GET', url: '/api/v1/notifications' });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((n: { title: string }) => n.title)).toEqual(['三', '二', '一']);
    expect(all.json().items[2]).toMatchObject({ kind: 'case.dispatched', body: '正文', link: '/cases/1', readAt: null });
    expect(all.json().items[2].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const page1 = await user.request({ method: 'GET', url: '/api/v1/notifications?limit=2' });
    expect(page1.json().items).toHaveLength(2);
    const page2 = await user.request({ method: 'GET', url: `/api/v1/notifications?limit=2&cursor=${page1.json().nextCursor}` });
    expect(page2.json()).toMatchObject({ nextCursor: null });
    expect([...ids(page1), ...ids(page2)]).toEqual(ids(all));

    expect((await user.request({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json()).toEqual({ count: 3 });
    const oldest = ids(all)[2]!;
    const read = await user.request({ method: 'POST', url: `/api/v1/notifications/${oldest}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const again = await user.request({ method: 'POST', url: `/api/v1/notifications/${oldest}/read` });
    expect(again.json().readAt).toBe(read.json().readAt); // the first read time is kept

    expect((await user.request({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json()).toEqual({ count: 2 });
    expect(ids(await user.request({ method: 'GET', url: '/api/v1/notifications?unread=true' }))).toEqual(ids(all).slice(0, 2));
    expect(ids(await user.request({ method: 'GET', url: '/api/v1/notifications?unread=false' }))).toEqual([oldest]);

    const all2 = await user.request({ method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(all2.statusCode).toBe(200);
    expect(all2.json()).toEqual({ count: 2 });
    expect((await user.request({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json()).toEqual({ count: 0 });
    expect((await bob.request({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count).toBeGreaterThanOrEqual(1);
  });

  it('404 when marking someone else’s notification or one that does not exist; read-all touches only mine', async () => {
    await notify(bob, { title: '乙的私信' });
    const bobs = await bob.request({ method: 'GET', url: '/api/v1/notifications?unread=true' });
    const theirs = ids(bobs)[0]!;
    const res = await alice.request({ method: 'POST', url: `/api/v1/notifications/${theirs}/read` });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect((await alice.request({ method: 'POST', url: '/api/v1/notifications/00000000-0000-7000-8000-000000000000/read' })).statusCode).toBe(404);
    expect(ids(await alice.request({ method: 'GET', url: '/api/v1/notifications' }))).not.toContain(theirs);
    await alice.request({ method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(ids(await bob.request({ method: 'GET', url: '/api/v1/notifications?unread=true' }))).toContain(theirs);
  });
});

/** Reads an SSE response until `predicate` matches the text received so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, state: { text: string }, predicate: (text: string) => boolean, ms = 5000) {
  const decoder = new TextDecoder();
  const deadline = Date.now() + ms;
  while (!predicate(state.text)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out; received:\n${state.text}`);
    const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out; received:\n${state.text}`)), left))]);
    if (chunk.done) throw new Error(`stream ended; received:\n${state.text}`);
    state.text += decoder.decode(chunk.value, { stream: true });
  }
}

const events = (text: string) =>
  text
    .split('\n\n')
    .filter((block) => block.includes('event: notification'))
    .map((block) => ({ id: /^id: (.+)$/m.exec(block)![1], data: JSON.parse(/^data: (.+)$/m.exec(block)![1]!) }));

describe('GET /notifications/stream (Server-Sent Events over a real socket)', () => {
  let base: string;
  beforeAll(async () => {
    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = address;
  });

  it('delivers my new notifications live (not other people’s) and cleans up on disconnect', async () => {
    const user = await buildUser(env);
    const abort = new AbortController();
    const res = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${user.token}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    const state = { text: '' };
    await readUntil(reader, state, (t) => t.includes(': connected'));
    expect(env.notifier.hub.has(env.tenantId, user.id)).toBe(true);

    await notify(bob, { title: '不是给你的' });
    await notify(user, { title: '新工单待签收', link: '/cases/9' });
    await readUntil(reader, state, (t) => events(t).length >= 1);
    const [event] = events(state.text);
    expect(event!.data).toMatchObject({ title: '新工单待签收', link: '/cases/9', readAt: null });
    expect(event!.id).toBe(event!.data.id);
    expect(state.text).not.toContain('不是给你的');

    abort.abort();
    await reader.cancel().catch(() => undefined);
    const deadline = Date.now() + 3000;
    while (env.notifier.hub.has(env.tenantId, user.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(env.notifier.hub.has(env.tenantId, user.id)).toBe(false);
  });

  it('authenticates by the session cookie too, and replays what came after Last-Event-ID', async () => {
    const user = await buildUser(env);
    await notify(user, { title: '旧一' });
    await notify(user, { title: '旧二' });
    await notify(user, { title: '旧三' });
    const [newest, middle, oldest] = ids(await user.request({ method: 'GET', url: '/api/v1/notifications' }));
    const abort = new AbortController();
    const res = await fetch(`${base}/api/v1/notifications/stream`, { headers: { cookie: `linli_session=${user.token}`, 'last-event-id': oldest! }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const state = { text: '' };
    await readUntil(reader, state, (t) => events(t).length >= 2);
    expect(events(state.text).map((e) => e.id)).toEqual([middle, newest]);
    await notify(user, { title: '新的' });
    await readUntil(reader, state, (t) => events(t).length >= 3);
    expect(events(state.text)[2]!.data.title).toBe('新的');
    abort.abort();
    await reader.cancel().catch(() => undefined);
  });

  it('401 over the socket without a session', async () => {
    const res = await fetch(`${base}/api/v1/notifications/stream`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
  });
});

describe('shutdown', () => {
  it('ends open streams so the server can close', async () => {
    const other = await createTestEnv();
    const user = await buildUser(other);
    const base = await other.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${user.token}` } });
    const reader = res.body!.getReader();
    await readUntil(reader, { text: '' }, (t) => t.includes(': connected'));
    await Promise.race([other.close(), new Promise((_, reject) => setTimeout(() => reject(new Error('close hung')), 5000))]);
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
    expect(other.notifier.hub.size).toBe(0);
  });
});
