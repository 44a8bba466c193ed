import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // A row here means the tenant owns that year's days (copied from the built-in notice on first edit, or
    // entered for a year the code has no notice for); years without a row use the built-in data.
    `create table calendar_years (
      tenant_id uuid not null references tenants(id),
      year int not null check (year between 1990 and 2100),
      notice text,
      created_at timestamptz not null default now(),
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, year)
    )`,
    // Exceptions to the Monday–Friday week: holidays and 调休 make-up workdays. source 'notice' = copied from
    // the State Council notice, 'manual' = entered or changed by an admin.
    `create table calendar_days (
      tenant_id uuid not null references tenants(id),
      day date not null,
      kind text not null check (kind in ('holiday','workday')),
      name text not null,
      source text not null check (source in ('notice','manual')),
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, day)
    )`,
    `create table calendar_settings (
      tenant_id uuid primary key references tenants(id),
      office_hours jsonb not null,
      updated_by uuid,
      updated_at timestamptz not null default now()
    )`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table calendar_settings', 'drop table calendar_days', 'drop table calendar_years');
}
