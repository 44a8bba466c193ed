import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { toShanghaiIso } from '../../platform/calendar/shanghai-time.js';
import { authorizeManage } from '../service-items/service-items.policy.js';
import { findVisibleItem } from '../service-items/service-items.queries.js';
import { issueSiteCode, siteKey } from './site-code.js';

/** The current rotating site code of an item, for the community worker's phone (or a printout refreshed by it). */
export async function getSiteCode({ ctx, input }: { ctx: Ctx; input: { itemId: string } }) {
  requireActor(ctx);
  const item = await findVisibleItem(ctx, input.itemId);
  authorizeManage(ctx.actor, item.communityPath);
  if (item.status !== 'published' && item.status !== 'closed') {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': '该服务不在进行中，无需签到码', en: 'The service is not running' });
  }
  const code = issueSiteCode(siteKey(ctx), item.id, ctx.now());
  return { code: code.code, shortCode: code.shortCode, expiresAt: toShanghaiIso(code.expiresAt) };
}
