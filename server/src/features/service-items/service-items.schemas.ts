import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';

/** The 8 post categories of 双报到 practice (中江县 "一单一表一卡"). */
export const SERVICE_CATEGORIES = ['组织建设', '法律咨询与援助', '助困扶残与就业援助', '社区治理', '健康医疗', '文化体育', '安全宣传与治安巡逻', '其他'] as const;
export const ITEM_STATUSES = ['draft', 'published', 'closed', 'cancelled', 'completed'] as const;
export const CLAIM_STATUSES = ['claimed', 'waitlisted', 'cancelled', 'no_show', 'attended'] as const;

export const Category = Type.Enum(SERVICE_CATEGORIES, { description: '服务类别' });
export const ItemStatus = Type.Enum(ITEM_STATUSES, { description: 'draft 草稿 · published 已发布 · closed 停止认领 · cancelled 已取消 · completed 已完成' });
export const ClaimStatus = Type.Enum(CLAIM_STATUSES, { description: 'claimed 已认领 · waitlisted 候补 · cancelled 已取消 · no_show 缺席 · attended 已到岗' });

export const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 纬度（高德/腾讯地图的 GCJ-02 坐标请先转换）' });
export const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 经度' });
const Title = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });

export const Eligibility = Strict(
  {
    kind: Type.Enum(['all', 'party_members', 'units', 'skills'] as const, { description: 'all 所有人 · party_members 仅党员 · units 指定单位的人员 · skills 具备指定特长' }),
    unitIds: Type.Optional(Type.Array(Uuid(), { maxItems: 50, description: 'kind=units 时必填：单位（含下级组织）' })),
    skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 20, description: 'kind=skills 时必填：具备其一即可' })),
  },
  { description: '认领资格' },
);
export type EligibilityInput = Static<typeof Eligibility>;

const ItemFields = {
  title: Title,
  category: Category,
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  startsAt: DateTime(),
  endsAt: DateTime(),
  placeName: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  lat: Lat,
  lng: Lng,
  checkinRadiusM: Type.Optional(Type.Integer({ minimum: 10, maximum: 10000, default: 300, description: '签到半径（米）' })),
  capacity: Type.Integer({ minimum: 1, maximum: 100000, description: '名额' }),
  eligibility: Type.Optional(Eligibility),
  plannedMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, description: '计划时长（分钟）；缺省为起止时间之差' })),
  pointsPerHour: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1000, description: '每小时积分；null 按现行积分规则' }))),
  cancelDeadlineMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10080, default: 120, description: '开始前多少分钟之后不能自行取消' })),
};

export const CreateItemBody = Strict({ communityId: Uuid({ description: '发布社区' }), ...ItemFields });
export type CreateItemInput = Static<typeof CreateItemBody>;

export const UpdateItemBody = Strict({
  title: Type.Optional(Title),
  category: Type.Optional(Category),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  startsAt: Type.Optional(DateTime()),
  endsAt: Type.Optional(DateTime()),
  placeName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
  checkinRadiusM: Type.Optional(Type.Integer({ minimum: 10, maximum: 10000 })),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  eligibility: Type.Optional(Eligibility),
  plannedMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  pointsPerHour: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1000 }))),
  cancelDeadlineMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10080 })),
});
export type UpdateItemInput = Static<typeof UpdateItemBody>;

export const ReasonBody = Strict({ reason: Reason });
export const OptionalReasonBody = Strict({ reason: Type.Optional(Reason) });

export const ClaimQuery = Strict({
  waitlist: Type.Optional(Type.Boolean({ default: true, description: '名额已满时是否进入候补；false 时满员返回 409 CAPACITY_FULL' })),
});

