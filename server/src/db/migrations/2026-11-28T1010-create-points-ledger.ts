import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

/**
 * Points: versioned rules and an append-only double-entry ledger (features/points/README.md).
 * The database enforces the ledger's invariants itself, so no code path can break them:
 *  - a transfer's movements sum to zero per book (deferred constraint trigger, checked at commit);
 *  - movements join a transfer only in the transaction that created it;
 *  - transfers, movements and rules are never updated or deleted (triggers; corrections are new transfers);
 *  - point_accounts.balance of an owner account is maintained by the movement trigger in the same statement,
 *    changes no other way, and never goes below zero (CHECK).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    `create function ledger_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name using errcode = '23514'; end $$`,

    // A rule is never edited: a change is a new version effective from a date. caps bound base points per member.
    `create table point_rules (
      tenant_id uuid not null,
      code text not null,
      version int not null check (version > 0),
      name text not null,
      event_type text not null,
      points_fixed numeric(10,2) not null default 0,
      points_per_hour numeric(10,2) not null default 0,
      assessment_factor numeric(6,2) not null default 1 check (assessment_factor >= 0),
      spendable_factor numeric(6,2) not null default 1 check (spendable_factor >= 0),
      cap_per_day numeric(10,2) check (cap_per_day > 0),
      cap_per_year numeric(10,2) check (cap_per_year > 0),
      effective_from timestamptz not null,
      note text,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, code, version)
    )`,
    `create trigger point_rules_no_change before update or delete on point_rules for each row execute function ledger_append_only()`,
    `create trigger point_rules_no_truncate before truncate on point_rules for each statement execute function ledger_append_only()`,

    // book: assessment (考核积分) or spendable (可兑换积分). Owner accounts hold kind = book and a maintained,
    // non-negative balance; the tenant's system accounts (<book>_issued source, <book>_redeemed sink) keep
    // balance null — their balance is SUM(movements), so no hot row serialises every settlement.
    `create table point_accounts (
      tenant_id uuid not null,
      id uuid not null,
      owner_type text not null check (owner_type in ('user', 'unit', 'community', 'tenant')),
      owner_id uuid not null,
      book text not null check (book in ('assessment', 'spendable')),
      kind text not null,
      balance numeric(14,2),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, owner_type, owner_id, kind),
      check (kind in (book, book || '_issued', book || '_redeemed')),
      check ((owner_type = 'tenant') = (kind <> book)),
      check ((owner_type = 'tenant') = (balance is null)),
      check (balance >= 0)
    )`,

    `create table ledger_transfers (
      tenant_id uuid not null,
      id uuid not null,
      rule_code text not null,
      rule_version int,
      reason text not null,
      source_type text not null,
      source_id uuid not null,
      occurred_at timestamptz not null,
      owner_type text,
      owner_id uuid,
      community_id uuid,
      certified_minutes int not null default 0,
      base_points numeric(12,2) not null default 0,
      corrects_id uuid,
      metadata jsonb not null default '{}',
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, source_type, source_id, rule_code),
      foreign key (tenant_id, rule_code, rule_version) references point_rules (tenant_id, code, version),
      foreign key (tenant_id, corrects_id) references ledger_transfers (tenant_id, id)
    )`,
    `create index ledger_transfers_owner on ledger_transfers (tenant_id, owner_id, rule_code, occurred_at)`,
    `create index ledger_transfers_corrects on ledger_transfers (tenant_id, corrects_id) where corrects_id is not null`,
    `create trigger ledger_transfers_no_change before update or delete on ledger_transfers for each row execute function ledger_append_only()`,
    `create trigger ledger_transfers_no_truncate before truncate on ledger_transfers for each statement execute function ledger_append_only()`,
    // created_at is the transaction's start, whatever the insert says: the movement trigger relies on it.
    `create function ledger_transfer_stamp() returns trigger language plpgsql as $$
      begin new.created_at := now(); return new; end $$`,
    `create trigger ledger_transfers_stamp before insert on ledger_transfers for each row execute function ledger_transfer_stamp()`,

    `create table ledger_movements (
      tenant_id uuid not null,
      id uuid not null,
      transfer_id uuid not null,
      account_id uuid not null,
      amount numeric(12,2) not null check (amount <> 0),
      primary key (tenant_id, id),
      unique (tenant_id, transfer_id, account_id),
      foreign key (tenant_id, transfer_id) references ledger_transfers (tenant_id, id),
      foreign key (tenant_id, account_id) references point_accounts (tenant_id, id)
    )`,
    // Balances, history pages and SUM(amount) per account read this index only.
    `create index ledger_movements_account on ledger_movements (tenant_id, account_id, id) include (amount)`,
    `create trigger ledger_movements_no_change before update or delete on ledger_movements for each row execute function ledger_append_only()`,
    `create trigger ledger_movements_no_truncate before truncate on ledger_movements for each statement execute function ledger_append_only()`,

    // A committed transfer is closed: a movement may only join a transfer created in the current transaction.
    `create function ledger_movement_open_transfer() returns trigger language plpgsql as $$
      begin
        if not exists (select 1 from ledger_transfers t where t.tenant_id = new.tenant_id and t.id = new.transfer_id and t.created_at = now()) then
          raise exception 'ledger transfer % is closed: movements are written with their transfer', new.transfer_id using errcode = '23514';
        end if;
        return new;
      end $$`,
    `create trigger ledger_movements_open_transfer before insert on ledger_movements for each row execute function ledger_movement_open_transfer()`,

    // The maintained balance moves with each movement, in the same statement (row lock: exact under concurrency).
    `create function ledger_movement_apply() returns trigger language plpgsql as $$
      begin
        update point_accounts set balance = balance + new.amount
         where tenant_id = new.tenant_id and id = new.account_id and balance is not null;
        return null;
      end $$`,
    `create trigger ledger_movements_apply after insert on ledger_movements for each row execute function ledger_movement_apply()`,

    // Double entry: at commit, each book's movements of the transfer sum to zero.
    `create function ledger_transfer_balanced() returns trigger language plpgsql as $$
      declare unbalanced record;
      begin
        select a.book, sum(m.amount) as total into unbalanced
          from ledger_movements m
          join point_accounts a on a.tenant_id = m.tenant_id and a.id = m.account_id
         where m.tenant_id = new.tenant_id and m.transfer_id = new.transfer_id
         group by a.book
        having sum(m.amount) <> 0
         limit 1;
        if found then
          raise exception 'ledger transfer % does not balance: % movements sum to %', new.transfer_id, unbalanced.book, unbalanced.total
            using errcode = '23514';
        end if;
        return null;
      end $$`,
    `create constraint trigger ledger_movements_balanced after insert on ledger_movements
      deferrable initially deferred for each row execute function ledger_transfer_balanced()`,

    // Accounts are never deleted and never change owner or kind; balance changes only through a movement.
    `create function point_accounts_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'point_accounts rows are never deleted' using errcode = '23514';
        end if;
        if (new.tenant_id, new.id, new.owner_type, new.owner_id, new.book, new.kind, new.created_at)
           is distinct from (old.tenant_id, old.id, old.owner_type, old.owner_id, old.book, old.kind, old.created_at)
           or (new.balance is distinct from old.balance and pg_trigger_depth() < 2) then
          raise exception 'point_accounts: the balance changes only through ledger movements' using errcode = '23514';
        end if;
        return new;
      end $$`,
    `create trigger point_accounts_guard before update or delete on point_accounts for each row execute function point_accounts_guard()`,
    `create trigger point_accounts_no_truncate before truncate on point_accounts for each statement execute function ledger_append_only()`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    'drop table ledger_movements',
    'drop table ledger_transfers',
    'drop table point_accounts',
    'drop table point_rules',
    'drop function ledger_transfer_balanced',
    'drop function ledger_movement_apply',
    'drop function ledger_movement_open_transfer',
    'drop function ledger_transfer_stamp',
    'drop function point_accounts_guard',
    'drop function ledger_append_only',
  );
}
