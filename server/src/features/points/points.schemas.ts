import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';

export const POINT_BOOKS = ['assessment', 'spendable'] as const;
export const PointBookSchema = Type.Enum(POINT_BOOKS, { description: 'assessment 考核积分 / spendable 可兑换积分（积分超市）' });

// Points carry two decimals (numeric(12,2)); request amounts are checked for that in the verbs, as Ajv's
// multipleOf misjudges binary fractions (0.29 / 0.01).
const Points = (description?: string) => Type.Number(description ? { description } : {});

export const PointRuleView = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  eventType: Type.String(),
  pointsFixed: Points('每次事件的固定积分 / fixed points per event'),
  pointsPerHour: Points('每认证小时积分 / points per certified hour'),
  assessmentFactor: Type.Number({ description: '计入考核积分的倍数（0 = 不计入）' }),
  spendableFactor: Type.Number({ description: '计入可兑换积分的倍数（0 = 不计入）' }),
  capPerDay: Nullable(Points('每人每日上限（基础积分）')),
  capPerYear: Nullable(Points('每人每年上限（基础积分）')),
  effectiveFrom: DateTime(),
  note: Nullable(Type.String()),
  createdBy: Uuid(),
  createdAt: DateTime(),
  inForce: Type.Boolean({ description: '当前生效的版本 / the version in force now' }),
});
export type PointRuleView = Static<typeof PointRuleView>;

export const PointRuleList = Type.Object({ items: Type.Array(PointRuleView) });

const Amount = Type.Number({ minimum: 0, maximum: 10_000, description: '两位小数' });
const Factor = Type.Number({ minimum: 0, maximum: 100, description: '两位小数' });
const Cap = Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: '两位小数；null = 不设上限' }));

export const CreatePointRuleBody = Strict({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$', maxLength: 64, description: '规则代码，如 service.certified' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  eventType: Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$', maxLength: 64 }),
  pointsFixed: Type.Optional(Amount),
  pointsPerHour: Type.Optional(Amount),
  assessmentFactor: Type.Optional(Factor),
  spendableFactor: Type.Optional(Factor),
  capPerDay: Type.Optional(Cap),
  capPerYear: Type.Optional(Cap),
  effectiveFrom: Type.String({ format: 'date-time', description: '生效时间（不早于该规则最新版本的生效时间）' }),
  note: Type.Optional(Type.String({ maxLength: 500, description: '修订说明' })),
});
export type CreatePointRuleInput = Static<typeof CreatePointRuleBody>;

export const BookFigures = Type.Object({ assessment: Points(), spendable: Points() });

export const PointsSummary = Type.Object({
  userId: Uuid(),
  assessment: Points('考核积分余额'),
  spendable: Points('可兑换积分余额'),
  certifiedMinutes: Type.Integer({ description: '累计认证服务时长（分钟，已扣除冲正）' }),
  year: Type.Object({
    year: Type.Integer(),
    assessment: Points('本年度考核积分（按事件发生时间）'),
    spendable: Points('本年度可兑换积分净变动'),
    certifiedMinutes: Type.Integer(),
  }),
});
export type PointsSummary = Static<typeof PointsSummary>;

export const PointsSummaryQuery = Strict({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });

export const PointsHistoryQuery = Strict({ kind: Type.Optional(PointBookSchema), ...PageQuery });
export type PointsHistoryQuery = Static<typeof PointsHistoryQuery>;

export const PointMovementView = Type.Object({
  id: Uuid(),
  kind: PointBookSchema,
  amount: Points('正数为入账，负数为出账'),
  transferId: Uuid(),
  ruleCode: Type.String(),
  ruleVersion: Nullable(Type.Integer()),
  reason: Type.String(),
  sourceType: Type.String(),
  sourceId: Uuid(),
  correctsId: Nullable(Uuid({ description: '被冲正的流水 / the transfer this one corrects' })),
  certifiedMinutes: Type.Integer(),
  occurredAt: DateTime(),
  createdAt: DateTime(),
});
export type PointMovementView = Static<typeof PointMovementView>;
