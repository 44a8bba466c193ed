import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { buildReportInFixture, NIL, notificationsOf, reportInHelpers, type ReportInFixture, type TestUser } from './report-ins.fixtures.js';
import { flagReconfirmationsDue } from './flag-reconfirmations-due.js';

let env: TestEnv;
let f: ReportInFixture;
let h: ReturnType<typeof reportInHelpers>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await buildReportInFixture(env);
  h = reportInHelpers(env, f);
});
afterAll(() => env.close());

describe('confirm', () => {
  it('assigns a grid and service team: active, due in six months, linked to the community, granted member there, told', async () => {
    const { member, id } = await h.submitted('王确认');
    const res = await h.confirm(f.secA, id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'active', gridId: f.gridA.id, gridName: '甲一网格', serviceTeam: '法律援助', reconfirmDue: false });
    const months = (new Date(body.reconfirmDueAt).getTime() - new Date(body.confirmedAt).getTime()) / (30.44 * 86400_000);
    expect(Math.round(months)).toBe(6);
    expect(body.events.map((e: { action: string; actorName: string }) => [e.action, e.actorName])).toEqual([
      ['submit', '王确认'],
      ['confirm', '甲书记'],
    ]);
    const link = await env.db.selectFrom('userCommunities').select('relation').where('userId', '=', member.id).where('communityId', '=', f.a.community.id).execute();
    expect(link.map((l) => l.relation).sort()).toEqual(['registered', 'resident']);
    const grants = await env.db.selectFrom('roleGrants').select(['role', 'regionId']).where('userId', '=', member.id).where('revokedAt', 'is', null).execute();
    expect(grants).toEqual([{ role: 'member', regionId: f.a.community.id }]);
    expect(await notificationsOf(env, member.id, 'report_in.confirmed')).toHaveLength(1);
  });

  it('B’s secretary cannot confirm A’s report-in (404); the member cannot confirm their own (403); bad grids are 400', async () => {
    const { member, id } = await h.submitted();
    expect((await h.confirm(f.secB, id, { gridId: f.gridB.id })).statusCode).toBe(404);
    expect((await h.confirm(f.unitSecA, id)).statusCode).toBe(403);
    expect((await h.confirm(member, id)).statusCode).toBe(403);
    expect((await h.confirm(f.secA, id, { gridId: f.gridB.id })).statusCode).toBe(400);
    expect((await h.confirm(f.secA, id, { gridId: f.a.community.id })).statusCode).toBe(400);
    expect((await h.confirm(f.secA, id, { serviceTeam: '飞行队' })).statusCode).toBe(400);
    expect((await h.post(f.secA, id, 'confirm', { gridId: f.gridA.id })).statusCode).toBe(400);
    expect((await h.confirm(f.secA, NIL)).statusCode).toBe(404);
    expect((await h.get(member, id)).json().status).toBe('submitted');
  });
});

describe('return and resubmit', () => {
  it('the community returns with a reason; the member edits and resubmits; the timeline keeps every step', async () => {
    const { member, id } = await h.submitted();
    expect((await h.post(f.secB, id, 'return', { reason: 'x' })).statusCode).toBe(404);
    expect((await h.post(member, id, 'return', { reason: 'x' })).statusCode).toBe(403);
    expect((await h.post(f.secA, id, 'return', {})).statusCode).toBe(400);
    const returned = await h.post(f.secA, id, 'return', { reason: '请补充特长' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充特长' });
    expect(await notificationsOf(env, member.id, 'report_in.returned')).toHaveLength(1);
    expect((await h.post(f.secA, id, 'resubmit', {})).statusCode).toBe(403);
    expect((await h.post(member, id, 'resubmit', { skills: 'x' })).statusCode).toBe(400);
    expect((await h.post(member, id, 'resubmit', { unitId: f.unitB.id })).statusCode).toBe(400);
    const again = await h.post(member, id, 'resubmit', { skills: ['书法', '急救'], note: null });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'submitted', skills: ['书法', '急救'], note: null });
    expect(again.json().events.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'resubmit']);
    expect(again.json().events[1].note).toBe('请补充特长');
  });

  it('a returned report-in may be resubmitted to another community, which then reviews it', async () => {
    const { member, id } = await h.submitted();
    await h.post(f.secA, id, 'return', { reason: '请向居住地社区报到' });
    const moved = await h.post(member, id, 'resubmit', { communityId: f.b.community.id });
    expect(moved.json()).toMatchObject({ status: 'submitted', communityId: f.b.community.id });
    expect((await h.get(f.secA, id)).statusCode).toBe(404);
    expect((await h.confirm(f.secB, id, { gridId: f.gridB.id })).statusCode).toBe(200);
  });
});

