import type { Ctx } from '../../platform/context.js';
import { orgVisible } from '../organisations/organisations.queries.js';
import { chunks } from './import-rows.js';

/**
 * Batch look-ups for validating a whole file in a few queries instead of a few per row. The region tree is the
 * tenant's directory (see docs/ARCHITECTURE.md); what an import may write is checked per row against the actor's scope.
 */

export async function regionsByCode(ctx: Ctx, codes: Iterable<string>) {
  const found = new Map<string, { id: string; code: string; name: string; kind: string; path: string }>();
  for (const part of chunks([...new Set(codes)])) {
    const rows = await ctx.db.selectFrom('regions').select(['id', 'code', 'name', 'kind', 'path']).where('tenantId', '=', ctx.tenantId).where('code', 'in', part).execute();
    for (const r of rows) found.set(r.code, r);
  }
  return found;
}

export type ExistingOrganisation = Awaited<ReturnType<typeof organisationsByCodeOrName>>[number];

/**
 * Organisations whose code or name is one of `refs`, visible to the actor or not (uniqueness is tenant-wide),
 * flagged `visible` as organisations.queries.ts decides: only those may be named as a parent or a work unit.
 */
export async function organisationsByCodeOrName(ctx: Ctx, refs: Iterable<string>) {
  const all = [...new Set(refs)];
  const rows = [];
  for (const part of chunks(all, 2500)) {
    rows.push(
      ...(await ctx.db
        .selectFrom('organisations as o')
        .innerJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'o.tenantId').onRef('r.id', '=', 'o.regionId'))
        .select(['o.id', 'o.kind', 'o.name', 'o.code', 'o.regionId', 'o.path', 'r.path as regionPath'])
        .select((eb) => eb.and([orgVisible(ctx.tenantId, ctx.actor, 'org.read', 'o.id')(eb)]).as('visible'))
        .where('o.tenantId', '=', ctx.tenantId)
        .where((eb) => eb.or([eb('o.code', 'in', part), eb('o.name', 'in', part)]))
        .execute()),
    );
  }
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

export async function registeredPhones(ctx: Ctx, phones: Iterable<string>): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(phones)])) {
    const rows = await ctx.db.selectFrom('users').select('phone').where('tenantId', '=', ctx.tenantId).where('phone', 'in', part).execute();
    for (const r of rows) found.add(r.phone);
  }
  return found;
}

export async function registeredIdCardDigests(ctx: Ctx, digests: Iterable<string>): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(digests)])) {
    const rows = await ctx.db.selectFrom('users').select('idCardDigest').where('tenantId', '=', ctx.tenantId).where('idCardDigest', 'in', part).execute();
    for (const r of rows) if (r.idCardDigest) found.add(r.idCardDigest);
  }
  return found;
}
