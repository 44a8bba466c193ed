import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildUnit, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { COMPONENT_CLASSES, EVENT_CLASSES, LOCAL_CLASSES } from './catalog.seed.js';

let env: TestEnv;
let a: Awaited<ReturnType<typeof buildCommunity>>;
let b: Awaited<ReturnType<typeof buildCommunity>>;
let admin: Awaited<ReturnType<typeof buildUser>>;
let cityAdmin: Awaited<ReturnType<typeof buildUser>>;
let dispatcher: Awaited<ReturnType<typeof buildUser>>;
let resident: Awaited<ReturnType<typeof buildUser>>;
let departments: Record<'cg' | 'yl' | 'sz', { id: string }>;
let owner: { id: string };
beforeAll(async () => {
  env = await createTestEnv();
  a = await buildCommunity(env, '甲社区');
  b = await buildCommunity(env, '乙社区', a.city!.id);
  admin = await buildUser(env, { grants: [{ role: 'admin', regionId: env.rootId }] });
  cityAdmin = await buildUser(env, { grants: [{ role: 'admin', regionId: a.city!.id }] });
  dispatcher = await buildUser(env, { grants: [{ role: 'dispatcher', regionId: a.subdistrict.id }] });
  resident = await buildUser(env, { regionId: a.community.id, grants: [{ role: 'resident', regionId: a.community.id }] });
  departments = {
    cg: await buildUnit(env, a.city!.id, '市城管局', 'department'),
    yl: await buildUnit(env, a.city!.id, '市园林局', 'department'),
    sz: await buildUnit(env, a.city!.id, '市市政公司', 'department'),
  };
  owner = await buildUnit(env, a.city!.id, '某物业公司', 'unit');
});
afterAll(() => env.close());

const get = (who: typeof admin, url: string) => who.request({ method: 'GET', url: `/api/v1${url}` });
const byCode = async (code: string) => (await get(admin, `/case-categories?q=${code}`)).json().items.find((c: { code: string }) => c.code === code);

