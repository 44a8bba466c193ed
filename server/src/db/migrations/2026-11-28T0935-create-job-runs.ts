import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // One row per tenant and job: when it is next due and who holds the lease. Several servers race for the row;
    // one conditional UPDATE decides who runs it.
    `create table job_runs (
      tenant_id uuid not null references tenants(id),
      name text not null,
      next_run_at timestamptz not null,
      last_run_at timestamptz,
      last_finished_at timestamptz,
      last_error text,
      runs bigint not null default 0,
      locked_until timestamptz,
      locked_by text,
      primary key (tenant_id, name)
    )`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table job_runs');
}
