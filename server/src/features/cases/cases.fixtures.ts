import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildCommunity, buildUnit, buildUser, type TestEnv } from '../../test/harness.js';
import { createRegion } from '../regions/create-region.js';
import { multipart, samples } from '../files/files.fixtures.js';
import { createDutyEntry } from '../case-catalog/create-duty-entry.js';
import { ensureCaseSetup } from './ensure-case-setup.js';

export type TestUser = Awaited<ReturnType<typeof buildUser>>;

/** Seed categories by code (the GB/T 30428.2 catalogue every tenant starts with). */
export async function categoryByCode(env: TestEnv, code: string) {
  await ensureCaseSetup(env.sys);
  return env.db.selectFrom('caseCategories').select(['id', 'name', 'path']).where('tenantId', '=', env.tenantId).where('code', '=', code).executeTakeFirstOrThrow();
}

/**
 * A city with two subdistricts (A with community A1 and a grid; B with community B1), two departments with the
 * duty matrix sending 市容环境 events to 城管 and 园林绿化 to 园林, and the people who act on cases: each
 * subdistrict's dispatcher, a city dispatcher and a city leader, each department's handler, a grid worker of A1,
 * residents of A1 and B1, a prefecture admin.
 */
export async function buildCaseFixture(env: TestEnv) {
  const a = await buildCommunity(env, '甲社区');
  const city = a.city!;
  const b = await buildCommunity(env, '乙社区', city.id);
  const gridA = await createRegion({ ctx: env.sys, input: { parentId: a.community.id, kind: 'grid', code: `G${randomBytes(5).toString('hex')}`, name: '甲一网格' } });
  const chengguan = await buildUnit(env, city.id, '市城管局', 'department');
  const yuanlin = await buildUnit(env, city.id, '市园林局', 'department');
  const huanwei = await buildUnit(env, city.id, '市环卫处', 'department');
  const exposed = await categoryByCode(env, 'E0102'); // 暴露垃圾
  const streetTree = await categoryByCode(env, 'C0402'); // 行道树
  const trafficLight = await categoryByCode(env, 'C0202'); // 交通信号灯 (no duty-matrix entry, no owner)
  const classE01 = await categoryByCode(env, 'E01');
  const classC04 = await categoryByCode(env, 'C04');
  await createDutyEntry({ ctx: env.sys, input: { categoryId: classE01.id, regionId: city.id, departmentId: chengguan.id } });
  await createDutyEntry({ ctx: env.sys, input: { categoryId: classC04.id, regionId: city.id, departmentId: yuanlin.id } });
  const people = {
    admin: await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] }),
    dispatcherA: await buildUser(env, { name: '甲街道派单员', regionId: a.subdistrict.id, grants: [{ role: 'dispatcher', regionId: a.subdistrict.id }] }),
    dispatcherB: await buildUser(env, { name: '乙街道派单员', regionId: b.subdistrict.id, grants: [{ role: 'dispatcher', regionId: b.subdistrict.id }] }),
    cityDispatcher: await buildUser(env, { name: '市派单员', regionId: city.id, grants: [{ role: 'dispatcher', regionId: city.id }] }),
    leader: await buildUser(env, { name: '市领导', regionId: city.id, grants: [{ role: 'leader', regionId: city.id }] }),
    handlerCg: await buildUser(env, { name: '城管承办人', regionId: city.id, units: [chengguan.id], grants: [{ role: 'department_handler', orgId: chengguan.id }] }),
    handlerYl: await buildUser(env, { name: '园林承办人', regionId: city.id, units: [yuanlin.id], grants: [{ role: 'department_handler', orgId: yuanlin.id }] }),
    handlerHw: await buildUser(env, { name: '环卫承办人', regionId: city.id, units: [huanwei.id], grants: [{ role: 'department_handler', orgId: huanwei.id }] }),
    grid: await buildUser(env, { name: '甲网格员', regionId: a.community.id, grants: [{ role: 'grid_worker', regionId: a.community.id }] }),
    resident: await buildUser(env, { name: '甲居民', regionId: a.community.id, grants: [{ role: 'resident', regionId: a.community.id }] }),
    residentB: await buildUser(env, { name: '乙居民', regionId: b.community.id, grants: [{ role: 'resident', regionId: b.community.id }] }),
  };
  return { a, b, city, gridA, chengguan, yuanlin, huanwei, exposed, streetTree, trafficLight, classE01, classC04, ...people };
}