describe('the seeded catalogue (GB/T 30428.2 plus local extensions)', () => {
  it('every signed-in person reads it; 6 component and 6 event classes, 4 local ones, each with subcategories', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/case-categories' })).statusCode).toBe(401);
    const res = await get(resident, '/case-categories');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ code: string; name: string; kind: string; depth: number; parentId: string | null }>;
    const classes = items.filter((c) => c.depth === 0);
    expect(classes.filter((c) => c.kind === 'component').map((c) => c.name)).toEqual(['公用设施', '道路交通', '市容环境', '园林绿化', '房屋土地', '其他设施']);
    expect(classes.filter((c) => c.kind === 'event' && c.code.startsWith('E')).map((c) => c.name)).toEqual(['市容环境', '宣传广告', '施工管理', '突发事件', '街面秩序', '其他事件']);
    expect(classes.filter((c) => c.code.startsWith('X')).map((c) => c.name)).toEqual(['市场监管', '交通秩序', '环境污染', '环境卫生（环卫）']);
    const total = [...COMPONENT_CLASSES, ...EVENT_CLASSES, ...LOCAL_CLASSES].reduce((n, c) => n + 1 + (c.children?.length ?? 0), 0);
    expect(items).toHaveLength(total);
    for (const cls of classes) expect(items.some((c) => c.parentId === (cls as unknown as { id: string }).id)).toBe(true);
  });

  it('rows carry filing and closing conditions, urgency and the limits in force (own, class, tenant default)', async () => {
    const exposed = await byCode('E0102');
    expect(exposed).toMatchObject({ name: '暴露垃圾', parentName: '市容环境', kind: 'event', urgency: 'normal', limits: { handle: { workingHours: 4 } } });
    expect(exposed.filingCondition).toContain('暴露垃圾');
    expect(exposed.effectiveLimits).toEqual({ sign: { workingHours: 1 }, handle: { workingHours: 4 }, verify: { workingDays: 1 } });
    const pipe = await byCode('E0401');
    expect(pipe).toMatchObject({ urgency: 'urgent', effectiveLimits: { sign: { minutes: 10 }, handle: { minutes: 120 }, verify: { minutes: 60 } } });
    const tree = await byCode('C0402');
    expect(tree).toMatchObject({ name: '行道树', parentName: '园林绿化', effectiveLimits: { handle: { workingDays: 5 } } });
    expect((await get(resident, `/case-categories/${tree.id}`)).json().id).toBe(tree.id);
    expect((await get(resident, '/case-categories/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await get(resident, '/case-categories?kind=planet')).statusCode).toBe(400);
    const children = (await get(resident, `/case-categories?parentId=${tree.parentId}`)).json().items;
    expect(children.map((c: { code: string }) => c.code)).toContain('C0402');
  });
});

describe('catalogue administration', () => {
  it('an admin over the whole tenant creates, edits, deactivates and deletes; others get 403; bad input 400; conflicts 409', async () => {
    const payload = { code: 'X05', kind: 'event', name: '物业管理', limits: { sign: { workingHours: 2 }, handle: { workingDays: 3 } } };
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/case-categories', payload })).statusCode).toBe(401);
    expect((await cityAdmin.request({ method: 'POST', url: '/api/v1/case-categories', payload })).statusCode).toBe(403);
    expect((await dispatcher.request({ method: 'POST', url: '/api/v1/case-categories', payload })).statusCode).toBe(403);
    for (const bad of [{ ...payload, code: 'x y' }, { ...payload, limits: { handle: { workingDays: 0 } } }, { ...payload, limits: { handle: { weeks: 1 } } }, { code: 'X06', name: '无类型' }]) {
      expect((await admin.request({ method: 'POST', url: '/api/v1/case-categories', payload: bad })).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const cls = await admin.request({ method: 'POST', url: '/api/v1/case-categories', payload });
    expect(cls.statusCode).toBe(201);
    const sub = await admin.request({ method: 'POST', url: '/api/v1/case-categories', payload: { code: 'X0501', parentId: cls.json().id, name: '物业服务投诉', ownerDepartmentId: departments.cg.id } });
    expect(sub.statusCode).toBe(201);
    expect(sub.json()).toMatchObject({ kind: 'event', depth: 1, ownerDepartmentName: '市城管局', effectiveLimits: { sign: { workingHours: 2 }, handle: { workingDays: 3 }, verify: { workingDays: 1 } } });
    expect((await admin.request({ method: 'POST', url: '/api/v1/case-categories', payload: { code: 'X050101', parentId: sub.json().id, name: '三级' } })).statusCode).toBe(400);
    expect((await admin.request({ method: 'POST', url: '/api/v1/case-categories', payload: { code: 'X0502', parentId: cls.json().id, name: 'x', ownerDepartmentId: owner.id } })).statusCode).toBe(400);
    const dup = await admin.request({ method: 'POST', url: '/api/v1/case-categories', payload: { ...payload } });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe('ALREADY_EXISTS');
    const patched = await admin.request({ method: 'PATCH', url: `/api/v1/case-categories/${sub.json().id}`, payload: { limits: { handle: { workingHours: 8 } }, closingCondition: '业主确认' } });
    expect(patched.json()).toMatchObject({ limits: { handle: { workingHours: 8 } }, closingCondition: '业主确认' });
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/case-categories/${sub.json().id}`, payload: {} })).statusCode).toBe(400);
    expect((await cityAdmin.request({ method: 'PATCH', url: `/api/v1/case-categories/${sub.json().id}`, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await admin.request({ method: 'PATCH', url: '/api/v1/case-categories/00000000-0000-7000-8000-000000000000', payload: { name: 'x' } })).statusCode).toBe(404);
    const inUse = await admin.request({ method: 'DELETE', url: `/api/v1/case-categories/${cls.json().id}` });
    expect(inUse.statusCode).toBe(409); // it has a subcategory
    const off = await admin.request({ method: 'PATCH', url: `/api/v1/case-categories/${sub.json().id}`, payload: { active: false } });
    expect(off.json().active).toBe(false);
    expect((await get(resident, '/case-categories?q=X05')).json().items.map((c: { code: string }) => c.code)).toEqual(['X05']);
    expect((await get(resident, '/case-categories?q=X05&includeInactive=true')).json().items).toHaveLength(2);
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/case-categories/${sub.json().id}` })).statusCode).toBe(200);
    const actions = await env.db.selectFrom('auditLog').select('action').where('targetId', '=', sub.json().id).orderBy('id').execute();
    expect(actions.map((x) => x.action)).toEqual(['case_category.created', 'case_category.updated', 'case_category.updated', 'case_category.deleted']);
  });
});

