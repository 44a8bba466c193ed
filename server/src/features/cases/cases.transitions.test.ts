import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { updateCategory } from '../case-catalog/update-category.js';
import { DEFAULT_CASE_TYPE } from './default-case-type.js';
import { buildCaseFixture, caseHelpers, expectSummaryEqualsRecount, notificationsOf, type CaseFixture } from './cases.fixtures.js';

// Monday 2 March 2026, 10:00 in Shanghai: a plain working week.
const now = new Date('2026-03-02T10:00:00+08:00');
let env: TestEnv;
let f: CaseFixture;
let h: ReturnType<typeof caseHelpers>;
beforeAll(async () => {
  env = await createTestEnv({ now: () => now });
  f = await buildCaseFixture(env);
  h = caseHelpers(env, f);
});
afterAll(() => env.close());

const actions = (c: { timeline: Array<{ action: string }> }) => c.timeline.map((e) => e.action);

describe('intake', () => {
  it('a resident reports: reported, the timeline starts, the subdistrict dispatch desk is told', async () => {
    const c = h.ok(await h.report(f.resident, { lat: 25.6, lng: 100.2, address: '人民路口' }), 201);
    expect(c).toMatchObject({ status: 'reported', statusName: '已上报', typeCode: 'default', typeVersion: 1, reporterName: '甲居民', communityId: f.a.community.id, subdistrictId: f.a.subdistrict.id, clock: null });
    expect(actions(c)).toEqual(['report']);
    expect(c.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual(['comment', 'withdraw']);
    expect(await notificationsOf(env, f.dispatcherA.id, 'case.reported')).toHaveLength(1);
    expect(await notificationsOf(env, f.dispatcherB.id, 'case.reported')).toHaveLength(0);
  });

  it('a grid worker reporting on duty files at once, and filing dispatches by the duty matrix (class 市容环境 → 城管)', async () => {
    const c = h.ok(await h.report(f.grid, { channel: 'grid' }), 201);
    expect(c).toMatchObject({ status: 'dispatched', leadDepartmentId: f.chengguan.id, dispatchBasis: 'matrix', clock: { name: 'sign', basis: 'working' } });
    expect(c.timeline.map((e: { action: string; actorName: string | null }) => [e.action, e.actorName])).toEqual([
      ['report', '甲网格员'],
      ['file', '甲网格员'],
      ['dispatch', null],
    ]);
    // E0102 takes the sign limit of its class E01 (1 working hour): Monday 10:00 → 11:00.
    expect(c.clock.dueAt).toBe('2026-03-02T11:00:00+08:00');
    expect(await notificationsOf(env, f.handlerCg.id, 'case.dispatch')).not.toHaveLength(0);
  });

  it('a resident cannot file directly by claiming a staff channel', async () => {
    const c = h.ok(await h.report(f.resident, { channel: 'grid' }), 201);
    expect(c.status).toBe('reported');
  });

  it('without a duty-matrix entry or owning department, filing dispatches to the subdistrict (属地兜底), whose desk handles it', async () => {
    const c = h.ok(await h.report(f.resident, { categoryId: f.trafficLight.id }), 201);
    const d = h.ok(await h.act(f.dispatcherA, c.id, 'file'));
    expect(d).toMatchObject({ status: 'dispatched', leadDepartmentId: null, responsibleRegionId: f.a.subdistrict.id, responsibleRegionName: '甲社区所在街道', dispatchBasis: 'territorial' });
    expect(d.allowedActions.map((a: { action: string }) => a.action)).toContain('sign');
    expect((await h.act(f.cityDispatcher, c.id, 'sign')).statusCode).toBe(403); // the city desk is not the subdistrict
    const ret = await h.act(f.dispatcherA, c.id, 'return', { reason: '不归我们' });
    expect(ret.statusCode).toBe(409); // 兜底 cannot be returned
    expect(errorCode(ret)).toBe('INVALID_TRANSITION');
    const onward = h.ok(await h.act(f.dispatcherA, c.id, 'dispatch', { departmentId: f.huanwei.id }));
    expect(onward).toMatchObject({ leadDepartmentId: f.huanwei.id, responsibleRegionId: null, dispatchBasis: 'manual' });
    const row = await env.db.selectFrom('cases').select(['firstDispatchWrong', 'dispatchCount']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ firstDispatchWrong: false, dispatchCount: 2 }); // handing on from 兜底 is not a wrong dispatch
  });

  it('the category’s owning department is next after the matrix; above subdistrict level nobody is found and the case waits, filed', async () => {
    await updateCategory({ ctx: env.sys, input: { id: f.trafficLight.id, changes: { ownerDepartmentId: f.huanwei.id } } });
    const owned = h.ok(await h.report(f.grid, { channel: 'grid', categoryId: f.trafficLight.id }), 201);
    expect(owned).toMatchObject({ status: 'dispatched', leadDepartmentId: f.huanwei.id, dispatchBasis: 'owner' });
    await updateCategory({ ctx: env.sys, input: { id: f.trafficLight.id, changes: { ownerDepartmentId: null } } });
    const high = h.ok(await h.report(f.cityDispatcher, { channel: 'staff', categoryId: f.trafficLight.id, regionId: f.city.id }), 201);
    expect(high).toMatchObject({ status: 'filed', leadDepartmentId: null });
  });
});

