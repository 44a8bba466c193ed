import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { authorizeCatalogWrite } from '../case-catalog/case-catalog.queries.js';
import type { UpdateCaseSettingsBody } from './cases.schemas.js';
import { forgetCaseSettings, loadCaseSettings, type CaseSettings } from './ensure-case-setup.js';

function problemsOf(s: CaseSettings): string | null {
  const w = s.weights;
  if (Math.abs(w.response + w.resolution + w.satisfaction - 1) > 0.001) return '三项权重之和须为 1';
  const levels = [...s.escalation].sort((a, b) => a.level - b.level);
  if (levels.some((l, i) => l.level !== i + 1)) return '升级级别须从 1 起连续编号';
  if (levels.some((l, i) => i > 0 && l.at <= levels[i - 1]!.at)) return '更高级别的升级须在更晚的时点';
  return null;
}

/**
 * Changes the settings tenant-wide (`catalog.write` over every root). Weights and α apply to every figure read
 * afterwards (they are applied at read time); escalation levels and default limits to clocks started afterwards.
 */
export async function updateCaseSettings({ ctx, input }: { ctx: Ctx; input: UpdateCaseSettingsBody }): Promise<CaseSettings> {
  const rootId = await authorizeCatalogWrite(ctx);
  try {
    return await withTransaction(ctx, async (tx) => {
      const before = await loadCaseSettings(tx, { fresh: true });
      const after: CaseSettings = { ...before, ...input };
      const problem = problemsOf(after);
      if (problem) throw invalid(problem, 'The settings are inconsistent');
      await tx.db
        .updateTable('caseSettings')
        .set({
          weights: JSON.stringify(after.weights),
          satisfactionAlpha: after.satisfactionAlpha,
          escalation: JSON.stringify([...after.escalation].sort((a, b) => a.level - b.level)),
          defaultLimits: JSON.stringify(after.defaultLimits),
          minRankingSample: after.minRankingSample,
          updatedBy: tx.actor!.userId,
          updatedAt: tx.now(),
        })
        .where('tenantId', '=', tx.tenantId)
        .execute();
      await audit(tx, { action: 'case_settings.updated', targetType: 'case_settings', targetId: tx.tenantId, regionId: rootId, before, after });
      return loadCaseSettings(tx, { fresh: true });
    });
  } finally {
    forgetCaseSettings(ctx.tenantId);
  }
}
