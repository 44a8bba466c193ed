import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // One row per upload; the bytes live once per sha256 in the file store. A file is owned by its uploader
    // (owner_type 'user') until a feature attaches it to a record. uploaded_by has no foreign key: the system
    // actor (demo, CLI) uploads too and is not a user row. exif_* are kept as evidence, never edited.
    `create table files (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      mime text not null,
      size bigint not null check (size >= 0),
      original_name text,
      uploaded_by uuid not null,
      exif_taken_at timestamptz,
      exif_lat double precision check (exif_lat between -90 and 90),
      exif_lng double precision check (exif_lng between -180 and 180),
      region_id uuid,
      owner_type text not null,
      owner_id text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, region_id) references regions(tenant_id, id)
    )`,
    `create index files_owner on files (tenant_id, owner_type, owner_id)`,
    `create index files_sha256 on files (tenant_id, sha256)`,
    `create index files_region on files (tenant_id, region_id) where region_id is not null`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table files');
}