describe('file and reject', () => {
  it('the dispatcher of the place files; other desks do not see it (404); the reporter may not (403); twice is 409', async () => {
    const c = h.ok(await h.report(f.resident), 201);
    expect((await h.act(f.dispatcherB, c.id, 'file')).statusCode).toBe(404);
    expect((await h.act(f.handlerCg, c.id, 'file')).statusCode).toBe(404);
    expect((await h.act(f.resident, c.id, 'file')).statusCode).toBe(403);
    expect((await h.act(f.leader, c.id, 'file')).statusCode).toBe(403);
    const filed = h.ok(await h.act(f.dispatcherA, c.id, 'file'));
    expect(filed.status).toBe('dispatched');
    expect(filed.filedAt).toBe('2026-03-02T10:00:00+08:00');
    const again = await h.act(f.dispatcherA, c.id, 'file');
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    expect(again.json().error.message).toContain('不能立案');
    expect(await notificationsOf(env, f.resident.id, 'case.file')).not.toHaveLength(0);
  });

  it('reject needs a reason and ends the case; nothing moves it afterwards', async () => {
    const c = h.ok(await h.report(f.resident), 201);
    expect((await h.act(f.dispatcherA, c.id, 'reject')).statusCode).toBe(400);
    const r = h.ok(await h.act(f.dispatcherA, c.id, 'reject', { reason: '不属于城市管理范围' }));
    expect(r).toMatchObject({ status: 'rejected', allowedActions: [] });
    expect(r.timeline[1]).toMatchObject({ action: 'reject', data: { reason: '不属于城市管理范围' } });
    expect((await h.act(f.dispatcherA, c.id, 'file')).statusCode).toBe(409);
    expect((await h.act(f.resident, c.id, 'withdraw')).statusCode).toBe(409);
  });

  it('an action the type does not have is 400; a field the action does not take is 400', async () => {
    const c = h.ok(await h.report(f.resident), 201);
    expect((await h.act(f.dispatcherA, c.id, 'teleport')).statusCode).toBe(400);
    expect((await h.act(f.dispatcherA, c.id, 'file', { closeReason: 'resolved' })).statusCode).toBe(400);
  });
});

