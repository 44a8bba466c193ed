import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { findVisibleUser, targetFor } from './users.queries.js';

/** A person's unmasked phone and ID-card number: needs `user.pii` over them (or is oneself), and every read is audited. */
export async function readUserPii({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  return withTransaction(ctx, async (tx) => {
    const { user, targets, self } = await findVisibleUser(tx, input.id);
    if (!self) authorize(tx.actor, 'user.pii', targetFor(tx.actor, 'user.pii', targets));
    const idCard = user.idCardCipher ? tx.vault.decrypt(user.idCardCipher) : null;
    await audit(tx, { action: 'user.pii_read', targetType: 'user', targetId: user.id, regionId: user.regionId, after: { fields: idCard ? ['phone', 'idCard'] : ['phone'] } });
    return { phone: user.phone, idCard };
  });
}
