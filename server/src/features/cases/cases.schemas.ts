import { Type, type Static } from 'typebox';
import { Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';
import { WorkingAmount } from '../case-catalog/case-catalog.schemas.js';
import { CLOCK_NAMES, CLOSE_REASONS, IntakeDef, StateDef, TransitionDef } from './case-type.js';

const At = () => Type.String({ format: 'date-time', description: 'ISO-8601，+08:00' });
const Channel = Type.Enum(['resident', 'grid', 'staff', 'signboard', 'import', 'open311'] as const, {
  description: 'resident 居民随手拍 · grid 网格员 · staff 工作人员 · signboard 街巷牌扫码 · import 导入 · open311 Open311 接口',
});
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 纬度' });
const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 经度' });
const Status = Type.String({ pattern: '^[a-z][a-z_]{1,39}$', description: '状态编码（见工单类型 states）' });
export const CloseReason = Type.Enum(CLOSE_REASONS, { description: 'resolved 已解决 · not_responsible 非职责 · duplicate 重复 · unable 无法解决 · withdrawn 撤回' });

export const CreateCaseBody = Strict({
  typeCode: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: '工单类型，缺省 default' })),
  categoryId: Uuid({ description: '案件类别' }),
  regionId: Uuid({ description: '发生地所在区域（社区、网格或小区）' }),
  description: Type.String({ minLength: 2, maxLength: 2000 }),
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  photos: Type.Optional(Type.Array(Uuid(), { maxItems: 9, uniqueItems: true, description: '先 POST /files 上传，再填文件 id' })),
  channel: Channel,
  streetId: Type.Optional(Nullable(Uuid({ description: '街巷（街巷长制，后续接入）' }))),
  assetOwnerId: Type.Optional(Uuid({ description: '设施权属单位（已知时），用于责任矩阵匹配' })),
});

export const TransitionBody = Strict({
  action: Type.String({ pattern: '^[a-z][a-z_]{1,39}$', description: '操作（见工单详情 allowedActions）' }),
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  evidence: Type.Optional(Type.Array(Uuid(), { maxItems: 9, uniqueItems: true, description: '证据照片文件 id' })),
  departmentId: Type.Optional(Uuid()),
  coDepartmentIds: Type.Optional(Type.Array(Uuid(), { maxItems: 10, uniqueItems: true })),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  closeReason: Type.Optional(CloseReason),
  extensionUntil: Type.Optional(Type.String({ format: 'date-time' })),
  rating: Type.Optional(Strict({ solved: Type.Boolean({ description: '问题是否解决' }), satisfaction: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 · 4 满意 · 3 基本满意 · 2 不满意 · 1 非常不满意' }) })),
});
export type TransitionBody = Static<typeof TransitionBody>;

export const CaseView = Type.Object({
  id: Uuid(),
  typeCode: Type.String(),
  typeVersion: Type.Integer(),
  status: Status,
  statusName: Type.String(),
  closeReason: Nullable(CloseReason),
  categoryId: Uuid(),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  regionId: Uuid(),
  regionName: Type.String(),
  communityId: Nullable(Uuid()),
  subdistrictId: Nullable(Uuid()),
  streetId: Nullable(Uuid()),
  channel: Channel,
  description: Type.String(),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  urgency: Type.Enum(['normal', 'urgent'] as const),
  reporterId: Uuid(),
  reporterName: Nullable(Type.String()),
  leadDepartmentId: Nullable(Uuid({ description: '主办部门（首接负责）' })),
  leadDepartmentName: Nullable(Type.String()),
  responsibleRegionId: Nullable(Uuid({ description: '属地兜底：负责的街道（无主办部门时）' })),
  responsibleRegionName: Nullable(Type.String()),
  dispatchBasis: Nullable(Type.Enum(['matrix', 'owner', 'territorial', 'manual'] as const, { description: 'matrix 责任矩阵 · owner 类别权属部门 · territorial 属地兜底 · manual 人工派遣' })),
  clock: Nullable(
    Type.Object({
      name: Type.Enum(CLOCK_NAMES, { description: 'sign 签收 · handle 处置 · verify 核查' }),
      basis: Type.Enum(['natural', 'working'] as const),
      startedAt: At(),
      dueAt: At(),
      elapsed: Type.Number({ description: '已用时限比例（1 = 到期；可大于 1）' }),
      level: Type.Integer({ description: '预警级别 0/50/80/100' }),
    }),
  ),
  overdue: Type.Boolean({ description: '当前计时已超期' }),
  paused: Nullable(Type.Object({ clock: Type.Enum(CLOCK_NAMES), remainingMinutes: Type.Number() }, { description: '挂账暂停的时钟' })),
  deadlines: Type.Object({ sign: Nullable(At()), handle: Nullable(At()), verify: Nullable(At()) }),
  late: Type.Object({ sign: Type.Boolean(), handle: Type.Boolean(), verify: Type.Boolean() }, { description: '各环节是否曾超时' }),
  warnedLevel: Type.Integer(),
  escalationLevel: Type.Integer({ description: '0 未升级 · 1 街道 · 2 市 · 3 州（按租户设置）' }),
  escalatedRegionId: Nullable(Uuid()),
  escalatedRegionName: Nullable(Type.String()),
  counts: Type.Object({ dispatch: Type.Integer(), return: Type.Integer(), rework: Type.Integer(), extension: Type.Integer(), remind: Type.Integer(), supervise: Type.Integer() }),
  extensionRequestedUntil: Nullable(At()),
  appealStatus: Nullable(Type.Enum(['pending', 'upheld', 'dismissed'] as const)),
  excluded: Type.Boolean({ description: '申诉成立，不计入考核' }),
  rating: Nullable(Type.Object({ solved: Type.Boolean(), satisfaction: Type.Integer(), ratedAt: At() })),
  filedAt: Nullable(At()),
  firstDispatchedAt: Nullable(At()),
  signedAt: Nullable(At()),
  handledAt: Nullable(At()),
  closedAt: Nullable(At()),
  createdAt: At(),
  updatedAt: At(),
});
export type CaseView = Static<typeof CaseView>;

export const CaseEventView = Type.Object({
  id: Uuid(),
  action: Type.String(),
  actionName: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  actorId: Nullable(Uuid()),
  actorName: Nullable(Type.String({ description: '系统操作时为空' })),
  at: At(),
  note: Nullable(Type.String()),
  evidence: Type.Array(Uuid()),
  data: Nullable(Type.Unknown()),
});

export const AllowedAction = Type.Object({
  action: Type.String(),
  name: Type.String(),
  requires: Type.Array(Type.String(), { description: '必填字段' }),
  closeReasons: Type.Optional(Type.Array(CloseReason)),
});

export const CaseDetail = Type.Object({
  ...CaseView.properties,
  coHandlers: Type.Array(Type.Object({ id: Uuid(), name: Type.String() }), { description: '联办部门' }),
  photos: Type.Array(Uuid(), { description: '上报照片' }),
  timeline: Type.Array(CaseEventView, { description: '时间线（事件，最早在前）' }),
  allowedActions: Type.Array(AllowedAction, { description: '当前用户现在可执行的操作' }),
});
export type CaseDetail = Static<typeof CaseDetail>;

const Bool = Type.Boolean();
export const ListCasesQuery = Strict({
  status: Type.Optional(Status),
  categoryId: Type.Optional(Uuid({ description: '类别（大类含其小类）' })),
  regionId: Type.Optional(Uuid({ description: '区域子树' })),
  departmentId: Type.Optional(Uuid({ description: '主办部门（含下级部门）' })),
  overdue: Type.Optional(Bool),
  mine: Type.Optional(Type.Boolean({ description: '只看我上报的' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '按描述或地址搜索' })),
  ...PageQuery,
});
export type ListCasesQuery = Static<typeof ListCasesQuery>;

export const MyCasesQuery = Strict({ ...PageQuery });
export const QueueQuery = Strict({ ...PageQuery });

export const CaseTypeView = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  states: Type.Array(StateDef),
  transitions: Type.Array(TransitionDef),
  intake: IntakeDef,
  versions: Type.Array(Type.Integer(), { description: '全部版本（新→旧）' }),
});

export const CreateCaseTypeBody = Strict({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  states: Type.Array(StateDef, { minItems: 1, maxItems: 50 }),
  transitions: Type.Array(TransitionDef, { minItems: 1, maxItems: 100 }),
  intake: IntakeDef,
});
export type CreateCaseTypeBody = Static<typeof CreateCaseTypeBody>;

export const CaseTypeParams = Strict({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }) });
export const CaseTypeQuery = Strict({ version: Type.Optional(Type.Integer({ minimum: 1 })) });