describe('dispatch, co-handlers and returns', () => {
  it('a manual re-dispatch before signing overrides the automatic one and counts against the first dispatch; co-handlers see and comment', async () => {
    const c = await h.dispatched();
    expect((await h.act(f.dispatcherA, c.id, 'dispatch', {})).statusCode).toBe(400);
    expect((await h.act(f.dispatcherA, c.id, 'dispatch', { departmentId: f.a.community.id })).statusCode).toBe(400);
    expect((await h.act(f.handlerCg, c.id, 'dispatch', { departmentId: f.huanwei.id })).statusCode).toBe(403);
    const d = h.ok(await h.act(f.dispatcherA, c.id, 'dispatch', { departmentId: f.huanwei.id, coDepartmentIds: [f.yuanlin.id] }));
    expect(d).toMatchObject({ leadDepartmentId: f.huanwei.id, dispatchBasis: 'manual', counts: { dispatch: 2 }, coHandlers: [{ id: f.yuanlin.id, name: '市园林局' }] });
    expect((await h.get(f.handlerCg, c.id)).statusCode).toBe(404);
    expect((await h.get(f.handlerHw, c.id)).statusCode).toBe(200);
    expect((await h.act(f.handlerYl, c.id, 'sign')).statusCode).toBe(403);
    h.ok(await h.act(f.handlerYl, c.id, 'comment', { note: '园林配合清运' }));
    expect((await h.act(f.handlerYl, c.id, 'comment', {})).statusCode).toBe(400);
    const row = await env.db.selectFrom('cases').select('firstDispatchWrong').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.firstDispatchWrong).toBe(true);
  });

  it('the lead department returns a wrongly dispatched case with a reason; it goes back for re-dispatch and leaves their view', async () => {
    const c = await h.dispatched();
    expect((await h.act(f.dispatcherA, c.id, 'return', { reason: 'x' })).statusCode).toBe(403);
    expect((await h.act(f.handlerCg, c.id, 'return')).statusCode).toBe(400);
    const r = h.ok(await h.act(f.handlerCg, c.id, 'return', { reason: '属于环卫职责' }));
    expect(r).toMatchObject({ status: 'returned', leadDepartmentId: null, clock: null, counts: { return: 1 } });
    expect(await notificationsOf(env, f.dispatcherA.id, 'case.return')).not.toHaveLength(0);
    expect((await h.get(f.handlerCg, c.id)).statusCode).toBe(404);
    const again = h.ok(await h.act(f.dispatcherA, c.id, 'dispatch', { departmentId: f.huanwei.id }));
    expect(again).toMatchObject({ status: 'dispatched', leadDepartmentId: f.huanwei.id, clock: { name: 'sign' } });
    const signed = h.ok(await h.act(f.handlerHw, c.id, 'sign'));
    const back = h.ok(await h.act(f.handlerHw, signed.id, 'return', { reason: '还是不对' })); // a signed case may be returned too
    expect(back.status).toBe('returned');
  });

  it('dismiss closes a duplicate or out-of-scope report before dispatch, not after', async () => {
    const c = h.ok(await h.report(f.resident), 201);
    expect((await h.act(f.dispatcherA, c.id, 'dismiss', { reason: '重复' })).statusCode).toBe(400);
    expect((await h.act(f.dispatcherA, c.id, 'dismiss', { reason: '重复', closeReason: 'resolved' })).statusCode).toBe(400);
    const d = h.ok(await h.act(f.dispatcherA, c.id, 'dismiss', { reason: '与上一件重复', closeReason: 'duplicate' }));
    expect(d).toMatchObject({ status: 'closed', closeReason: 'duplicate' });
    const dispatched = await h.dispatched();
    expect((await h.act(f.dispatcherA, dispatched.id, 'dismiss', { reason: 'x', closeReason: 'duplicate' })).statusCode).toBe(409);
  });

  it('the lead handler or the desk adds a co-handling department once', async () => {
    const c = await h.signed();
    const added = h.ok(await h.act(f.handlerCg, c.id, 'add_co_handler', { departmentId: f.huanwei.id }));
    expect(added.coHandlers.map((x: { id: string }) => x.id)).toEqual([f.huanwei.id]);
    expect(await notificationsOf(env, f.handlerHw.id, 'case.add_co_handler')).not.toHaveLength(0);
    expect((await h.act(f.dispatcherA, c.id, 'add_co_handler', { departmentId: f.huanwei.id })).statusCode).toBe(409);
    expect((await h.act(f.dispatcherA, c.id, 'add_co_handler', { departmentId: f.chengguan.id })).statusCode).toBe(409);
    expect((await h.act(f.handlerHw, c.id, 'add_co_handler', { departmentId: f.yuanlin.id })).statusCode).toBe(403);
  });
});