export const ServiceItemView = Type.Object({
  id: Uuid(),
  communityId: Uuid(),
  communityName: Type.String(),
  title: Type.String(),
  category: Category,
  description: Type.String(),
  startsAt: DateTime(),
  endsAt: DateTime(),
  placeName: Type.String(),
  lat: Type.Number({ description: 'WGS84' }),
  lng: Type.Number({ description: 'WGS84' }),
  checkinRadiusM: Type.Integer(),
  capacity: Type.Integer(),
  claimedCount: Type.Integer({ description: '已占名额（含已到岗、缺席）' }),
  waitlistedCount: Type.Integer({ description: '候补人数' }),
  remaining: Type.Integer({ description: '剩余名额' }),
  eligibility: Eligibility,
  plannedMinutes: Type.Integer(),
  pointsPerHour: Nullable(Type.Number()),
  cancelDeadlineMinutes: Type.Integer(),
  status: ItemStatus,
  createdBy: Uuid(),
  publishedAt: Nullable(DateTime()),
  closedAt: Nullable(DateTime()),
  cancelledAt: Nullable(DateTime()),
  cancelReason: Nullable(Type.String()),
  completedAt: Nullable(DateTime()),
  createdAt: DateTime(),
  updatedAt: DateTime(),
  distanceM: Type.Optional(Type.Integer({ description: '与 near 的距离（米），仅在传入 near 时' })),
  myClaimStatus: Nullable(ClaimStatus),
});
export type ServiceItemView = Static<typeof ServiceItemView>;

export const MyClaim = Type.Object({
  id: Uuid(),
  status: ClaimStatus,
  claimedAt: DateTime(),
  waitlistPosition: Nullable(Type.Integer({ description: '候补顺位（1 起），非候补时为 null' })),
  canCancel: Type.Boolean({ description: '现在可自行取消' }),
});

export const ServiceItemDetail = Type.Intersect([
  ServiceItemView,
  Type.Object({
    myClaim: Nullable(MyClaim),
    myRecord: Nullable(Type.Object({ id: Uuid(), status: Type.String(), checkInAt: DateTime(), checkOutAt: Nullable(DateTime()), creditedMinutes: Nullable(Type.Integer()) })),
    canManage: Type.Boolean({ description: '调用者可管理此服务（编辑、发布、签到码、认证）' }),
    canClaim: Type.Boolean({ description: '调用者现在可认领' }),
  }),
]);

export const ListItemsQuery = Strict({
  near: Type.Optional(Type.String({ pattern: '^-?\\d{1,2}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?$', description: '“纬度,经度”（WGS84）；给出时按距离排序' })),
  radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 500, description: '配合 near：半径（公里）' })),
  from: Type.Optional(DateTime()),
  to: Type.Optional(DateTime()),
  category: Type.Optional(Category),
  communityId: Type.Optional(Uuid()),
  status: Type.Optional(ItemStatus),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '按标题、地点、描述搜索' })),
  ...PageQuery,
});
export type ListItemsQuery = Static<typeof ListItemsQuery>;

export const ClaimView = Type.Object({
  id: Uuid(),
  itemId: Uuid(),
  userId: Uuid(),
  status: ClaimStatus,
  claimedAt: DateTime(),
  queuedAt: Nullable(DateTime()),
  promotedAt: Nullable(DateTime()),
  cancelledAt: Nullable(DateTime()),
  cancelReason: Nullable(Type.String()),
  noShowAt: Nullable(DateTime()),
  attendedAt: Nullable(DateTime()),
  waitlistPosition: Nullable(Type.Integer({ description: '候补顺位（1 起）' })),
});
export type ClaimView = Static<typeof ClaimView>;

export const MyClaimsQuery = Strict({
  view: Type.Optional(Type.Enum(['upcoming', 'waitlisted', 'done', 'all'] as const, { default: 'all', description: 'upcoming 待参加 · waitlisted 候补中 · done 已结束（到岗/缺席/服务已结束） · all 全部（不含已取消）' })),
  ...PageQuery,
});
export type MyClaimsQuery = Static<typeof MyClaimsQuery>;

export const MyClaimView = Type.Object({
  claim: ClaimView,
  item: Type.Object({
    id: Uuid(),
    title: Type.String(),
    category: Category,
    communityName: Type.String(),
    placeName: Type.String(),
    startsAt: DateTime(),
    endsAt: DateTime(),
    status: ItemStatus,
  }),
  record: Nullable(Type.Object({ id: Uuid(), status: Type.String(), checkInAt: DateTime(), checkOutAt: Nullable(DateTime()), creditedMinutes: Nullable(Type.Integer()) })),
});
