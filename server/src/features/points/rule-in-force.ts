import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import { SYSTEM_USER_ID } from '../../platform/policy.js';

export const SERVICE_CERTIFIED = 'service.certified';

export interface PointRule {
  code: string;
  version: number;
  name: string;
  eventType: string;
  pointsFixed: number;
  pointsPerHour: number;
  assessmentFactor: number;
  spendableFactor: number;
  capPerDay: number | null;
  capPerYear: number | null;
  effectiveFrom: Date;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

/**
 * The rules every tenant starts with, written as version 1 the first time a tenant needs a rule of that code
 * (README.md lists them). Effective from 2000 so that retro-entered (补录) service of any date finds a rule.
 */
export const DEFAULT_RULES = [
  {
    code: SERVICE_CERTIFIED,
    name: '认证志愿服务时长',
    eventType: 'service.certified',
    pointsFixed: '0',
    pointsPerHour: '1',
    assessmentFactor: '1',
    spendableFactor: '1',
    capPerDay: '8',
    capPerYear: null,
    effectiveFrom: '2000-01-01T00:00:00+08:00',
    note: '默认规则：每认证 1 小时计 1 考核积分、1 可兑换积分，每人每日最多 8 分，年度不设上限',
  },
] as const;

const RULE_COLUMNS = [
  'code',
  'version',
  'name',
  'eventType',
  'pointsFixed',
  'pointsPerHour',
  'assessmentFactor',
  'spendableFactor',
  'capPerDay',
  'capPerYear',
  'effectiveFrom',
  'note',
  'createdBy',
  'createdAt',
] as const;

export const selectRules = (db: Database, tenantId: string) => db.selectFrom('pointRules').select(RULE_COLUMNS).where('tenantId', '=', tenantId);

/** Seeds the default rules a tenant has no version of; concurrent seeders meet in the primary key. */
export async function ensureDefaultRules(ctx: Ctx, codes: readonly string[] = DEFAULT_RULES.map((r) => r.code)): Promise<void> {
  for (const r of DEFAULT_RULES.filter((d) => codes.includes(d.code))) {
    await sql`
      insert into point_rules (tenant_id, code, version, name, event_type, points_fixed, points_per_hour, assessment_factor, spendable_factor,
                               cap_per_day, cap_per_year, effective_from, note, created_by)
      select ${ctx.tenantId}::uuid, ${r.code}::text, 1, ${r.name}::text, ${r.eventType}::text, ${r.pointsFixed}::numeric, ${r.pointsPerHour}::numeric,
             ${r.assessmentFactor}::numeric, ${r.spendableFactor}::numeric, ${r.capPerDay}::numeric, ${r.capPerYear}::numeric,
             ${r.effectiveFrom}::timestamptz, ${r.note}::text, ${SYSTEM_USER_ID}::uuid
       where not exists (select 1 from point_rules where tenant_id = ${ctx.tenantId}::uuid and code = ${r.code}::text)
      on conflict do nothing`.execute(ctx.db);
  }
}

const latestAt = (db: Database, tenantId: string, code: string, at: Date) =>
  selectRules(db, tenantId).where('code', '=', code).where('effectiveFrom', '<=', at).orderBy('effectiveFrom', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();

/**
 * The version of rule `code` in force at `at`: the one with the latest effective_from not after `at`
 * (versions' effective dates never go backwards, see create-point-rule.ts). Seeds the defaults when missing.
 */
export async function ruleInForce(ctx: Ctx, code: string, at: Date): Promise<PointRule | null> {
  const rule = await latestAt(ctx.db, ctx.tenantId, code, at);
  if (rule || !DEFAULT_RULES.some((r) => r.code === code)) return rule ?? null;
  await ensureDefaultRules(ctx, [code]);
  return (await latestAt(ctx.db, ctx.tenantId, code, at)) ?? null;
}
