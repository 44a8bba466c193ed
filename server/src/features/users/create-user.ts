import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword, isAcceptablePassword } from '../../platform/auth/password.js';
import { isValidIdCard } from '../../platform/pii.js';
import { authorize } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findVisibleOrganisation } from '../organisations/organisations.queries.js';
import { auditSnapshot } from './users.queries.js';

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

export const phoneTaken = () => new DomainError('ALREADY_EXISTS', { 'zh-CN': '该手机号已注册', en: 'The phone number is already registered' });
export const idCardTaken = () => new DomainError('ALREADY_EXISTS', { 'zh-CN': '该身份证号已登记', en: 'The ID-card number is already registered' });

/**
 * Registers a person in a region where the actor manages people (the region tree is public: FORBIDDEN otherwise),
 * optionally in units the actor can see. ID-card numbers are stored encrypted with a digest for uniqueness.
 */
export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserInput }) {
  const { vault } = ctx;
  if (input.idCard && !isValidIdCard(input.idCard)) throw invalid('身份证号码格式不正确', 'Invalid ID-card number');
  if (input.password !== undefined && !isAcceptablePassword(input.password)) throw invalid('密码至少 8 位，且包含字母和数字', 'The password needs 8+ characters with letters and digits');
  const unitIds = (input.units ?? []).map((u) => u.unitId);
  if (new Set(unitIds).size !== unitIds.length) throw invalid('单位重复', 'A unit is listed twice');
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  return withTransaction(ctx, async (tx) => {
    const region = input.regionId ? await findRegion(tx.db, tx.tenantId, input.regionId) : undefined;
    authorize(tx.actor, 'user.write', { regionPath: region?.path ?? '/' }); // without a home region: system only
    const units = [];
    for (const u of input.units ?? []) units.push({ ...u, org: await findVisibleOrganisation(tx, u.unitId) });
    const digest = input.idCard ? vault.digest(input.idCard) : null;
    const taken = await tx.db
      .selectFrom('users')
      .select(['phone', 'idCardDigest'])
      .where('tenantId', '=', tx.tenantId)
      .where((eb) => eb.or([eb('phone', '=', input.phone), ...(digest ? [eb('idCardDigest', '=', digest)] : [])]))
      .executeTakeFirst();
    if (taken) throw taken.phone === input.phone ? phoneTaken() : idCardTaken();
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
        idCardDigest: digest,
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
      after: { ...auditSnapshot(user, input.idCard ?? null), units: units.map((u) => u.org.id) },
    });
    return user;
  });
}
