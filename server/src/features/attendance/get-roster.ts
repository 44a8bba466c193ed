import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { maskPhone } from '../../platform/pii.js';
import { authorizeManage } from '../service-items/service-items.policy.js';
import { findVisibleItem, iso, isoOrNull } from '../service-items/service-items.queries.js';

type CheckState = 'not_checked_in' | 'checked_in' | 'checked_out' | 'waitlisted' | 'no_show';

/**
 * 签到名单 for the community worker: every live claim (placed first, then the waitlist in order) and every record
 * (staff entries without a claim included), with the check-in state; phones masked.
 */
export async function getRoster({ ctx, input }: { ctx: Ctx; input: { itemId: string } }) {
  requireActor(ctx);
  const item = await findVisibleItem(ctx, input.itemId);
  authorizeManage(ctx.actor, item.communityPath);
  const [claims, records] = await Promise.all([
    ctx.db
      .selectFrom('serviceClaims as sc')
      .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'sc.tenantId').onRef('u.id', '=', 'sc.userId'))
      .select(['sc.id', 'sc.userId', 'sc.status', 'sc.claimedAt', 'sc.queuedAt', 'u.name', 'u.phone'])
      .where('sc.tenantId', '=', ctx.tenantId)
      .where('sc.itemId', '=', item.id)
      .where('sc.status', '!=', 'cancelled')
      .orderBy('sc.queuedAt', (o) => o.nullsFirst())
      .orderBy('sc.claimedAt')
      .orderBy('sc.id')
      .execute(),
    ctx.db
      .selectFrom('serviceRecords as r')
      .innerJoin('users as u', (j) => j.onRef('u.tenantId', '=', 'r.tenantId').onRef('u.id', '=', 'r.userId'))
      .select(['r.id', 'r.userId', 'r.status', 'r.source', 'r.checkInAt', 'r.checkOutAt', 'r.actualMinutes', 'r.creditedMinutes', 'r.autoCheckedOut', 'u.name', 'u.phone'])
      .where('r.tenantId', '=', ctx.tenantId)
      .where('r.itemId', '=', item.id)
      .where('r.status', '!=', 'declined')
      .orderBy('r.id')
      .execute(),
  ]);
  const recordOf = new Map(records.map((r) => [r.userId, r]));
  let position = 0;
  const entries = claims.map((c) => {
    const r = recordOf.get(c.userId);
    recordOf.delete(c.userId);
    return entry(c.userId, c.name, c.phone, { id: c.id, status: c.status, claimedAt: iso(c.claimedAt), waitlistPosition: c.status === 'waitlisted' ? ++position : null }, r);
  });
  for (const r of recordOf.values()) entries.push(entry(r.userId, r.name, r.phone, null, r));
  const count = (f: (e: (typeof entries)[number]) => boolean) => entries.filter(f).length;
  return {
    item: { id: item.id, title: item.title, status: item.status, capacity: item.capacity, claimedCount: item.claimedCount, waitlistedCount: item.waitlistedCount, startsAt: iso(item.startsAt), endsAt: iso(item.endsAt) },
    entries,
    totals: {
      claimed: count((e) => !!e.claim && e.claim.status !== 'waitlisted'),
      waitlisted: count((e) => e.claim?.status === 'waitlisted'),
      checkedIn: count((e) => e.checkState === 'checked_in'),
      checkedOut: count((e) => e.checkState === 'checked_out'),
      pending: count((e) => e.record?.status === 'pending'),
      approved: count((e) => e.record?.status === 'approved'),
    },
  };
}

function entry(
  userId: string,
  name: string,
  phone: string,
  claim: { id: string; status: 'claimed' | 'waitlisted' | 'cancelled' | 'no_show' | 'attended'; claimedAt: string; waitlistPosition: number | null } | null,
  r: { id: string; status: 'open' | 'pending' | 'approved' | 'declined'; source: 'qr' | 'batch' | 'retro'; checkInAt: Date; checkOutAt: Date | null; actualMinutes: number | null; creditedMinutes: number | null; autoCheckedOut: boolean } | undefined,
) {
  const checkState: CheckState = r ? (r.status === 'open' ? 'checked_in' : 'checked_out') : claim?.status === 'waitlisted' ? 'waitlisted' : claim?.status === 'no_show' ? 'no_show' : 'not_checked_in';
  return {
    userId,
    name,
    phone: maskPhone(phone),
    claim,
    record: r
      ? { id: r.id, status: r.status, source: r.source, checkInAt: iso(r.checkInAt), checkOutAt: isoOrNull(r.checkOutAt), actualMinutes: r.actualMinutes, creditedMinutes: r.creditedMinutes, autoCheckedOut: r.autoCheckedOut }
      : null,
    checkState,
  };
}
