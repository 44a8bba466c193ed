import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { systemActor } from '../../platform/policy.js';
import { buildCaseFixture, caseHelpers, expectSummaryEqualsRecount, type CaseFixture } from './cases.fixtures.js';
import { runCaseClocks } from './run-case-clocks.js';

let clock = new Date('2026-03-02T09:00:00+08:00'); // a Monday; office hours 08:30–12:00, 14:30–18:00
const at = (hhmm: string) => (clock = new Date(`2026-03-02T${hhmm}:00+08:00`));
let env: TestEnv;
let f: CaseFixture;
let h: ReturnType<typeof caseHelpers>;
const ids: Record<string, string> = {};

/**
 * Twelve cases received on Monday 2 March 2026 (E0102 暴露垃圾: sign 1 working hour, handle 4), all reported at
 * 09:00 and, except C10 and C11, filed (and dispatched to 城管) at 09:00:
 *  C1  signed 09:10, handled 09:30, closed resolved 10:00, rated 5 solved                    (60 working minutes)
 *  C2  signed 09:10, handled 09:30, reworked 09:40, handled 10:10, closed resolved 10:30, rated 4 (90)
 *  C3  signed 10:30 (sign due 10:00: late), handled 11:00, closed resolved 11:30, rated 3     (150)
 *  C4  signed 09:10 (handle due 15:40), handled 16:00 (late), closed resolved 16:30, rated 2 unsolved (300)
 *  C5  signed 09:10, extension to 4 March approved, handled 09:30, closed unable 11:00        (120)
 *  C6  signed 09:10, never handled: the 16:00 clock pass marks it late (and escalates it)
 *  C7  returned by 城管 09:10, re-dispatched to 环卫, signed 09:10, handled 12:00 (not closed)
 *  C8  withdrawn by the reporter 09:10 (after dispatch)
 *  C9  signed 09:10, started, appealed 09:30, appeal upheld 09:35 (excluded)
 *  C10 rejected 09:00;  C11 left reported;  C12 signed 09:10, suspended 09:20
 */
