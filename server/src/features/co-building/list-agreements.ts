import type { Ctx } from '../../platform/context.js';
import { idCursor } from '../report-ins/report-ins.queries.js';
import { pageOf } from '../../platform/http/pagination.js';
import { DomainError } from '../../platform/errors.js';
import { can } from '../../platform/policy.js';
import { agreementVisible, presentAgreement, selectAgreements } from './co-building.queries.js';
import type { ListAgreementsQuery } from './co-building.schemas.js';

/** Co-building agreements the actor is a side of (their unit's, their community's), newest first. */
export async function listAgreements({ ctx, input }: { ctx: Ctx; input: ListAgreementsQuery }) {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  if (!can(ctx.actor, 'cobuild.unit') && !can(ctx.actor, 'cobuild.community')) throw new DomainError('FORBIDDEN');
  const limit = input.limit ?? 50;
  const after = idCursor(input.cursor);
  const rows = await selectAgreements(ctx.db, ctx.tenantId)
    .where(agreementVisible(ctx.tenantId, ctx.actor, 'a.unitId', 'a.communityId'))
    .$if(!!input.unitId, (q) => q.where('a.unitId', '=', input.unitId!))
    .$if(!!input.communityId, (q) => q.where('a.communityId', '=', input.communityId!))
    .$if(!!input.status, (q) => q.where('a.status', '=', input.status!))
    .$if(!!after, (q) => q.where('a.id', '<', after!))
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.id);
  const now = ctx.now();
  return { items: page.items.map((a) => presentAgreement(a, now)), nextCursor: page.nextCursor };
}
