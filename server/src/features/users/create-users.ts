import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import { chunked, firstDuplicate, insertRows } from '../../platform/bulk.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword, isAcceptablePassword } from '../../platform/auth/password.js';
import { isValidIdCard } from '../../platform/pii.js';
import { authorize } from '../../platform/policy.js';
import { findVisibleOrganisations } from '../organisations/organisations.queries.js';
import { idCardTaken, phoneTaken, type CreateUserInput } from './create-user.js';
import { auditSnapshot } from './users.queries.js';

/** Names the person (1-based, as import reports do) an error of a batch is about. */
function about(error: unknown, index: number): never {
  if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { index, ...(error.details as object) });
  throw error;
}

/**
 * The batch form of createUser (bulk registration, the demo): the same checks and effects for each person — home
 * region in the actor's `user.write` scope, units they can see, unique phone and ID-card number, ID-card encrypted,
 * unit and residence links, one `user.created` audit row each — as a few multi-row statements. All or nothing:
 * the first person (in input order) who fails stops the lot, named by `details.index` (0-based).
 * A plain password is hashed once per distinct password; `passwordHash` is taken as is (the demo shares one).
 * Returns the people in input order.
 */
export async function createUsers({ ctx, input }: { ctx: Ctx; input: { users: CreateUserInput[] } }) {
  const people = input.users;
  const { vault } = ctx;
  for (const [index, p] of people.entries()) {
    try {
      if (p.idCard && !isValidIdCard(p.idCard)) throw invalid('身份证号码格式不正确', 'Invalid ID-card number');
      if (p.password !== undefined && !isAcceptablePassword(p.password)) throw invalid('密码至少 8 位，且包含字母和数字', 'The password needs 8+ characters with letters and digits');
      const unitIds = (p.units ?? []).map((u) => u.unitId);
      if (new Set(unitIds).size !== unitIds.length) throw invalid('单位重复', 'A unit is listed twice');
    } catch (error) {
      about(error, index);
    }
  }
  const digests = people.map((p) => (p.idCard ? vault.digest(p.idCard) : null));
  const dupPhone = firstDuplicate(people, (p) => p.phone);
  if (dupPhone) about(phoneTaken(), dupPhone[0]);
  const dupCard = firstDuplicate(digests, (d) => d);
  if (dupCard) about(idCardTaken(), dupCard[0]);
  const plain = [...new Set(people.filter((p) => !p.passwordHash && p.password).map((p) => p.password!))];
  const hashes = new Map(await Promise.all(plain.map(async (pw) => [pw, await hashPassword(pw)] as const)));
  if (people.length === 0) return [];

  return withTransaction(ctx, async (tx) => {
    const regionIds = [...new Set(people.map((p) => p.regionId).filter((id): id is string => !!id))];
    const regions = new Map(
      (regionIds.length ? await tx.db.selectFrom('regions').select(['id', 'kind', 'path']).where('tenantId', '=', tx.tenantId).where('id', 'in', regionIds).execute() : []).map((r) => [r.id, r]),
    );
    const checked = new Set<string>();
    for (const [index, p] of people.entries()) {
      const region = p.regionId ? regions.get(p.regionId) : undefined;
      if (p.regionId && !region) about(notFound('区域'), index);
      const path = region?.path ?? '/';
      if (checked.has(path)) continue;
      try {
        authorize(tx.actor, 'user.write', { regionPath: path }); // without a home region: system only
      } catch (error) {
        about(error, index);
      }
      checked.add(path);
    }
    const orgs = await findVisibleOrganisations(tx, people.flatMap((p) => (p.units ?? []).map((u) => u.unitId))).catch((error: unknown) => {
      const orgId = (error as DomainError).details && ((error as DomainError).details as { orgId?: string }).orgId;
      return about(error, Math.max(0, people.findIndex((p) => (p.units ?? []).some((u) => u.unitId === orgId))));
    });

    const phones = people.map((p) => p.phone);
    const cards = digests.filter((d): d is string => !!d);
    const taken = [];
    for (const chunk of chunked(phones, 5000)) {
      taken.push(...(await tx.db.selectFrom('users').select(['phone', 'idCardDigest']).where('tenantId', '=', tx.tenantId).where('phone', 'in', chunk).execute()));
    }
    for (const chunk of chunked(cards, 5000)) {
      taken.push(...(await tx.db.selectFrom('users').select(['phone', 'idCardDigest']).where('tenantId', '=', tx.tenantId).where('idCardDigest', 'in', chunk).execute()));
    }
    if (taken.length) {
      const phonesTaken = new Set(taken.map((t) => t.phone));
      const cardsTaken = new Set(taken.map((t) => t.idCardDigest));
      const index = people.findIndex((p, i) => phonesTaken.has(p.phone) || (digests[i] && cardsTaken.has(digests[i])));
      about(phonesTaken.has(people[index]!.phone) ? phoneTaken() : idCardTaken(), index);
    }

    const rows = people.map((p, i) => ({
      tenantId: tx.tenantId,
      id: newId(),
      phone: p.phone,
      name: p.name,
      passwordHash: p.passwordHash ?? (p.password ? hashes.get(p.password)! : null),
      idCardCipher: p.idCard ? vault.encrypt(p.idCard) : null,
      idCardDigest: digests[i] ?? null,
      regionId: p.regionId ? regions.get(p.regionId)!.id : null,
      isPartyMember: p.isPartyMember ?? false,
    }));
    type Inserted = { id: string; phone: string; name: string; regionId: string | null; isPartyMember: boolean; status: 'active' | 'disabled'; createdAt: Date };
    const inserted = await insertRows<Inserted>(tx.db, 'users', rows, { returning: ['id', 'phone', 'name', 'regionId', 'isPartyMember', 'status', 'createdAt'] });
    const byId = new Map(inserted.map((u) => [u.id, u]));
    const users = rows.map((r) => byId.get(r.id)!);

    const unitLinks = people.flatMap((p, i) => (p.units ?? []).map((u) => ({ tenantId: tx.tenantId, userId: rows[i]!.id, unitId: orgs.get(u.unitId)!.id, position: u.position ?? null })));
    await insertRows(tx.db, 'user_units', unitLinks);
    const residents = rows
      .filter((r) => r.regionId && regions.get(r.regionId)!.kind === 'community')
      .map((r) => ({ tenantId: tx.tenantId, userId: r.id, communityId: r.regionId!, relation: 'resident' as const }));
    await insertRows(tx.db, 'user_communities', residents);

    await auditMany(
      tx,
      users.map((user, i) => ({
        action: 'user.created',
        targetType: 'user',
        targetId: user.id,
        regionId: user.regionId,
        after: { ...auditSnapshot(user, people[i]!.idCard ?? null), units: (people[i]!.units ?? []).map((u) => u.unitId) },
      })),
    );
    return users;
  });
}
