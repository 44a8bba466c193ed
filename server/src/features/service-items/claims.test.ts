import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { buildManyUsers, buildPublishedItem, buildServiceCommunity, HOUR, type TestUser } from './service-items.fixtures.js';
import { CLAIM_TRANSITIONS, claimTransition } from './service-items.policy.js';
import { CLAIM_STATUSES } from './service-items.schemas.js';

let clock = Date.parse('2026-12-01T09:00:00+08:00');
let env: TestEnv;
let a: Awaited<ReturnType<typeof buildServiceCommunity>>;
let b: Awaited<ReturnType<typeof buildServiceCommunity>>;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(clock) });
  a = await buildServiceCommunity(env, '甲社区');
  b = await buildServiceCommunity(env, '乙社区');
  alice = await buildUser(env, { name: '爱丽丝', regionId: a.community.id, grants: [{ role: 'member', regionId: a.community.id }] });
  bob = await buildUser(env, { name: '鲍勃', regionId: a.community.id, grants: [{ role: 'resident', regionId: a.community.id }] });
  carol = await buildUser(env, { name: '卡萝', regionId: b.community.id, grants: [{ role: 'member', regionId: b.community.id }] });
});
afterAll(() => env.close());

const claim = (u: { request: TestUser['request'] }, itemId: string, query = '', headers: Record<string, string> = {}) =>
  u.request({ method: 'POST', url: `/api/v1/service-items/${itemId}/claims${query}`, headers });
