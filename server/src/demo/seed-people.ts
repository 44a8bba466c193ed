import type { Ctx } from '../platform/context.js';
import type { Role } from '../platform/policy.js';
import { confirmReportIn } from '../features/report-ins/confirm-report-in.js';
import { submitAndConfirmReportIns } from '../features/report-ins/confirm-report-ins.js';
import { returnReportIn } from '../features/report-ins/return-report-in.js';
import { submitReportIn } from '../features/report-ins/submit-report-in.js';
import { submitReportIns } from '../features/report-ins/submit-report-ins.js';
import { SERVICE_TEAMS } from '../features/report-ins/report-ins.schemas.js';
import { createUser } from '../features/users/create-user.js';
import { createUsers } from '../features/users/create-users.js';
import { grantRole } from '../features/users/grant-role.js';
import { chunked } from '../platform/bulk.js';
import { chineseName, mobile, SKILLS } from './names.js';
import { shanghaiClock, type Random } from './random.js';
import type { DemoGeography } from './seed-geography.js';
import type { DemoOrganisations } from './seed-organisations.js';

export const DEMO_ACCOUNTS = [
  { phone: '13800000001', name: '杨州管', label: '州级管理员 prefecture admin' },
  { phone: '13800000002', name: '段书记', label: '社区书记 community secretary（文献社区）' },
  { phone: '13800000003', name: '李党员', label: '在职党员 Party member（住文献社区，在大理市自然资源局工作）' },
  { phone: '13800000004', name: '赵街长', label: '街巷长 street chief（下关街道）' },
  { phone: '13800000005', name: '王承办', label: '部门承办人 department handler（大理市城市管理局）' },
  { phone: '13800000006', name: '张居民', label: '居民 resident（文献社区）' },
  { phone: '13800000007', name: '周书记', label: '单位党组织书记 unit Party secretary（大理市自然资源局）' },
] as const;

/** A generated Party member: where they live and report in, how keen a volunteer they are. */
export interface DemoMember {
  id: string;
  name: string;
  community: number;
  /** Relative chance of turning up to a service (heavy-tailed: a few regulars do much of the work). */
  activity: number;
}

/** The seven demo accounts of PRODUCT §5, with their roles; the Party member reports in to 文献社区 (single verbs). */
export async function seedDemoAccounts(ctx: Ctx, geo: DemoGeography, orgs: DemoOrganisations, passwordHash: string) {
  const home = geo.communities[0]!; // 文献社区
  const unit = orgs.units[0]!; // 大理市自然资源局
  const xiaguan = geo.subdistricts[0]!;
  const grants: Array<{ role: Role; regionId?: string; orgId?: string }> = [
    { role: 'admin', regionId: geo.prefecture.id },
    { role: 'community_secretary', regionId: home.id },
    { role: 'member', regionId: home.id },
    { role: 'street_chief', regionId: xiaguan.id },
    { role: 'department_handler', orgId: orgs.departments[0]!.id },
    { role: 'resident', regionId: home.id },
    { role: 'unit_secretary', orgId: unit.id },
  ];
  const users = [];
  for (const [i, account] of DEMO_ACCOUNTS.entries()) {
    const user = await createUser({
      ctx,
      input: {
        phone: account.phone,
        name: account.name,
        passwordHash,
        regionId: [1, 2, 5].includes(i) ? home.id : i === 3 ? xiaguan.id : geo.city.id,
        isPartyMember: i !== 5,
        units: i === 2 || i === 6 ? [{ unitId: unit.id, position: i === 6 ? '党组织书记' : '干部' }] : i === 4 ? [{ unitId: orgs.departments[0]!.id, position: '承办人' }] : [],
      },
    });
    await grantRole({ ctx, input: { userId: user.id, ...grants[i]! } });
    users.push(user);
  }
  const member = users[2]!;
  const clock = shanghaiClock(ctx.now());
  const submitted = await submitReportIn({
    ctx: { ...ctx, now: () => clock.at(-200, 9, 40) },
    input: { userId: member.id, communityId: home.id, unitId: unit.id, skills: ['法律', '摄影'], intentions: ['法律援助', '政策宣传'], note: '周末和工作日晚上可以参加' },
  });
  await confirmReportIn({ ctx: { ...ctx, now: () => clock.at(-150, 10, 15) }, input: { id: submitted.id, gridId: home.grids[0]!.id, serviceTeam: '法律援助' } });
  return { users, member, secretary: users[1]!, resident: users[5]! };
}

