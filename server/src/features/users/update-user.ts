import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { isValidIdCard } from '../../platform/pii.js';
import { authorize } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { idCardTaken } from './create-user.js';
import { auditSnapshot, findUserFor } from './users.queries.js';
import type { UpdateUserInput } from './users.schemas.js';

/**
 * Changes a person's name, home region, Party membership or ID card. Moving them needs `user.write` over the new
 * region too; their `resident` community link follows the home region.
 */
export async function updateUser({ ctx, input }: { ctx: Ctx; input: { id: string; changes: UpdateUserInput } }) {
  const { changes } = input;
  if (changes.idCard && !isValidIdCard(changes.idCard)) throw invalid('身份证号码格式不正确', 'Invalid ID-card number');
  return withTransaction(ctx, async (tx) => {
    const { user } = await findUserFor(tx, input.id, 'user.write');
    const oldIdCard = user.idCardCipher ? tx.vault.decrypt(user.idCardCipher) : null;
    const moving = changes.regionId !== undefined && changes.regionId !== user.regionId;
    const region = moving ? await findRegion(tx.db, tx.tenantId, changes.regionId!) : undefined;
    if (region) authorize(tx.actor, 'user.write', { regionPath: region.path });
    let idCardColumns = {};
    if (changes.idCard !== undefined) {
      const digest = changes.idCard ? tx.vault.digest(changes.idCard) : null;
      if (digest) {
        const other = await tx.db.selectFrom('users').select('id').where('tenantId', '=', tx.tenantId).where('idCardDigest', '=', digest).where('id', '!=', user.id).executeTakeFirst();
        if (other) throw idCardTaken();
      }
      idCardColumns = { idCardCipher: changes.idCard ? tx.vault.encrypt(changes.idCard) : null, idCardDigest: digest };
    }
    const after = await tx.db
      .updateTable('users')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.isPartyMember !== undefined ? { isPartyMember: changes.isPartyMember } : {}),
        ...(region ? { regionId: region.id } : {}),
        ...idCardColumns,
        updatedAt: tx.now(),
      })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', user.id)
      .returning(['id', 'name', 'phone', 'regionId', 'isPartyMember', 'status'])
      .executeTakeFirstOrThrow();
    if (region) {
      if (user.regionId) {
        await tx.db.deleteFrom('userCommunities').where('tenantId', '=', tx.tenantId).where('userId', '=', user.id).where('communityId', '=', user.regionId).where('relation', '=', 'resident').execute();
      }
      if (region.kind === 'community') {
        await tx.db.insertInto('userCommunities').values({ tenantId: tx.tenantId, userId: user.id, communityId: region.id, relation: 'resident' }).onConflict((oc) => oc.doNothing()).execute();
      }
    }
    const newIdCard = changes.idCard !== undefined ? changes.idCard : oldIdCard;
    await audit(tx, {
      action: 'user.updated',
      targetType: 'user',
      targetId: user.id,
      regionId: after.regionId,
      before: auditSnapshot(user, oldIdCard),
      after: auditSnapshot(after, newIdCard),
    });
    return after;
  });
}
