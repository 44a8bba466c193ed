import type { CaseSettings } from './ensure-case-setup.js';

/**
 * What each case counts for, exactly as `case_metrics(c)` computes it (migration 2026-11-28T1045-create-case-stats):
 * the counters are maintained per tenant, month of receipt (Asia/Shanghai), region, lead department and category,
 * and every rate below is a ratio of their sums. The definitions are data, served by GET /cases/metrics/definitions
 * and shown beside every figure.
 */
export const COUNTERS = {
  received: { name: '受理数', definition: '该期间收到（上报）的全部工单' },
  excluded: { name: '剔除数', definition: '申诉成立、不计入考核的工单（逐件列出）' },
  rejected: { name: '不予立案数', definition: '不予立案的工单' },
  withdrawn: { name: '撤回数', definition: '上报人撤回的工单' },
  duplicate: { name: '重复件数', definition: '作为重复件销案的工单' },
  scored: { name: '计分件数（应处置数）', definition: '已派遣，且未撤回、非重复件、未经申诉剔除的工单；以下各项只在计分件中计数' },
  dispatchedRight: { name: '首派准确数', definition: '首次派遣未被退单、未在签收前改派的计分件（属地兜底后由街道转派不算改派）' },
  responseDue: { name: '应签收数', definition: '已签收，或签收时限已过仍未签收的计分件' },
  respondedOnTime: { name: '按时签收数', definition: '已签收且从未超过签收时限的计分件' },
  handled: { name: '处置数', definition: '至少反馈过一次处置结果的计分件' },
  reworked: { name: '返工数', definition: '核查不通过、至少返工一次的计分件' },
  extended: { name: '延期数', definition: '至少获批一次延期的计分件' },
  closed: { name: '结案数', definition: '已结案（已解决、无法解决或非职责）的计分件' },
  resolved: { name: '已解决数', definition: '以「已解决」结案、且上报人未评价为「未解决」的计分件' },
  closedOnTime: { name: '按期结案数', definition: '已结案且处置从未超过处置时限（含获批延期）的计分件' },
  firstTimeRight: { name: '一次完成数', definition: '以「已解决」结案且从未返工的计分件' },
  overdueOpen: { name: '超期未结数', definition: '处置时限已过仍未结案的计分件（挂账除外）' },
  suspended: { name: '挂账数', definition: '当前挂账（缓办）的计分件' },
  escalated: { name: '升级数', definition: '因超期自动升级过的计分件' },
  rated: { name: '评价数', definition: '上报人已评价的计分件' },
  verySatisfied: { name: '非常满意', definition: '评价为 5 分的计分件' },
  satisfied: { name: '满意', definition: '评价为 4 分的计分件' },
  fairlySatisfied: { name: '基本满意', definition: '评价为 3 分的计分件' },
  dissatisfied: { name: '不满意', definition: '评价为 2 分的计分件' },
  veryDissatisfied: { name: '非常不满意', definition: '评价为 1 分的计分件' },
  handlingMinutes: { name: '办理用时（工作分钟）', definition: '结案计分件从首次派遣到结案的工作时间之和' },
} as const;

export type Counter = keyof typeof COUNTERS;
export type Sums = Record<Counter, number>;
export const COUNTER_NAMES = Object.keys(COUNTERS) as Counter[];

type Term = { counter: Counter; weight?: number | 'alpha' };

export interface MetricDefinition {
  code: string;
  name: string;
  unit: 'ratio' | 'hours' | 'score';
  formula: string;
  numerator: Term[];
  denominator: Term[];
  source: string;
}

const t = (counter: Counter, weight?: number | 'alpha'): Term => ({ counter, ...(weight !== undefined ? { weight } : {}) });

