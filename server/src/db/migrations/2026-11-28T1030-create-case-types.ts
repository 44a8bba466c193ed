import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

/**
 * The case engine's configuration (features/cases/README.md): case types — state machines as data, one row per
 * version, never edited (a change is a new version; a case keeps the version it was created with) — and the
 * per-tenant settings (metric weights, escalation levels, default time limits, the lazy-seeding marker).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    `create function case_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name using errcode = '23514'; end $$`,
    // states: [{ code, name, terminal? }]; transitions: [{ action, name, from[], to, by[], requires, clock, effects,
    // guard, notify }]; intake: { initial, directFile, automatic }. The engine validates them when a version is added.
    `create table case_types (
      tenant_id uuid not null references tenants(id),
      code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      version int not null check (version > 0),
      name text not null,
      states jsonb not null,
      transitions jsonb not null,
      intake jsonb not null,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, code, version)
    )`,
    `create trigger case_types_no_change before update or delete on case_types for each row execute function case_append_only()`,
    // One row per tenant, written the first time the tenant uses the engine (seeded_at: the default type and the
    // GB/T 30428.2 catalogue were seeded in the same transaction).
    `create table case_settings (
      tenant_id uuid primary key references tenants(id),
      weights jsonb not null,
      satisfaction_alpha numeric(4,3) not null check (satisfaction_alpha between 0 and 1),
      escalation jsonb not null,
      default_limits jsonb not null,
      min_ranking_sample int not null check (min_ranking_sample >= 0),
      seeded_at timestamptz not null,
      updated_by uuid,
      updated_at timestamptz not null
    )`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table case_settings', 'drop table case_types', 'drop function case_append_only');
}
