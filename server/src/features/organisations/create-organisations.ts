import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import type { Selectable } from 'kysely';
import type { OrganisationTable } from '../../db/schema.js';
import { insertRows } from '../../platform/bulk.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize } from '../../platform/policy.js';
import type { CreateOrganisationInput } from './create-organisation.js';
import { findVisibleOrganisations } from './organisations.queries.js';

const about = (error: unknown, index: number): never => {
  if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { index, ...(error.details as object) });
  throw error;
};

/**
 * The batch form of createOrganisation (bulk registration, the demo): for each organisation the same checks —
 * its region in the actor's `org.write` scope, a parent they can see and of the same kind — and the same row and
 * `organisation.created` audit entry, as a few multi-row statements. All or nothing; the first failing input is
 * named by `details.index`. Parents must already exist (a batch does not nest within itself). Returns the rows in
 * input order.
 */
export async function createOrganisations({ ctx, input }: { ctx: Ctx; input: { organisations: CreateOrganisationInput[] } }) {
  const list = input.organisations;
  if (list.length === 0) return [];
  return withTransaction(ctx, async (tx) => {
    const regionIds = [...new Set(list.map((o) => o.regionId))];
    const regions = new Map((await tx.db.selectFrom('regions').select(['id', 'path']).where('tenantId', '=', tx.tenantId).where('id', 'in', regionIds).execute()).map((r) => [r.id, r]));
    const checked = new Set<string>();
    for (const [index, o] of list.entries()) {
      const region = regions.get(o.regionId);
      if (!region) about(notFound('区域'), index);
      if (checked.has(region!.id)) continue;
      try {
        authorize(tx.actor, 'org.write', { regionPath: region!.path });
      } catch (error) {
        about(error, index);
      }
      checked.add(region!.id);
    }
    const parentIds = list.map((o) => o.parentId).filter((id): id is string => !!id);
    const parents = await findVisibleOrganisations(tx, parentIds).catch((error: unknown) => {
      const orgId = ((error as DomainError).details as { orgId?: string } | undefined)?.orgId;
      return about(error, Math.max(0, list.findIndex((o) => o.parentId === orgId)));
    });
    for (const [index, o] of list.entries()) {
      const parent = o.parentId ? parents.get(o.parentId) : undefined;
      if (parent && parent.kind !== o.kind) about(invalid('上级组织类型不一致', 'The parent organisation is of another kind'), index);
    }
    const rows = list.map((o) => {
      const id = newId();
      const parent = o.parentId ? parents.get(o.parentId) : undefined;
      return {
        tenantId: tx.tenantId,
        id,
        kind: o.kind,
        subtype: o.subtype ?? null,
        name: o.name,
        code: o.code ?? null,
        regionId: o.regionId,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? parent.depth + 1 : 0,
        contactName: o.contactName ?? null,
        contactPhone: o.contactPhone ?? null,
      };
    });
    const inserted = await insertRows<Selectable<OrganisationTable>>(tx.db, 'organisations', rows, { returning: ['*'] });
    const byId = new Map(inserted.map((o) => [o.id, o]));
    const orgs = rows.map((r) => byId.get(r.id)!);
    await auditMany(tx, orgs.map((org) => ({ action: 'organisation.created', targetType: 'organisation', targetId: org.id, regionId: org.regionId, after: org })));
    return orgs;
  });
}
