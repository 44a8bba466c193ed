import { sql } from 'kysely';
import type { ServiceEligibility } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, invalid } from '../../platform/errors.js';

/**
 * Where a person's skills (特长) come from. Skills are declared at member report-in (双报到), which another
 * feature owns: it registers its lookup here once, at module load. Until one is registered nobody holds a
 * skill, so skills-only items accept no claims (with a message saying why).
 */
export type SkillSource = (ctx: Ctx, userId: string) => Promise<string[]>;
let skillSource: SkillSource | undefined;

export function registerSkillSource(source: SkillSource): void {
  if (skillSource) throw new Error('a skill source is already registered');
  skillSource = source;
}

export function unregisterSkillSource(): void {
  skillSource = undefined;
}

const notEligible = (zh: string, en: string) => new DomainError('FORBIDDEN', { 'zh-CN': zh, en }, { reason: 'NOT_ELIGIBLE' });

/** Checks and normalises an eligibility rule on create/update: units must exist in the tenant. */
export async function normaliseEligibility(ctx: Ctx, e: ServiceEligibility | undefined): Promise<ServiceEligibility> {
  if (!e || e.kind === 'all') return { kind: 'all' };
  if (e.kind === 'party_members') return { kind: 'party_members' };
  if (e.kind === 'units') {
    const unitIds = [...new Set(e.unitIds ?? [])];
    if (unitIds.length === 0) throw invalid('请至少选择一个单位', 'Name at least one unit');
    const found = await ctx.db.selectFrom('organisations').select('id').where('tenantId', '=', ctx.tenantId).where('id', 'in', unitIds).execute();
    if (found.length !== unitIds.length) throw invalid('所选单位不存在', 'A unit does not exist', { unitIds: unitIds.filter((id) => !found.some((f) => f.id === id)) });
    return { kind: 'units', unitIds };
  }
  const skills = [...new Set((e.skills ?? []).map((s) => s.trim()).filter(Boolean))];
  if (skills.length === 0) throw invalid('请至少填写一项特长', 'Name at least one skill');
  return { kind: 'skills', skills };
}

/** FORBIDDEN (reason NOT_ELIGIBLE) with a message the phone can show as is, unless the person may claim. */
export async function assertEligible(ctx: Ctx, eligibility: ServiceEligibility, userId: string): Promise<void> {
  if (eligibility.kind === 'all') return;
  if (eligibility.kind === 'party_members') {
    const user = await ctx.db.selectFrom('users').select('isPartyMember').where('tenantId', '=', ctx.tenantId).where('id', '=', userId).executeTakeFirst();
    if (!user?.isPartyMember) throw notEligible('该服务仅限党员认领', 'Only Party members may claim this service');
    return;
  }
  if (eligibility.kind === 'units') {
    // Members of a named unit or of any organisation below it.
    const row = await ctx.db
      .selectFrom('userUnits as uu')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenantId', '=', 'uu.tenantId').onRef('o.id', '=', 'uu.unitId'))
      .innerJoin('organisations as named', (j) => j.onRef('named.tenantId', '=', 'o.tenantId').on(sql<boolean>`o.path like named.path || '%'`))
      .select('uu.unitId')
      .where('uu.tenantId', '=', ctx.tenantId)
      .where('uu.userId', '=', userId)
      .where('named.id', 'in', eligibility.unitIds ?? [])
      .executeTakeFirst();
    if (!row) {
      const names = await ctx.db.selectFrom('organisations').select('name').where('tenantId', '=', ctx.tenantId).where('id', 'in', eligibility.unitIds ?? []).execute();
      throw notEligible(`该服务仅限以下单位人员认领：${names.map((n) => n.name).join('、')}`, 'Only people of the named units may claim this service');
    }
    return;
  }
  const mine = new Set(skillSource ? await skillSource(ctx, userId) : []);
  if (!(eligibility.skills ?? []).some((s) => mine.has(s))) {
    throw notEligible(`该服务需要以下特长之一：${(eligibility.skills ?? []).join('、')}。请先在报到信息中登记特长`, 'This service needs one of the listed skills');
  }
}
