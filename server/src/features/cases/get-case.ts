import type { Ctx } from '../../platform/context.js';
import { toShanghaiIso, workingTimeFor } from '../../platform/calendar/index.js';
import { REQUIREMENTS } from './case-type.js';
import { loadCase } from './cases.queries.js';
import type { CaseDetail } from './cases.schemas.js';
import { presentCase } from './present-case.js';
import { allowedTransitions } from './standing.js';

const SYSTEM_ACTIONS: Record<string, string> = { report: '上报', warn: '时限预警', escalate: '自动升级' };

/** A case the actor may see, with its timeline (the events, oldest first) and the actions open to them now. */
export async function getCase({ ctx, input }: { ctx: Ctx; input: { id: string; justActed?: boolean } }): Promise<CaseDetail> {
  const c = await loadCase(ctx, input.id, { justActed: input.justActed });
  const events = await ctx.db
    .selectFrom('caseEvents as e')
    .leftJoin('users as a', (j) => j.onRef('a.tenantId', '=', 'e.tenantId').onRef('a.id', '=', 'e.actorId'))
    .select(['e.id', 'e.action', 'e.fromStatus', 'e.toStatus', 'e.actorId', 'a.name as actorName', 'e.at', 'e.note', 'e.evidence', 'e.data'])
    .where('e.tenantId', '=', ctx.tenantId)
    .where('e.caseId', '=', input.id)
    .orderBy('e.id')
    .execute();
  const view = presentCase(c.row, c.type, await workingTimeFor(ctx), ctx.now());
  const names = new Map(c.type.transitions.map((t) => [t.action, t.name]));
  return {
    ...view,
    coHandlers: c.coHandlers.map(({ id, name }) => ({ id, name })),
    photos: events.find((e) => e.action === 'report')?.evidence ?? [],
    timeline: events.map((e) => ({ ...e, actionName: names.get(e.action) ?? SYSTEM_ACTIONS[e.action] ?? e.action, at: toShanghaiIso(e.at), data: e.data ?? null })),
    allowedActions: allowedTransitions(c.type, c.row, c.standing).map((t) => ({
      action: t.action,
      name: t.name,
      requires: REQUIREMENTS.filter((r) => t.requires?.[r] === 'required'),
      ...(t.closeReasons ? { closeReasons: t.closeReasons } : {}),
    })),
  };
}
