import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PointBook, PointOwnerType } from '../../db/schema.js';
import { invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

/** Amounts are computed in integer cents (points × 100) and written as exact decimals. */
export const toCents = (points: number): number => Math.round(points * 100);
export const decimal = (cents: number): string => (cents / 100).toFixed(2);
export const fromCents = (cents: number): number => cents / 100;

export function requireCents(points: number, what: string, options: { positive?: boolean } = {}): number {
  const cents = toCents(points);
  if (!Number.isFinite(points) || Math.abs(points * 100 - cents) > 1e-6 || (options.positive ? cents <= 0 : cents < 0)) {
    throw invalid(`${what}须为${options.positive ? '正' : '非负'}数，最多两位小数`, `${what} must be a ${options.positive ? 'positive' : 'non-negative'} number with at most two decimals`);
  }
  return cents;
}

/** An account by its natural key. Owner accounts have kind = book; the tenant's system accounts `<book>_issued|_redeemed`. */
export interface AccountRef {
  ownerType: PointOwnerType;
  ownerId: string;
  kind: string;
}

export type SystemAccountKind = 'assessment_issued' | 'spendable_issued' | 'assessment_redeemed' | 'spendable_redeemed';

export const memberAccount = (userId: string, book: PointBook): AccountRef => ({ ownerType: 'user', ownerId: userId, kind: book });
export const systemAccount = (tenantId: string, kind: SystemAccountKind): AccountRef => ({ ownerType: 'tenant', ownerId: tenantId, kind });
export const bookOf = (kind: string): PointBook => (kind.startsWith('assessment') ? 'assessment' : 'spendable');
export const isSystem = (ref: { ownerType: PointOwnerType }) => ref.ownerType === 'tenant';

export interface Account {
  id: string;
  ownerType: PointOwnerType;
  ownerId: string;
  book: PointBook;
  kind: string;
  balance: number | null;
}

const ACCOUNT_COLUMNS = ['id', 'ownerType', 'ownerId', 'book', 'kind', 'balance'] as const;

function validRef(ref: AccountRef) {
  const book = bookOf(ref.kind);
  const ok = isSystem(ref) ? ref.kind === `${book}_issued` || ref.kind === `${book}_redeemed` : ref.kind === book;
  if (!ok) throw invalid('积分账户类型不正确', `No ${ref.kind} account for a ${ref.ownerType}`);
  return book;
}

/** Finds or opens each account (accounts open lazily; opening races end in the unique key, not a duplicate). */
export async function ensureAccounts(db: Database, tenantId: string, refs: AccountRef[]): Promise<Account[]> {
  const out: Account[] = [];
  for (const ref of refs) {
    const book = validRef(ref);
    const find = () =>
      db
        .selectFrom('pointAccounts')
        .select(ACCOUNT_COLUMNS)
        .where('tenantId', '=', tenantId)
        .where('ownerType', '=', ref.ownerType)
        .where('ownerId', '=', ref.ownerId)
        .where('kind', '=', ref.kind)
        .executeTakeFirst();
    let account = await find();
    if (!account) {
      account = await db
        .insertInto('pointAccounts')
        .values({ tenantId, id: newId(), ownerType: ref.ownerType, ownerId: ref.ownerId, book, kind: ref.kind, balance: isSystem(ref) ? null : '0' })
        .onConflict((oc) => oc.columns(['tenantId', 'ownerType', 'ownerId', 'kind']).doNothing())
        .returning(ACCOUNT_COLUMNS)
        .executeTakeFirst();
      account ??= await find();
    }
    out.push(account!);
  }
  return out;
}

/**
 * Locks the owner accounts among `ids` (system accounts are never locked) in id order, so that two transfers
 * touching the same accounts queue instead of deadlocking; returns their current balances in cents.
 */
export async function lockOwnerAccounts(db: Database, tenantId: string, ids: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('pointAccounts')
    .select(['id', 'balance'])
    .where('tenantId', '=', tenantId)
    .where('id', 'in', unique)
    .where('balance', 'is not', null)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, toCents(r.balance!)]));
}

export async function findTransferIdBySource(db: Database, tenantId: string, source: { sourceType: string; sourceId: string; ruleCode: string }) {
  const row = await db
    .selectFrom('ledgerTransfers')
    .select('id')
    .where('tenantId', '=', tenantId)
    .where('sourceType', '=', source.sourceType)
    .where('sourceId', '=', source.sourceId)
    .where('ruleCode', '=', source.ruleCode)
    .executeTakeFirst();
  return row?.id;
}

