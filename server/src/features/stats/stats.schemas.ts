import { Type, type Static } from 'typebox';
import { Strict, Uuid } from '../../platform/http/schemas.js';

export const OverviewQuery = Strict({
  regionId: Type.Optional(Uuid({ description: '统计范围；缺省为调用者的全部管辖范围' })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type OverviewQuery = Static<typeof OverviewQuery>;

/** Figures grow as capabilities land; each is counted from records (see overview-figures.ts). */
export const Overview = Type.Object(
  {
    regionIds: Type.Array(Uuid(), { description: '统计范围（区域）' }),
    communities: Type.Integer({ description: '社区数：范围内 kind=community 的区域数' }),
  },
  { additionalProperties: Type.Number() },
);