describe('signing, handling, extensions and suspension', () => {
  it('only the lead department signs; signing stops the sign clock and starts the handle clock', async () => {
    const c = await h.dispatched();
    expect((await h.act(f.dispatcherA, c.id, 'sign')).statusCode).toBe(403);
    expect((await h.act(f.handlerYl, c.id, 'sign')).statusCode).toBe(404);
    const s = h.ok(await h.act(f.handlerCg, c.id, 'sign'));
    // E0102 handle limit: 4 working hours from Monday 10:00 → 16:30 (lunch 12:00–14:30).
    expect(s).toMatchObject({ status: 'signed', signedAt: '2026-03-02T10:00:00+08:00', clock: { name: 'handle', dueAt: '2026-03-02T16:30:00+08:00' } });
    const started = h.ok(await h.act(f.handlerCg, c.id, 'start'));
    expect(started.status).toBe('in_progress');
    expect((await h.act(f.handlerCg, c.id, 'start')).statusCode).toBe(409);
  });

  it('an extension is asked with a reason and a later deadline, approved or denied by the desk, and moves the deadline', async () => {
    const c = await h.signed();
    const until = '2026-03-04T18:00:00+08:00';
    expect((await h.act(f.handlerCg, c.id, 'request_extension', { reason: '需调机械' })).statusCode).toBe(400);
    expect((await h.act(f.handlerCg, c.id, 'request_extension', { reason: '需调机械', extensionUntil: '2026-03-02T11:00:00+08:00' })).statusCode).toBe(400);
    expect((await h.act(f.dispatcherA, c.id, 'approve_extension')).statusCode).toBe(409); // nothing pending
    h.ok(await h.act(f.handlerCg, c.id, 'request_extension', { reason: '需调机械', extensionUntil: until }));
    expect((await h.act(f.handlerCg, c.id, 'request_extension', { reason: '再延', extensionUntil: until })).statusCode).toBe(409);
    expect((await h.act(f.handlerCg, c.id, 'approve_extension')).statusCode).toBe(403);
    const approved = h.ok(await h.act(f.dispatcherA, c.id, 'approve_extension'));
    expect(approved).toMatchObject({ extensionRequestedUntil: null, counts: { extension: 1 }, clock: { dueAt: until }, deadlines: { handle: until } });
    expect(await notificationsOf(env, f.handlerCg.id, 'case.approve_extension')).not.toHaveLength(0);
    h.ok(await h.act(f.handlerCg, c.id, 'request_extension', { reason: '再延一天', extensionUntil: '2026-03-05T18:00:00+08:00' }));
    expect((await h.act(f.dispatcherA, c.id, 'deny_extension')).statusCode).toBe(400);
    const denied = h.ok(await h.act(f.dispatcherA, c.id, 'deny_extension', { reason: '时限已足' }));
    expect(denied).toMatchObject({ extensionRequestedUntil: null, counts: { extension: 1 }, clock: { dueAt: until } });
  });

  it('挂账 pauses the clock with what is left of it; resuming restarts it from now', async () => {
    const c = await h.signed();
    expect((await h.act(f.dispatcherA, c.id, 'suspend')).statusCode).toBe(400);
    expect((await h.act(f.handlerCg, c.id, 'suspend', { reason: 'x' })).statusCode).toBe(403);
    const s = h.ok(await h.act(f.dispatcherA, c.id, 'suspend', { reason: '需立项' }));
    expect(s).toMatchObject({ status: 'suspended', clock: null, paused: { clock: 'handle', remainingMinutes: 240 } });
    expect((await h.act(f.handlerCg, c.id, 'handle', { note: 'x', evidence: [await h.photo(f.handlerCg)] })).statusCode).toBe(409);
    const r = h.ok(await h.act(f.dispatcherA, c.id, 'resume'));
    expect(r).toMatchObject({ status: 'in_progress', paused: null, clock: { name: 'handle', dueAt: '2026-03-02T16:30:00+08:00' } });
  });

  it('handling needs a note and evidence the handler uploaded; it starts the verify clock', async () => {
    const c = await h.signed();
    expect((await h.act(f.handlerCg, c.id, 'handle', { note: '已清理' })).statusCode).toBe(400);
    const othersPhoto = await h.photo(f.resident);
    expect((await h.act(f.handlerCg, c.id, 'handle', { note: '已清理', evidence: [othersPhoto] })).statusCode).toBe(404);
    const photo = await h.photo(f.handlerCg);
    const d = h.ok(await h.act(f.handlerCg, c.id, 'handle', { note: '已清理', evidence: [photo] }));
    expect(d).toMatchObject({ status: 'handled', clock: { name: 'verify' } });
    expect(d.timeline.at(-1)).toMatchObject({ action: 'handle', note: '已清理', evidence: [photo] });
    expect((await env.db.selectFrom('files').select(['ownerType', 'ownerId']).where('id', '=', photo).executeTakeFirstOrThrow())).toEqual({ ownerType: 'case', ownerId: c.id });
    // the reporter may now see the evidence photo
    expect((await f.resident.request({ method: 'GET', url: `/api/v1/files/${photo}` })).statusCode).toBe(200);
    expect((await f.residentB.request({ method: 'GET', url: `/api/v1/files/${photo}` })).statusCode).toBe(404);
    expect(await notificationsOf(env, f.resident.id, 'case.handle')).not.toHaveLength(0);
  });
});

