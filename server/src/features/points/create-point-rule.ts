import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalid } from '../../platform/errors.js';
import { decimal, requireCents, toCents } from './points.queries.js';
import { authorizeRuleWrite } from './points.policy.js';
import type { CreatePointRuleInput } from './points.schemas.js';
import { ensureDefaultRules, selectRules } from './rule-in-force.js';
import { presentRule } from './list-point-rules.js';

/**
 * A rule is never edited: a change is a new version effective from a date. Effective dates never go
 * backwards (a version may not start before the latest one), so "the version in force at t" is unambiguous.
 * Transfers already settled keep the version that produced them; only later settlements use the new one.
 */
export async function createPointRule({ ctx, input }: { ctx: Ctx; input: CreatePointRuleInput }) {
  requireActor(ctx);
  authorizeRuleWrite(ctx.actor);
  const effectiveFrom = new Date(input.effectiveFrom);
  if (Number.isNaN(+effectiveFrom)) throw invalid('生效时间无效', 'effectiveFrom is not a valid time');
  const cents = (value: number | null | undefined, what: string) => (value == null ? value : requireCents(value, what));
  const given = {
    pointsFixed: cents(input.pointsFixed, '固定积分'),
    pointsPerHour: cents(input.pointsPerHour, '每小时积分'),
    assessmentFactor: cents(input.assessmentFactor, '考核积分倍数'),
    spendableFactor: cents(input.spendableFactor, '可兑换积分倍数'),
    capPerDay: cents(input.capPerDay, '每日上限'),
    capPerYear: cents(input.capPerYear, '每年上限'),
  };
  return withTransaction(ctx, async (tx) => {
    await ensureDefaultRules(tx);
    // Two concurrent creators of one code both pick max + 1; the primary key refuses the second (409).
    const latest = await selectRules(tx.db, tx.tenantId).where('code', '=', input.code).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (latest && effectiveFrom < latest.effectiveFrom) {
      throw conflict('新版本的生效时间不能早于当前最新版本', 'A new version cannot take effect before the latest one', { latestEffectiveFrom: latest.effectiveFrom.toISOString() });
    }
    // A field left out carries over from the latest version (or takes its default); null clears a cap.
    const DEFAULTS = { pointsFixed: 0, pointsPerHour: 0, assessmentFactor: 100, spendableFactor: 100, capPerDay: null, capPerYear: null };
    const field = (key: keyof typeof given) => {
      const value = given[key] !== undefined ? given[key] : latest ? (latest[key] === null ? null : toCents(latest[key])) : DEFAULTS[key];
      return value === null ? null : decimal(value);
    };
    const values = {
      pointsFixed: field('pointsFixed')!,
      pointsPerHour: field('pointsPerHour')!,
      assessmentFactor: field('assessmentFactor')!,
      spendableFactor: field('spendableFactor')!,
      capPerDay: field('capPerDay'),
      capPerYear: field('capPerYear'),
    };
    const version = (latest?.version ?? 0) + 1;
    await tx.db
      .insertInto('pointRules')
      .values({
        tenantId: tx.tenantId,
        code: input.code,
        version,
        name: input.name,
        eventType: input.eventType,
        ...values,
        effectiveFrom,
        note: input.note ?? null,
        createdBy: tx.actor!.userId,
      })
      .execute();
    const rule = await selectRules(tx.db, tx.tenantId).where('code', '=', input.code).where('version', '=', version).executeTakeFirstOrThrow();
    await audit(tx, { action: 'points.rule_version_created', targetType: 'point_rule', targetId: `${rule.code}@${rule.version}`, before: latest ?? null, after: rule });
    // The newest version is in force from its date on (effective dates never go backwards).
    return presentRule(rule, rule.effectiveFrom <= tx.now());
  });
}