const cancel = (u: { request: TestUser['request'] }, claimId: string, reason = '临时有事') => u.request({ method: 'POST', url: `/api/v1/claims/${claimId}/cancel`, payload: { reason } });
const itemRow = (id: string) => env.db.selectFrom('serviceItems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const claimRows = (itemId: string) => env.db.selectFrom('serviceClaims').selectAll().where('itemId', '=', itemId).orderBy('claimedAt').orderBy('id').execute();
const countBy = async (itemId: string) => {
  const rows = await claimRows(itemId);
  return Object.fromEntries(CLAIM_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
};

describe('POST /service-items/:id/claims', () => {
  it('401 without a session, 400 on a bad body or id, 404 for an unknown or hidden (draft) item', async () => {
    const item = await buildPublishedItem(env, a.community.id);
    expect((await env.app.inject({ method: 'POST', url: `/api/v1/service-items/${item.id}/claims`, payload: {} })).statusCode).toBe(401);
    expect((await claim(alice, item.id, '?waitlist=yes')).statusCode).toBe(400);
    expect((await claim(alice, item.id, '?extra=1')).statusCode).toBe(400);
    expect((await claim(alice, 'nope')).statusCode).toBe(400);
    expect((await claim(alice, '00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const draft = await a.secretary.request({ method: 'POST', url: '/api/v1/service-items', payload: { communityId: a.community.id, title: '草稿', category: '其他', startsAt: new Date(clock + 5 * HOUR).toISOString(), endsAt: new Date(clock + 6 * HOUR).toISOString(), placeName: '某处', lat: 25.69, lng: 100.16, capacity: 3 } });
    expect(draft.statusCode).toBe(201);
    const res = await claim(alice, draft.json().id);
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it('takes places while free, then waitlists in order; counters match the rows', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 2 });
    const first = await claim(alice, item.id);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'claimed', itemId: item.id, userId: alice.id, waitlistPosition: null });
    expect(first.json().claimedAt).toMatch(/\+08:00$/);
    expect((await claim(bob, item.id)).json().status).toBe('claimed');
    const third = await claim(carol, item.id); // a member of another community may join
    expect(third.statusCode).toBe(201);
    expect(third.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const row = await itemRow(item.id);
    expect([row.claimedCount, row.waitlistedCount]).toEqual([2, 1]);
    const audit = await env.db.selectFrom('auditLog').selectAll().where('targetId', '=', third.json().id).execute();
    expect(audit.map((r) => r.action)).toEqual(['service_claim.created']);
    expect(audit[0]!.regionId).toBe(a.community.id);
    expect(audit[0]!.actorId).toBe(carol.id);
  });

  it('waitlist: false refuses a full item with CAPACITY_FULL and changes nothing', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 1 });
    await claim(alice, item.id);
    const res = await claim(bob, item.id, '?waitlist=false');
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('CAPACITY_FULL');
    expect(res.json().error.message).toBe('该服务名额已满');
    expect(await countBy(item.id)).toMatchObject({ claimed: 1, waitlisted: 0 });
  });

  it('a duplicate claim is 409 ALREADY_EXISTS naming the existing claim; counters untouched', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 1 });
    const first = await claim(alice, item.id);
    const again = await claim(alice, item.id);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('ALREADY_EXISTS');
    expect(again.json().error.message).toBe('您已认领该服务');
    expect(again.json().error.details).toEqual({ claimId: first.json().id, status: 'claimed' });
    await claim(bob, item.id);
    expect((await claim(bob, item.id)).statusCode).toBe(409); // waitlisted duplicates too
    const row = await itemRow(item.id);
    expect([row.claimedCount, row.waitlistedCount]).toEqual([1, 1]);
  });

  it('a retried claim with the same Idempotency-Key has one effect and replays the response', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 3 });
    const headers = { 'idempotency-key': 'claim-retry-0001' };
    const results = await Promise.all([claim(alice, item.id, '', headers), claim(alice, item.id, '', headers), claim(alice, item.id, '', headers)]);
    expect(results.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.statusCode !== 201) expect(errorCode(r)).toBe('IDEMPOTENCY_IN_PROGRESS');
    const replay = await claim(alice, item.id, '', headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(results.find((r) => r.statusCode === 201)!.json().id);
    expect((await claimRows(item.id)).length).toBe(1);
    expect((await itemRow(item.id)).claimedCount).toBe(1);
  });

  it('refuses items that are not published or have started, with Chinese messages', async () => {
    const started = await buildPublishedItem(env, a.community.id, { startsAt: new Date(clock - HOUR).toISOString(), endsAt: new Date(clock + HOUR).toISOString() });
    const res = await claim(alice, started.id);
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('INVALID_TRANSITION');
    expect(res.json().error.message).toBe('服务已开始，不能再认领');
    const closed = await buildPublishedItem(env, a.community.id);
    await a.secretary.request({ method: 'POST', url: `/api/v1/service-items/${closed.id}/close` });
    const onClosed = await claim(alice, closed.id);
    expect(onClosed.statusCode).toBe(409);
    expect(onClosed.json().error.message).toBe('服务已停止认领，不能认领');
  });

  describe('eligibility', () => {
    it('party members only: a non-member gets 403 NOT_ELIGIBLE with a clear message; a member gets a place', async () => {
      const item = await buildPublishedItem(env, a.community.id, { eligibility: { kind: 'party_members' } });
      const refused = await claim(bob, item.id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', message: '该服务仅限党员认领', details: { reason: 'NOT_ELIGIBLE' } });
      const [member] = await buildManyUsers(env, 1, a.community.id, { isPartyMember: true });
      expect((await claim(member!, item.id)).json().status).toBe('claimed');
      expect(await countBy(item.id)).toMatchObject({ claimed: 1 });
    });

    it('named units (and organisations below them)', async () => {
      const unit = await buildUnit(env, a.community.id, '大理州税务局');
      const branch = await env.db.selectFrom('organisations').selectAll().where('id', '=', unit.id).executeTakeFirstOrThrow();
      const worker = await buildUser(env, { regionId: a.community.id, units: [unit.id] });
      const item = await buildPublishedItem(env, a.community.id, { eligibility: { kind: 'units', unitIds: [branch.id] } });
      const refused = await claim(bob, item.id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toBe('该服务仅限以下单位人员认领：大理州税务局');
      expect((await claim(worker, item.id)).statusCode).toBe(201);
    });

    it('skills: nobody qualifies until a skill source is registered; then holders of a listed skill do', async () => {
      const { registerSkillSource, unregisterSkillSource } = await import('./eligibility.js');
      const item = await buildPublishedItem(env, a.community.id, { eligibility: { kind: 'skills', skills: ['法律', '医疗'] } });
      const refused = await claim(alice, item.id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toContain('法律、医疗');
      registerSkillSource(async (_ctx, userId) => (userId === alice.id ? ['医疗'] : []));
      try {
        expect((await claim(alice, item.id)).statusCode).toBe(201);
        expect((await claim(bob, item.id)).statusCode).toBe(403);
      } finally {
        unregisterSkillSource();
      }
    });
  });
});

describe('POST /claims/:id/cancel', () => {
  it('401 / 400 / 404 (someone else’s claim) / happy path with promotion of the earliest waiter, notified', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 1 });
    const placed = (await claim(alice, item.id)).json();
    const waiter1 = (await claim(bob, item.id)).json();
    const waiter2 = (await claim(carol, item.id)).json();
    expect(waiter2.waitlistPosition).toBe(2);
    expect((await env.app.inject({ method: 'POST', url: `/api/v1/claims/${placed.id}/cancel`, payload: { reason: 'x' } })).statusCode).toBe(401);
    expect((await alice.request({ method: 'POST', url: `/api/v1/claims/${placed.id}/cancel`, payload: {} })).statusCode).toBe(400);
    expect((await alice.request({ method: 'POST', url: `/api/v1/claims/${placed.id}/cancel`, payload: { reason: '   ' } })).statusCode).toBe(400);
    expect((await cancel(carol, placed.id)).statusCode).toBe(404);

    const res = await cancel(alice, placed.id, '家里有事');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '家里有事' });
    const rows = await claimRows(item.id);
    expect(rows.find((r) => r.id === waiter1.id)!.status).toBe('claimed');
    expect(rows.find((r) => r.id === waiter1.id)!.promotedAt).not.toBeNull();
    expect(rows.find((r) => r.id === waiter2.id)!.status).toBe('waitlisted');
    const row = await itemRow(item.id);
    expect([row.claimedCount, row.waitlistedCount]).toEqual([1, 1]);
    const inbox = await env.db.selectFrom('notifications').selectAll().where('userId', '=', bob.id).where('kind', '=', 'service_claim.promoted').execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.title).toContain('候补成功');
    const detail = await carol.request({ method: 'GET', url: `/api/v1/service-items/${item.id}` });
    expect(detail.json().myClaim).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // cancelling again is an invalid transition
    const again = await cancel(alice, placed.id);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    // and the person may claim again after cancelling (they queue behind carol)
    const reclaim = await claim(alice, item.id);
    expect(reclaim.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('a waiter cancelling frees no place; the cancel deadline binds the holder but not the community worker', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 1, startsAt: new Date(clock + 90 * 60_000).toISOString(), endsAt: new Date(clock + 3 * HOUR).toISOString(), cancelDeadlineMinutes: 120 });
    const placed = (await claim(alice, item.id)).json();
    const waiter = (await claim(bob, item.id)).json();
    const late = await cancel(alice, placed.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('已过取消截止时间（开始前 120 分钟），请联系社区工作者');
    expect((await cancel(bob, waiter.id)).statusCode).toBe(200); // waiters may leave until the start
    expect((await itemRow(item.id)).waitlistedCount).toBe(0);
    const byWorker = await a.secretary.request({ method: 'POST', url: `/api/v1/claims/${placed.id}/cancel`, payload: { reason: '人员调整' } });
    expect(byWorker.statusCode).toBe(200);
    const note = await env.db.selectFrom('notifications').selectAll().where('userId', '=', alice.id).where('kind', '=', 'service_claim.cancelled').execute();
    expect(note).toHaveLength(1);
    expect((await itemRow(item.id)).claimedCount).toBe(0);
    // a worker of another community cannot see it
    expect((await b.secretary.request({ method: 'POST', url: `/api/v1/claims/${placed.id}/cancel`, payload: { reason: 'x' } })).statusCode).toBe(404);
  });

  it('concurrent cancels promote exactly one waiter per freed place', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 10 });
    const people = await buildManyUsers(env, 30, a.community.id);
    const claims = [];
    for (const p of people) claims.push((await claim(p, item.id)).json());
    expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(10);
    const placed = claims.filter((c) => c.status === 'claimed').slice(0, 7);
    const results = await Promise.all(placed.map((c) => cancel(people.find((p) => p.id === c.userId)!, c.id)));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const rows = await claimRows(item.id);
    const promoted = rows.filter((r) => r.promotedAt);
    expect(promoted).toHaveLength(7);
    // the seven earliest waiters, in order
    const waitersInOrder = claims.filter((c) => c.status === 'waitlisted').map((c) => c.id);
    expect(promoted.map((r) => r.id).sort()).toEqual(waitersInOrder.slice(0, 7).sort());
    const counts = await countBy(item.id);
    expect(counts).toMatchObject({ claimed: 10, waitlisted: 13, cancelled: 7 });
    const row = await itemRow(item.id);
    expect([row.claimedCount, row.waitlistedCount]).toEqual([10, 13]);
  });
});

