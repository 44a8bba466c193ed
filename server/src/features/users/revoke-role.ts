import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { authorizeOrHide } from '../../platform/policy.js';
import { selectGrants } from './users.queries.js';

/** Revokes a grant (the row stays for history); the actor must hold `grant.write` over its subtree, and not be its holder. */
export async function revokeRole({ ctx, input }: { ctx: Ctx; input: { grantId: string } }) {
  return withTransaction(ctx, async (tx) => {
    const grant = await selectGrants(tx.db, tx.tenantId).where('g.id', '=', input.grantId).executeTakeFirst();
    if (!grant) throw notFound('授权');
    authorizeOrHide(tx.actor, 'grant.write', grant.regionId ? { regionPath: grant.scopePath } : { regionPath: grant.orgRegionPath, orgPath: grant.scopePath }, '授权');
    if (grant.revokedAt) throw conflict('该授权已撤销', 'The grant is already revoked');
    if (grant.userId === tx.actor?.userId) throw conflict('不能撤销自己的授权', 'You cannot revoke your own grant');
    const after = await tx.db
      .updateTable('roleGrants')
      .set({ revokedAt: tx.now(), revokedBy: tx.actor?.userId ?? null })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', grant.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'grant.revoked', targetType: 'role_grant', targetId: grant.id, regionId: grant.regionId ?? grant.orgRegionId, before: { revokedAt: null }, after });
    return after;
  });
}
