import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

/**
 * Case metrics, maintained incrementally. `case_metrics(c)` is the one definition of what a case counts for
 * (features/cases/metric-definitions.ts explains each counter); triggers on `cases` add the difference between a
 * row's old and new contribution, in the case's own transaction, to two summaries (so no code path can forget):
 *  - case_stats: per tenant, month of receipt (Asia/Shanghai), subdistrict (the case's own region when it lies
 *    above subdistrict level), lead department (nil UUID: none) and category. Keyed by subdistrict, not by the
 *    exact place, so that it is an order of magnitude smaller than the cases (bench/cases.ts); scopes below a
 *    subdistrict are small enough to count from the cases themselves with the same function.
 *  - case_stats_area: per tenant, month and area — the community, or the case's own region when it lies above
 *    community level — a partition of all cases by place (~24,000 rows a year for 2,000 communities) that answers
 *    region-only figures down to a community, and community rankings.
 * `case_stats_recount` and `case_stats_area_recount` are the same sums from scratch (tests compare; operators can
 * rebuild from them).
 */
// 计分件 (scored): dispatched at least once, not withdrawn, not a duplicate, not excluded by an upheld appeal.
const SCORED = `(not c.excluded and c.first_dispatched_at is not null and coalesce(c.close_reason, '') not in ('withdrawn', 'duplicate'))`;
const CLOSED = `(${SCORED} and c.status = 'closed')`;
const COUNTERS: Array<[string, string]> = [
  ['received', 'true'],
  ['excluded', 'c.excluded'],
  ['rejected', `not c.excluded and c.status = 'rejected'`],
  ['withdrawn', `not c.excluded and c.close_reason = 'withdrawn'`],
  ['duplicate', `not c.excluded and c.close_reason = 'duplicate'`],
  ['scored', SCORED],
  ['dispatched_right', `${SCORED} and not c.first_dispatch_wrong`],
  ['response_due', `${SCORED} and (c.signed_at is not null or c.sign_late)`],
  ['responded_on_time', `${SCORED} and c.signed_at is not null and not c.sign_late`],
  ['handled', `${SCORED} and c.handled_at is not null`],
  ['reworked', `${SCORED} and c.rework_count > 0`],
  ['extended', `${SCORED} and c.extension_count > 0`],
  ['closed', CLOSED],
  ['resolved', `${CLOSED} and c.close_reason = 'resolved' and c.rating_solved is not false`],
  ['closed_on_time', `${CLOSED} and not c.handle_late`],
  ['first_time_right', `${CLOSED} and c.close_reason = 'resolved' and c.rework_count = 0`],
  ['overdue_open', `${SCORED} and c.status not in ('closed', 'suspended') and c.handle_late`],
  ['suspended', `${SCORED} and c.status = 'suspended'`],
  ['escalated', `${SCORED} and c.escalation_level > 0`],
  ['rated', `${SCORED} and c.rating_satisfaction is not null`],
  ['very_satisfied', `${SCORED} and c.rating_satisfaction = 5`],
  ['satisfied', `${SCORED} and c.rating_satisfaction = 4`],
  ['fairly_satisfied', `${SCORED} and c.rating_satisfaction = 3`],
  ['dissatisfied', `${SCORED} and c.rating_satisfaction = 2`],
  ['very_dissatisfied', `${SCORED} and c.rating_satisfaction = 1`],
];
const ALL = [...COUNTERS.map(([name]) => name), 'handling_minutes'];
const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;
const MONTH = `to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`;
const KEY = `c.tenant_id, ${MONTH}, coalesce(c.subdistrict_id, c.region_id), coalesce(c.lead_department_id, ${NIL}), c.category_id`;
const AREA_KEY = `c.tenant_id, ${MONTH}, coalesce(c.community_id, c.region_id)`;
const COUNTER_COLUMNS = `${COUNTERS.map(([n]) => `${n} int not null default 0`).join(',\n      ')},\n      handling_minutes bigint not null default 0`;
const SUMS = ALL.map((n) => `sum(m.${n})::${n === 'handling_minutes' ? 'bigint' : 'int'} as ${n}`).join(', ');
const ADD = ALL.map((n) => `${n} = t.${n} + excluded.${n}`).join(', ');

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    `create function case_metrics(c cases) returns table (${COUNTERS.map(([n]) => `${n} int`).join(', ')}, handling_minutes bigint)
      language sql immutable as $$
      select ${COUNTERS.map(([n, e]) => `coalesce((${e})::int, 0) as ${n}`).join(',\n             ')},
             case when ${CLOSED} then coalesce(c.handling_minutes, 0)::bigint else 0::bigint end as handling_minutes
    $$`,
    `create table case_stats (
      tenant_id uuid not null,
      month text not null check (month ~ '^\\d{4}-\\d{2}$'),
      region_id uuid not null,
      department_id uuid not null,
      category_id uuid not null,
      ${COUNTER_COLUMNS},
      primary key (tenant_id, month, region_id, department_id, category_id)
    )`,
    `create index case_stats_department on case_stats (tenant_id, department_id, month)`,
    `create table case_stats_area (
      tenant_id uuid not null,
      month text not null check (month ~ '^\\d{4}-\\d{2}$'),
      area_id uuid not null,
      ${COUNTER_COLUMNS},
      primary key (tenant_id, month, area_id)
    )`,
    `create function case_stats_key(c cases) returns text language sql stable as $$
      select concat_ws('|', ${MONTH}, coalesce(c.subdistrict_id, c.region_id), coalesce(c.lead_department_id, ${NIL}), c.category_id)
    $$`,
    `create function case_stats_add(c cases, s int) returns void language plpgsql as $$
      begin
        insert into case_stats as t (tenant_id, month, region_id, department_id, category_id, ${ALL.join(', ')})
        select ${KEY}, ${ALL.map((n) => `s * m.${n}`).join(', ')} from case_metrics(c) m
        on conflict (tenant_id, month, region_id, department_id, category_id) do update set ${ADD};
        if s < 0 then
          delete from case_stats t where (t.tenant_id, t.month, t.region_id, t.department_id, t.category_id) = (${KEY}) and t.received = 0;
        end if;
      end $$`,
    `create function case_stats_area_add(c cases, s int) returns void language plpgsql as $$
      begin
        insert into case_stats_area as t (tenant_id, month, area_id, ${ALL.join(', ')})
        select ${AREA_KEY}, ${ALL.map((n) => `s * m.${n}`).join(', ')} from case_metrics(c) m
        on conflict (tenant_id, month, area_id) do update set ${ADD};
        if s < 0 then
          delete from case_stats_area t where (t.tenant_id, t.month, t.area_id) = (${AREA_KEY}) and t.received = 0;
        end if;
      end $$`,
    `create function case_stats_unchanged(o cases, n cases) returns boolean language sql stable as $$
      select o.created_at = n.created_at and o.region_id = n.region_id and o.category_id = n.category_id
         and o.subdistrict_id is not distinct from n.subdistrict_id and o.community_id is not distinct from n.community_id
         and o.lead_department_id is not distinct from n.lead_department_id
         and (select m from case_metrics(o) m) is not distinct from (select m from case_metrics(n) m)
    $$`,
    // A case moving between keys touches two rows: always in key order, so two moves in opposite directions at once
    // cannot deadlock.
    `create function case_stats_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and case_stats_unchanged(old, new) then return null; end if;
        if tg_op = 'INSERT' then perform case_stats_add(new, 1);
        elsif tg_op = 'DELETE' then perform case_stats_add(old, -1);
        elsif case_stats_key(old) <= case_stats_key(new) then perform case_stats_add(old, -1); perform case_stats_add(new, 1);
        else perform case_stats_add(new, 1); perform case_stats_add(old, -1);
        end if;
        return null;
      end $$`,
    `create trigger cases_stats after insert or update or delete on cases for each row execute function case_stats_apply()`,
    // An area's row of a month is shared by all its cases: it is updated at commit (a deferred trigger), after every
    // case_stats row the transaction touched, which keeps one lock order and holds the hot row only briefly.
    `create function case_stats_area_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and case_stats_unchanged(old, new) then return null; end if;
        if tg_op <> 'INSERT' then perform case_stats_area_add(old, -1); end if;
        if tg_op <> 'DELETE' then perform case_stats_area_add(new, 1); end if;
        return null;
      end $$`,
    `create constraint trigger cases_stats_area after insert or update or delete on cases
      deferrable initially deferred for each row execute function case_stats_area_apply()`,
    `create view case_stats_recount as
      select c.tenant_id, ${MONTH} as month, coalesce(c.subdistrict_id, c.region_id) as region_id,
             coalesce(c.lead_department_id, ${NIL}) as department_id, c.category_id, ${SUMS}
        from cases c cross join lateral case_metrics(c) m
       group by 1, 2, 3, 4, 5`,
    `create view case_stats_area_recount as
      select c.tenant_id, ${MONTH} as month, coalesce(c.community_id, c.region_id) as area_id, ${SUMS}
        from cases c cross join lateral case_metrics(c) m
       group by 1, 2, 3`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    'drop view case_stats_area_recount',
    'drop view case_stats_recount',
    'drop trigger cases_stats_area on cases',
    'drop trigger cases_stats on cases',
    'drop function case_stats_area_apply',
    'drop function case_stats_apply',
    'drop function case_stats_unchanged',
    'drop function case_stats_area_add',
    'drop function case_stats_add',
    'drop function case_stats_key',
    'drop table case_stats_area',
    'drop table case_stats',
    'drop function case_metrics',
  );
}
