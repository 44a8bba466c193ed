import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // region_id is the person's home region (usually the residence community); it places the person in scopes.
    `create table users (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      phone text not null,
      name text not null,
      password_hash text,
      id_card_cipher text,
      id_card_digest text,
      region_id uuid,
      is_party_member boolean not null default false,
      locale text not null default 'zh-CN' check (locale in ('zh-CN','en')),
      status text not null default 'active' check (status in ('active','disabled')),
      password_changed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, phone),
      foreign key (tenant_id, region_id) references regions(tenant_id, id)
    )`,
    `create unique index users_id_card on users (tenant_id, id_card_digest) where id_card_digest is not null`,
    `create index users_region on users (tenant_id, region_id)`,
    `create table user_units (
      tenant_id uuid not null,
      user_id uuid not null,
      unit_id uuid not null,
      position text,
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id, unit_id),
      foreign key (tenant_id, user_id) references users(tenant_id, id),
      foreign key (tenant_id, unit_id) references organisations(tenant_id, id)
    )`,
    `create index user_units_unit on user_units (tenant_id, unit_id)`,
    `create table user_communities (
      tenant_id uuid not null,
      user_id uuid not null,
      community_id uuid not null,
      relation text not null check (relation in ('resident','registered')),
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id, community_id, relation),
      foreign key (tenant_id, user_id) references users(tenant_id, id),
      foreign key (tenant_id, community_id) references regions(tenant_id, id)
    )`,
    `create index user_communities_community on user_communities (tenant_id, community_id)`,
    `create table unit_communities (
      tenant_id uuid not null,
      unit_id uuid not null,
      community_id uuid not null,
      relation text not null default 'co_building' check (relation in ('co_building','stationed','linked')),
      since date,
      created_at timestamptz not null default now(),
      primary key (tenant_id, unit_id, community_id),
      foreign key (tenant_id, unit_id) references organisations(tenant_id, id),
      foreign key (tenant_id, community_id) references regions(tenant_id, id)
    )`,
    `create index unit_communities_community on unit_communities (tenant_id, community_id)`,
    // A role held over a region subtree or an organisation subtree; scope_path is that subtree's path.
    `create table role_grants (
      tenant_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      role text not null,
      region_id uuid,
      org_id uuid,
      scope_path text not null,
      granted_by uuid,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid,
      primary key (tenant_id, id),
      check ((region_id is null) <> (org_id is null)),
      foreign key (tenant_id, user_id) references users(tenant_id, id),
      foreign key (tenant_id, region_id) references regions(tenant_id, id),
      foreign key (tenant_id, org_id) references organisations(tenant_id, id)
    )`,
    `create unique index role_grants_active on role_grants (tenant_id, user_id, role, coalesce(region_id, org_id)) where revoked_at is null`,
    `create index role_grants_user on role_grants (tenant_id, user_id) where revoked_at is null`,
    `create table sessions (
      tenant_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      token_hash text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, token_hash),
      foreign key (tenant_id, user_id) references users(tenant_id, id)
    )`,
    `create index sessions_user on sessions (tenant_id, user_id) where revoked_at is null`,
    `create table login_throttle (
      tenant_id uuid not null,
      key text not null,
      failures int not null,
      window_started_at timestamptz not null,
      locked_until timestamptz,
      primary key (tenant_id, key)
    )`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table login_throttle', 'drop table sessions', 'drop table role_grants', 'drop table unit_communities',
    'drop table user_communities', 'drop table user_units', 'drop table users');
}
