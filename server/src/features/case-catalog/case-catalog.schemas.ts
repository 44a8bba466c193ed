import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';

export const WorkingAmount = Type.Union(
  [
    Strict({ minutes: Type.Integer({ minimum: 1, maximum: 525_600, description: '自然分钟（不计节假日与办公时间）' }) }),
    Strict({ workingHours: Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: '工作时（仅计工作日办公时间）' }) }),
    Strict({ workingDays: Type.Integer({ minimum: 1, maximum: 365, description: '工作日（开始当日不计，至第 N 个工作日下班）' }) }),
  ],
  { description: '时限：{minutes} | {workingHours} | {workingDays}' },
);

export const Limits = Strict(
  { sign: Type.Optional(WorkingAmount), handle: Type.Optional(WorkingAmount), verify: Type.Optional(WorkingAmount) },
  { description: '各环节时限：sign 签收 · handle 处置（签收至反馈）· verify 核查（反馈至结案）；缺省取上级类别，再取租户默认' },
);

export const CategoryKind = Type.Enum(['component', 'event'] as const, { description: 'component 部件 · event 事件' });
export const Urgency = Type.Enum(['normal', 'urgent'] as const, { description: 'normal 一般 · urgent 紧急' });

export const CategoryView = Type.Object({
  id: Uuid(),
  code: Type.String({ description: '类别编码（C 部件、E 事件、X 本地扩展）' }),
  parentId: Nullable(Uuid()),
  parentName: Nullable(Type.String()),
  depth: Type.Integer({ description: '0 大类 · 1 小类' }),
  kind: CategoryKind,
  name: Type.String(),
  filingCondition: Nullable(Type.String({ description: '立案条件' })),
  closingCondition: Nullable(Type.String({ description: '结案条件' })),
  urgency: Urgency,
  limits: Limits,
  effectiveLimits: Limits,
  ownerDepartmentId: Nullable(Uuid({ description: '权属（责任）部门' })),
  ownerDepartmentName: Nullable(Type.String()),
  active: Type.Boolean(),
  updatedAt: DateTime(),
});
export type CategoryView = Static<typeof CategoryView>;

const Code = Type.String({ pattern: '^[0-9A-Za-z-]{1,20}$' });
const Name = Type.String({ minLength: 1, maxLength: 50 });
const Condition = Type.String({ minLength: 1, maxLength: 500 });

export const CreateCategoryBody = Strict({
  code: Code,
  parentId: Type.Optional(Uuid({ description: '上级类别（大类）；缺省为新大类' })),
  kind: Type.Optional(CategoryKind),
  name: Name,
  filingCondition: Type.Optional(Condition),
  closingCondition: Type.Optional(Condition),
  urgency: Type.Optional(Urgency),
  limits: Type.Optional(Limits),
  ownerDepartmentId: Type.Optional(Uuid()),
});
export type CreateCategoryInput = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = Type.Object(
  {
    code: Type.Optional(Code),
    name: Type.Optional(Name),
    filingCondition: Type.Optional(Nullable(Condition)),
    closingCondition: Type.Optional(Nullable(Condition)),
    urgency: Type.Optional(Urgency),
    limits: Type.Optional(Limits),
    ownerDepartmentId: Type.Optional(Nullable(Uuid())),
    active: Type.Optional(Type.Boolean({ description: '停用后不能再选用，已有工单不受影响' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCategoryInput = Static<typeof UpdateCategoryBody>;

export const ListCategoriesQuery = Strict({
  kind: Type.Optional(CategoryKind),
  parentId: Type.Optional(Uuid({ description: '只列出该大类的小类' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 30, description: '按名称或编码搜索' })),
  includeInactive: Type.Optional(Type.Boolean({ default: false })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 500 })),
  cursor: PageQuery.cursor,
});
export type ListCategoriesQuery = Static<typeof ListCategoriesQuery>;

export const DutyEntryView = Type.Object({
  id: Uuid(),
  categoryId: Uuid(),
  categoryName: Type.String(),
  regionId: Uuid(),
  regionName: Type.String(),
  assetOwnerId: Nullable(Uuid()),
  assetOwnerName: Nullable(Type.String()),
  departmentId: Uuid(),
  departmentName: Type.String(),
  note: Nullable(Type.String()),
  createdAt: DateTime(),
});

export const CreateDutyEntryBody = Strict({
  categoryId: Uuid({ description: '类别（大类对其全部小类生效）' }),
  regionId: Uuid({ description: '适用区域（对整棵子树生效）' }),
  assetOwnerId: Type.Optional(Uuid({ description: '资产权属单位（可选）：该单位的设施由此部门负责' })),
  departmentId: Uuid({ description: '责任部门' }),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type CreateDutyEntryInput = Static<typeof CreateDutyEntryBody>;

export const ListDutyMatrixQuery = Strict({
  categoryId: Type.Optional(Uuid()),
  regionId: Type.Optional(Uuid({ description: '该区域子树内的条目' })),
  departmentId: Type.Optional(Uuid()),
  ...PageQuery,
});
export type ListDutyMatrixQuery = Static<typeof ListDutyMatrixQuery>;

export const ResolveDispatchQuery = Strict({ categoryId: Uuid(), regionId: Uuid(), assetOwnerId: Type.Optional(Uuid()) });

export const DispatchResolution = Type.Object({
  basis: Nullable(Type.Enum(['matrix', 'owner', 'territorial'] as const, { description: 'matrix 责任矩阵 · owner 类别权属部门 · territorial 属地兜底（街道）· null 无法自动派遣' })),
  departmentId: Nullable(Uuid()),
  departmentName: Nullable(Type.String()),
  regionId: Nullable(Uuid({ description: '属地兜底时负责的街道' })),
  regionName: Nullable(Type.String()),
  entryId: Nullable(Uuid({ description: '命中的责任矩阵条目' })),
});
export type DispatchResolution = Static<typeof DispatchResolution>;
