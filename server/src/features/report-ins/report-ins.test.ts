import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { MASKED_PHONE } from '../users/users.fixtures.js';
import { buildPartyMember, buildReportInFixture, ids, NIL, notificationsOf, reportInHelpers, type ReportInFixture, type TestUser } from './report-ins.fixtures.js';
import { submitReportIn } from './submit-report-in.js';

let env: TestEnv;
let f: ReportInFixture;
let h: ReturnType<typeof reportInHelpers>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildReportInFixture(env);
  h = reportInHelpers(env, f);
});
afterAll(() => env.close());

describe('authentication', () => {
  it('401 on every report-in route without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/report-ins'],
      ['POST', '/api/v1/report-ins'],
      ['GET', '/api/v1/report-ins/service-teams'],
      ['GET', '/api/v1/report-ins/rates'],
      ['GET', `/api/v1/report-ins/${NIL}`],
      ['POST', `/api/v1/report-ins/${NIL}/confirm`],
      ['POST', `/api/v1/report-ins/${NIL}/return`],
      ['POST', `/api/v1/report-ins/${NIL}/resubmit`],
      ['POST', `/api/v1/report-ins/${NIL}/transfer`],
      ['POST', `/api/v1/report-ins/${NIL}/reconfirm`],
      ['POST', `/api/v1/report-ins/${NIL}/deactivate`],
      ['GET', '/api/v1/me/report-in'],
      ['GET', `/api/v1/units/${NIL}/report-ins`],
    ] as const) {
      const res = await env.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });
});