export const METRICS: MetricDefinition[] = [
  { code: 'responseRate', name: '响应率', unit: 'ratio', formula: '按时签收数 ÷ 应签收数', numerator: [t('respondedOnTime')], denominator: [t('responseDue')], source: 'governance-china §1.5（准格尔旗以签收时效计响应）' },
  { code: 'resolutionRate', name: '解决率', unit: 'ratio', formula: '已解决数 ÷ 结案数', numerator: [t('resolved')], denominator: [t('closed')], source: 'governance-china §1.5' },
  {
    code: 'satisfactionRate', name: '满意率', unit: 'ratio', formula: '(非常满意 + 满意 + α × 基本满意) ÷ 评价数',
    numerator: [t('verySatisfied'), t('satisfied'), t('fairlySatisfied', 'alpha')], denominator: [t('rated')], source: 'governance-china §1.5（五级好差评，α 由租户设置）',
  },
  { code: 'closureRate', name: '结案率', unit: 'ratio', formula: '结案数 ÷ 应结案数（结案数 + 超期未结数）', numerator: [t('closed')], denominator: [t('closed'), t('overdueOpen')], source: 'governance-china §5.5（应结案数不含挂账）' },
  { code: 'onTimeClosureRate', name: '按期结案率', unit: 'ratio', formula: '按期结案数 ÷ 应结案数', numerator: [t('closedOnTime')], denominator: [t('closed'), t('overdueOpen')], source: 'governance-china §5.5' },
  { code: 'reworkRate', name: '返工率', unit: 'ratio', formula: '返工数 ÷ 处置数', numerator: [t('reworked')], denominator: [t('handled')], source: 'governance-china §5.5' },
  { code: 'extensionRate', name: '延期率', unit: 'ratio', formula: '延期数 ÷ 应处置数（计分件）', numerator: [t('extended')], denominator: [t('scored')], source: 'governance-china §5.5' },
  { code: 'firstTimeRightRate', name: '一次完成率', unit: 'ratio', formula: '一次完成数 ÷ 结案数', numerator: [t('firstTimeRight')], denominator: [t('closed')], source: 'governance-china §5.5（连云港）' },
  { code: 'dispatchAccuracy', name: '派遣准确率', unit: 'ratio', formula: '首派准确数 ÷ 计分件数', numerator: [t('dispatchedRight')], denominator: [t('scored')], source: 'governance-china §5.5（派遣员岗位指标）' },
  { code: 'averageHandlingHours', name: '平均办理时长', unit: 'hours', formula: '办理用时 ÷ 结案数 ÷ 60（工作小时）', numerator: [t('handlingMinutes', 1 / 60)], denominator: [t('closed')], source: '本平台定义' },
];

export const COMPOSITE = {
  code: 'compositeScore',
  name: '综合得分（三率）',
  unit: 'score' as const,
  formula: 'w响应 × 响应率 + w解决 × 解决率 + w满意 × 满意率（权重由租户设置，默认 30/35/35；缺项按 0 计）',
  source: 'governance-china §1.5（准格尔旗 30/35/35；北京常见 10/45/45）',
};

const sumOf = (terms: Term[], sums: Sums, alpha: number) => terms.reduce((acc, x) => acc + sums[x.counter] * (x.weight === 'alpha' ? alpha : (x.weight ?? 1)), 0);

/** Every rate of METRICS (null when its denominator is 0) and the composite score, from counter sums. */
export function computeMetrics(sums: Sums, settings: Pick<CaseSettings, 'weights' | 'satisfactionAlpha'>) {
  const rates: Record<string, number | null> = {};
  for (const m of METRICS) {
    const den = sumOf(m.denominator, sums, settings.satisfactionAlpha);
    rates[m.code] = den > 0 ? round(sumOf(m.numerator, sums, settings.satisfactionAlpha) / den) : null;
  }
  const w = settings.weights;
  const composite = round(w.response * (rates.responseRate ?? 0) + w.resolution * (rates.resolutionRate ?? 0) + w.satisfaction * (rates.satisfactionRate ?? 0));
  return { rates, compositeScore: sums.scored > 0 ? composite : null };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export const emptySums = (): Sums => Object.fromEntries(COUNTER_NAMES.map((c) => [c, 0])) as Sums;
