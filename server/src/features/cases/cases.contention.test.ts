import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { buildCaseFixture, caseHelpers, expectSummaryEqualsRecount, type CaseFixture } from './cases.fixtures.js';

let env: TestEnv;
let f: CaseFixture;
let h: ReturnType<typeof caseHelpers>;
beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date('2026-03-10T09:00:00+08:00') });
  f = await buildCaseFixture(env);
  h = caseHelpers(env, f);
});
afterAll(() => env.close());

describe('transitions under contention', () => {
  it('ten simultaneous signatures of one case: one wins, the others are 409, one event', async () => {
    const c = await h.dispatched();
    const results = await Promise.all(Array.from({ length: 10 }, () => h.act(f.handlerCg, c.id, 'sign')));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => errorCode(r) === 'INVALID_TRANSITION')).toBe(true);
    const signs = await env.db.selectFrom('caseEvents').select('id').where('caseId', '=', c.id).where('action', '=', 'sign').execute();
    expect(signs).toHaveLength(1);
  });

  it('cases moving between departments in both directions at once never deadlock, and the summary stays exact', async () => {
    const toHuanwei = await Promise.all(Array.from({ length: 12 }, () => h.dispatched()));
    const back = await Promise.all(Array.from({ length: 12 }, () => h.dispatched()));
    for (const c of back) h.ok(await h.act(f.dispatcherA, c.id, 'dispatch', { departmentId: f.huanwei.id }));
    const results = await Promise.all([
      ...toHuanwei.map((c) => h.act(f.dispatcherA, c.id, 'dispatch', { departmentId: f.huanwei.id })),
      ...back.map((c) => h.act(f.cityDispatcher, c.id, 'dispatch', { departmentId: f.chengguan.id })),
      ...toHuanwei.map((c) => h.act(f.leader, c.id, 'remind')),
    ]);
    expect(results.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    const { summary } = await expectSummaryEqualsRecount(env);
    const byDepartment = Object.fromEntries(summary.map((r) => [r.departmentId, r.received]));
    expect(byDepartment[f.huanwei.id]).toBe(12);
    expect(byDepartment[f.chengguan.id]).toBe(13);
  });
});
