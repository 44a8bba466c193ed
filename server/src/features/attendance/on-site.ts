import { toShanghaiIso } from '../../platform/calendar/shanghai-time.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { haversineMeters } from '../service-items/geo.js';
import type { ItemRow } from '../service-items/service-items.queries.js';
import type { CheckInput } from './attendance.schemas.js';
import { siteKey, verifySiteCode } from './site-code.js';

const CODE_MESSAGES = {
  expired: { 'zh-CN': '签到码已过期，请重新扫描工作人员手机上的二维码', en: 'The site code has expired; scan it again' },
  invalid: { 'zh-CN': '签到码无效，请扫描现场二维码或输入工作人员手机上的 6 位签到码', en: 'Invalid site code' },
  other_item: { 'zh-CN': '该签到码不属于此服务，请确认扫描的是本活动的二维码', en: 'The site code belongs to another service' },
} as const;

const clock = (d: Date) => toShanghaiIso(d).slice(11, 16);

/**
 * Proof of presence for check-in and check-out: a valid rotating site code for this item (FORBIDDEN with reason
 * CODE_EXPIRED / CODE_INVALID / CODE_OTHER_ITEM) and a position within the item's radius (FORBIDDEN with reason
 * OUT_OF_RANGE, the distance and the radius in the details and the message).
 */
export function assertOnSite(ctx: Ctx, item: ItemRow, input: CheckInput): number {
  const check = verifySiteCode(siteKey(ctx), item.id, input.code.trim(), ctx.now());
  if (check !== 'ok') throw new DomainError('FORBIDDEN', CODE_MESSAGES[check], { reason: `CODE_${check.toUpperCase()}` });
  const distance = Math.round(haversineMeters(item.lat, item.lng, input.lat, input.lng));
  if (distance > item.checkinRadiusM) {
    throw new DomainError(
      'FORBIDDEN',
      { 'zh-CN': `您距离服务地点“${item.placeName}”约 ${distance} 米，超出签到范围（${item.checkinRadiusM} 米），请到现场后再试`, en: `You are about ${distance} m from the site; the limit is ${item.checkinRadiusM} m` },
      { reason: 'OUT_OF_RANGE', distanceM: distance, radiusM: item.checkinRadiusM },
    );
  }
  return distance;
}

/** Check-in is open from `early` minutes before the start until the end, on a live item. */
export function assertCheckInOpen(item: ItemRow, now: Date, earlyMinutes: number): void {
  if (item.status !== 'published' && item.status !== 'closed') {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '该服务不在进行中，不能签到', en: 'The service is not running' }, { status: item.status });
  }
  const opens = new Date(item.startsAt.getTime() - earlyMinutes * 60_000);
  if (now < opens || now > item.endsAt) {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `签到时间为 ${clock(opens)} 至 ${clock(item.endsAt)}`, en: 'Check-in is not open now' }, { opensAt: toShanghaiIso(opens), closesAt: toShanghaiIso(item.endsAt) });
  }
}
