import { Type, type Static } from 'typebox';
import { DateOnly, DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';
import { AGREEMENT_ACTIONS, AGREEMENT_STATUSES, ITEM_ACTIONS, ITEM_STATUSES, LISTS, SIDES } from './co-building.machine.js';

export const AgreementStatus = Type.Enum(AGREEMENT_STATUSES, { description: 'pending 待社区确认 · active 生效 · declined 社区未同意 · ended 已终止' });
export const ListKind = Type.Enum(LISTS, { description: 'need 需求清单（社区提出）· resource 资源清单（单位提出）· project 项目清单（双方均可）' });
export const Side = Type.Enum(SIDES, { description: 'unit 单位方 · community 社区方' });
export const ItemStatus = Type.Enum(ITEM_STATUSES, { description: 'open 待认领 · claimed 已认领 · completed 已完成' });

const Reason = Type.String({ minLength: 1, maxLength: 500 });

export const AgreementView = Type.Object({
  id: Uuid(),
  unitId: Uuid(),
  unitName: Type.String(),
  communityId: Uuid(),
  communityName: Type.String(),
  signedOn: DateOnly(),
  termMonths: Type.Integer(),
  endsOn: Type.String({ format: 'date', description: '协议有效期最后一天' }),
  content: Type.String(),
  status: AgreementStatus,
  inForce: Type.Boolean({ description: '生效且未到期' }),
  createdBy: Uuid(),
  createdByName: Nullable(Type.String()),
  confirmedBy: Nullable(Uuid()),
  confirmedByName: Nullable(Type.String()),
  confirmedAt: Nullable(DateTime()),
  closedAt: Nullable(DateTime()),
  closeReason: Nullable(Type.String()),
  createdAt: DateTime(),
  updatedAt: DateTime(),
});

export const CoBuildEventView = Type.Object({
  action: Type.String({ description: 'propose · confirm · decline · end · supersede · item.create · item.claim · item.complete' }),
  itemId: Nullable(Uuid()),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  actorId: Nullable(Uuid()),
  actorName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: DateTime(),
});

const Counts = Type.Object({ open: Type.Integer(), claimed: Type.Integer(), completed: Type.Integer() });

export const AgreementDetail = Type.Object({
  ...AgreementView.properties,
  sides: Type.Array(Side, { description: '调用者可代表的一方' }),
  actions: Type.Array(Type.Enum(AGREEMENT_ACTIONS), { description: '调用者现在可执行的操作' }),
  itemCounts: Type.Object({ need: Counts, resource: Counts, project: Counts }),
  events: Type.Array(CoBuildEventView, { description: '时间线' }),
});

export const CreateAgreementBody = Strict({
  unitId: Uuid({ description: '报到单位' }),
  communityId: Uuid({ description: '共建社区' }),
  signedOn: DateOnly(),
  termMonths: Type.Integer({ minimum: 1, maximum: 120, description: '期限（月）' }),
  content: Type.String({ minLength: 1, maxLength: 5000, description: '协议内容' }),
});
export type CreateAgreementInput = Static<typeof CreateAgreementBody>;

export const ListAgreementsQuery = Strict({
  unitId: Type.Optional(Uuid()),
  communityId: Type.Optional(Uuid()),
  status: Type.Optional(AgreementStatus),
  ...PageQuery,
});
export type ListAgreementsQuery = Static<typeof ListAgreementsQuery>;

export const ReasonBody = Strict({ reason: Reason });

export const ItemView = Type.Object({
  id: Uuid(),
  agreementId: Uuid(),
  unitId: Uuid(),
  unitName: Type.String(),
  communityId: Uuid(),
  communityName: Type.String(),
  list: ListKind,
  side: Type.Enum(SIDES, { description: '提出方' }),
  title: Type.String(),
  description: Type.String(),
  quantity: Nullable(Type.Integer()),
  dueOn: Nullable(DateOnly()),
  status: ItemStatus,
  createdBy: Uuid(),
  createdByName: Nullable(Type.String()),
  claimedBy: Nullable(Uuid()),
  claimedByName: Nullable(Type.String()),
  claimedAt: Nullable(DateTime()),
  completedBy: Nullable(Uuid()),
  completedByName: Nullable(Type.String()),
  completedAt: Nullable(DateTime()),
  completionNote: Nullable(Type.String()),
  createdAt: DateTime(),
  updatedAt: DateTime(),
});

export const ItemDetail = Type.Object({
  ...ItemView.properties,
  actions: Type.Array(Type.Enum(ITEM_ACTIONS), { description: '调用者现在可执行的操作' }),
});

export const CreateItemBody = Strict({
  list: ListKind,
  title: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000000, description: '数量（人次、件、场…）' })),
  dueOn: Type.Optional(DateOnly()),
});
export type CreateItemInput = Static<typeof CreateItemBody>;

export const ListItemsQuery = Strict({
  agreementId: Type.Optional(Uuid()),
  unitId: Type.Optional(Uuid()),
  communityId: Type.Optional(Uuid()),
  list: Type.Optional(ListKind),
  status: Type.Optional(ItemStatus),
  ...PageQuery,
});
export type ListItemsQuery = Static<typeof ListItemsQuery>;

export const CompleteItemBody = Strict({ note: Type.String({ minLength: 1, maxLength: 1000, description: '完成情况' }) });
