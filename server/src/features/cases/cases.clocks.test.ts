import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { JOBS } from '../../jobs.js';
import { Scheduler } from '../../platform/scheduler/scheduler.js';
import { systemActor } from '../../platform/policy.js';
import { updateCategory } from '../case-catalog/update-category.js';
import { categoryByCode, buildCaseFixture, caseHelpers, notificationsOf, type CaseFixture } from './cases.fixtures.js';
import { runCaseClocks } from './run-case-clocks.js';

// 2025: 国庆节、中秋节 1–8 October off; Sunday 28 September and Saturday 11 October are make-up workdays.
let clock = new Date('2025-09-30T10:00:00+08:00');
const at = (iso: string) => (clock = new Date(iso));
let env: TestEnv;
let f: CaseFixture;
let h: ReturnType<typeof caseHelpers>;
beforeAll(async () => {
  env = await createTestEnv({ now: () => clock, config: { sessionTtlHours: 24 * 60 } });
  f = await buildCaseFixture(env);
  h = caseHelpers(env, f);
  await updateCategory({ ctx: env.sys, input: { id: f.exposed.id, changes: { limits: { sign: { workingHours: 2 }, handle: { workingDays: 3 }, verify: { workingHours: 4 } } } } });
});
afterAll(() => env.close());

const events = (caseId: string, action: string) =>
  env.db.selectFrom('caseEvents').select(['action', 'data']).where('caseId', '=', caseId).where('action', '=', action).orderBy('id').execute();
/** The notifications of one kind a person received about one case. */
const told = async (userId: string, kind: string, caseId: string) => (await notificationsOf(env, userId, kind)).filter((n) => n.link === `/cases/${caseId}`);
const tick = () => runCaseClocks({ ctx: { ...env.sys, actor: systemActor() }, input: { now: clock } });

describe('deadlines in the working calendar', () => {
  it('sign, handle and verify deadlines run across 国庆 and its make-up Saturday', async () => {
    at('2025-09-30T10:00:00+08:00');
    const c = await h.dispatched();
    expect(c.clock).toMatchObject({ name: 'sign', dueAt: '2025-09-30T12:00:00+08:00' });
    at('2025-09-30T11:00:00+08:00');
    const s = h.ok(await h.act(f.handlerCg, c.id, 'sign'));
    // three working days after 30 Sept: 9 Oct, 10 Oct and the make-up Saturday 11 Oct (close of office hours)
    expect(s.clock).toMatchObject({ name: 'handle', basis: 'working', dueAt: '2025-10-11T18:00:00+08:00' });
    at('2025-10-11T17:00:00+08:00');
    const d = h.ok(await h.act(f.handlerCg, c.id, 'handle', { note: '已清理', evidence: [await h.photo(f.handlerCg)] }));
    // four working hours from Saturday 17:00: one that day, three from Monday 13 Oct 08:30
    expect(d.clock).toMatchObject({ name: 'verify', dueAt: '2025-10-13T11:30:00+08:00' });
    expect(d.late).toEqual({ sign: false, handle: false, verify: false });
    expect(d.deadlines).toEqual({ sign: '2025-09-30T12:00:00+08:00', handle: '2025-10-11T18:00:00+08:00', verify: '2025-10-13T11:30:00+08:00' });
  });

  it('a case dispatched on the Saturday before the make-up Sunday is due on that Sunday', async () => {
    at('2025-09-27T16:00:00+08:00');
    const c = await h.dispatched();
    expect(c.clock.dueAt).toBe('2025-09-28T10:30:00+08:00');
  });

  it('urgent categories count natural minutes straight through the holiday', async () => {
    at('2025-10-03T09:00:00+08:00');
    const cover = await categoryByCode(env, 'C0101'); // 上水井盖: sign 10 min, handle 120 min
    const c = h.ok(await h.report(f.grid, { channel: 'grid', categoryId: cover.id }), 201);
    expect(c).toMatchObject({ urgency: 'urgent', status: 'dispatched', clock: { basis: 'natural', dueAt: '2025-10-03T09:10:00+08:00' } });
  });

  it('stopping a clock after its deadline marks the stage late', async () => {
    at('2025-10-13T09:00:00+08:00');
    const c = await h.dispatched();
    at('2025-10-13T11:30:00+08:00');
    const s = h.ok(await h.act(f.handlerCg, c.id, 'sign'));
    expect(s.late.sign).toBe(true);
  });
});

