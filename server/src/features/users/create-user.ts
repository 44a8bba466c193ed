import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/auth/password.js';
import { isValidIdCard, maskIdCard, maskPhone } from '../../platform/pii.js';
import { authorizeOrHide } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findOrganisation } from '../organisations/create-organisation.js';

export interface CreateUserInput {
  phone: string;
  name: string;
  /** Plain password (hashed here) or a precomputed argon2id hash (bulk import and demo share one hash). */
  password?: string;
  passwordHash?: string;
  idCard?: string;
  /** Home region (residence community); places the person in scopes. */
  regionId?: string | null;
  isPartyMember?: boolean;
  units?: Array<{ unitId: string; position?: string | null }>;
}

/** Registers a person in a region the actor may manage people in. ID-card numbers are stored encrypted. */
export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserInput }) {
  const { vault } = ctx;
  if (input.idCard && !isValidIdCard(input.idCard)) throw invalid('身份证号码格式不正确', 'Invalid ID-card number');
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  return withTransaction(ctx, async (tx) => {
    const region = input.regionId ? await findRegion(tx.db, tx.tenantId, input.regionId) : undefined;
    const units = await Promise.all((input.units ?? []).map(async (u) => ({ ...u, org: await findOrganisation(tx, u.unitId) })));
    const inScope = (region && { regionPath: region.path }) || (units[0] && { orgPath: units[0].org.path }) || { regionPath: '/' }; // tenant-level: system only
    authorizeOrHide(tx.actor, 'user.write', inScope, '区域');
    const id = newId();
    const user = await tx.db
      .insertInto('users')
      .values({
        tenantId: tx.tenantId,
        id,
        phone: input.phone,
        name: input.name,
        passwordHash,
        idCardCipher: input.idCard ? vault.encrypt(input.idCard) : null,
        idCardDigest: input.idCard ? vault.digest(input.idCard) : null,
        regionId: region?.id ?? null,
        isPartyMember: input.isPartyMember ?? false,
      })
      .returning(['id', 'phone', 'name', 'regionId', 'isPartyMember', 'status', 'createdAt'])
      .executeTakeFirstOrThrow();
    for (const u of units) {
      await tx.db.insertInto('userUnits').values({ tenantId: tx.tenantId, userId: id, unitId: u.org.id, position: u.position ?? null }).execute();
    }
    if (region?.kind === 'community') {
      await tx.db.insertInto('userCommunities').values({ tenantId: tx.tenantId, userId: id, communityId: region.id, relation: 'resident' }).execute();
    }
    await audit(tx, {
      action: 'user.created',
      targetType: 'user',
      targetId: id,
      regionId: region?.id ?? null,
      after: { ...user, phone: maskPhone(user.phone), idCard: input.idCard ? maskIdCard(input.idCard) : null, units: units.map((u) => u.org.id) },
    });
    return user;
  });
}
