import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Ctx } from '../../platform/context.js';
import { pageOf } from '../../platform/http/pagination.js';
import { maskPhone } from '../../platform/pii.js';
import { authorize, type Role } from '../../platform/policy.js';
import { userInScope } from '../../platform/scope.js';
import { findRegion } from '../regions/regions.queries.js';
import { findVisibleOrganisation } from '../organisations/organisations.queries.js';
import { nameCursor, parseNameCursor } from '../organisations/list-organisations.js';
import type { ListUsersQuery } from './users.schemas.js';

const PHONE = /^1\d{10}$/;

/** People the actor may see, by name, phones masked; `q` matches a name fragment or a whole phone number. */
export async function listUsers({ ctx, input }: { ctx: Ctx; input: ListUsersQuery }) {
  authorize(ctx.actor, 'user.read');
  const { db, tenantId } = ctx;
  const limit = input.limit ?? 50;
  const after = parseNameCursor(input.cursor);
  const region = input.regionId ? await findRegion(db, tenantId, input.regionId) : undefined;
  const unit = input.unitId ? await findVisibleOrganisation(ctx, input.unitId) : undefined;
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'u.tenantId').onRef('r.id', '=', 'u.regionId'))
    .select(['u.id', 'u.name', 'u.phone', 'u.regionId', 'r.name as regionName', 'u.isPartyMember', 'u.status', 'u.createdAt'])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('userUnits as uu')
          .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'uu.tenantId').onRef('o.id', '=', 'uu.unitId'))
          .select(['o.id', 'o.name', 'uu.position'])
          .whereRef('uu.tenantId', '=', 'u.tenantId')
          .whereRef('uu.userId', '=', 'u.id')
          .orderBy('o.name'),
      ).as('units'),
      sql<Role[]>`array(select distinct g.role from role_grants g where g.tenant_id = u.tenant_id and g.user_id = u.id and g.revoked_at is null order by g.role)`.as('roles'),
    ])
    .where('u.tenantId', '=', tenantId)
    .where(userInScope(tenantId, ctx.actor, 'user.read', 'u.id', 'u.regionId'))
    .$if(!!region, (q) =>
      q.where((eb) =>
        eb.or([
          eb('r.path', 'like', `${region!.path}%`),
          eb.exists(
            eb
              .selectFrom('userCommunities as fuc')
              .innerJoin('regions as fr', (j) => j.onRef('fr.tenantId', '=', 'fuc.tenantId').onRef('fr.id', '=', 'fuc.communityId'))
              .select(sql`1`.as('one'))
              .whereRef('fuc.tenantId', '=', 'u.tenantId')
              .whereRef('fuc.userId', '=', 'u.id')
              .where('fr.path', 'like', `${region!.path}%`),
          ),
        ]),
      ),
    )
    .$if(!!unit, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('userUnits as fuu')
            .innerJoin('organisations as fo', (j) => j.onRef('fo.tenantId', '=', 'fuu.tenantId').onRef('fo.id', '=', 'fuu.unitId'))
            .select(sql`1`.as('one'))
            .whereRef('fuu.tenantId', '=', 'u.tenantId')
            .whereRef('fuu.userId', '=', 'u.id')
            .where('fo.path', 'like', `${unit!.path}%`),
        ),
      ),
    )
    .$if(!!input.role, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('roleGrants as fg')
            .select(sql`1`.as('one'))
            .whereRef('fg.tenantId', '=', 'u.tenantId')
            .whereRef('fg.userId', '=', 'u.id')
            .where('fg.role', '=', input.role!)
            .where('fg.revokedAt', 'is', null),
        ),
      ),
    )
    .$if(!!input.status, (q) => q.where('u.status', '=', input.status!))
    .$if(!!input.q, (q) =>
      q.where((eb) => eb.or([eb('u.name', 'like', `%${input.q}%`), ...(PHONE.test(input.q!) ? [eb('u.phone', '=', input.q!)] : [])])),
    )
    .$if(!!after, (q) => q.where(({ eb, refTuple, tuple }) => eb(refTuple('u.name', 'u.id'), '>', tuple(after![0], after![1]))))
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, nameCursor);
  return { items: page.items.map((u) => ({ ...u, phone: maskPhone(u.phone) })), nextCursor: page.nextCursor };
}
