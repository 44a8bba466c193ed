import { Type, type TNumber, type TSchema } from 'typebox';
import { Nullable, Strict, Uuid } from '../../platform/http/schemas.js';
import { CaseSettingsView } from './cases.schemas.js';
import { COMPOSITE, COUNTERS, COUNTER_NAMES, METRICS, type Counter } from './metric-definitions.js';

const Month = () => Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM（按受理时间，北京时间）' });

export const MetricsQuery = Strict({
  regionId: Type.Optional(Uuid({ description: '区域子树；缺省为调用者全部统计范围' })),
  departmentId: Type.Optional(Uuid({ description: '主办部门（含下级）' })),
  categoryId: Type.Optional(Uuid({ description: '类别（大类含小类）' })),
  from: Type.Optional(Month()),
  to: Type.Optional(Month()),
});

export const Counts = Type.Object(Object.fromEntries(COUNTER_NAMES.map((c) => [c, Type.Number({ description: `${COUNTERS[c].name}：${COUNTERS[c].definition}` })])) as Record<Counter, TNumber>);
const Rates = Type.Object(Object.fromEntries(METRICS.map((m) => [m.code, Nullable(Type.Number({ description: `${m.name} = ${m.formula}` }))])) as Record<string, TSchema>, {
  description: '各项比率（0–1，平均办理时长为工作小时）；分母为 0 时为 null',
});

const Weights = CaseSettingsView.properties.weights;

export const MetricsView = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  weights: Weights,
  satisfactionAlpha: Type.Number(),
  counts: Counts,
  rates: Rates,
  compositeScore: Nullable(Type.Number({ description: COMPOSITE.formula })),
  excluded: Type.Object({
    count: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Uuid(),
        description: Type.String(),
        categoryName: Type.String(),
        regionName: Type.String(),
        departmentName: Nullable(Type.String()),
        createdAt: Type.String({ format: 'date-time' }),
        reason: Nullable(Type.String({ description: '申诉成立的理由' })),
      }),
      { description: '剔除（申诉成立）的工单，最新 100 件' },
    ),
  }),
});

const Term = Type.Object({ counter: Type.String(), weight: Type.Optional(Type.Union([Type.Number(), Type.Literal('alpha')])) });
export const DefinitionsView = Type.Object({
  counters: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), definition: Type.String() })),
  metrics: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      unit: Type.Enum(['ratio', 'hours', 'score'] as const),
      formula: Type.String(),
      numerator: Type.Array(Term),
      denominator: Type.Array(Term),
      source: Type.String(),
    }),
  ),
  composite: Type.Object({ code: Type.String(), name: Type.String(), unit: Type.Literal('score'), formula: Type.String(), source: Type.String() }),
  notes: Type.Array(Type.String()),
  weights: Weights,
  satisfactionAlpha: Type.Number(),
});

export const RankingsQuery = Strict({ period: Month(), by: Type.Enum(['department', 'community'] as const, { description: 'department 按主办部门 · community 按社区' }) });

export const RankingsView = Type.Object({
  period: Type.String(),
  by: Type.Enum(['department', 'community'] as const),
  weights: Weights,
  minSample: Type.Integer({ description: '计分件少于此数不参与排名' }),
  items: Type.Array(Type.Object({ id: Uuid(), name: Type.String(), rank: Nullable(Type.Integer()), counts: Counts, rates: Rates, compositeScore: Nullable(Type.Number()) })),
});
