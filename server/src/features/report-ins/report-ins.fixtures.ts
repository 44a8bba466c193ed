import { randomBytes } from 'node:crypto';
import { createRegion } from '../regions/create-region.js';
import { updateUser } from '../users/update-user.js';
import { expect } from 'vitest';
import { buildCommunity, buildUnit, buildUser, type TestEnv } from '../../test/harness.js';
import { SERVICE_TEAMS } from './report-ins.schemas.js';

export type TestUser = Awaited<ReturnType<typeof buildUser>>;

/** A Party member (is_party_member) living in `regionId` and working at `units`, logged in. */
export async function buildPartyMember(env: TestEnv, options: { name?: string; regionId: string; units: string[] }): Promise<TestUser> {
  const user = await buildUser(env, options);
  await updateUser({ ctx: env.sys, input: { id: user.id, changes: { isPartyMember: true } } });
  return user;
}

export const buildGrid = (env: TestEnv, communityId: string, name: string) =>
  createRegion({ ctx: env.sys, input: { parentId: communityId, kind: 'grid', code: `G${randomBytes(5).toString('hex')}`, name } });

/**
 * Communities A and B (one city), a grid in each, a unit in each, the secretaries of both communities and units,
 * an admin over the root and a resident of A who is not a Party member.
 */
export async function buildReportInFixture(env: TestEnv) {
  const a = await buildCommunity(env, '甲社区');
  const b = await buildCommunity(env, '乙社区', a.city!.id);
  const gridA = await buildGrid(env, a.community.id, '甲一网格');
  const gridB = await buildGrid(env, b.community.id, '乙一网格');
  const unitA = await buildUnit(env, a.community.id, '甲单位');
  const unitB = await buildUnit(env, b.community.id, '乙单位');
  const root = await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] });
  const secA = await buildUser(env, { name: '甲书记', regionId: a.community.id, grants: [{ role: 'community_secretary', regionId: a.community.id }] });
  const secB = await buildUser(env, { name: '乙书记', regionId: b.community.id, grants: [{ role: 'community_secretary', regionId: b.community.id }] });
  const unitSecA = await buildUser(env, { name: '甲单位书记', regionId: a.community.id, units: [unitA.id], grants: [{ role: 'unit_secretary', orgId: unitA.id }] });
  const unitSecB = await buildUser(env, { name: '乙单位书记', regionId: b.community.id, units: [unitB.id], grants: [{ role: 'unit_secretary', orgId: unitB.id }] });
  const resident = await buildUser(env, { name: '甲居民', regionId: a.community.id, units: [unitA.id], grants: [{ role: 'resident', regionId: a.community.id }] });
  return { a, b, gridA, gridB, unitA, unitB, root, secA, secB, unitSecA, unitSecB, resident };
}

export type ReportInFixture = Awaited<ReturnType<typeof buildReportInFixture>>;

/** The notifications of one kind a person has received. */
export const notificationsOf = (env: TestEnv, userId: string, kind: string) =>
  env.db.selectFrom('notifications').select(['title', 'body', 'link']).where('userId', '=', userId).where('kind', '=', kind).execute();

export const NIL = '00000000-0000-7000-8000-000000000000';
export const ids = (res: { json(): unknown }) => (res.json() as { items: Array<{ id: string }> }).items.map((r) => r.id);

/** Request helpers over the fixture: submit, act on a record, confirm into grid A, read; and records in a given state. */
export function reportInHelpers(env: TestEnv, f: ReportInFixture) {
  const submitBody = (over: object = {}) => ({
    communityId: f.a.community.id,
    unitId: f.unitA.id,
    skills: ['摄影', '法律'],
    intentions: ['法律援助', '文体'] as Array<(typeof SERVICE_TEAMS)[number]>,
    ...over,
  });
  const submit = (who: TestUser, over: object = {}) => who.request({ method: 'POST', url: '/api/v1/report-ins', payload: submitBody(over) });
  const post = (who: TestUser, id: string, verb: string, payload?: object) => who.request({ method: 'POST', url: `/api/v1/report-ins/${id}/${verb}`, ...(payload ? { payload } : {}) });
  const confirm = (who: TestUser, id: string, over: object = {}) => post(who, id, 'confirm', { gridId: f.gridA.id, serviceTeam: '法律援助', ...over });
  const get = (who: TestUser, id: string) => who.request({ method: 'GET', url: `/api/v1/report-ins/${id}` });
  /** A Party member of unit A living in A, with a report-in submitted to A. */
  const submitted = async (name = '党员') => {
    const member = await buildPartyMember(env, { name, regionId: f.a.community.id, units: [f.unitA.id] });
    const res = await submit(member);
    expect(res.statusCode, res.body).toBe(201);
    return { member, id: res.json().id as string };
  };
  /** The same, confirmed by A's secretary into grid A. */
  const active = async (name = '党员') => {
    const s = await submitted(name);
    expect((await confirm(f.secA, s.id)).statusCode).toBe(200);
    return s;
  };
  return { submitBody, submit, post, confirm, get, submitted, active };
}
