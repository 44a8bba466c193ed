import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { chunked, insertRows } from '../../platform/bulk.js';
import { dayNumberOf, yearOfDay } from '../../platform/calendar/shanghai-time.js';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decimal, requireCents, toCents } from './points.queries.js';
import { capWindows, type SettleCertifiedServiceInput } from './settle-certified-service.js';
import { ensureDefaultRules, selectRules, SERVICE_CERTIFIED, type PointRule } from './rule-in-force.js';

/** What a batch settlement reports per service (the full transfer is GET-able by id, as for the single verb). */
export interface SettledService {
  sourceId: string;
  transferId: string;
  /** True when the source had been settled before (or earlier in the same batch): nothing new was written. */
  replayed: boolean;
  ruleVersion: number | null;
  certifiedMinutes: number;
  basePoints: number;
  /** Net change to the member's assessment and spendable accounts. */
  assessment: number;
  spendable: number;
}

const MAX_MINUTES = 7 * 24 * 60;

const about = (error: unknown, index: number): never => {
  if (error instanceof DomainError) throw new DomainError(error.code, error.detailMessage, { index, ...(error.details as object) });
  throw error;
};

/** The version of `rules` (one code) in force at `at`: latest effective_from not after it, then highest version. */
function versionAt(rules: PointRule[], at: Date): PointRule | undefined {
  let best: PointRule | undefined;
  for (const r of rules) {
    if (r.effectiveFrom > at) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom || (+r.effectiveFrom === +best.effectiveFrom && r.version > best.version)) best = r;
  }
  return best;
}

/**
 * The batch form of settleCertifiedService (batch certification, the demo): the same transfer per service as
 * settling them one after another in input order — rule version in force when each service occurred, the item's
 * rate replacing the rule's per-hour rate, day and year caps counting the member's earlier transfers *and the
 * batch's earlier ones*, one transfer from the tenant's issued accounts to the member's two accounts even when caps
 * leave no points, idempotent per source (a settled source, or a repeat within the batch, is a replay) — written
 * set-based: the members' accounts opened and locked (id order) in one statement each, caps counted in one query,
 * all transfers in one multi-row INSERT and all movements in another. The ledger's triggers still check every
 * movement (transfer open, balance maintained and never negative, each book balanced at commit).
 * Runs in the caller's transaction; all or nothing; the first invalid service is named by `details.index`.
 */
