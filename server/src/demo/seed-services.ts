import type { Actor, Ctx } from '../platform/context.js';
import { DAY_MS, dayNumberOf, dayStartMs, weekdayOf } from '../platform/calendar/shanghai-time.js';
import { approveServiceRecords } from '../features/attendance/approve-service-records.js';
import { declineServiceRecord } from '../features/attendance/decline-service-record.js';
import { enterBatchRecords } from '../features/attendance/enter-batch-records.js';
import { rateServiceItem } from '../features/attendance/rate-service-item.js';
import { claimServiceItem } from '../features/service-items/claim-service-item.js';
import { completeServiceItems } from '../features/service-items/complete-service-items.js';
import { createServiceItem } from '../features/service-items/create-service-item.js';
import { createServiceItems } from '../features/service-items/create-service-items.js';
import { markNoShow } from '../features/service-items/mark-no-show.js';
import { publishServiceItem } from '../features/service-items/publish-service-item.js';
import { publishServiceItems } from '../features/service-items/publish-service-items.js';
import { SERVICE_CATEGORIES } from '../features/service-items/service-items.schemas.js';
import { DECLINE_REASONS, placeIn, RATING_COMMENTS, SERVICE_TITLES } from './names.js';
import { apportion, shanghaiClock, type Random } from './random.js';
import type { DemoCommunity, DemoGeography } from './seed-geography.js';
import type { DemoMember } from './seed-people.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Time slots of community services: start (hh, mm) and length in minutes — mostly one to four hours. */
const SLOTS = [
  [8, 30, 180],
  [9, 0, 120],
  [9, 30, 150],
  [14, 30, 180],
  [15, 0, 120],
  [16, 0, 90],
  [19, 0, 90],
  [8, 0, 240],
] as const;
const CATEGORY_WEIGHTS: Record<string, number> = { 组织建设: 1.2, 法律咨询与援助: 0.8, 助困扶残与就业援助: 1, 社区治理: 2, 健康医疗: 1, 文化体育: 1.3, 安全宣传与治安巡逻: 1.5, 其他: 0.6 };

/** The claimant as the claim verb sees them: a signed-in person (claims need no role). */
const personActor = (m: { id: string; name: string }): Actor => ({ userId: m.id, name: m.name, regionId: null, grants: [], sessionId: null });

interface PlannedItem {
  community: DemoCommunity;
  communityIndex: number;
  category: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  publishAt: Date;
  size: number;
  pointsPerHour: number | null;
  /** One of 文献社区's items placed through the year, with the demo member on it. */
  featured: boolean;
}

export interface ServiceTargets {
  /** Items published in the past twelve months, upcoming ones included. */
  items: number;
  /** Of them, items still to take place (open for claims today). */
  upcoming: number;
  /** Certified (approved) person-times of service. */
  personTimes: number;
  /** Records declined at certification (kept, not counted). */
  declined: number;
}

/**
 * Volunteer services of the past twelve months, generated through the service verbs as they happen in a community:
 * each week's items are created and published together the Monday before (createServiceItems, publishServiceItems —
 * 每周服务清单); in 文献社区 (last four months) members claim places on the phone (claimServiceItem, one absent
 * claimant marked as a no-show); after each service the worker enters the sign-in sheet (enterBatchRecords, 团体录入);
 * the week's items are completed on the Sunday (completeServiceItems); records are certified in batches of
 * `approveChunk` (approveServiceRecords, which settles points set-based) — a few declined instead; residents rate
 * some services. Then the upcoming items, with claims and one waitlist. Each step runs with the clock at the moment
 * it would have happened (Asia/Shanghai), never later than now.
 */
