import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // A volunteer service item (岗位/活动/需求) published by a community. lat/lng are WGS84 (clients on Chinese
    // maps convert GCJ-02 before sending). claimed_count counts the claims holding a place (claimed, attended,
    // no_show) and waitlisted_count the waiting ones; both are kept by the claim statement under the row lock.
    // created_by has no foreign key: the system actor (demo, CLI) is not a user row.
    `create table service_items (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      community_id uuid not null,
      title text not null check (length(title) between 1 and 100),
      category text not null check (category in ('组织建设','法律咨询与援助','助困扶残与就业援助','社区治理','健康医疗','文化体育','安全宣传与治安巡逻','其他')),
      description text not null default '',
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      place_name text not null,
      lat double precision not null check (lat between -90 and 90),
      lng double precision not null check (lng between -180 and 180),
      checkin_radius_m int not null check (checkin_radius_m between 10 and 10000),
      capacity int not null check (capacity between 1 and 100000),
      claimed_count int not null default 0,
      waitlisted_count int not null default 0 check (waitlisted_count >= 0),
      eligibility jsonb not null default '{"kind":"all"}',
      planned_minutes int not null check (planned_minutes between 1 and 1440),
      points_per_hour numeric check (points_per_hour >= 0),
      cancel_deadline_minutes int not null check (cancel_deadline_minutes between 0 and 10080),
      status text not null default 'draft' check (status in ('draft','published','closed','cancelled','completed')),
      created_by uuid not null,
      published_at timestamptz,
      closed_at timestamptz,
      cancelled_at timestamptz,
      cancel_reason text,
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check (ends_at > starts_at),
      check (claimed_count between 0 and capacity),
      foreign key (tenant_id, community_id) references regions(tenant_id, id)
    )`,
    `create index service_items_time on service_items (tenant_id, starts_at, id)`,
    `create index service_items_community on service_items (tenant_id, community_id, starts_at)`,
    // One live claim per person and item; cancelled claims stay as history, so the uniqueness is partial and a
    // person may claim again after cancelling. Waitlist order is (queued_at, id).
    `create table service_claims (
      tenant_id uuid not null,
      id uuid not null,
      item_id uuid not null,
      user_id uuid not null,
      status text not null check (status in ('claimed','waitlisted','cancelled','no_show','attended')),
      claimed_at timestamptz not null,
      queued_at timestamptz,
      promoted_at timestamptz,
      cancelled_at timestamptz,
      cancelled_by uuid,
      cancel_reason text,
      no_show_at timestamptz,
      attended_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, item_id) references service_items(tenant_id, id),
      foreign key (tenant_id, user_id) references users(tenant_id, id)
    )`,
    `create unique index service_claims_live on service_claims (tenant_id, item_id, user_id) where status <> 'cancelled'`,
    `create index service_claims_waitlist on service_claims (tenant_id, item_id, queued_at, id) where status = 'waitlisted'`,
    `create index service_claims_item on service_claims (tenant_id, item_id, status)`,
    `create index service_claims_user on service_claims (tenant_id, user_id, claimed_at desc)`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table service_claims', 'drop table service_items');
}