export async function settleCertifiedServices({ ctx, input }: { ctx: Ctx; input: { services: SettleCertifiedServiceInput[] } }): Promise<SettledService[]> {
  const actor = requireActor(ctx);
  const services = input.services.map((s, index) => {
    try {
      if (s.sourceType !== 'service_record') throw invalid('来源类型不正确', 'sourceType must be service_record');
      if (!Number.isInteger(s.certifiedMinutes) || s.certifiedMinutes < 0 || s.certifiedMinutes > MAX_MINUTES) {
        throw invalid('认证时长须为 0 至 10080 之间的整数分钟', 'certifiedMinutes must be a whole number from 0 to 10080');
      }
      const occurredAt = new Date(s.occurredAt);
      if (Number.isNaN(+occurredAt)) throw invalid('服务时间无效', 'occurredAt is not a valid time');
      const itemRate = s.pointsPerHour == null ? undefined : requireCents(s.pointsPerHour, '每小时积分');
      return { ...s, occurredAt, itemRate, index };
    } catch (error) {
      return about(error, index);
    }
  });
  if (services.length === 0) return [];

  return withTransaction(ctx, async (tx) => {
    const { db, tenantId } = tx;
    const sourceIds = [...new Set(services.map((s) => s.sourceId))];
    const settled = async () => {
      const out = new Map<string, SettledService>();
      for (const chunk of chunked(sourceIds, 5000)) {
        const { rows } = await sql<{ id: string; sourceId: string; ruleVersion: number | null; certifiedMinutes: number; basePoints: number; assessment: number; spendable: number }>`
          select t.id, t.source_id, t.rule_version, t.certified_minutes, t.base_points,
                 coalesce(sum(m.amount) filter (where a.kind = 'assessment' and a.owner_type = t.owner_type and a.owner_id = t.owner_id), 0) as assessment,
                 coalesce(sum(m.amount) filter (where a.kind = 'spendable' and a.owner_type = t.owner_type and a.owner_id = t.owner_id), 0) as spendable
            from ledger_transfers t
            left join ledger_movements m on m.tenant_id = t.tenant_id and m.transfer_id = t.id
            left join point_accounts a on a.tenant_id = m.tenant_id and a.id = m.account_id
           where t.tenant_id = ${tenantId} and t.source_type = 'service_record' and t.rule_code = ${SERVICE_CERTIFIED}
             and t.source_id in (${sql.join(chunk)})
           group by t.tenant_id, t.id`.execute(db);
        for (const r of rows) {
          out.set(r.sourceId, { sourceId: r.sourceId, transferId: r.id, replayed: true, ruleVersion: r.ruleVersion, certifiedMinutes: r.certifiedMinutes, basePoints: Number(r.basePoints), assessment: Number(r.assessment), spendable: Number(r.spendable) });
        }
      }
      return out;
    };
    let done = await settled();
    const fresh = services.filter((s) => !done.has(s.sourceId));
    if (fresh.length === 0) return services.map((s) => done.get(s.sourceId)!);

    const userIds = [...new Set(fresh.map((s) => s.userId))];
    const known = new Set<string>();
    for (const chunk of chunked(userIds, 5000)) for (const u of await db.selectFrom('users').select('id').where('tenantId', '=', tenantId).where('id', 'in', chunk).execute()) known.add(u.id);
    for (const s of fresh) if (!known.has(s.userId)) about(notFound('用户'), s.index);

    let rules = (await selectRules(db, tenantId).where('code', '=', SERVICE_CERTIFIED).execute()) as PointRule[];
    if (rules.length === 0) {
      await ensureDefaultRules(tx, [SERVICE_CERTIFIED]);
      rules = (await selectRules(db, tenantId).where('code', '=', SERVICE_CERTIFIED).execute()) as PointRule[];
    }
    const ruleOf = new Map<number, PointRule>();
    for (const s of fresh) {
      const rule = versionAt(rules, s.occurredAt);
      if (!rule) about(conflict('服务发生时没有生效的积分规则', 'No point rule was in force when the service took place'), s.index);
      ruleOf.set(s.index, rule!);
    }

    // Accounts: the members' two, the tenant's two issued accounts; opened where missing, then locked in id order.
    const accountKey = (ownerType: string, ownerId: string, kind: string) => `${ownerType}:${ownerId}:${kind}`;
    const wanted = [
      ...userIds.flatMap((id) => (['assessment', 'spendable'] as const).map((book) => ({ ownerType: 'user' as const, ownerId: id, book, kind: book, balance: '0' }))),
      ...(['assessment', 'spendable'] as const).map((book) => ({ ownerType: 'tenant' as const, ownerId: tenantId, book, kind: `${book}_issued`, balance: null })),
    ];
    await insertRows(db, 'point_accounts', wanted.map((a) => ({ tenantId, id: newId(), ...a })), { onConflict: 'on conflict (tenant_id, owner_type, owner_id, kind) do nothing' });
    const accounts = new Map<string, string>();
    for (const chunk of chunked(userIds, 5000)) {
      const rows = await db
        .selectFrom('pointAccounts')
        .select(['id', 'ownerType', 'ownerId', 'kind'])
        .where('tenantId', '=', tenantId)
        .where('ownerType', '=', 'user')
        .where('ownerId', 'in', chunk)
        .where('kind', 'in', ['assessment', 'spendable'])
        .orderBy('id')
        .forNoKeyUpdate() // the members' settlements queue here, as in the single verb; caps are counted after
        .execute();
      for (const a of rows) accounts.set(accountKey(a.ownerType, a.ownerId, a.kind), a.id);
    }
    for (const a of await db.selectFrom('pointAccounts').select(['id', 'ownerType', 'ownerId', 'kind']).where('tenantId', '=', tenantId).where('ownerType', '=', 'tenant').where('ownerId', '=', tenantId).execute()) {
      accounts.set(accountKey(a.ownerType, a.ownerId, a.kind), a.id);
    }
    done = await settled(); // settled meanwhile by someone who held the locks before us
    const todo = services.filter((s) => !done.has(s.sourceId));
    if (todo.length === 0) return services.map((s) => done.get(s.sourceId)!);

    // Base points already used per member and Shanghai day (and so per year), under the rule code.
    const days = todo.map((s) => dayNumberOf(s.occurredAt));
    const years = todo.map((s) => capWindows(s.occurredAt).year);
    const from = new Date(Math.min(...years.map((y) => +y.from)));
    const to = new Date(Math.max(...years.map((y) => +y.to)));
    const usedDay = new Map<string, number>();
    const usedYear = new Map<string, number>();
    const todoUsers = [...new Set(todo.map((s) => s.userId))];
    for (const chunk of chunked(todoUsers, 5000)) {
      const { rows } = await sql<{ ownerId: string; day: number; total: number }>`
        select owner_id, floor((extract(epoch from occurred_at) + 28800) / 86400)::int as day, sum(base_points) as total
          from ledger_transfers
         where tenant_id = ${tenantId} and owner_type = 'user' and rule_code = ${SERVICE_CERTIFIED}
           and owner_id in (${sql.join(chunk)}) and occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz
         group by 1, 2`.execute(db);
      for (const r of rows) {
        const cents = toCents(Number(r.total));
        usedDay.set(`${r.ownerId}:${r.day}`, (usedDay.get(`${r.ownerId}:${r.day}`) ?? 0) + cents);
        const y = `${r.ownerId}:${yearOfDay(r.day)}`;
        usedYear.set(y, (usedYear.get(y) ?? 0) + cents);
      }
    }

    const transfers: Array<Record<string, unknown> & { id: string; sourceId: string }> = [];
    const movements: Array<{ tenantId: string; id: string; transferId: string; accountId: string; amount: string }> = [];
    const result = new Map<string, SettledService>(done);
    const assessmentIssued = accounts.get(accountKey('tenant', tenantId, 'assessment_issued'))!;
    const spendableIssued = accounts.get(accountKey('tenant', tenantId, 'spendable_issued'))!;
    for (const [i, s] of todo.entries()) {
      if (result.has(s.sourceId)) continue; // a repeat within the batch: replays the first
      const rule = ruleOf.get(s.index)!;
      const rateCents = s.itemRate ?? toCents(rule.pointsPerHour);
      const uncapped = toCents(rule.pointsFixed) + Math.round((rateCents * s.certifiedMinutes) / 60);
      let base = uncapped;
      let cappedBy: 'day' | 'year' | null = null;
      const dayKey = `${s.userId}:${days[i]}`;
      const yearKey = `${s.userId}:${yearOfDay(days[i]!)}`;
      for (const [period, cap, used] of [
        ['day', rule.capPerDay, usedDay.get(dayKey) ?? 0],
        ['year', rule.capPerYear, usedYear.get(yearKey) ?? 0],
      ] as const) {
        if (cap === null) continue;
        const room = Math.max(0, toCents(cap) - used);
        if (room < base) [base, cappedBy] = [room, period];
      }
      usedDay.set(dayKey, (usedDay.get(dayKey) ?? 0) + base);
      usedYear.set(yearKey, (usedYear.get(yearKey) ?? 0) + base);
      const assessmentCents = Math.round((base * toCents(rule.assessmentFactor)) / 100);
      const spendableCents = Math.round((base * toCents(rule.spendableFactor)) / 100);
      const id = newId();
      transfers.push({
        tenantId,
        id,
        ruleCode: rule.code,
        ruleVersion: rule.version,
        reason: `认证志愿服务 ${s.certifiedMinutes} 分钟`,
        sourceType: s.sourceType,
        sourceId: s.sourceId,
        occurredAt: s.occurredAt,
        ownerType: 'user',
        ownerId: s.userId,
        communityId: s.communityId,
        certifiedMinutes: s.certifiedMinutes,
        basePoints: decimal(base),
        correctsId: null,
        metadata: {
          itemId: s.itemId,
          category: s.category,
          pointsPerHour: rateCents / 100,
          rateFrom: s.itemRate === undefined ? 'rule' : 'item',
          uncappedPoints: uncapped / 100,
          cappedBy,
        },
        createdBy: actor.userId,
      });
      // As postTransfer: net per account, zero amounts dropped, in account-id order.
      const byAccount = new Map<string, number>();
      for (const [accountId, cents] of [
        [assessmentIssued, -assessmentCents],
        [accounts.get(accountKey('user', s.userId, 'assessment'))!, assessmentCents],
        [spendableIssued, -spendableCents],
        [accounts.get(accountKey('user', s.userId, 'spendable'))!, spendableCents],
      ] as const) {
        byAccount.set(accountId, (byAccount.get(accountId) ?? 0) + cents);
      }
      for (const [accountId, cents] of [...byAccount].filter(([, c]) => c !== 0).sort(([a], [b]) => (a < b ? -1 : 1))) {
        movements.push({ tenantId, id: newId(), transferId: id, accountId, amount: decimal(cents) });
      }
      result.set(s.sourceId, {
        sourceId: s.sourceId,
        transferId: id,
        replayed: false,
        ruleVersion: rule.version,
        certifiedMinutes: s.certifiedMinutes,
        basePoints: base / 100,
        assessment: assessmentCents / 100,
        spendable: spendableCents / 100,
      });
    }

    const written = (await insertRows(db, 'ledger_transfers', transfers, { onConflict: 'on conflict (tenant_id, source_type, source_id, rule_code) do nothing', returning: ['id'] })).length;
    // Under the members' locks nobody else settles their sources; a conflict here means a source of one person
    // was settled for another meanwhile. Roll back rather than post movements against the wrong caps.
    if (written !== transfers.length) throw conflict('积分结算冲突，请重试', 'Settlement raced with another; please retry');
    await insertRows(db, 'ledger_movements', movements, { chunk: 10_000 });

    // A repeat within the batch replays the first of its source.
    const firstIndex = new Map<string, number>();
    return services.map((s) => {
      const r = result.get(s.sourceId)!;
      const first = firstIndex.get(s.sourceId);
      if (first === undefined) firstIndex.set(s.sourceId, s.index);
      return first === undefined ? r : { ...r, replayed: true };
    });
  });
}