const Weight = Type.Number({ minimum: 0, maximum: 1 });
export const CaseSettingsView = Type.Object({
  weights: Type.Object({ response: Weight, resolution: Weight, satisfaction: Weight }, { description: '综合得分权重（响应率、解决率、满意率），和为 1' }),
  satisfactionAlpha: Type.Number({ minimum: 0, maximum: 1, description: '满意率中「基本满意」的折算系数 α' }),
  escalation: Type.Array(
    Type.Object({ level: Type.Integer({ minimum: 1, maximum: 9 }), regionKind: Type.Enum(['prefecture', 'city', 'subdistrict', 'community'] as const), at: Type.Number({ exclusiveMinimum: 0, maximum: 10, description: '时限用尽的倍数（1 = 到期）' }) }, { additionalProperties: false }),
    { maxItems: 9, description: '自动升级：用尽 at 倍时限时升至 level 级，通知该级区域的派单员与领导' },
  ),
  defaultLimits: Type.Object({ sign: WorkingAmount, handle: WorkingAmount, verify: WorkingAmount }, { description: '类别未设时限时的默认值' }),
  minRankingSample: Type.Integer({ minimum: 0, maximum: 1000, description: '排名所需的最少计分件数' }),
});
export const UpdateCaseSettingsBody = Type.Object(
  {
    weights: Type.Optional(CaseSettingsView.properties.weights),
    satisfactionAlpha: Type.Optional(CaseSettingsView.properties.satisfactionAlpha),
    escalation: Type.Optional(CaseSettingsView.properties.escalation),
    defaultLimits: Type.Optional(Type.Object({ sign: WorkingAmount, handle: WorkingAmount, verify: WorkingAmount }, { additionalProperties: false })),
    minRankingSample: Type.Optional(CaseSettingsView.properties.minRankingSample),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCaseSettingsBody = Static<typeof UpdateCaseSettingsBody>;
