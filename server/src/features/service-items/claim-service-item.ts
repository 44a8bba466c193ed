import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { conflict, DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertEligible } from './eligibility.js';
import { ITEM_STATUS_ZH } from './service-items.policy.js';
import { findVisibleItem, presentClaim, type ClaimRow } from './service-items.queries.js';

const MAX_ATTEMPTS = 20;

/**
 * The claim as ONE statement (reference/stack-notes.md): a conditional UPDATE `claimed_count < capacity` takes a
 * place, else one `claimed_count >= capacity` counts a waiter under the same row lock; the claim and its audit row
 * are inserted in the same statement. A duplicate fails it whole (unique live claim); empty means: diagnose, retry.
 */
function claimStatement(ctx: Ctx, p: { itemId: string; userId: string; claimId: string; auditId: string; now: Date; waitlist: boolean; checked: boolean }) {
  const live = sql`i.tenant_id = ${ctx.tenantId} and i.id = ${p.itemId} and i.status = 'published' and i.starts_at > ${p.now}::timestamptz
    and (i.eligibility->>'kind' = 'all' or ${p.checked}::boolean)`;
  return sql<ClaimRow & { waitlistPosition: number | null }>`
    with taken as (
      update service_items i set claimed_count = i.claimed_count + 1
      where ${live} and i.claimed_count < i.capacity
      returning i.community_id
    ), waited as (
      update service_items i set waitlisted_count = i.waitlisted_count + 1
      where ${p.waitlist}::boolean and not exists (select 1 from taken) and ${live} and i.claimed_count >= i.capacity
      returning i.community_id, i.waitlisted_count
    ), placed as (
      select community_id, 'claimed'::text as status, null::int as position from taken
      union all
      select community_id, 'waitlisted'::text, waitlisted_count from waited
    ), claim as (
      insert into service_claims (tenant_id, id, item_id, user_id, status, claimed_at, queued_at, updated_at)
      select ${ctx.tenantId}, ${p.claimId}, ${p.itemId}, ${p.userId}, p.status, ${p.now}::timestamptz,
             -- queued under the row lock: waitlist order is lock order, and the counter is the waiter's place
             case when p.status = 'waitlisted' then clock_timestamp() end, ${p.now}::timestamptz
      from placed p
      returning *
    ), logged as (
      insert into audit_log (tenant_id, id, actor_id, action, target_type, target_id, region_id, after, ip, request_id)
      select ${ctx.tenantId}, ${p.auditId}, ${p.userId}, 'service_claim.created', 'service_claim', c.id::text, p.community_id,
             jsonb_build_object('itemId', c.item_id, 'userId', c.user_id, 'status', c.status), ${ctx.ip ?? null}, ${ctx.requestId ?? null}
      from claim c cross join placed p
    )
    select c.*, p.position as waitlist_position from claim c cross join placed p`;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/**
 * The caller claims a place on a published item that has not started: `claimed` when a place is free, else
 * `waitlisted` (or CAPACITY_FULL when `waitlist` is false). A second live claim is ALREADY_EXISTS, with the
 * existing claim in the details; capacity is never exceeded under any burst (see claimStatement).
 */
export async function claimServiceItem({ ctx, input }: { ctx: Ctx; input: { itemId: string; waitlist?: boolean } }) {
  const actor = requireActor(ctx);
  const waitlist = input.waitlist ?? true;
  let checked = false;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = ctx.now();
    let rows: Array<ClaimRow & { waitlistPosition: number | null }>;
    try {
      ({ rows } = await claimStatement(ctx, { itemId: input.itemId, userId: actor.userId, claimId: newId(), auditId: newId(), now, waitlist, checked }).execute(ctx.db));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await ctx.db
        .selectFrom('serviceClaims')
        .select(['id', 'status'])
        .where('tenantId', '=', ctx.tenantId)
        .where('itemId', '=', input.itemId)
        .where('userId', '=', actor.userId)
        .where('status', '!=', 'cancelled')
        .executeTakeFirst();
      throw new DomainError('ALREADY_EXISTS', { 'zh-CN': '您已认领该服务', en: 'You have already claimed this service' }, { claimId: existing?.id, status: existing?.status });
    }
    const claim = rows[0];
    if (claim) return presentClaim(claim, claim.waitlistPosition);

    // Nothing inserted: say why, or retry when the item merely changed between our snapshot and its lock.
    const item = await findVisibleItem(ctx, input.itemId);
    if (item.status !== 'published') {
      throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `服务${ITEM_STATUS_ZH[item.status]}，不能认领`, en: `The service is ${item.status}; it cannot be claimed` }, { status: item.status });
    }
    if (item.startsAt <= now) throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '服务已开始，不能再认领', en: 'The service has started' });
    if (item.eligibility.kind !== 'all' && !checked) {
      await assertEligible(ctx, item.eligibility, actor.userId);
      checked = true;
      continue;
    }
    if (!waitlist && item.claimedCount >= item.capacity) throw new DomainError('CAPACITY_FULL', undefined, { capacity: item.capacity, waitlisted: item.waitlistedCount });
  }
  throw conflict('认领人数过多，请稍后重试', 'Too much contention on this service; please retry');
}