describe('warnings at 50, 80 and 100 %', () => {
  it('each level is sent to the handler once and recorded; at 100 % the stage is late and the desk is told too', async () => {
    at('2025-10-13T09:00:00+08:00'); // Monday; sign due 11:00
    const c = await h.dispatched();
    at('2025-10-13T09:59:00+08:00');
    await tick();
    expect(await events(c.id, 'warn')).toHaveLength(0);
    at('2025-10-13T10:00:00+08:00');
    await tick();
    await tick();
    expect((await events(c.id, 'warn')).map((e) => (e.data as { level: number }).level)).toEqual([50]);
    at('2025-10-13T10:36:00+08:00');
    await tick();
    at('2025-10-13T11:00:00+08:00');
    await tick();
    await tick();
    expect((await events(c.id, 'warn')).map((e) => (e.data as { level: number }).level)).toEqual([50, 80, 100]);
    expect((await told(f.handlerCg.id, 'case.warning', c.id)).map((n) => n.title)).toEqual(['工单签收时限已用 50%', '工单签收时限已用 80%', '工单签收已超时']);
    expect(await told(f.dispatcherA.id, 'case.warning', c.id)).toHaveLength(1);
    const row = await env.db.selectFrom('cases').select(['warnedLevel', 'signLate', 'nextWarningAt']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ warnedLevel: 100, signLate: true, nextWarningAt: null });
    at('2025-10-13T11:01:00+08:00');
    const view = h.ok(await h.get(f.handlerCg, c.id));
    expect(view).toMatchObject({ overdue: true, late: { sign: true }, clock: { level: 100 } });
    expect(view.timeline.slice(-2)).toMatchObject([
      { action: 'warn', actionName: '时限预警', actorId: null },
      { action: 'escalate', actionName: '自动升级', actorId: null },
    ]);
  });

  it('a new clock starts its warnings afresh', async () => {
    at('2025-10-14T09:00:00+08:00');
    const c = await h.dispatched();
    at('2025-10-14T10:30:00+08:00');
    await tick(); // 75 % of the sign clock: the 50 % warning
    const s = h.ok(await h.act(f.handlerCg, c.id, 'sign'));
    expect(s.warnedLevel).toBe(0);
    const row = await env.db.selectFrom('cases').select(['nextWarningLevel', 'nextWarningAt']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.nextWarningLevel).toBe(50);
  });
});