describe('verification, closing and rating', () => {
  it('a verifier (grid worker of the place) verifies; rework sends it back with a note and restarts the handle clock', async () => {
    const c = await h.handled();
    expect((await h.act(f.handlerCg, c.id, 'verify')).statusCode).toBe(403);
    const v = h.ok(await h.act(f.grid, c.id, 'verify'));
    expect(v.status).toBe('verifying');
    expect((await h.act(f.grid, c.id, 'rework')).statusCode).toBe(400);
    const r = h.ok(await h.act(f.grid, c.id, 'rework', { note: '仍有残留' }));
    expect(r).toMatchObject({ status: 'in_progress', counts: { rework: 1 }, clock: { name: 'handle' } });
    expect(await notificationsOf(env, f.handlerCg.id, 'case.rework')).not.toHaveLength(0);
  });

  it('close needs an allowed reason; withdrawn is not one; closing ends the clocks', async () => {
    const c = await h.verifying();
    expect((await h.act(f.dispatcherA, c.id, 'close')).statusCode).toBe(400);
    expect((await h.act(f.dispatcherA, c.id, 'close', { closeReason: 'withdrawn' })).statusCode).toBe(400);
    expect((await h.act(f.resident, c.id, 'close', { closeReason: 'resolved' })).statusCode).toBe(403);
    const closed = h.ok(await h.act(f.dispatcherA, c.id, 'close', { closeReason: 'resolved' }));
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'resolved', clock: null, closedAt: '2026-03-02T10:00:00+08:00' });
    expect(closed.allowedActions.map((a: { action: string }) => a.action)).toEqual([]);
  });

  it('the reporter rates once at verification or after closing; nobody else rates', async () => {
    const c = await h.verifying();
    expect((await h.act(f.resident, c.id, 'rate')).statusCode).toBe(400);
    expect((await h.act(f.resident, c.id, 'rate', { rating: { solved: true, satisfaction: 6 } })).statusCode).toBe(400);
    expect((await h.act(f.dispatcherA, c.id, 'rate', { rating: { solved: true, satisfaction: 5 } })).statusCode).toBe(403);
    const rated = h.ok(await h.act(f.resident, c.id, 'rate', { rating: { solved: true, satisfaction: 5 } }));
    expect(rated).toMatchObject({ status: 'verifying', rating: { solved: true, satisfaction: 5 } });
    expect((await h.act(f.resident, c.id, 'rate', { rating: { solved: false, satisfaction: 1 } })).statusCode).toBe(409);
    const later = await h.verifying();
    h.ok(await h.act(f.dispatcherA, later.id, 'close', { closeReason: 'resolved' }));
    expect(h.ok(await h.act(f.resident, later.id, 'rate', { rating: { solved: false, satisfaction: 2 } })).rating).toMatchObject({ solved: false });
  });

  it('the reporter withdraws an open case (not a closed one); nobody else may', async () => {
    const c = await h.signed();
    expect((await h.act(f.handlerCg, c.id, 'withdraw')).statusCode).toBe(403);
    const w = h.ok(await h.act(f.resident, c.id, 'withdraw', { reason: '已自行解决' }));
    expect(w).toMatchObject({ status: 'closed', closeReason: 'withdrawn', clock: null });
    expect(await notificationsOf(env, f.handlerCg.id, 'case.withdraw')).not.toHaveLength(0);
    expect((await h.act(f.resident, c.id, 'withdraw')).statusCode).toBe(409);
  });
});