describe('reconfirm and the six-monthly job', () => {
  it('flags due records once, telling the member and the secretary; the member re-confirms and the due date moves on', async () => {
    const { member, id } = await h.active('赵复核');
    const dueAt = new Date((await h.get(member, id)).json().reconfirmDueAt);
    const early = await flagReconfirmationsDue({ ctx: env.sys, input: { now: new Date(dueAt.getTime() - 60_000) } });
    expect(early.flagged).toBe(0);
    const later = new Date(dueAt.getTime() + 60_000);
    const flagged = await flagReconfirmationsDue({ ctx: env.sys, input: { now: later } });
    expect(flagged.flagged).toBeGreaterThanOrEqual(1);
    expect(await notificationsOf(env, member.id, 'report_in.reconfirm_due')).toHaveLength(1);
    const secNotes = await notificationsOf(env, f.secA.id, 'report_in.reconfirm_due');
    expect(secNotes.length).toBeGreaterThanOrEqual(1);
    expect((await flagReconfirmationsDue({ ctx: env.sys, input: { now: later } })).flagged).toBe(0);
    expect(await notificationsOf(env, member.id, 'report_in.reconfirm_due')).toHaveLength(1);

    expect((await h.post(f.secA, id, 'reconfirm')).statusCode).toBe(403);
    expect((await h.post(f.secB, id, 'reconfirm')).statusCode).toBe(404);
    const res = await h.post(member, id, 'reconfirm');
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('active');
    expect(new Date(res.json().reconfirmDueAt).getTime()).toBeGreaterThan(Date.now() + 150 * 86400_000);
    expect(res.json().reconfirmedAt).not.toBeNull();
  });

  it('the job refuses actors who review nothing', async () => {
    await expect(flagReconfirmationsDue({ ctx: { ...env.sys, actor: null }, input: { now: new Date() } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('transfer (moving house)', () => {
  it('ends the record as transferred, starts a submitted one in the new community, keeps the history and tells both secretaries', async () => {
    const { member, id } = await h.active('钱搬家');
    const secANotes = (await notificationsOf(env, f.secA.id, 'report_in.transferred')).length;
    expect((await h.post(f.secA, id, 'transfer', { toCommunityId: f.b.community.id })).statusCode).toBe(403);
    expect((await h.post(f.secB, id, 'transfer', { toCommunityId: f.b.community.id })).statusCode).toBe(404);
    expect((await h.post(member, id, 'transfer', { toCommunityId: f.a.community.id })).statusCode).toBe(400);
    expect((await h.post(member, id, 'transfer', { toCommunityId: f.gridB.id })).statusCode).toBe(400);
    expect((await h.post(member, id, 'transfer', {})).statusCode).toBe(400);
    const res = await h.post(member, id, 'transfer', { toCommunityId: f.b.community.id });
    expect(res.statusCode).toBe(201);
    const next = res.json();
    expect(next).toMatchObject({ status: 'submitted', communityId: f.b.community.id, transferredFromId: id, unitId: f.unitA.id, skills: ['摄影', '法律'] });

    const old = (await h.get(member, id)).json();
    expect(old).toMatchObject({ status: 'transferred', transferredToId: next.id, gridName: '甲一网格' });
    expect(old.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'confirm', 'transfer']);
    expect((await h.get(f.secA, id)).json().status).toBe('transferred'); // A keeps the history
    expect((await h.get(f.secA, next.id)).statusCode).toBe(404);
    expect((await h.get(f.secB, next.id)).statusCode).toBe(200);
    expect(await notificationsOf(env, f.secA.id, 'report_in.transferred')).toHaveLength(secANotes + 1);
    expect((await notificationsOf(env, f.secB.id, 'report_in.submitted')).some((n) => n.link === `/report-ins/${next.id}`)).toBe(true);

    const links = await env.db.selectFrom('userCommunities').select(['communityId', 'relation']).where('userId', '=', member.id).where('relation', '=', 'registered').execute();
    expect(links).toEqual([]);
    const grants = await env.db.selectFrom('roleGrants').select('role').where('userId', '=', member.id).where('revokedAt', 'is', null).execute();
    expect(grants).toEqual([]);

    const mine = (await member.request({ method: 'GET', url: '/api/v1/me/report-in' })).json();
    expect(mine.current.id).toBe(next.id);
    expect(mine.current.actions.sort()).toEqual(['deactivate', 'transfer']);
    expect(mine.history.map((h: { id: string; status: string }) => [h.id, h.status])).toEqual([[id, 'transferred']]);

    expect((await h.confirm(f.secB, next.id, { gridId: f.gridB.id })).statusCode).toBe(200);
    const newGrants = await env.db.selectFrom('roleGrants').select(['role', 'regionId']).where('userId', '=', member.id).where('revokedAt', 'is', null).execute();
    expect(newGrants).toEqual([{ role: 'member', regionId: f.b.community.id }]);
  });
});

describe('deactivate', () => {
  it('by the community (退休/调离) or by the member (withdrawal); the other party is told', async () => {
    const one = await h.active();
    expect((await h.post(f.secB, one.id, 'deactivate', { reason: 'x' })).statusCode).toBe(404);
    expect((await h.post(f.secA, one.id, 'deactivate', {})).statusCode).toBe(400);
    const bySec = await h.post(f.secA, one.id, 'deactivate', { reason: '已调离本市' });
    expect(bySec.json()).toMatchObject({ status: 'inactive', endReason: '已调离本市' });
    expect(await notificationsOf(env, one.member.id, 'report_in.deactivated')).toHaveLength(1);
    const two = await h.submitted();
    const before = (await notificationsOf(env, f.secA.id, 'report_in.deactivated')).length;
    expect((await h.post(two.member, two.id, 'deactivate', { reason: '本人撤回' })).json().status).toBe('inactive');
    expect(await notificationsOf(env, f.secA.id, 'report_in.deactivated')).toHaveLength(before + 1);
    expect((await h.submit(two.member)).statusCode).toBe(201); // may report in afresh
  });
});

describe('the state machine refuses impossible transitions with 409 INVALID_TRANSITION', () => {
  it('every action from every state it does not start from, changing nothing', async () => {
    const bodies: Record<string, object | undefined> = {
      confirm: { gridId: f.gridA.id, serviceTeam: '文体' },
      return: { reason: 'x' },
      resubmit: {},
      reconfirm: undefined,
      transfer: { toCommunityId: f.b.community.id },
      deactivate: { reason: 'x' },
    };
    const allowed: Record<string, string[]> = {
      confirm: ['submitted'],
      return: ['submitted'],
      resubmit: ['returned'],
      reconfirm: ['active'],
      transfer: ['submitted', 'returned', 'active'],
      deactivate: ['submitted', 'returned', 'active'],
    };
    const reviewerActions = new Set(['confirm', 'return']);
    const states: Record<string, { member: TestUser; id: string }> = {};
    states.submitted = await h.submitted();
    states.returned = await h.submitted();
    await h.post(f.secA, states.returned.id, 'return', { reason: '退回' });
    states.active = await h.active();
    states.transferred = await h.active();
    await h.post(states.transferred.member, states.transferred.id, 'transfer', { toCommunityId: f.b.community.id });
    states.inactive = await h.submitted();
    await h.post(states.inactive.member, states.inactive.id, 'deactivate', { reason: '撤回' });

    let checked = 0;
    for (const [state, { member, id }] of Object.entries(states)) {
      expect((await h.get(member, id)).json().status).toBe(state);
      for (const [action, from] of Object.entries(allowed)) {
        if (from.includes(state)) continue;
        const res = await h.post(reviewerActions.has(action) ? f.secA : member, id, action, bodies[action]);
        expect(res.statusCode, `${action} from ${state}`).toBe(409);
        expect(errorCode(res)).toBe('INVALID_TRANSITION');
        checked++;
      }
      expect((await h.get(member, id)).json().status).toBe(state);
    }
    expect(checked).toBe(20);
  });
});