describe('POST /claims/:id/no-show', () => {
  it('401 / 404 for strangers / 403 for the claimant / 409 before the end / happy after the end', async () => {
    const item = await buildPublishedItem(env, a.community.id, { startsAt: new Date(clock + HOUR).toISOString(), endsAt: new Date(clock + 2 * HOUR).toISOString() });
    const c = (await claim(alice, item.id)).json();
    const url = `/api/v1/claims/${c.id}/no-show`;
    expect((await env.app.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await carol.request({ method: 'POST', url })).statusCode).toBe(404);
    expect((await alice.request({ method: 'POST', url })).statusCode).toBe(403);
    const early = await a.secretary.request({ method: 'POST', url });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('服务结束后才能标记缺席');
    clock += 3 * HOUR;
    try {
      const res = await a.secretary.request({ method: 'POST', url });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('no_show');
      expect((await a.secretary.request({ method: 'POST', url })).statusCode).toBe(409);
      expect((await itemRow(item.id)).claimedCount).toBe(1); // a no-show still held the place
    } finally {
      clock -= 3 * HOUR;
    }
  });
});

describe('GET /me/claims', () => {
  it('401; lists my claims by view with the item and waitlist place', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/me/claims' })).statusCode).toBe(401);
    expect((await alice.request({ method: 'GET', url: '/api/v1/me/claims?view=later' })).statusCode).toBe(400);
    const [me] = await buildManyUsers(env, 1, a.community.id);
    const other = await buildManyUsers(env, 1, a.community.id);
    const full = await buildPublishedItem(env, a.community.id, { capacity: 1, title: '满员服务' });
    await claim(other[0]!, full.id);
    const open = await buildPublishedItem(env, a.community.id, { title: '空闲服务' });
    await claim(me!, full.id);
    await claim(me!, open.id);
    const all = await me!.request({ method: 'GET', url: '/api/v1/me/claims' });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((i: { item: { title: string } }) => i.item.title)).toEqual(['空闲服务', '满员服务']);
    const waiting = await me!.request({ method: 'GET', url: '/api/v1/me/claims?view=waitlisted' });
    expect(waiting.json().items).toHaveLength(1);
    expect(waiting.json().items[0].claim).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const upcoming = await me!.request({ method: 'GET', url: '/api/v1/me/claims?view=upcoming' });
    expect(upcoming.json().items.map((i: { item: { title: string } }) => i.item.title)).toEqual(['空闲服务']);
    const done = await me!.request({ method: 'GET', url: '/api/v1/me/claims?view=done' });
    expect(done.json().items).toEqual([]);
    const page = await me!.request({ method: 'GET', url: '/api/v1/me/claims?limit=1' });
    expect(page.json().nextCursor).toBeTruthy();
    const next = await me!.request({ method: 'GET', url: `/api/v1/me/claims?limit=1&cursor=${page.json().nextCursor}` });
    expect(next.json().items[0].item.title).toBe('满员服务');
  });
});

