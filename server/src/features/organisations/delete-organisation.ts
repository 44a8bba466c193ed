import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { findVisibleOrganisation, orgTarget } from './organisations.queries.js';

/**
 * Deletes an organisation nothing refers to. Known references are named in the 409; those of other features
 * are refused by their foreign keys (also 409).
 */
export async function deleteOrganisation({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => {
    const org = await findVisibleOrganisation(tx, input.id);
    authorize(tx.actor, 'org.write', orgTarget(org));
    const refs = await tx.db
      .selectNoFrom((eb) => [
        eb.exists(eb.selectFrom('organisations').select('id').where('tenantId', '=', tx.tenantId).where('parentId', '=', org.id)).as('children'),
        eb.exists(eb.selectFrom('userUnits').select('userId').where('tenantId', '=', tx.tenantId).where('unitId', '=', org.id)).as('members'),
        eb.exists(eb.selectFrom('unitCommunities').select('unitId').where('tenantId', '=', tx.tenantId).where('unitId', '=', org.id)).as('communities'),
        eb.exists(eb.selectFrom('roleGrants').select('id').where('tenantId', '=', tx.tenantId).where('orgId', '=', org.id)).as('grants'),
      ])
      .executeTakeFirstOrThrow();
    const blocking = (Object.keys(refs) as Array<keyof typeof refs>).filter((k) => refs[k]);
    if (blocking.length) {
      throw conflict('该组织仍有下级组织、人员、共建社区或授权记录，不能删除', 'The organisation is still referred to', { references: blocking });
    }
    const before = await tx.db.deleteFrom('organisations').where('tenantId', '=', tx.tenantId).where('id', '=', org.id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, { action: 'organisation.deleted', targetType: 'organisation', targetId: org.id, regionId: org.regionId, before });
  });
}
