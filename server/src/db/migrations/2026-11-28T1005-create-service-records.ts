import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // One attendance record per person and item (declined ones excepted): opened by a QR check-in, or entered by
    // staff (batch 团体录入, retro 补录 with evidence files attached as owner 'service_record'). Minutes: planned
    // (copied from the item), actual (check-out − check-in), credited (after rounding and the daily cap).
    // service_day is the Asia/Shanghai date of the check-in, the day the daily cap counts against.
    `create table service_records (
      tenant_id uuid not null,
      id uuid not null,
      item_id uuid not null,
      claim_id uuid,
      user_id uuid not null,
      source text not null check (source in ('qr','batch','retro')),
      check_in_at timestamptz not null,
      check_in_lat double precision,
      check_in_lng double precision,
      check_out_at timestamptz,
      check_out_lat double precision,
      check_out_lng double precision,
      service_day date not null,
      planned_minutes int not null,
      actual_minutes int check (actual_minutes >= 0),
      credited_minutes int check (credited_minutes >= 0),
      auto_checked_out boolean not null default false,
      entered_by uuid,
      note text,
      status text not null check (status in ('open','pending','approved','declined')),
      certified_by uuid,
      certified_at timestamptz,
      decline_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check ((status = 'open') = (check_out_at is null)),
      check (check_out_at is null or check_out_at >= check_in_at),
      foreign key (tenant_id, item_id) references service_items(tenant_id, id),
      foreign key (tenant_id, claim_id) references service_claims(tenant_id, id),
      foreign key (tenant_id, user_id) references users(tenant_id, id)
    )`,
    `create unique index service_records_live on service_records (tenant_id, item_id, user_id) where status <> 'declined'`,
    `create index service_records_user_day on service_records (tenant_id, user_id, service_day)`,
    `create index service_records_item on service_records (tenant_id, item_id, id)`,
    `create index service_records_open on service_records (tenant_id, item_id) where status = 'open'`,
    `create index service_records_status on service_records (tenant_id, status, id)`,
    // What residents served think of a service: one rating per person and item.
    `create table service_ratings (
      tenant_id uuid not null,
      id uuid not null,
      item_id uuid not null,
      user_id uuid not null,
      score smallint not null check (score between 1 and 5),
      comment text,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, item_id, user_id),
      foreign key (tenant_id, item_id) references service_items(tenant_id, id),
      foreign key (tenant_id, user_id) references users(tenant_id, id)
    )`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table service_ratings', 'drop table service_records');
}
