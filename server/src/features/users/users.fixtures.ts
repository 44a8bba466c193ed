import { buildCommunity, buildUnit, buildUser, type TestEnv } from '../../test/harness.js';

let idSeq = 0;
/** A valid 18-character resident ID number (ISO 7064 MOD 11-2 check digit), different on every call. */
export function nextIdCard(): string {
  const body = `5329011990${String(Date.now() % 10000).padStart(4, '0')}${String(idSeq++ % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

export const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

/**
 * Two communities A and B in one city, a unit in each, and the people the scope tests need: admins over the root
 * and over A, secretaries and a grid worker, a unit secretary of unit A, residents of A and B, and a worker of unit A
 * who lives in B.
 */
export async function buildScopeFixture(env: TestEnv) {
  const a = await buildCommunity(env, '甲社区');
  const b = await buildCommunity(env, '乙社区', a.city!.id);
  const unitA = await buildUnit(env, a.community.id, '甲单位');
  const unitB = await buildUnit(env, b.community.id, '乙单位');
  const root = await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] });
  const adminA = await buildUser(env, { name: '甲社区管理员', regionId: a.community.id, grants: [{ role: 'admin', regionId: a.community.id }] });
  const secA = await buildUser(env, { name: '甲书记', regionId: a.community.id, grants: [{ role: 'community_secretary', regionId: a.community.id }] });
  const secB = await buildUser(env, { name: '乙书记', regionId: b.community.id, grants: [{ role: 'community_secretary', regionId: b.community.id }] });
  const gridA = await buildUser(env, { name: '甲网格员', regionId: a.community.id, grants: [{ role: 'grid_worker', regionId: a.community.id }] });
  const unitSecA = await buildUser(env, { name: '甲单位书记', regionId: b.community.id, units: [unitA.id], grants: [{ role: 'unit_secretary', orgId: unitA.id }] });
  const residentA = await buildUser(env, { name: '甲居民', regionId: a.community.id, idCard: nextIdCard(), grants: [{ role: 'resident', regionId: a.community.id }] });
  const residentB = await buildUser(env, { name: '乙居民', regionId: b.community.id, idCard: nextIdCard(), grants: [{ role: 'resident', regionId: b.community.id }] });
  const workerA = await buildUser(env, { name: '甲单位职工', regionId: b.community.id, units: [unitA.id] });
  return { a, b, unitA, unitB, root, adminA, secA, secB, gridA, unitSecA, residentA, residentB, workerA };
}

export type ScopeFixture = Awaited<ReturnType<typeof buildScopeFixture>>;