describe('duty matrix', () => {
  it('the most specific entry wins: asset owner, then subcategory over class, then the deeper region; then owner; then 属地兜底', async () => {
    const cls = await byCode('C04');
    const tree = await byCode('C0402');
    const resolve = async (categoryId: string, regionId: string, assetOwnerId?: string) =>
      (await get(dispatcher, `/duty-matrix/resolve?categoryId=${categoryId}&regionId=${regionId}${assetOwnerId ? `&assetOwnerId=${assetOwnerId}` : ''}`)).json();
    expect(await resolve(tree.id, a.community.id)).toMatchObject({ basis: 'territorial', regionId: a.subdistrict.id, departmentId: null });
    expect(await resolve(tree.id, a.city!.id)).toMatchObject({ basis: null });
    const add = (payload: object, who = admin) => who.request({ method: 'POST', url: '/api/v1/duty-matrix', payload });
    expect((await add({ categoryId: cls.id, regionId: a.city!.id, departmentId: departments.yl.id })).statusCode).toBe(201);
    expect(await resolve(tree.id, a.community.id)).toMatchObject({ basis: 'matrix', departmentId: departments.yl.id, departmentName: '市园林局' });
    expect((await add({ categoryId: cls.id, regionId: a.subdistrict.id, departmentId: departments.sz.id })).statusCode).toBe(201);
    expect(await resolve(tree.id, a.community.id)).toMatchObject({ departmentId: departments.sz.id }); // deeper region
    expect(await resolve(tree.id, b.community.id)).toMatchObject({ departmentId: departments.yl.id });
    expect((await add({ categoryId: tree.id, regionId: a.city!.id, departmentId: departments.cg.id })).statusCode).toBe(201);
    expect(await resolve(tree.id, a.community.id)).toMatchObject({ departmentId: departments.cg.id }); // subcategory beats a deeper region
    expect((await add({ categoryId: cls.id, regionId: a.city!.id, assetOwnerId: owner.id, departmentId: departments.sz.id })).statusCode).toBe(201);
    expect(await resolve(tree.id, b.community.id, owner.id)).toMatchObject({ departmentId: departments.sz.id }); // the asset owner's entry
    const dup = await add({ categoryId: cls.id, regionId: a.city!.id, departmentId: departments.cg.id });
    expect(dup.statusCode).toBe(409);
  });

  it('routes: 401, 400, 403 (not an admin of the region), 404; lists filter by category, region and department', async () => {
    const tree = await byCode('C0402');
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/duty-matrix' })).statusCode).toBe(401);
    expect((await get(resident, '/duty-matrix')).statusCode).toBe(403);
    expect((await get(resident, `/duty-matrix/resolve?categoryId=${tree.id}&regionId=${a.community.id}`)).statusCode).toBe(403);
    expect((await get(dispatcher, '/duty-matrix?regionId=x')).statusCode).toBe(400);
    const list = (await get(dispatcher, `/duty-matrix?regionId=${a.subdistrict.id}`)).json().items;
    expect(list.map((e: { departmentName: string }) => e.departmentName)).toEqual(['市市政公司']);
    expect((await get(dispatcher, `/duty-matrix?categoryId=${(await byCode('C04')).id}`)).json().items.length).toBeGreaterThanOrEqual(3);
    expect((await get(dispatcher, `/duty-matrix?departmentId=${departments.cg.id}`)).json().items).toHaveLength(1);
    const bAdmin = await buildUser(env, { grants: [{ role: 'admin', regionId: b.subdistrict.id }] });
    const outside = await bAdmin.request({ method: 'POST', url: '/api/v1/duty-matrix', payload: { categoryId: tree.id, regionId: a.community.id, departmentId: departments.cg.id } });
    expect(outside.statusCode).toBe(403);
    const mine = await bAdmin.request({ method: 'POST', url: '/api/v1/duty-matrix', payload: { categoryId: tree.id, regionId: b.community.id, departmentId: departments.yl.id, note: '乙社区行道树' } });
    expect(mine.statusCode).toBe(201);
    expect((await bAdmin.request({ method: 'POST', url: '/api/v1/duty-matrix', payload: { categoryId: tree.id, regionId: b.community.id, departmentId: owner.id } })).statusCode).toBe(400);
    expect((await bAdmin.request({ method: 'DELETE', url: `/api/v1/duty-matrix/${list[0].id}` })).statusCode).toBe(403);
    expect((await dispatcher.request({ method: 'DELETE', url: `/api/v1/duty-matrix/${mine.json().id}` })).statusCode).toBe(403);
    expect((await bAdmin.request({ method: 'DELETE', url: '/api/v1/duty-matrix/00000000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    expect((await bAdmin.request({ method: 'DELETE', url: `/api/v1/duty-matrix/${mine.json().id}` })).statusCode).toBe(200);
  });
});