describe('the claim state machine', () => {
  it('allows exactly the transitions in the table', () => {
    const allowed = new Set(Object.entries(CLAIM_TRANSITIONS).flatMap(([action, t]) => t.from.map((from) => `${action}:${from}`)));
    for (const action of Object.keys(CLAIM_TRANSITIONS) as Array<keyof typeof CLAIM_TRANSITIONS>) {
      for (const from of CLAIM_STATUSES) {
        if (allowed.has(`${action}:${from}`)) expect(claimTransition(action, from)).toBe(CLAIM_TRANSITIONS[action].to);
        else expect(() => claimTransition(action, from)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
      }
    }
    expect([...allowed].sort()).toEqual(
      [
        'cancel:claimed', 'cancel:waitlisted', 'promote:waitlisted', 'attend:claimed', 'attend:no_show', 'markNoShow:claimed',
        'itemCancelled:claimed', 'itemCancelled:waitlisted', 'itemCompleted:waitlisted',
      ].sort(),
    );
  });

  it('item cancellation ends every live claim, zeroes the counters and notifies the claimants', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 1 });
    await claim(alice, item.id);
    await claim(bob, item.id);
    const res = await a.secretary.request({ method: 'POST', url: `/api/v1/service-items/${item.id}/cancel`, payload: { reason: '暴雨预警' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', claimedCount: 0, waitlistedCount: 0, cancelReason: '暴雨预警' });
    expect(await countBy(item.id)).toMatchObject({ cancelled: 2, claimed: 0, waitlisted: 0 });
    const notes = await env.db.selectFrom('notifications').select('userId').where('kind', '=', 'service_item.cancelled').where('link', '=', `/services/${item.id}`).execute();
    expect(notes.map((n) => n.userId).sort()).toEqual([alice.id, bob.id].sort());
  });

  it('item completion releases the waitlist and keeps placed claims for no-show marking', async () => {
    const item = await buildPublishedItem(env, a.community.id, { capacity: 1, startsAt: new Date(clock + HOUR).toISOString(), endsAt: new Date(clock + 2 * HOUR).toISOString() });
    await claim(alice, item.id);
    await claim(bob, item.id);
    expect((await a.secretary.request({ method: 'POST', url: `/api/v1/service-items/${item.id}/complete` })).statusCode).toBe(400);
    clock += 3 * HOUR;
    try {
      const res = await a.secretary.request({ method: 'POST', url: `/api/v1/service-items/${item.id}/complete` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'completed', claimedCount: 1, waitlistedCount: 0 });
      expect(await countBy(item.id)).toMatchObject({ claimed: 1, cancelled: 1 });
    } finally {
      clock -= 3 * HOUR;
    }
  });
});
