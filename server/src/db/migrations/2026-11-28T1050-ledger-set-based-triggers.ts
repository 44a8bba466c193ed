import type { Kysely } from 'kysely';
import { ddl } from '../migrate.js';

/**
 * The ledger's invariants (2026-11-28T1010), enforced per statement and per transfer instead of per movement, so that
 * a batch settlement (thousands of transfers in one INSERT) costs a few trigger runs rather than several per row.
 * The invariants are unchanged:
 *  - a movement joins only a transfer created in the current transaction — now checked once per distinct transfer of
 *    each INSERT statement (transition table);
 *  - owner balances move with the movements in the same statement — one UPDATE per statement, summed per account
 *    (the row locks and the balance >= 0 CHECK as before; intermediate sums within one statement are not checked,
 *    the account's balance after it is);
 *  - each book of a transfer sums to zero at commit — checked once per transfer (a deferred constraint trigger on the
 *    transfer row) instead of once per movement: movements can only join a transfer of the same transaction, so the
 *    transfer's check at commit sees all of them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    'drop trigger ledger_movements_open_transfer on ledger_movements',
    'drop trigger ledger_movements_apply on ledger_movements',
    'drop trigger ledger_movements_balanced on ledger_movements',

    // One primary-key probe per distinct transfer of the statement (a plan that does not depend on statistics).
    `create function ledger_movements_open_transfers() returns trigger language plpgsql as $$
      declare m record;
      begin
        for m in select distinct tenant_id, transfer_id from new_movements loop
          perform 1 from ledger_transfers t where t.tenant_id = m.tenant_id and t.id = m.transfer_id and t.created_at = now();
          if not found then
            raise exception 'ledger transfer % is closed: movements are written with their transfer', m.transfer_id using errcode = '23514';
          end if;
        end loop;
        return null;
      end $$`,
    `create trigger ledger_movements_open_transfer after insert on ledger_movements
      referencing new table as new_movements for each statement execute function ledger_movements_open_transfers()`,

    `create function ledger_movements_apply_all() returns trigger language plpgsql as $$
      begin
        update point_accounts a set balance = a.balance + s.total
          from (select tenant_id, account_id, sum(amount) as total from new_movements group by tenant_id, account_id) s
         where a.tenant_id = s.tenant_id and a.id = s.account_id and a.balance is not null;
        return null;
      end $$`,
    `create trigger ledger_movements_apply after insert on ledger_movements
      referencing new table as new_movements for each statement execute function ledger_movements_apply_all()`,

    `create function ledger_transfer_balanced_at_commit() returns trigger language plpgsql as $$
      declare unbalanced record;
      begin
        select a.book, sum(m.amount) as total into unbalanced
          from ledger_movements m
          join point_accounts a on a.tenant_id = m.tenant_id and a.id = m.account_id
         where m.tenant_id = new.tenant_id and m.transfer_id = new.id
         group by a.book
        having sum(m.amount) <> 0
         limit 1;
        if found then
          raise exception 'ledger transfer % does not balance: % movements sum to %', new.id, unbalanced.book, unbalanced.total
            using errcode = '23514';
        end if;
        return null;
      end $$`,
    `create constraint trigger ledger_transfers_balanced after insert on ledger_transfers
      deferrable initially deferred for each row execute function ledger_transfer_balanced_at_commit()`,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await ddl(
    db,
    'drop trigger ledger_transfers_balanced on ledger_transfers',
    'drop trigger ledger_movements_apply on ledger_movements',
    'drop trigger ledger_movements_open_transfer on ledger_movements',
    'drop function ledger_transfer_balanced_at_commit',
    'drop function ledger_movements_apply_all',
    'drop function ledger_movements_open_transfers',
    `create trigger ledger_movements_open_transfer before insert on ledger_movements for each row execute function ledger_movement_open_transfer()`,
    `create trigger ledger_movements_apply after insert on ledger_movements for each row execute function ledger_movement_apply()`,
    `create constraint trigger ledger_movements_balanced after insert on ledger_movements
      deferrable initially deferred for each row execute function ledger_transfer_balanced()`,
  );
}
