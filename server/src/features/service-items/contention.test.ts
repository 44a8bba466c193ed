import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { buildManyUsers, buildPublishedItem, buildServiceCommunity } from './service-items.fixtures.js';

/*
 * Bursts over real HTTP connections against a listening server (PGlite: one connection; PostgreSQL with
 * TEST_DATABASE_URL: a pool of 20), many distinct users at once.
 */
let env: TestEnv;
let base: string;
let community: Awaited<ReturnType<typeof buildServiceCommunity>>;
let people: Awaited<ReturnType<typeof buildManyUsers>>;

beforeAll(async () => {
  env = await createTestEnv();
  community = await buildServiceCommunity(env, '争抢社区');
  people = await buildManyUsers(env, 2000, community.community.id);
  // A deep accept backlog: 2,000 connections arrive at once (the default 511 makes the kernel drop some).
  base = await env.app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
});
afterAll(() => env.close());

const post = (token: string, path: string, body?: unknown) =>
  fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { id: string; status: string; userId: string; error?: { code: string } } }));

const counts = async (itemId: string) => {
  const item = await env.db.selectFrom('serviceItems').select(['claimedCount', 'waitlistedCount']).where('id', '=', itemId).executeTakeFirstOrThrow();
  const rows = await env.db.selectFrom('serviceClaims').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).where('itemId', '=', itemId).groupBy('status').execute();
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return { ...item, claimed: by.claimed ?? 0, waitlisted: by.waitlisted ?? 0, cancelled: by.cancelled ?? 0 };
};

describe(`contention (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('2,000 concurrent claims on a capacity-20 item: exactly 20 places, 1,980 waiters, counters equal the rows', async () => {
    const item = await buildPublishedItem(env, community.community.id, { capacity: 20 });
    const results = await Promise.all(people.map((p) => post(p.token, `/service-items/${item.id}/claims`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(results.filter((r) => r.body.status === 'claimed')).toHaveLength(20);
    expect(results.filter((r) => r.body.status === 'waitlisted')).toHaveLength(1980);
    expect(await counts(item.id)).toEqual({ claimedCount: 20, waitlistedCount: 1980, claimed: 20, waitlisted: 1980, cancelled: 0 });
    // a second burst by the same people: every one a duplicate, nothing changes
    const again = await Promise.all(people.slice(0, 300).map((p) => post(p.token, `/service-items/${item.id}/claims`)));
    expect(again.every((r) => r.status === 409 && r.body.error?.code === 'ALREADY_EXISTS')).toBe(true);
    expect(await counts(item.id)).toMatchObject({ claimedCount: 20, waitlistedCount: 1980 });

    // 15 holders cancel at once: exactly the 15 earliest waiters are promoted
    const holders = results.filter((r) => r.body.status === 'claimed').slice(0, 15);
    const cancels = await Promise.all(holders.map((h) => post(people.find((p) => p.id === h.body.userId)!.token, `/claims/${h.body.id}/cancel`, { reason: '临时有事' })));
    expect(cancels.map((c) => c.status)).toEqual(holders.map(() => 200));
    const waitersInOrder = await env.db.selectFrom('serviceClaims').select(['id', 'status', 'promotedAt']).where('itemId', '=', item.id).where('queuedAt', 'is not', null).orderBy('queuedAt').orderBy('id').execute();
    expect(waitersInOrder.slice(0, 15).every((w) => w.status === 'claimed' && w.promotedAt)).toBe(true);
    expect(waitersInOrder.slice(15).every((w) => w.status === 'waitlisted')).toBe(true);
    expect(await counts(item.id)).toEqual({ claimedCount: 20, waitlistedCount: 1965, claimed: 20, waitlisted: 1965, cancelled: 15 });
  }, 120_000);

  it('cancels racing with new claims never leave a waiter behind a free place', async () => {
    const item = await buildPublishedItem(env, community.community.id, { capacity: 5 });
    const first = await Promise.all(people.slice(0, 50).map((p) => post(p.token, `/service-items/${item.id}/claims`)));
    const holders = first.filter((r) => r.body.status === 'claimed');
    const mixed = await Promise.all([
      ...holders.map((h) => post(people.find((p) => p.id === h.body.userId)!.token, `/claims/${h.body.id}/cancel`, { reason: '改期' })),
      ...people.slice(50, 250).map((p) => post(p.token, `/service-items/${item.id}/claims`)),
    ]);
    expect(mixed.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const c = await counts(item.id);
    expect(c.claimedCount).toBe(5);
    expect(c.claimed).toBe(5);
    expect(c.waitlisted).toBe(c.waitlistedCount);
    expect(c.claimed + c.waitlisted + c.cancelled).toBe(250);
  });
});