export async function seedServices(
  ctx: Ctx,
  p: {
    geo: DemoGeography;
    members: DemoMember[];
    demoMember: { id: string; name: string };
    rnd: Random;
    targets: ServiceTargets;
    approveChunk: number;
    /** Refreshes planner statistics (called as the service tables grow from empty). */
    analyze: () => Promise<void>;
    progress: (stage: string, done: number, total: number) => void;
  },
) {
  const { geo, members, rnd, targets } = p;
  const now = ctx.now();
  const clock = shanghaiClock(now);
  const notAfterNow = (t: number) => new Date(Math.min(t, +now - MINUTE));
  const at = (t: Date | number): Ctx => ({ ...ctx, now: () => notAfterNow(+t) });
  const byCommunity = geo.communities.map(() => [] as DemoMember[]);
  for (const m of members) byCommunity[m.community]!.push(m);

  // ---- plan the past year's items -------------------------------------------------------------------------------
  const pastCount = Math.max(1, targets.items - targets.upcoming);
  const communityWeights = geo.communities.map((_, i) => (i === 0 ? 10 : i < 18 ? 2.4 : 2));
  const categories = SERVICE_CATEGORIES.filter((c) => SERVICE_TITLES[c]);
  const planned: PlannedItem[] = Array.from({ length: pastCount }, (_, i) => {
    // The most recent item is 文献社区's of yesterday, whose records still wait for certification.
    const last = i === pastCount - 1;
    // At any scale some of 文献社区's items fall through the year (the demo member's history, its secretary's rosters).
    const home = last || i % Math.max(2, Math.floor(pastCount / 4)) === 1;
    const communityIndex = home ? 0 : rnd.weighted(communityWeights);
    const community = geo.communities[communityIndex]!;
    const category = categories[rnd.weighted(categories.map((c) => CATEGORY_WEIGHTS[c] ?? 1))]!;
    const [hour, minute, length] = last ? ([9, 0, 120] as const) : rnd.pick(SLOTS);
    const startsAt = clock.at(last ? -1 : -rnd.int(2, 350), hour, minute);
    return {
      community,
      communityIndex,
      category,
      title: rnd.pick(SERVICE_TITLES[category]!),
      startsAt,
      endsAt: new Date(+startsAt + length * MINUTE),
      publishAt: startsAt, // set per week below
      size: 0,
      pointsPerHour: rnd.chance(0.1) ? 2 : null,
      featured: home,
    };
  }).sort((a, b) => +a.startsAt - +b.startsAt);
  const pendingItem = planned[planned.length - 1]!; // yesterday's, in 文献社区 (every other item is older)
  const counted = planned.filter((it) => it !== pendingItem);
  const sizes = apportion(targets.personTimes, counted.map(() => rnd.int(15, 70)));
  counted.forEach((it, i) => (it.size = sizes[i]!));
  pendingItem.size = Math.min(8, Math.max(2, byCommunity[0]!.length));
  const declineAt = new Set(rnd.sample(counted.map((_, i) => i), targets.declined).map((i) => counted[i]));

  // ---- volunteers for an item: mostly the community's own members, keen ones more often ----------------------------
  const keyed = (pool: DemoMember[]) => pool.map((m) => [Math.pow(rnd.next(), 1 / m.activity), m] as const).sort((a, b) => b[0] - a[0]);
  const pickVolunteers = (it: PlannedItem, n: number): DemoMember[] => {
    const local = keyed(byCommunity[it.communityIndex]!).slice(0, Math.round(n * 0.9)).map(([, m]) => m);
    if (local.length >= n) return local;
    // Neighbours from elsewhere make up the rest (a weighted sample of the whole city, drawn by rejection).
    const taken = new Set(local.map((m) => m.id));
    const out = [...local];
    for (let tries = 0; out.length < n && tries < n * 50; tries++) {
      const m = members[Math.floor(rnd.next() * members.length)]!;
      if (taken.has(m.id) || rnd.next() * 4 > m.activity) continue;
      taken.add(m.id);
      out.push(m);
    }
    for (const m of members) if (out.length < n && !taken.has(m.id)) out.push(m); // small scales: whoever is left
    return out;
  };
  const residents = (it: PlannedItem, exclude: Set<string>, n: number) => rnd.sample(byCommunity[it.communityIndex]!.filter((m) => !exclude.has(m.id)), n);

  // ---- run them, in time order ---------------------------------------------------------------------------------
  let approvals: Array<{ id: string; endsAt: Date }> = [];
  let approved = 0;
  let ratings = 0;
  let flushes = 0;
  const flush = async () => {
    if (approvals.length === 0) return;
    const certifyAt = new Date(Math.max(...approvals.map((a) => +a.endsAt)) + DAY_MS + 2 * HOUR);
    await approveServiceRecords({ ctx: at(certifyAt), input: { ids: approvals.map((a) => a.id) } });
    approved += approvals.length;
    approvals = [];
    if (++flushes <= 2) await p.analyze(); // the ledger grows from empty
    p.progress('certified', approved, targets.personTimes);
  };
  // Each week's items are published together the Monday before (每周服务清单) and completed on the Sunday.
  const weeks = new Map<number, PlannedItem[]>();
  for (const it of planned) {
    const day = dayNumberOf(it.startsAt);
    const monday = day - ((weekdayOf(day) + 6) % 7);
    it.publishAt = new Date(dayStartMs(monday - 7) + 9 * HOUR);
    weeks.set(monday, [...(weeks.get(monday) ?? []), it]);
  }
  let done = 0;
  for (const [monday, week] of weeks) {
    const plans = week.map((it) => {
      const withDemoMember = it.featured || (it.communityIndex === 0 && rnd.chance(0.7));
      const chosen = pickVolunteers(it, it.size + (declineAt.has(it) ? 1 : 0));
      const volunteers = withDemoMember ? [{ ...p.demoMember, community: 0, activity: 1 }, ...chosen.filter((m) => m.id !== p.demoMember.id).slice(0, chosen.length - 1)] : chosen;
      const claiming = it.communityIndex === 0 && +it.startsAt > +clock.at(-120, 0); // 文献社区's last four months
      const serving = new Set(volunteers.map((v) => v.id));
      const absent = claiming ? byCommunity[0]!.find((m) => !serving.has(m.id) && rnd.chance(0.2)) : undefined;
      return { it, volunteers, claiming, absent };
    });
    const publishAt = week[0]!.publishAt;
    const items = await createServiceItems({
      ctx: at(publishAt),
      input: {
        items: plans.map(({ it, volunteers, absent }) => ({
          communityId: it.community.id,
          title: it.title,
          category: it.category as (typeof SERVICE_CATEGORIES)[number],
          description: `${it.community.name}组织在职党员和志愿者开展“${it.title}”，请认领的同志提前 10 分钟到场签到。`,
          startsAt: it.startsAt.toISOString(),
          endsAt: it.endsAt.toISOString(),
          placeName: placeIn(rnd, it.community.name),
          lat: it.community.lat + (rnd.next() - 0.5) / 300,
          lng: it.community.lng + (rnd.next() - 0.5) / 300,
          capacity: volunteers.length + (absent ? 1 : 0) + rnd.int(0, 8),
          pointsPerHour: it.pointsPerHour,
        })),
      },
    });
    await publishServiceItems({ ctx: at(+publishAt + 10 * MINUTE), input: { ids: items.map((i) => i.id) } });

    for (const [k, { it, volunteers, claiming, absent }] of plans.entries()) {
      const item = items[k]!;
      // In 文献社区 (the last four months) members claim on the phone after publication; one of them will not come.
      const claims = new Map<string, string>();
      if (claiming) {
        for (const [c, v] of [...volunteers, ...(absent ? [absent] : [])].entries()) {
          const claimAt = Math.min(+publishAt + HOUR + c * 17 * MINUTE, +it.startsAt - HOUR);
          const claim = await claimServiceItem({ ctx: { ...at(claimAt), actor: personActor(v) }, input: { itemId: item.id } });
          claims.set(v.id, claim.id);
        }
      }
      // The sign-in sheet, entered by the worker after the service: arrivals around the start, most stay to the end.
      const entries = volunteers.map((v) => {
        const checkIn = +it.startsAt + rnd.int(-10, 10) * MINUTE;
        const checkOut = rnd.chance(0.12) ? +it.endsAt - rnd.int(30, 80) * MINUTE : +it.endsAt + rnd.int(-12, 15) * MINUTE;
        return { userId: v.id, checkInAt: new Date(checkIn).toISOString(), checkOutAt: new Date(Math.max(checkOut, checkIn + 20 * MINUTE)).toISOString() };
      });
      const records = await enterBatchRecords({ ctx: at(+it.endsAt + 2 * HOUR), input: { itemId: item.id, entries, note: '纸质签到表录入' } });
      if (absent && claims.has(absent.id)) await markNoShow({ ctx: at(+it.endsAt + 3 * HOUR), input: { id: claims.get(absent.id)! } });
      if (it === pendingItem) continue;
      let ids = records.map((r) => r.id);
      if (declineAt.has(it)) {
        const declined = records.find((r) => r.userId !== p.demoMember.id)!;
        await declineServiceRecord({ ctx: at(+it.endsAt + DAY_MS), input: { id: declined.id, reason: rnd.pick(DECLINE_REASONS) } });
        ids = ids.filter((id) => id !== declined.id);
      }
      approvals.push(...ids.map((id) => ({ id, endsAt: it.endsAt })));
      // Residents served rate some services (not the volunteers themselves, nor a no-show, who held a place).
      if (rnd.chance(0.3)) {
        const served = new Set([...volunteers, ...(absent ? [absent] : [])].map((v) => v.id));
        for (const r of residents(it, served, rnd.int(1, 3))) {
          const comment = rnd.pick(RATING_COMMENTS);
          const score = rnd.weighted([1, 1, 4, 18, 40]) + 1;
          await rateServiceItem({ ctx: { ...at(+it.endsAt + rnd.int(2, 40) * HOUR), actor: personActor(r) }, input: { itemId: item.id, score, ...(comment ? { comment } : {}) } });
          ratings++;
        }
      }
    }
    await completeServiceItems({ ctx: at(dayStartMs(monday + 6) + 21 * HOUR), input: { ids: items.map((i) => i.id) } });
    const before = done;
    done += week.length;
    if (before < 5 && done >= 5) await p.analyze(); // the service tables grow from empty
    if (before < 40 && done >= 40) await p.analyze();
    if (approvals.length >= p.approveChunk) await flush();
    if (Math.floor(before / 20) !== Math.floor(done / 20)) p.progress('items', done, targets.items);
  }
  await flush();

  // ---- upcoming items: open for claims today (the demo member has not claimed any); one full, with a waitlist ----
  const upcoming = [];
  const homes = [0, 0, 0, 1, 2, 5, 3, 4];
  for (let u = 0; u < targets.upcoming; u++) {
    const communityIndex = homes[u % homes.length]!;
    const community = geo.communities[communityIndex]!;
    const category = u === 0 ? '安全宣传与治安巡逻' : categories[rnd.weighted(categories.map((c) => CATEGORY_WEIGHTS[c] ?? 1))]!;
    const [hour, minute, length] = rnd.pick(SLOTS);
    const startsAt = clock.at(1 + ((u * 2) % 9), hour, minute);
    const full = u === 1;
    const capacity = full ? 8 : rnd.int(20, 40);
    const title = rnd.pick(SERVICE_TITLES[category]!);
    const publishAt = clock.at(-1 - (u % 3), 9, 30);
    const item = await createServiceItem({
      ctx: at(publishAt),
      input: {
        communityId: community.id,
        title,
        category: category as (typeof SERVICE_CATEGORIES)[number],
        description: `${community.name}组织在职党员和志愿者开展“${title}”，欢迎认领。`,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(+startsAt + length * MINUTE).toISOString(),
        placeName: placeIn(rnd, community.name),
        lat: community.lat + (rnd.next() - 0.5) / 300,
        lng: community.lng + (rnd.next() - 0.5) / 300,
        capacity,
        ...(u === 2 ? { eligibility: { kind: 'party_members' as const } } : {}),
      },
    });
    await publishServiceItem({ ctx: at(+publishAt + 10 * MINUTE), input: { id: item.id } });
    const claimants = full ? capacity + 3 : Math.floor(capacity * (0.3 + 0.3 * rnd.next()));
    const pool = (byCommunity[communityIndex]!.length >= claimants ? byCommunity[communityIndex]! : members).filter((m) => m.id !== p.demoMember.id);
    for (const [k, m] of rnd.sample(pool, claimants).entries()) {
      await claimServiceItem({ ctx: { ...at(+publishAt + HOUR + k * 23 * MINUTE), actor: personActor(m) }, input: { itemId: item.id } });
    }
    upcoming.push(item.id);
  }
  p.progress('items', targets.items, targets.items);
  return { past: planned.length, upcoming: upcoming.length, approved, ratings, pending: pendingItem.size, declined: declineAt.size };
}
