import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // 在职党员到社区报到: one row per report-in to one community. A transfer ends the row ('transferred') and starts a
    // new one (transferred_from_id / transferred_to_id link them), so a member's history is their rows in order.
    // member_grant_id is the `member` role grant the confirmation created (revoked when the member leaves).
    `create table report_ins (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      user_id uuid not null,
      community_id uuid not null,
      unit_id uuid not null,
      skills jsonb not null default '[]',
      intentions jsonb not null default '[]',
      note text,
      status text not null check (status in ('submitted','returned','active','transferred','inactive')),
      grid_id uuid,
      service_team text,
      return_reason text,
      end_reason text,
      submitted_at timestamptz not null,
      confirmed_at timestamptz,
      confirmed_by uuid,
      reconfirmed_at timestamptz,
      reconfirm_due_at timestamptz,
      reconfirm_notified_at timestamptz,
      ended_at timestamptz,
      member_grant_id uuid,
      transferred_from_id uuid,
      transferred_to_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check (status <> 'active' or (grid_id is not null and service_team is not null and reconfirm_due_at is not null)),
      foreign key (tenant_id, user_id) references users(tenant_id, id),
      foreign key (tenant_id, community_id) references regions(tenant_id, id),
      foreign key (tenant_id, unit_id) references organisations(tenant_id, id),
      foreign key (tenant_id, grid_id) references regions(tenant_id, id),
      foreign key (tenant_id, transferred_from_id) references report_ins(tenant_id, id)
    )`,
    // One open report-in (submitted, returned or active) per member and tenant; ended ones stay as history.
    `create unique index report_ins_one_open on report_ins (tenant_id, user_id) where status in ('submitted','returned','active')`,
    `create index report_ins_community on report_ins (tenant_id, community_id, status, id)`,
    `create index report_ins_unit on report_ins (tenant_id, unit_id, status)`,
    `create index report_ins_user on report_ins (tenant_id, user_id, id)`,
    `create index report_ins_reconfirm on report_ins (tenant_id, reconfirm_due_at) where status = 'active'`,
    // Every transition of a report-in, in order: the record's timeline. actor_id has no foreign key (the system actor).
    `create table report_in_events (
      tenant_id uuid not null,
      id uuid not null,
      report_in_id uuid not null,
      action text not null,
      from_status text,
      to_status text not null,
      actor_id uuid,
      note text,
      data jsonb,
      at timestamptz not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, report_in_id) references report_ins(tenant_id, id)
    )`,
    `create index report_in_events_record on report_in_events (tenant_id, report_in_id, id)`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table report_in_events', 'drop table report_ins');
}
