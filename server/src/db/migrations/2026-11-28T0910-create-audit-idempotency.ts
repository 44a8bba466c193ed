import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // Append-only: a trigger refuses UPDATE and DELETE. region_id places the entry in admins' scopes.
    `create table audit_log (
      tenant_id uuid not null,
      id uuid not null,
      at timestamptz not null default now(),
      actor_id uuid,
      action text not null,
      target_type text not null,
      target_id text,
      region_id uuid,
      before jsonb,
      after jsonb,
      ip text,
      request_id text,
      primary key (tenant_id, id)
    )`,
    `create index audit_log_target on audit_log (tenant_id, target_type, target_id)`,
    `create index audit_log_actor on audit_log (tenant_id, actor_id, id)`,
    `create index audit_log_region on audit_log (tenant_id, region_id, id)`,
    `create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`,
    `create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`,
    // actor_key is the user id, or 'anon:<ip>' before login; a pending row (status_code null) reserves the key.
    `create table idempotency_keys (
      tenant_id uuid not null,
      actor_key text not null,
      key text not null,
      method text not null,
      path text not null,
      request_hash text not null,
      status_code int,
      response jsonb,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (tenant_id, actor_key, key)
    )`,
    `create index idempotency_keys_expiry on idempotency_keys (expires_at)`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table idempotency_keys', 'drop table audit_log', 'drop function audit_log_append_only');
}