describe('POST /report-ins', () => {
  it('a Party member reports in: submitted, on the timeline, audited, and the community secretary (only) is told', async () => {
    const member = await buildPartyMember(env, { name: '张党员', regionId: f.a.community.id, units: [f.unitA.id] });
    const res = await h.submit(member, { note: '周末有空' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'submitted', communityId: f.a.community.id, communityName: '甲社区', unitName: '甲单位', skills: ['摄影', '法律'], intentions: ['法律援助', '文体'], note: '周末有空', phone: member.phone, gridId: null });
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(['submit']);
    expect(body.actions.sort()).toEqual(['deactivate', 'transfer']);
    expect(await notificationsOf(env, f.secA.id, 'report_in.submitted')).toHaveLength(1);
    expect(await notificationsOf(env, f.secB.id, 'report_in.submitted')).toHaveLength(0);
    const audit = await env.db.selectFrom('auditLog').select('action').where('targetId', '=', body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['report_in.submit']);
  });

  it('a holder of the member role may report in even if not marked as a Party member', async () => {
    const holder = await buildUser(env, { regionId: f.a.community.id, units: [f.unitA.id], grants: [{ role: 'member', regionId: f.a.community.id }] });
    expect((await h.submit(holder)).statusCode).toBe(201);
  });

  it('a reviewer of the community (here the system actor, as the demo seed) may submit on a member’s behalf; others may not', async () => {
    const member = await buildPartyMember(env, { name: '代报到', regionId: f.a.community.id, units: [f.unitA.id] });
    const input = { ...h.submitBody(), userId: member.id };
    const stranger = { ...env.sys, actor: { userId: f.unitSecB.id, name: '乙单位书记', regionId: null, sessionId: null, grants: [] } };
    await expect(submitReportIn({ ctx: stranger, input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const record = await submitReportIn({ ctx: env.sys, input });
    expect(record).toMatchObject({ userId: member.id, status: 'submitted' });
    await expect(submitReportIn({ ctx: env.sys, input: { ...h.submitBody(), userId: f.resident.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('403 for a person who is not a Party member', async () => {
    const res = await h.submit(f.resident);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('400 for bad bodies, a region that is not a community, and a unit the member does not belong to', async () => {
    const member = await buildPartyMember(env, { regionId: f.a.community.id, units: [f.unitA.id] });
    for (const payload of [
      {},
      { ...h.submitBody(), intentions: ['飞行'] },
      { ...h.submitBody(), intentions: [] },
      { ...h.submitBody(), skills: 'x' },
      { ...h.submitBody(), communityId: 'nope' },
      { ...h.submitBody(), colour: 'red' },
    ]) {
      const res = await member.request({ method: 'POST', url: '/api/v1/report-ins', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
    expect((await h.submit(member, { communityId: f.gridA.id })).statusCode).toBe(400);
    expect((await h.submit(member, { unitId: f.unitB.id })).statusCode).toBe(400);
    expect((await h.submit(member, { communityId: NIL })).statusCode).toBe(404);
  });

  it('one open report-in per member: a second is 409, and of concurrent submissions exactly one wins', async () => {
    const { member } = await h.submitted();
    const again = await h.submit(member);
    expect(again.statusCode).toBe(409);
    const racer = await buildPartyMember(env, { regionId: f.a.community.id, units: [f.unitA.id] });
    const results = await Promise.all(Array.from({ length: 6 }, () => h.submit(racer)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    const open = await env.db.selectFrom('reportIns').select('id').where('userId', '=', racer.id).execute();
    expect(open).toHaveLength(1);
  });
});

describe('GET /report-ins (community review)', () => {
  it('a secretary lists only their community, phones masked; filters by status and name; B’s secretary sees none of A’s', async () => {
    const { id } = await h.submitted('李审核');
    const listA = await f.secA.request({ method: 'GET', url: '/api/v1/report-ins?status=submitted' });
    expect(listA.statusCode).toBe(200);
    expect(ids(listA)).toContain(id);
    for (const item of listA.json().items) {
      expect(item.communityId).toBe(f.a.community.id);
      expect(item.phone).toMatch(MASKED_PHONE);
      expect(item.status).toBe('submitted');
    }
    const byName = await f.secA.request({ method: 'GET', url: `/api/v1/report-ins?q=${encodeURIComponent('李审核')}` });
    expect(ids(byName)).toEqual([id]);
    expect(ids(await f.secB.request({ method: 'GET', url: '/api/v1/report-ins' }))).not.toContain(id);
    expect(ids(await f.root.request({ method: 'GET', url: '/api/v1/report-ins?limit=200' }))).toContain(id);
  });

  it('404 for a community outside the secretary’s scope; 403 for people who review nothing; 400 for bad queries', async () => {
    expect((await f.secA.request({ method: 'GET', url: `/api/v1/report-ins?communityId=${f.b.community.id}` })).statusCode).toBe(404);
    expect((await f.unitSecA.request({ method: 'GET', url: '/api/v1/report-ins' })).statusCode).toBe(403);
    for (const q of ['status=nope', 'limit=0', 'communityId=x', 'extra=1', `cursor=${Buffer.from('not-an-id').toString('base64url')}`]) {
      expect((await f.secA.request({ method: 'GET', url: `/api/v1/report-ins?${q}` })).statusCode, q).toBe(400);
    }
  });

  it('pages newest first with a cursor', async () => {
    await h.submitted();
    await h.submitted();
    const all = ids(await f.secA.request({ method: 'GET', url: '/api/v1/report-ins?limit=200' }));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await f.secA.request({ method: 'GET', url: `/api/v1/report-ins?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      paged.push(...ids(res));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect([...all].sort().reverse()).toEqual(all);
  });
});

describe('GET /report-ins/:id', () => {
  it('the member (phone unmasked), their community and their unit see it; the other community and unit do not', async () => {
    const { member, id } = await h.submitted();
    expect((await h.get(member, id)).json().phone).toBe(member.phone);
    const bySec = await h.get(f.secA, id);
    expect(bySec.statusCode).toBe(200);
    expect(bySec.json().phone).toMatch(MASKED_PHONE);
    expect(bySec.json().actions.sort()).toEqual(['confirm', 'deactivate', 'return']);
    expect((await h.get(f.unitSecA, id)).json().actions).toEqual([]);
    for (const outsider of [f.secB, f.unitSecB, f.resident]) expect((await h.get(outsider, id)).statusCode).toBe(404);
    expect((await h.get(member, NIL)).statusCode).toBe(404);
    expect((await member.request({ method: 'GET', url: '/api/v1/report-ins/nope' })).statusCode).toBe(400);
  });
});

describe('GET /me/report-in', () => {
  it('is empty for someone who never reported in', async () => {
    const res = await f.resident.request({ method: 'GET', url: '/api/v1/me/report-in' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ current: null, history: [] });
  });
});

describe('GET /units/:id/report-ins (the unit’s view)', () => {
  it('the unit secretary sees every Party member of the unit with their status (none = 未报到), phones masked', async () => {
    const unitEnv = await buildPartyMember(env, { name: '单位党员未报到', regionId: f.b.community.id, units: [f.unitA.id] });
    const { member } = await h.active('单位党员已报到');
    const other = await buildPartyMember(env, { name: '乙单位党员', regionId: f.b.community.id, units: [f.unitB.id] });
    const res = await f.unitSecA.request({ method: 'GET', url: `/api/v1/units/${f.unitA.id}/report-ins?limit=200` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ userId: string; status: string; phone: string; reportIn: { communityName: string; gridName: string } | null }>;
    const byId = new Map(items.map((i) => [i.userId, i]));
    expect(byId.get(unitEnv.id)).toMatchObject({ status: 'none', reportIn: null });
    expect(byId.get(member.id)).toMatchObject({ status: 'active', reportIn: { communityName: '甲社区', gridName: '甲一网格' } });
    expect(byId.has(other.id)).toBe(false);
    const both = await buildPartyMember(env, { name: '两单位党员', regionId: f.b.community.id, units: [f.unitA.id, f.unitB.id] });
    expect((await h.submit(both, { unitId: f.unitB.id })).statusCode).toBe(201);
    const statusIn = async (who: TestUser, unitId: string) =>
      ((await who.request({ method: 'GET', url: `/api/v1/units/${unitId}/report-ins?limit=200` })).json().items as Array<{ userId: string; status: string }>).find((i) => i.userId === both.id)?.status;
    expect(await statusIn(f.unitSecB, f.unitB.id)).toBe('submitted');
    expect(await statusIn(f.unitSecA, f.unitA.id)).toBe('none'); // reported in for the other unit
    expect(byId.has(f.resident.id)).toBe(false); // not a Party member
    for (const i of items) expect(i.phone).toMatch(MASKED_PHONE);
    const none = await f.unitSecA.request({ method: 'GET', url: `/api/v1/units/${f.unitA.id}/report-ins?status=none&limit=200` });
    expect(none.json().items.every((i: { status: string }) => i.status === 'none')).toBe(true);
    expect(none.json().items.map((i: { userId: string }) => i.userId)).toContain(unitEnv.id);
    expect((await f.root.request({ method: 'GET', url: `/api/v1/units/${f.unitA.id}/report-ins` })).statusCode).toBe(200);
  });

  it('404 for another unit’s secretary, a community secretary or a member; 400 for bad queries', async () => {
    for (const who of [f.unitSecB, f.secA, f.resident]) {
      expect((await who.request({ method: 'GET', url: `/api/v1/units/${f.unitA.id}/report-ins` })).statusCode).toBe(404);
    }
    expect((await f.unitSecA.request({ method: 'GET', url: `/api/v1/units/${NIL}/report-ins` })).statusCode).toBe(404);
    expect((await f.unitSecA.request({ method: 'GET', url: `/api/v1/units/${f.unitA.id}/report-ins?status=transferred` })).statusCode).toBe(400);
    expect((await f.unitSecA.request({ method: 'GET', url: '/api/v1/units/x/report-ins' })).statusCode).toBe(400);
  });
});

describe('GET /report-ins/service-teams', () => {
  it('lists the ten service teams', async () => {
    const res = await f.resident.request({ method: 'GET', url: '/api/v1/report-ins/service-teams' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(10);
  });
});