describe('automatic escalation', () => {
  it('fires each level exactly once with two schedulers ticking at the same moments: subdistrict, city, prefecture', async () => {
    at('2025-10-15T09:00:00+08:00'); // Wednesday; sign due 11:00; levels at 1×, 1.5× and 2× the allowance
    const c = await h.dispatched();
    const job = JOBS.find((j) => j.name === 'cases.clocks')!;
    const servers = [new Scheduler({ ...env.sys, now: () => clock }, [job]), new Scheduler({ ...env.sys, now: () => clock }, [job])];
    const tickBoth = () => Promise.all(servers.map((s) => s.tick()));
    await tickBoth();
    expect(await events(c.id, 'escalate')).toHaveLength(0);

    at('2025-10-15T11:01:00+08:00');
    await tickBoth();
    await tickBoth();
    let escalations = await events(c.id, 'escalate');
    expect(escalations.map((e) => e.data)).toEqual([expect.objectContaining({ level: 1, regionId: f.a.subdistrict.id, clock: 'sign' })]);
    expect(await told(f.dispatcherA.id, 'case.escalated', c.id)).toHaveLength(1);

    at('2025-10-15T12:02:00+08:00'); // 3 working hours after 09:00 = 12:00
    await tickBoth();
    escalations = await events(c.id, 'escalate');
    expect(escalations.map((e) => (e.data as { level: number }).level)).toEqual([1, 2]);
    expect((escalations[1]!.data as { regionId: string }).regionId).toBe(f.city.id);
    expect(await told(f.cityDispatcher.id, 'case.escalated', c.id)).toHaveLength(1);
    expect(await told(f.leader.id, 'case.escalated', c.id)).toHaveLength(1);

    at('2025-10-15T15:31:00+08:00'); // 4 working hours: 09:00–12:00 and 14:30–15:30
    await tickBoth();
    at('2025-10-16T15:31:00+08:00');
    await tickBoth();
    escalations = await events(c.id, 'escalate');
    expect(escalations.map((e) => (e.data as { level: number; regionId: string }).level)).toEqual([1, 2, 3]);
    expect((escalations[2]!.data as { regionId: string }).regionId).toBe(env.rootId);
    const view = h.ok(await h.get(f.dispatcherA, c.id));
    expect(view).toMatchObject({ escalationLevel: 3, escalatedRegionId: env.rootId, escalatedRegionName: '测试州' });
    expect(await told(f.handlerCg.id, 'case.escalated', c.id)).toHaveLength(3);
  });

  it('two clock passes racing without the job lease still fire each level once (the per-level conditional update)', async () => {
    at('2025-10-20T09:00:00+08:00');
    const c = await h.dispatched();
    at('2025-10-21T09:00:00+08:00');
    await Promise.all([tick(), tick(), tick()]);
    expect((await events(c.id, 'escalate')).map((e) => (e.data as { level: number }).level)).toEqual([1, 2, 3]);
    expect((await events(c.id, 'warn')).map((e) => (e.data as { level: number }).level)).toEqual([100]);
  });

  it('catches up after an outage: one pass fires every level reached, in order, and warns once at the level reached', async () => {
    at('2025-10-22T09:00:00+08:00');
    const c = await h.dispatched();
    const job = JOBS.find((j) => j.name === 'cases.clocks')!;
    const server = new Scheduler({ ...env.sys, now: () => clock }, [job]);
    await server.tick();
    at('2025-10-22T10:05:00+08:00');
    await server.tick();
    expect((await events(c.id, 'warn')).map((e) => (e.data as { level: number }).level)).toEqual([50]);
    at('2025-10-24T09:00:00+08:00'); // two days down
    await server.tick();
    const timeline = h.ok(await h.get(f.dispatcherA, c.id)).timeline.map((e: { action: string; data: { level?: number } | null }) => `${e.action}${e.data?.level ?? ''}`);
    expect(timeline.slice(-4)).toEqual(['warn100', 'escalate1', 'escalate2', 'escalate3']);
    const row = await env.db.selectFrom('cases').select(['escalationLevel', 'nextEscalationAt', 'signLate']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ escalationLevel: 3, nextEscalationAt: null, signLate: true });
  });

  it('an approved extension moves the next escalation to the new deadline; levels already fired stay fired', async () => {
    at('2025-10-27T09:00:00+08:00');
    const c = await h.signed(); // handle due Thursday 30 Oct 18:00
    h.ok(await h.act(f.handlerCg, c.id, 'request_extension', { reason: '需调机械', extensionUntil: '2025-11-04T18:00:00+08:00' }));
    h.ok(await h.act(f.dispatcherA, c.id, 'approve_extension'));
    const row = await env.db.selectFrom('cases').select(['dueAt', 'nextEscalationAt', 'nextEscalationLevel']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.dueAt?.toISOString()).toBe('2025-11-04T10:00:00.000Z');
    expect(row.nextEscalationAt?.toISOString()).toBe('2025-11-04T10:00:00.000Z');
    expect(row.nextEscalationLevel).toBe(1);
    at('2025-10-31T09:00:00+08:00'); // past the original deadline, before the new one
    await tick();
    expect(await events(c.id, 'escalate')).toHaveLength(0);
  });

  it('a suspended (挂账) case is not warned or escalated', async () => {
    at('2025-11-03T09:00:00+08:00');
    const c = await h.signed();
    h.ok(await h.act(f.dispatcherA, c.id, 'suspend', { reason: '需立项' }));
    at('2025-11-20T09:00:00+08:00');
    await tick();
    expect(await events(c.id, 'warn')).toHaveLength(0);
    expect(await events(c.id, 'escalate')).toHaveLength(0);
  });
});
