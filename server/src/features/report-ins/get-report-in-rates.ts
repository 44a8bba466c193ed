import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { authorizeOrHide, regionScopes } from '../../platform/policy.js';
import { findRegion } from '../regions/regions.queries.js';
import { RATE_DEFINITIONS } from './report-ins.schemas.js';

const rate = (reported: number, members: number) => (members === 0 ? null : Math.round((reported / members) * 10000) / 10000);

/**
 * 报到率 per community and per unit in a region (default: the caller's whole `stats.read` scope), counted from
 * people, unit memberships, community links and active report-ins. Definitions: RATE_DEFINITIONS (also returned).
 */
export async function getReportInRates({ ctx, input }: { ctx: Ctx; input: { regionId?: string } }) {
  const actor = requireActor(ctx);
  let paths: string[];
  if (input.regionId) {
    const region = await findRegion(ctx.db, ctx.tenantId, input.regionId);
    authorizeOrHide(actor, 'stats.read', { regionPath: region.path }, '区域');
    paths = [region.path];
  } else {
    paths = regionScopes(actor, 'stats.read');
    if (paths.length === 0) throw new DomainError('FORBIDDEN');
  }
  const t = ctx.tenantId;
  const under = (column: string) => sql.join(paths.map((p) => sql`${sql.raw(column)} like ${`${p}%`}`), sql` or `);

  const communities = await sql<{ id: string; name: string; code: string; partyMembers: number; reportedIn: number }>`
    with comm as (
      select id, name, code, path from regions where tenant_id = ${t} and kind = 'community' and (${under('path')})
    ), links as (
      select c.id as community_id, u.id as user_id
        from comm c
        join regions h on h.tenant_id = ${t} and h.path like c.path || '%'
        join users u on u.tenant_id = ${t} and u.region_id = h.id and u.is_party_member and u.status = 'active'
      union
      select uc.community_id, uc.user_id
        from user_communities uc
        join users u on u.tenant_id = uc.tenant_id and u.id = uc.user_id and u.is_party_member and u.status = 'active'
       where uc.tenant_id = ${t} and uc.community_id in (select id from comm)
      union
      select community_id, user_id from report_ins where tenant_id = ${t} and status = 'active' and community_id in (select id from comm)
    )
    select c.id, c.name, c.code,
           (select count(*) from links l where l.community_id = c.id) as party_members,
           (select count(*) from report_ins ri where ri.tenant_id = ${t} and ri.community_id = c.id and ri.status = 'active') as reported_in
      from comm c
     order by c.code`.execute(ctx.db);

  const units = await sql<{ id: string; name: string; regionId: string; regionName: string; partyMembers: number; reportedIn: number }>`
    with un as (
      select o.id, o.name, o.region_id, r.name as region_name
        from organisations o join regions r on r.tenant_id = o.tenant_id and r.id = o.region_id
       where o.tenant_id = ${t} and o.kind in ('unit', 'department') and (${under('r.path')})
    ), links as (
      select uu.unit_id, uu.user_id
        from user_units uu
        join users u on u.tenant_id = uu.tenant_id and u.id = uu.user_id and u.is_party_member and u.status = 'active'
       where uu.tenant_id = ${t} and uu.unit_id in (select id from un)
      union
      select unit_id, user_id from report_ins where tenant_id = ${t} and status = 'active' and unit_id in (select id from un)
    )
    select un.id, un.name, un.region_id, un.region_name,
           (select count(*) from links l where l.unit_id = un.id) as party_members,
           (select count(*) from report_ins ri where ri.tenant_id = ${t} and ri.unit_id = un.id and ri.status = 'active') as reported_in
      from un
     order by un.name, un.id`.execute(ctx.db);

  const totals = communities.rows.reduce((acc, c) => ({ members: acc.members + Number(c.partyMembers), reported: acc.reported + Number(c.reportedIn) }), { members: 0, reported: 0 });
  return {
    regionIds: paths.map((p) => p.split('/').filter(Boolean).pop()!).filter((id) => id !== '00000000-0000-0000-0000-000000000000'),
    communities: communities.rows.map((c) => ({ ...c, partyMembers: Number(c.partyMembers), reportedIn: Number(c.reportedIn), rate: rate(Number(c.reportedIn), Number(c.partyMembers)) })),
    units: units.rows.map((u) => ({ ...u, partyMembers: Number(u.partyMembers), reportedIn: Number(u.reportedIn), rate: rate(Number(u.reportedIn), Number(u.partyMembers)) })),
    totals: { communityPartyMembers: totals.members, communityReportedIn: totals.reported, rate: rate(totals.reported, totals.members) },
    definitions: RATE_DEFINITIONS,
  };
}