/**
 * `count` in-service Party members (在职党员) living in the 44 communities and working at the co-building units, made
 * with createUsers and reported in to their residence community, confirmed into a grid and service team by the
 * community at once (submitAndConfirmReportIns, 代为报到并确认) — `chunk` people per call, the calls spread over the
 * past five months. Five more, in 文献社区, reported in only in the last days (submitReportIns) and wait in the
 * secretary's queue, one returned for a correction. Everyone shares the demo password's hash.
 */
export async function seedMembers(
  ctx: Ctx,
  p: {
    geo: DemoGeography;
    orgs: DemoOrganisations;
    rnd: Random;
    count: number;
    passwordHash: string;
    chunk: number;
    /** Refreshes planner statistics (called after the first chunks, as the tables grow from empty). */
    analyze: () => Promise<void>;
    progress: (done: number) => void;
  },
): Promise<DemoMember[]> {
  const { geo, orgs, rnd } = p;
  const clock = shanghaiClock(ctx.now());
  const communityWeights = geo.communities.map((_, i) => (i === 0 ? 4 : i < 18 ? 1.3 : 1) * (0.7 + 0.6 * rnd.next()));
  const unitWeights = orgs.all.map((u) => u.weight);
  const phones = new Set<string>();
  const WAITING = 5;
  const people = Array.from({ length: p.count + WAITING }, () => {
    const community = rnd.weighted(communityWeights);
    const unit = orgs.all[rnd.weighted(unitWeights)]!;
    const intentions = rnd.sample(SERVICE_TEAMS, rnd.int(1, 3));
    return {
      name: chineseName(rnd),
      phone: mobile(rnd, phones),
      community,
      unitId: unit.id,
      skills: rnd.chance(0.6) ? rnd.sample(SKILLS, rnd.int(1, 3)) : [],
      intentions,
      team: intentions[0]!,
      grid: geo.communities[community]!.grids[rnd.int(0, geo.communities[community]!.grids.length - 1)]!.id,
      activity: rnd.heavyTail(1.4),
    };
  });
  // The secretary of 文献社区 finds a few report-ins waiting: the first five generated members of the community.
  const waiting = new Set(people.flatMap((m, i) => (m.community === 0 ? [i] : [])).slice(0, WAITING));
  const members: DemoMember[] = [];
  const late: Array<(typeof people)[number] & { userId: string }> = [];
  const batches = chunked(
    people.map((m, i) => ({ ...m, i })),
    p.chunk,
  );
  for (const [k, batch] of batches.entries()) {
    const day = -150 + Math.floor((k * 140) / Math.max(1, batches.length));
    const users = await createUsers({
      ctx: { ...ctx, now: () => clock.at(day, 9) },
      input: {
        users: batch.map((m) => ({ phone: m.phone, name: m.name, passwordHash: p.passwordHash, regionId: geo.communities[m.community]!.id, isPartyMember: true, units: [{ unitId: m.unitId }] })),
      },
    });
    const reporting = batch.flatMap((m, j) => (waiting.has(m.i) ? [] : [{ ...m, userId: users[j]!.id }]));
    await submitAndConfirmReportIns({
      ctx: { ...ctx, now: () => clock.at(day + 2, 15) },
      input: {
        entries: reporting.map((m) => ({ userId: m.userId, communityId: geo.communities[m.community]!.id, unitId: m.unitId, skills: m.skills, intentions: m.intentions, gridId: m.grid, serviceTeam: m.team })),
      },
    });
    for (const m of reporting) members.push({ id: m.userId, name: m.name, community: m.community, activity: m.activity });
    for (const [j, m] of batch.entries()) if (waiting.has(m.i)) late.push({ ...m, userId: users[j]!.id });
    p.progress(members.length);
    if (k === 0 || k === 2) await p.analyze();
  }
  // Reported in over the last days and not yet reviewed; one was returned for a correction.
  const queue = await submitReportIns({
    ctx: { ...ctx, now: () => clock.at(-3, 20, 30) },
    input: { entries: late.map((m) => ({ userId: m.userId, communityId: geo.communities[m.community]!.id, unitId: m.unitId, skills: m.skills, intentions: m.intentions })) },
  });
  if (queue.length > 1) await returnReportIn({ ctx: { ...ctx, now: () => clock.at(-1, 16) }, input: { id: queue[0]!.id, reason: '工作单位与登记信息不一致，请核对后重新提交' } });
  return members;
}

