import type { Selectable } from 'kysely';
import type { CaseLimitsJson, CaseSettingsTable, RegionKind } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { SYSTEM_USER_ID } from '../../platform/policy.js';
import { seedCatalogue } from '../case-catalog/catalog.seed.js';
import { DEFAULT_CASE_TYPE } from './default-case-type.js';

export interface CaseSettings {
  /** 综合得分 = response·响应率 + resolution·解决率 + satisfaction·满意率 (the weights sum to 1). */
  weights: { response: number; resolution: number; satisfaction: number };
  /** 满意率 counts 基本满意 (3 of 5) with this weight; 非常满意 and 满意 count fully. */
  satisfactionAlpha: number;
  /** Level n fires when the running clock has used `at` × its allowance; the case goes up to the region of that kind. */
  escalation: Array<{ level: number; regionKind: RegionKind; at: number }>;
  /** Limits of a stage no category (nor its parents) sets. */
  defaultLimits: Required<CaseLimitsJson>;
  /** Rankings leave units with fewer scored cases than this unranked (small samples are not fair comparisons). */
  minRankingSample: number;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  weights: { response: 0.3, resolution: 0.35, satisfaction: 0.35 },
  satisfactionAlpha: 0.5,
  escalation: [
    { level: 1, regionKind: 'subdistrict', at: 1 },
    { level: 2, regionKind: 'city', at: 1.5 },
    { level: 3, regionKind: 'prefecture', at: 2 },
  ],
  defaultLimits: { sign: { workingHours: 2 }, handle: { workingDays: 5 }, verify: { workingDays: 1 } },
  minRankingSample: 5,
};

// Tenants known to be set up (committed); tenant ids are UUIDs, unique across databases.
const ready = new Set<string>();

/**
 * Sets a tenant up for cases the first time it needs them: its settings row, the default case type (version 1)
 * and the GB/T 30428.2 catalogue, in one transaction. Concurrent first calls meet in the settings primary key:
 * one seeds, the other waits for it and finds the row.
 */
export async function ensureCaseSetup(ctx: Ctx): Promise<void> {
  if (ready.has(ctx.tenantId)) return;
  await withTransaction(ctx, async (tx) => {
    const now = tx.now();
    const d = DEFAULT_CASE_SETTINGS;
    const inserted = await tx.db
      .insertInto('caseSettings')
      .values({
        tenantId: tx.tenantId,
        weights: JSON.stringify(d.weights),
        satisfactionAlpha: d.satisfactionAlpha,
        escalation: JSON.stringify(d.escalation),
        defaultLimits: JSON.stringify(d.defaultLimits),
        minRankingSample: d.minRankingSample,
        seededAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.column('tenantId').doNothing())
      .returning('tenantId')
      .executeTakeFirst();
    if (!inserted) return;
    const t = DEFAULT_CASE_TYPE;
    await tx.db
      .insertInto('caseTypes')
      .values({ tenantId: tx.tenantId, code: t.code, version: t.version, name: t.name, states: JSON.stringify(t.states), transitions: JSON.stringify(t.transitions), intake: JSON.stringify(t.intake), createdBy: SYSTEM_USER_ID })
      .execute();
    await seedCatalogue(tx);
  });
  // Inside a caller's transaction the seed may still roll back: remember it only once committed.
  if (!ctx.db.isTransaction) ready.add(ctx.tenantId);
}

export const presentSettings = (row: Selectable<CaseSettingsTable>): CaseSettings => ({
  weights: row.weights,
  satisfactionAlpha: Number(row.satisfactionAlpha),
  escalation: row.escalation,
  defaultLimits: { ...DEFAULT_CASE_SETTINGS.defaultLimits, ...row.defaultLimits },
  minRankingSample: row.minRankingSample,
});

// Settings are read by every transition; kept per tenant for a short while (as the calendar is). An update in this
// process drops the entry at once; another server's update is seen within SETTINGS_TTL_MS.
const SETTINGS_TTL_MS = 30_000;
const settingsCache = new Map<string, { at: number; value: CaseSettings }>();

export async function loadCaseSettings(ctx: Ctx, options: { fresh?: boolean } = {}): Promise<CaseSettings> {
  const hit = settingsCache.get(ctx.tenantId);
  if (hit && Date.now() - hit.at < SETTINGS_TTL_MS && !options.fresh) return hit.value;
  await ensureCaseSetup(ctx);
  const row = await ctx.db.selectFrom('caseSettings').selectAll().where('tenantId', '=', ctx.tenantId).executeTakeFirstOrThrow();
  const value = presentSettings(row);
  if (!options.fresh) settingsCache.set(ctx.tenantId, { at: Date.now(), value });
  return value;
}

export const forgetCaseSettings = (tenantId: string) => settingsCache.delete(tenantId);
