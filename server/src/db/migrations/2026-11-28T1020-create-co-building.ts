import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    // 单位报到: a co-building agreement (共建协议) proposed by a unit and countersigned by a community. A renewal
    // confirmed for the same pair ends the earlier active agreement, so at most one is active (and one pending).
    `create table co_build_agreements (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      unit_id uuid not null,
      community_id uuid not null,
      signed_on date not null,
      term_months int not null check (term_months between 1 and 120),
      ends_on date not null,
      content text not null check (length(content) between 1 and 5000),
      status text not null check (status in ('pending','active','declined','ended')),
      created_by uuid not null,
      confirmed_by uuid,
      confirmed_at timestamptz,
      closed_by uuid,
      closed_at timestamptz,
      close_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check (ends_on > signed_on),
      foreign key (tenant_id, unit_id) references organisations(tenant_id, id),
      foreign key (tenant_id, community_id) references regions(tenant_id, id)
    )`,
    `create unique index co_build_agreements_pending on co_build_agreements (tenant_id, unit_id, community_id) where status = 'pending'`,
    `create unique index co_build_agreements_active on co_build_agreements (tenant_id, unit_id, community_id) where status = 'active'`,
    `create index co_build_agreements_community on co_build_agreements (tenant_id, community_id, status)`,
    `create index co_build_agreements_unit on co_build_agreements (tenant_id, unit_id, status)`,
    // The three lists (需求清单 need / 资源清单 resource / 项目清单 project). side is the party that wrote the item;
    // the other party claims it (双向认领).
    `create table co_build_items (
      tenant_id uuid not null,
      id uuid not null,
      agreement_id uuid not null,
      list text not null check (list in ('need','resource','project')),
      side text not null check (side in ('unit','community')),
      title text not null check (length(title) between 1 and 100),
      description text not null default '',
      quantity int check (quantity > 0),
      due_on date,
      status text not null check (status in ('open','claimed','completed')),
      created_by uuid not null,
      claimed_by uuid,
      claimed_at timestamptz,
      completed_by uuid,
      completed_at timestamptz,
      completion_note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check (list <> 'need' or side = 'community'),
      check (list <> 'resource' or side = 'unit'),
      foreign key (tenant_id, agreement_id) references co_build_agreements(tenant_id, id)
    )`,
    `create index co_build_items_agreement on co_build_items (tenant_id, agreement_id, list, status)`,
    // Every transition of an agreement or one of its items: the agreement's timeline.
    `create table co_build_events (
      tenant_id uuid not null,
      id uuid not null,
      agreement_id uuid not null,
      item_id uuid,
      action text not null,
      from_status text,
      to_status text not null,
      actor_id uuid,
      note text,
      at timestamptz not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, agreement_id) references co_build_agreements(tenant_id, id),
      foreign key (tenant_id, item_id) references co_build_items(tenant_id, id)
    )`,
    `create index co_build_events_agreement on co_build_events (tenant_id, agreement_id, id)`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(db, 'drop table co_build_events', 'drop table co_build_items', 'drop table co_build_agreements');
}
