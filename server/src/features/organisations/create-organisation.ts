import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { findVisibleOrganisation } from './organisations.queries.js';

export type OrgKind = 'party_org' | 'unit' | 'department';

export interface CreateOrganisationInput {
  kind: OrgKind;
  /** party_org: 党工委/大党委/党总支/党支部; unit: 机关/企业/事业单位/高校/物业/社会组织; department: e.g. 城管. */
  subtype?: string | null;
  name: string;
  code?: string | null;
  regionId: string;
  parentId?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** An organisation of the tenant by id, unscoped (callers authorize); NOT_FOUND when missing. */
export async function findOrganisation(ctx: Ctx, id: string) {
  const org = await ctx.db.selectFrom('organisations').selectAll().where('tenantId', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('组织');
  return org;
}

/**
 * Creates a Party organisation, unit or department in a region the actor administers. The region tree is a
 * public directory, so a region outside the actor's rights is FORBIDDEN; a parent they cannot see is NOT_FOUND.
 */
export async function createOrganisation({ ctx, input }: { ctx: Ctx; input: CreateOrganisationInput }) {
  return withTransaction(ctx, async (tx) => {
    const region = await findRegion(tx.db, tx.tenantId, input.regionId);
    authorize(tx.actor, 'org.write', { regionPath: region.path });
    const parent = input.parentId ? await findVisibleOrganisation(tx, input.parentId) : undefined;
    if (parent && parent.kind !== input.kind) throw invalid('上级组织类型不一致', 'The parent organisation is of another kind');
    const id = newId();
    const org = await tx.db
      .insertInto('organisations')
      .values({
        tenantId: tx.tenantId,
        id,
        kind: input.kind,
        subtype: input.subtype ?? null,
        name: input.name,
        code: input.code ?? null,
        regionId: region.id,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? parent.depth + 1 : 0,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'organisation.created', targetType: 'organisation', targetId: id, regionId: region.id, after: org });
    return org;
  });
}
