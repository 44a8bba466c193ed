import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    `create table tenants (
      id uuid primary key,
      code text not null unique,
      name text not null,
      settings jsonb not null default '{}',
      created_at timestamptz not null default now()
    )`,
    // Region tree 州 → 市/县 → 街道/镇 → 社区 → 网格 → 小区 → 楼栋; path is the materialised id path '/a/b/c/'.
    `create table regions (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      parent_id uuid,
      kind text not null check (kind in ('prefecture','city','subdistrict','community','grid','compound','building')),
      code text not null,
      name text not null,
      path text not null,
      depth int not null,
      lat double precision,
      lng double precision,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, code),
      foreign key (tenant_id, parent_id) references regions(tenant_id, id)
    )`,
    `create index regions_path on regions (tenant_id, path text_pattern_ops)`,
    `create index regions_parent on regions (tenant_id, parent_id)`,
    // Party organisations, units and departments; path is the materialised id path within the organisation tree.
    `create table organisations (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      kind text not null check (kind in ('party_org','unit','department')),
      subtype text,
      name text not null,
      code text,
      region_id uuid not null,
      parent_id uuid,
      path text not null,
      depth int not null,
      contact_name text,
      contact_phone text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, region_id) references regions(tenant_id, id),
      foreign key (tenant_id, parent_id) references organisations(tenant_id, id)
    )`,
    `create unique index organisations_code on organisations (tenant_id, code) where code is not null`,
    `create unique index organisations_name on organisations (tenant_id, kind, region_id, name)`,
    `create index organisations_path on organisations (tenant_id, path text_pattern_ops)`,
    `create index organisations_region on organisations (tenant_id, region_id)`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table organisations', 'drop table regions', 'drop table tenants');
}
