import type { Ctx } from '../../platform/context.js';
import { authorizeRuleRead } from './points.policy.js';
import { DEFAULT_RULES, ensureDefaultRules, selectRules, type PointRule } from './rule-in-force.js';

export const presentRule = (rule: PointRule, inForce: boolean) => ({
  ...rule,
  effectiveFrom: rule.effectiveFrom.toISOString(),
  createdAt: rule.createdAt.toISOString(),
  inForce,
});

/** Every version of every rule, newest first per code, with the version in force now marked. */
export async function listPointRules({ ctx }: { ctx: Ctx }) {
  authorizeRuleRead(ctx.actor);
  const load = () => selectRules(ctx.db, ctx.tenantId).orderBy('code').orderBy('version', 'desc').execute();
  let rules = await load();
  if (DEFAULT_RULES.some((d) => !rules.some((r) => r.code === d.code))) {
    await ensureDefaultRules(ctx);
    rules = await load();
  }
  const now = ctx.now();
  const inForce = new Map<string, PointRule>();
  for (const r of rules) {
    const current = inForce.get(r.code);
    const better = !current || +r.effectiveFrom > +current.effectiveFrom || (+r.effectiveFrom === +current.effectiveFrom && r.version > current.version);
    if (r.effectiveFrom <= now && better) inForce.set(r.code, r);
  }
  return { items: rules.map((r) => presentRule(r, inForce.get(r.code) === r)) };
}