beforeAll(async () => {
  env = await createTestEnv({ now: () => clock });
  f = await buildCaseFixture(env);
  h = caseHelpers(env, f);
  const { ok, act, report } = h;
  const evidence = async () => ({ note: '已处置', evidence: [await h.photo(f.handlerCg)] });
  at('09:00');
  for (let i = 1; i <= 12; i++) ids[`C${i}`] = ok(await report(f.resident, { description: `第${i}件` }), 201).id;
  for (const c of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C12']) ok(await act(f.dispatcherA, ids[c]!, 'file'));
  ok(await act(f.dispatcherA, ids.C10!, 'reject', { reason: '不属于受理范围' }));
  at('09:10');
  for (const c of ['C1', 'C2', 'C4', 'C5', 'C6', 'C9', 'C12']) ok(await act(f.handlerCg, ids[c]!, 'sign'));
  ok(await act(f.handlerCg, ids.C7!, 'return', { reason: '属环卫职责' }));
  ok(await act(f.dispatcherA, ids.C7!, 'dispatch', { departmentId: f.huanwei.id }));
  ok(await act(f.handlerHw, ids.C7!, 'sign'));
  ok(await act(f.resident, ids.C8!, 'withdraw'));
  ok(await act(f.handlerCg, ids.C9!, 'start'));
  at('09:20');
  ok(await act(f.handlerCg, ids.C5!, 'request_extension', { reason: '需调机械', extensionUntil: '2026-03-04T18:00:00+08:00' }));
  ok(await act(f.dispatcherA, ids.C12!, 'suspend', { reason: '需立项' }));
  at('09:25');
  ok(await act(f.dispatcherA, ids.C5!, 'approve_extension'));
  at('09:30');
  for (const c of ['C1', 'C2', 'C5']) ok(await act(f.handlerCg, ids[c]!, 'handle', await evidence()));
  ok(await act(f.handlerCg, ids.C9!, 'appeal', { reason: '恶意重复投诉' }));
  at('09:35');
  ok(await act(f.leader, ids.C9!, 'uphold_appeal', { reason: '经核实属恶意投诉' }));
  at('09:40');
  for (const c of ['C1', 'C2', 'C5']) ok(await act(f.grid, ids[c]!, 'verify'));
  ok(await act(f.grid, ids.C2!, 'rework', { note: '仍有残留' }));
  at('10:00');
  ok(await act(f.grid, ids.C1!, 'close', { closeReason: 'resolved' }));
  at('10:10');
  ok(await act(f.handlerCg, ids.C2!, 'handle', await evidence()));
  ok(await act(f.grid, ids.C2!, 'verify'));
  at('10:30');
  ok(await act(f.grid, ids.C2!, 'close', { closeReason: 'resolved' }));
  ok(await act(f.handlerCg, ids.C3!, 'sign'));
  at('11:00');
  ok(await act(f.handlerCg, ids.C3!, 'handle', await evidence()));
  ok(await act(f.grid, ids.C3!, 'verify'));
  ok(await act(f.grid, ids.C5!, 'close', { closeReason: 'unable' }));
  at('11:30');
  ok(await act(f.grid, ids.C3!, 'close', { closeReason: 'resolved' }));
  at('12:00');
  ok(await act(f.handlerHw, ids.C7!, 'handle', { note: '已清运', evidence: [await h.photo(f.handlerHw)] }));
  at('16:00');
  ok(await act(f.handlerCg, ids.C4!, 'handle', await evidence()));
  ok(await act(f.grid, ids.C4!, 'verify'));
  await runCaseClocks({ ctx: { ...env.sys, actor: systemActor() }, input: { now: clock } });
  at('16:30');
  ok(await act(f.grid, ids.C4!, 'close', { closeReason: 'resolved' }));
  at('17:00');
  const ratings: Array<[string, boolean, number]> = [['C1', true, 5], ['C2', true, 4], ['C3', true, 3], ['C4', false, 2]];
  for (const [c, solved, satisfaction] of ratings) ok(await act(f.resident, ids[c]!, 'rate', { rating: { solved, satisfaction } }));
});
afterAll(() => env.close());

const metrics = async (who = f.admin, query = '') => h.ok(await who.request({ method: 'GET', url: `/api/v1/cases/metrics${query}` }));

describe('metrics on the hand-built set', () => {
  it('every counter equals the hand count', async () => {
    const m = await metrics();
    expect(m.counts).toEqual({
      received: 12, excluded: 1, rejected: 1, withdrawn: 1, duplicate: 0, scored: 8, dispatchedRight: 7, responseDue: 8, respondedOnTime: 7,
      handled: 6, reworked: 1, extended: 1, closed: 5, resolved: 3, closedOnTime: 4, firstTimeRight: 3, overdueOpen: 1, suspended: 1, escalated: 1,
      rated: 4, verySatisfied: 1, satisfied: 1, fairlySatisfied: 1, dissatisfied: 1, veryDissatisfied: 0, handlingMinutes: 720,
    });
  });

  it('every rate equals the hand-computed value, and the composite uses 30/35/35 with α = 0.5', async () => {
    const m = await metrics();
    const expected = {
      responseRate: 7 / 8,
      resolutionRate: 3 / 5,
      satisfactionRate: (1 + 1 + 0.5 * 1) / 4,
      closureRate: 5 / 6,
      onTimeClosureRate: 4 / 6,
      reworkRate: 1 / 6,
      extensionRate: 1 / 8,
      firstTimeRightRate: 3 / 5,
      dispatchAccuracy: 7 / 8,
      averageHandlingHours: 720 / 5 / 60,
    };
    expect(Object.keys(m.rates).sort()).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expect(m.rates[k], k).toBeCloseTo(v, 4);
    expect(m.compositeScore).toBeCloseTo(0.3 * 0.875 + 0.35 * 0.6 + 0.35 * 0.625, 3);
  });

  it('lists the excluded case with the reason its appeal was upheld', async () => {
    const m = await metrics();
    expect(m.excluded).toEqual({ count: 1, items: [expect.objectContaining({ id: ids.C9, categoryName: '暴露垃圾', departmentName: '市城管局', reason: '经核实属恶意投诉' })] });
  });

  it('weights and α are tenant settings applied when figures are read', async () => {
    const put = await f.admin.request({ method: 'PUT', url: '/api/v1/cases/settings', payload: { weights: { response: 0.1, resolution: 0.45, satisfaction: 0.45 }, satisfactionAlpha: 1 } });
    h.ok(put);
    const m = await metrics();
    expect(m.rates.satisfactionRate).toBeCloseTo(3 / 4, 4);
    expect(m.compositeScore).toBeCloseTo(0.1 * 0.875 + 0.45 * 0.6 + 0.45 * 0.75, 3);
    expect((await f.admin.request({ method: 'PUT', url: '/api/v1/cases/settings', payload: { weights: { response: 0.5, resolution: 0.35, satisfaction: 0.35 } } })).statusCode).toBe(400);
    expect((await f.dispatcherA.request({ method: 'PUT', url: '/api/v1/cases/settings', payload: { satisfactionAlpha: 0.5 } })).statusCode).toBe(403);
    h.ok(await f.admin.request({ method: 'PUT', url: '/api/v1/cases/settings', payload: { weights: { response: 0.3, resolution: 0.35, satisfaction: 0.35 }, satisfactionAlpha: 0.5 } }));
  });

  it('filters by department (and its handlers read their own), category, region and month', async () => {
    const cg = await metrics(f.admin, `?departmentId=${f.chengguan.id}`);
    expect(cg.counts).toMatchObject({ scored: 7, closed: 5, excluded: 1 });
    const own = await metrics(f.handlerCg, `?departmentId=${f.chengguan.id}`);
    expect(own.counts).toEqual(cg.counts);
    expect((await f.handlerCg.request({ method: 'GET', url: `/api/v1/cases/metrics?departmentId=${f.huanwei.id}` })).statusCode).toBe(403);
    expect((await f.handlerCg.request({ method: 'GET', url: '/api/v1/cases/metrics' })).statusCode).toBe(403);
    expect((await metrics(f.admin, `?categoryId=${f.classE01.id}`)).counts.received).toBe(12);
    const trees = await metrics(f.admin, `?categoryId=${f.classC04.id}`);
    expect(trees.counts.received).toBe(0);
    expect(trees.rates.responseRate).toBeNull();
    expect(trees.compositeScore).toBeNull();
    expect((await metrics(f.dispatcherB)).counts.received).toBe(0); // subdistrict B: nothing received there
    // the same figures from each source: the area summary (subdistrict, community), case_stats (with a category
    // filter) and the cases themselves (a grid lies below both summaries' grain)
    const all = await metrics();
    for (const query of [`?regionId=${f.a.subdistrict.id}`, `?regionId=${f.a.community.id}`, `?regionId=${f.a.subdistrict.id}&categoryId=${f.classE01.id}`, `?regionId=${f.gridA.id}`]) {
      const m = await metrics(f.leader, query);
      expect(m.counts, query).toEqual(all.counts);
      expect(m.rates, query).toEqual(all.rates);
    }
    expect((await f.dispatcherB.request({ method: 'GET', url: `/api/v1/cases/metrics?regionId=${f.a.community.id}` })).statusCode).toBe(404);
    expect((await metrics(f.admin, '?from=2026-03&to=2026-03')).counts.received).toBe(12);
    expect((await metrics(f.admin, '?from=2026-04')).counts.received).toBe(0);
    expect((await f.admin.request({ method: 'GET', url: '/api/v1/cases/metrics?from=2026-04&to=2026-03' })).statusCode).toBe(400);
    expect((await f.admin.request({ method: 'GET', url: '/api/v1/cases/metrics?from=2026-13' })).statusCode).toBe(400);
  });

  it('the summary equals a recount from scratch', async () => {
    const { summary, bySummary } = await expectSummaryEqualsRecount(env);
    expect(summary.length).toBeGreaterThan(1);
    expect(bySummary).toHaveLength(1); // one community, one month
  });
});

describe('rankings and the overview', () => {
  it('ranks departments with enough scored cases by composite score; smaller samples are listed unranked', async () => {
    const r = h.ok(await f.leader.request({ method: 'GET', url: '/api/v1/cases/rankings?period=2026-03&by=department' }));
    expect(r.minSample).toBe(5);
    expect(r.items.map((i: { name: string; rank: number | null }) => [i.name, i.rank])).toEqual([
      ['市城管局', 1],
      ['市环卫处', null],
    ]);
    expect(r.items[0].counts.scored).toBe(7);
    const byCommunity = h.ok(await f.leader.request({ method: 'GET', url: '/api/v1/cases/rankings?period=2026-03&by=community' }));
    expect(byCommunity.items).toEqual([expect.objectContaining({ id: f.a.community.id, name: '甲社区', rank: 1, compositeScore: expect.closeTo(0.69125, 3) })]);
    expect((await f.dispatcherB.request({ method: 'GET', url: '/api/v1/cases/rankings?period=2026-03&by=community' })).json().items).toEqual([]);
    expect((await f.leader.request({ method: 'GET', url: '/api/v1/cases/rankings?period=2026-03&by=street' })).statusCode).toBe(400);
    expect((await f.resident.request({ method: 'GET', url: '/api/v1/cases/rankings?period=2026-03&by=department' })).statusCode).toBe(403);
  });

  it('GET /stats/overview reports casesReceived, casesClosed and resolutionRate from the same definitions', async () => {
    const all = h.ok(await f.admin.request({ method: 'GET', url: '/api/v1/stats/overview' }));
    expect(all).toMatchObject({ casesReceived: 12, casesClosed: 5, resolutionRate: 0.6 });
    const month = h.ok(await f.admin.request({ method: 'GET', url: '/api/v1/stats/overview?from=2026-03-01T00:00:00%2B08:00&to=2026-04-01T00:00:00%2B08:00' }));
    expect(month).toMatchObject({ casesReceived: 12, casesClosed: 5, resolutionRate: 0.6 });
    const day = h.ok(await f.admin.request({ method: 'GET', url: '/api/v1/stats/overview?from=2026-03-02T08:00:00%2B08:00&to=2026-03-02T10:00:00%2B08:00' }));
    expect(day).toMatchObject({ casesReceived: 12, casesClosed: 5, resolutionRate: 0.6 });
    const before = h.ok(await f.admin.request({ method: 'GET', url: '/api/v1/stats/overview?to=2026-03-02T08:00:00%2B08:00' }));
    expect(before).toMatchObject({ casesReceived: 0, casesClosed: 0, resolutionRate: 0 });
    const b = h.ok(await f.admin.request({ method: 'GET', url: `/api/v1/stats/overview?regionId=${f.b.subdistrict.id}` }));
    expect(b).toMatchObject({ casesReceived: 0 });
  });

  it('GET /cases/metrics/definitions gives every formula and counter as data', async () => {
    const d = h.ok(await f.resident.request({ method: 'GET', url: '/api/v1/cases/metrics/definitions' }));
    expect(d.metrics.map((m: { code: string }) => m.code)).toEqual([
      'responseRate', 'resolutionRate', 'satisfactionRate', 'closureRate', 'onTimeClosureRate', 'reworkRate', 'extensionRate', 'firstTimeRightRate', 'dispatchAccuracy', 'averageHandlingHours',
    ]);
    expect(d.metrics[0]).toMatchObject({ name: '响应率', formula: '按时签收数 ÷ 应签收数', numerator: [{ counter: 'respondedOnTime' }], denominator: [{ counter: 'responseDue' }] });
    expect(d.counters.map((c: { code: string }) => c.code)).toContain('overdueOpen');
    expect(d.weights).toEqual({ response: 0.3, resolution: 0.35, satisfaction: 0.35 });
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/cases/metrics/definitions' })).statusCode).toBe(401);
  });
});