describe('reminders, supervision and appeals', () => {
  it('supervisors remind (催办) and supervise (督办, with a note); the handler is told; others may not', async () => {
    const c = await h.signed();
    expect((await h.act(f.resident, c.id, 'remind')).statusCode).toBe(403);
    expect((await h.act(f.handlerCg, c.id, 'remind')).statusCode).toBe(403);
    h.ok(await h.act(f.leader, c.id, 'remind'));
    h.ok(await h.act(f.dispatcherA, c.id, 'remind', { note: '请尽快处置' }));
    expect((await h.act(f.leader, c.id, 'supervise')).statusCode).toBe(400);
    const s = h.ok(await h.act(f.leader, c.id, 'supervise', { note: '市领导督办' }));
    expect(s).toMatchObject({ status: 'signed', counts: { remind: 2, supervise: 1 } });
    expect(actions(s).slice(-3)).toEqual(['remind', 'remind', 'supervise']);
    expect(await notificationsOf(env, f.handlerCg.id, 'case.remind')).toHaveLength(2);
    expect(await notificationsOf(env, f.handlerCg.id, 'case.supervise')).toHaveLength(1);
    const reported = h.ok(await h.report(f.resident), 201);
    expect((await h.act(f.leader, reported.id, 'remind')).statusCode).toBe(409);
  });

  it('the handler appeals once; a supervisor upholds it (the case leaves the metrics) or dismisses it', async () => {
    const c = await h.handled();
    expect((await h.act(f.handlerCg, c.id, 'appeal')).statusCode).toBe(400);
    expect((await h.act(f.leader, c.id, 'uphold_appeal', { reason: 'x' })).statusCode).toBe(409);
    h.ok(await h.act(f.handlerCg, c.id, 'appeal', { reason: '诉求人恶意重复投诉' }));
    expect((await h.act(f.handlerCg, c.id, 'appeal', { reason: '再诉' })).statusCode).toBe(409);
    expect((await h.act(f.handlerCg, c.id, 'uphold_appeal', { reason: 'x' })).statusCode).toBe(403);
    const up = h.ok(await h.act(f.leader, c.id, 'uphold_appeal', { reason: '经核实属恶意投诉' }));
    expect(up).toMatchObject({ appealStatus: 'upheld', excluded: true, status: 'handled' });
    const d = await h.handled();
    h.ok(await h.act(f.handlerCg, d.id, 'appeal', { reason: '非本部门职责' }));
    const dismissed = h.ok(await h.act(f.dispatcherA, d.id, 'dismiss_appeal', { reason: '属于职责范围' }));
    expect(dismissed).toMatchObject({ appealStatus: 'dismissed', excluded: false });
  });
});

describe('every transition from a state that does not allow it is 409 INVALID_TRANSITION', () => {
  it('for each state of the default type and each action not leaving from it', async () => {
    const inState: Record<string, string> = {};
    inState.reported = h.ok(await h.report(f.resident), 201).id;
    inState.rejected = h.ok(await h.act(f.dispatcherA, h.ok(await h.report(f.resident), 201).id, 'reject', { reason: 'x' })).id;
    inState.filed = h.ok(await h.report(f.cityDispatcher, { channel: 'staff', categoryId: f.trafficLight.id, regionId: f.city.id }), 201).id;
    inState.dispatched = (await h.dispatched()).id;
    inState.returned = h.ok(await h.act(f.handlerCg, (await h.dispatched()).id, 'return', { reason: 'x' })).id;
    inState.signed = (await h.signed()).id;
    inState.in_progress = h.ok(await h.act(f.handlerCg, (await h.signed()).id, 'start')).id;
    inState.suspended = h.ok(await h.act(f.dispatcherA, (await h.signed()).id, 'suspend', { reason: 'x' })).id;
    inState.handled = (await h.handled()).id;
    inState.verifying = (await h.verifying()).id;
    inState.closed = h.ok(await h.act(f.dispatcherA, (await h.verifying()).id, 'close', { closeReason: 'resolved' })).id;
    expect(Object.keys(inState).sort()).toEqual(DEFAULT_CASE_TYPE.states.map((s) => s.code).sort());
    let checked = 0;
    for (const [state, id] of Object.entries(inState)) {
      for (const t of DEFAULT_CASE_TYPE.transitions.filter((x) => !x.from.includes(state))) {
        const res = await h.act(f.admin, id, t.action);
        expect(res.statusCode, `${t.action} from ${state}`).toBe(409);
        expect(errorCode(res)).toBe('INVALID_TRANSITION');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });
});

describe('the metrics summary after every transition above', () => {
  it('equals a recount from scratch', async () => {
    await expectSummaryEqualsRecount(env);
  });
});