export interface TransferView {
  id: string;
  ruleCode: string;
  ruleVersion: number | null;
  reason: string;
  sourceType: string;
  sourceId: string;
  occurredAt: Date;
  ownerType: PointOwnerType | null;
  ownerId: string | null;
  communityId: string | null;
  certifiedMinutes: number;
  basePoints: number;
  correctsId: string | null;
  metadata: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
  movements: Array<{ id: string; accountId: string; ownerType: PointOwnerType; ownerId: string; book: PointBook; kind: string; amount: number }>;
  /** Net change to the transfer owner's assessment and spendable accounts. */
  assessment: number;
  spendable: number;
}

export async function loadTransfer(db: Database, tenantId: string, id: string): Promise<TransferView> {
  const transfer = await db.selectFrom('ledgerTransfers').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!transfer) throw notFound('积分流水');
  const movements = await db
    .selectFrom('ledgerMovements as m')
    .innerJoin('pointAccounts as a', (j) => j.onRef('a.tenantId', '=', 'm.tenantId').onRef('a.id', '=', 'm.accountId'))
    .select(['m.id', 'm.accountId', 'a.ownerType', 'a.ownerId', 'a.book', 'a.kind', 'm.amount'])
    .where('m.tenantId', '=', tenantId)
    .where('m.transferId', '=', id)
    .orderBy('m.id')
    .execute();
  const net = (book: PointBook) =>
    fromCents(movements.filter((m) => m.book === book && m.ownerType === transfer.ownerType && m.ownerId === transfer.ownerId).reduce((s, m) => s + toCents(m.amount), 0));
  const { tenantId: _t, ...rest } = transfer;
  return { ...rest, movements, assessment: net('assessment'), spendable: net('spendable') };
}

export interface PostTransferInput {
  ruleCode: string;
  ruleVersion: number | null;
  reason: string;
  sourceType: string;
  sourceId: string;
  occurredAt: Date;
  ownerType?: PointOwnerType | null;
  ownerId?: string | null;
  communityId?: string | null;
  certifiedMinutes?: number;
  basePointsCents?: number;
  correctsId?: string | null;
  metadata?: Record<string, unknown>;
  createdBy: string;
  movements: Array<{ accountId: string; cents: number }>;
}

/**
 * The one writer of the ledger: a transfer and all its movements in one statement each, in the caller's
 * transaction. Returns null when a transfer for the same source and rule exists (the caller replays it).
 * The database refuses movements that do not sum to zero per book, and balances that would go negative.
 */
export async function postTransfer(db: Database, tenantId: string, input: PostTransferInput): Promise<string | null> {
  if (!db.isTransaction) throw new Error('postTransfer runs inside a transaction');
  const id = newId();
  const inserted = await db
    .insertInto('ledgerTransfers')
    .values({
      tenantId,
      id,
      ruleCode: input.ruleCode,
      ruleVersion: input.ruleVersion,
      reason: input.reason,
      sourceType: input.sourceType,
      sourceId: input.sourceId,
      occurredAt: input.occurredAt,
      ownerType: input.ownerType ?? null,
      ownerId: input.ownerId ?? null,
      communityId: input.communityId ?? null,
      certifiedMinutes: input.certifiedMinutes ?? 0,
      basePoints: decimal(input.basePointsCents ?? 0),
      correctsId: input.correctsId ?? null,
      metadata: JSON.stringify(input.metadata ?? {}),
      createdBy: input.createdBy,
    })
    .onConflict((oc) => oc.columns(['tenantId', 'sourceType', 'sourceId', 'ruleCode']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  const byAccount = new Map<string, number>();
  for (const m of input.movements) byAccount.set(m.accountId, (byAccount.get(m.accountId) ?? 0) + m.cents);
  const rows = [...byAccount]
    .filter(([, cents]) => cents !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([accountId, cents]) => ({ tenantId, id: newId(), transferId: id, accountId, amount: decimal(cents) }));
  if (rows.length > 0) await db.insertInto('ledgerMovements').values(rows).execute();
  return id;
}

/** Sum of base points of an owner's transfers under a rule code in [from, to) — what caps count. */
export async function basePointsUsed(db: Database, tenantId: string, q: { ownerId: string; ruleCode: string; from: Date; to: Date }): Promise<number> {
  const row = await db
    .selectFrom('ledgerTransfers')
    .select(sql<number>`coalesce(sum(base_points), 0)`.as('total'))
    .where('tenantId', '=', tenantId)
    .where('ownerId', '=', q.ownerId)
    .where('ownerType', '=', 'user')
    .where('ruleCode', '=', q.ruleCode)
    .where('occurredAt', '>=', q.from)
    .where('occurredAt', '<', q.to)
    .executeTakeFirstOrThrow();
  return toCents(Number(row.total));
}
