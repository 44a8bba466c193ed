import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { loadCaseSettings } from './ensure-case-setup.js';
import { COMPOSITE, COUNTERS, COUNTER_NAMES, METRICS } from './metric-definitions.js';

const NOTES = [
  '统计口径按受理（上报）时间所在月份（北京时间）归集；一件工单计入其所在区域、当前主办部门和类别。',
  '计分件：已派遣、未撤回、非重复件、未经申诉剔除的工单。不予立案、撤回、重复件和申诉成立的工单不计入各项比率，另行计数并列出。',
  '超时以工作日历计算：签收、处置、核查各环节时限取自类别（缺省取大类，再取租户默认），节假日与调休按国务院办公厅通知。',
  '退单或在签收前改派记为首次派遣不准确；属地兜底（派至街道）后由街道转派不计。',
];

/** The metric definitions as data: counters, formulas, the composite and the tenant's weights (shown beside every figure). */
export async function getMetricDefinitions({ ctx }: { ctx: Ctx }) {
  requireActor(ctx);
  const settings = await loadCaseSettings(ctx);
  return {
    counters: COUNTER_NAMES.map((code) => ({ code, ...COUNTERS[code] })),
    metrics: METRICS,
    composite: COMPOSITE,
    notes: NOTES,
    weights: settings.weights,
    satisfactionAlpha: settings.satisfactionAlpha,
  };
}
