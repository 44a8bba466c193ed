import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // The in-app inbox: one row per recipient. Ids are UUIDv7, so "newest first" is "id desc".
    `create table notifications (
      tenant_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      kind text not null,
      title text not null,
      body text,
      link text,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, user_id) references users(tenant_id, id)
    )`,
    `create index notifications_user on notifications (tenant_id, user_id, id desc)`,
    `create index notifications_unread on notifications (tenant_id, user_id, id) where read_at is null`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table notifications');
}