export type CaseFixture = Awaited<ReturnType<typeof buildCaseFixture>>;

export const NIL = '00000000-0000-7000-8000-000000000000';

/** Request helpers: report, act, read; and uploads for evidence. */
export function caseHelpers(env: TestEnv, f: CaseFixture) {
  const report = (who: TestUser, over: Record<string, unknown> = {}) =>
    who.request({ method: 'POST', url: '/api/v1/cases', payload: { categoryId: f.exposed.id, regionId: f.gridA.id, description: '路口有一堆暴露垃圾', channel: 'resident', ...over } });
  const act = (who: TestUser, id: string, action: string, body: Record<string, unknown> = {}) => who.request({ method: 'POST', url: `/api/v1/cases/${id}/transitions`, payload: { action, ...body } });
  const get = (who: TestUser, id: string) => who.request({ method: 'GET', url: `/api/v1/cases/${id}` });
  const photo = async (who: TestUser): Promise<string> => {
    const body = multipart([{ filename: 'p.png', type: 'image/png', data: samples.png() }]);
    const res = await who.request({ method: 'POST', url: '/api/v1/files', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().items[0].id;
  };
  const ok = (res: LightMyRequestResponse, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  /** A resident's report, filed by subdistrict A's dispatcher: auto-dispatched to 城管. */
  const dispatched = async (over: Record<string, unknown> = {}) => {
    const c = ok(await report(f.resident, over), 201);
    return ok(await act(f.dispatcherA, c.id, 'file'));
  };
  const signed = async (over: Record<string, unknown> = {}) => {
    const c = await dispatched(over);
    return ok(await act(f.handlerCg, c.id, 'sign'));
  };
  const handled = async (over: Record<string, unknown> = {}) => {
    const c = await signed(over);
    return ok(await act(f.handlerCg, c.id, 'handle', { note: '已清理', evidence: [await photo(f.handlerCg)] }));
  };
  const verifying = async (over: Record<string, unknown> = {}) => {
    const c = await handled(over);
    return ok(await act(f.dispatcherA, c.id, 'verify'));
  };
  return { report, act, get, photo, ok, dispatched, signed, handled, verifying };
}

export const notificationsOf = (env: TestEnv, userId: string, kind: string) =>
  env.db.selectFrom('notifications').select(['title', 'body', 'link']).where('userId', '=', userId).where('kind', '=', kind).execute();

/** Both maintained summaries equal their recount from scratch (the views of the 1045 migration). */
export async function expectSummaryEqualsRecount(env: TestEnv) {
  const key = (r: Record<string, unknown>) => JSON.stringify([r.month, r.regionId ?? r.areaId, r.departmentId ?? '', r.categoryId ?? '']);
  const sort = <T extends Record<string, unknown>>(rows: T[]) => [...rows].sort((x, y) => key(x).localeCompare(key(y)));
  const [summary, recount, bySummary, byRecount] = await Promise.all([
    env.db.selectFrom('caseStats').selectAll().where('tenantId', '=', env.tenantId).execute(),
    env.db.selectFrom('caseStatsRecount').selectAll().where('tenantId', '=', env.tenantId).execute(),
    env.db.selectFrom('caseStatsArea').selectAll().where('tenantId', '=', env.tenantId).execute(),
    env.db.selectFrom('caseStatsAreaRecount').selectAll().where('tenantId', '=', env.tenantId).execute(),
  ]);
  expect(summary.length).toBeGreaterThan(0);
  expect(sort(summary)).toEqual(sort(recount));
  expect(sort(bySummary)).toEqual(sort(byRecount));
  return { summary, bySummary };
}
