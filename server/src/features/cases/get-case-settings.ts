import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { loadCaseSettings, type CaseSettings } from './ensure-case-setup.js';

/** The tenant's case settings (metric weights, escalation levels, default limits); readable by every signed-in user. */
export async function getCaseSettings({ ctx }: { ctx: Ctx }): Promise<CaseSettings> {
  requireActor(ctx);
  return loadCaseSettings(ctx);
}
