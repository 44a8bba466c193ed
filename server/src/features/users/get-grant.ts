import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { findVisibleUser, presentGrant, selectGrants } from './users.queries.js';

/** One grant, as presented; visible to whoever can see its holder. */
export async function getGrant({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const grant = await selectGrants(ctx.db, ctx.tenantId).where('g.id', '=', input.id).executeTakeFirst();
  if (!grant) throw notFound('授权');
  await findVisibleUser(ctx, grant.userId);
  return presentGrant(grant);
}
