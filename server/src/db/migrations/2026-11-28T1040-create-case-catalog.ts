import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

/**
 * The category catalogue (事部件目录, GB/T 30428.2 classes plus local extensions) and the duty matrix
 * (category × region subtree × optional asset owner → department) that dispatch reads (features/case-catalog).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // limits: { sign?, handle?, verify? }, each { minutes } | { workingHours } | { workingDays }; a stage without a
    // limit takes the parent's, then the tenant default (case_settings.default_limits). path: '/id/id/' of the tree.
    `create table case_categories (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      code text not null check (code ~ '^[0-9A-Za-z-]{1,20}$'),
      parent_id uuid,
      path text not null,
      depth int not null,
      kind text not null check (kind in ('component','event')),
      name text not null,
      filing_condition text,
      closing_condition text,
      urgency text not null default 'normal' check (urgency in ('normal','urgent')),
      limits jsonb not null default '{}',
      owner_department_id uuid,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, code),
      foreign key (tenant_id, parent_id) references case_categories(tenant_id, id),
      foreign key (tenant_id, owner_department_id) references organisations(tenant_id, id)
    )`,
    `create index case_categories_path on case_categories (tenant_id, path text_pattern_ops)`,
    `create index case_categories_parent on case_categories (tenant_id, parent_id)`,
    `alter table cases add constraint cases_category_fk foreign key (tenant_id, category_id) references case_categories(tenant_id, id)`,
    // One department per (category, region subtree, asset owner or none). Dispatch takes the most specific match.
    `create table duty_matrix (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      category_id uuid not null,
      region_id uuid not null,
      asset_owner_id uuid,
      department_id uuid not null,
      note text,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, category_id) references case_categories(tenant_id, id),
      foreign key (tenant_id, region_id) references regions(tenant_id, id),
      foreign key (tenant_id, asset_owner_id) references organisations(tenant_id, id),
      foreign key (tenant_id, department_id) references organisations(tenant_id, id)
    )`,
    `create unique index duty_matrix_key on duty_matrix (tenant_id, category_id, region_id, coalesce(asset_owner_id, '00000000-0000-0000-0000-000000000000'))`,
    `create index duty_matrix_department on duty_matrix (tenant_id, department_id)`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table duty_matrix', 'alter table cases drop constraint cases_category_fk', 'drop table case_categories');
}
