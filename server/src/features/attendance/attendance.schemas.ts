import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';
import { FileView } from '../files/files.schemas.js';
import { ClaimStatus, Lat, Lng } from '../service-items/service-items.schemas.js';

export const RecordStatus = Type.Enum(['open', 'pending', 'approved', 'declined'] as const, { description: 'open 已签到未签退 · pending 待认证 · approved 已认证 · declined 未通过' });
export const RecordSource = Type.Enum(['qr', 'batch', 'retro'] as const, { description: 'qr 扫码签到 · batch 团体录入 · retro 补录' });
const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });

export const SiteCodeView = Type.Object({
  code: Type.String({ description: '签到二维码内容（约 60 秒轮换，上一轮仍有效）' }),
  shortCode: Type.String({ pattern: '^\\d{6}$', description: '6 位数字签到码，供手动输入' }),
  expiresAt: DateTime(),
});

export const CheckBody = Strict({
  code: Type.String({ minLength: 6, maxLength: 120, description: '扫描的二维码内容或 6 位数字签到码' }),
  lat: Lat,
  lng: Lng,
});
export type CheckInput = Static<typeof CheckBody>;

export const RecordView = Type.Object({
  id: Uuid(),
  itemId: Uuid(),
  claimId: Nullable(Uuid()),
  userId: Uuid(),
  userName: Type.String(),
  source: RecordSource,
  checkInAt: DateTime(),
  checkOutAt: Nullable(DateTime()),
  serviceDay: Type.String({ format: 'date', description: '计入每日上限的日期（北京时间）' }),
  plannedMinutes: Type.Integer({ description: '计划时长' }),
  actualMinutes: Nullable(Type.Integer({ description: '实际时长（签退 − 签到）' })),
  creditedMinutes: Nullable(Type.Integer({ description: '计入时长（按取整规则与每日上限）' })),
  autoCheckedOut: Type.Boolean({ description: '系统自动签退（需复核）' }),
  note: Nullable(Type.String({ description: '录入说明/补录理由' })),
  status: RecordStatus,
  certifiedBy: Nullable(Uuid()),
  certifiedAt: Nullable(DateTime()),
  declineReason: Nullable(Type.String()),
  createdAt: DateTime(),
});
export type RecordView = Static<typeof RecordView>;

export const RecordDetail = Type.Intersect([RecordView, Type.Object({ evidence: Type.Array(FileView, { description: '补录证明材料' }) })]);

export const BatchBody = Strict({
  entries: Type.Array(
    Strict({ userId: Uuid(), checkInAt: DateTime(), checkOutAt: DateTime() }),
    { minItems: 1, maxItems: 500, description: '每人一条：签到与签退时间' },
  ),
  note: Type.Optional(Type.String({ maxLength: 500, description: '录入说明，如“纸质签到表第 1 页”' })),
});
export type BatchInput = Static<typeof BatchBody>;

export const RetroBody = Strict({
  userId: Uuid(),
  checkInAt: DateTime(),
  checkOutAt: DateTime(),
  reason: Reason,
  evidenceFileIds: Type.Array(Uuid(), { minItems: 1, maxItems: 9, uniqueItems: true, description: '先 POST /files 上传的证明材料（照片、签到表）' }),
});
export type RetroInput = Static<typeof RetroBody>;

export const ReasonBody = Strict({ reason: Reason });
export const IdsBody = Strict({ ids: Type.Array(Uuid(), { minItems: 1, maxItems: 200, uniqueItems: true }) });

export const ListRecordsQuery = Strict({
  itemId: Type.Optional(Uuid()),
  communityId: Type.Optional(Uuid()),
  userId: Type.Optional(Uuid()),
  status: Type.Optional(RecordStatus),
  ...PageQuery,
});
export type ListRecordsQuery = Static<typeof ListRecordsQuery>;

export const RosterEntry = Type.Object({
  userId: Uuid(),
  name: Type.String(),
  phone: Type.String({ description: '打码手机号' }),
  claim: Nullable(Type.Object({ id: Uuid(), status: ClaimStatus, claimedAt: DateTime(), waitlistPosition: Nullable(Type.Integer()) })),
  record: Nullable(
    Type.Object({
      id: Uuid(),
      status: RecordStatus,
      source: RecordSource,
      checkInAt: DateTime(),
      checkOutAt: Nullable(DateTime()),
      actualMinutes: Nullable(Type.Integer()),
      creditedMinutes: Nullable(Type.Integer()),
      autoCheckedOut: Type.Boolean(),
    }),
  ),
  checkState: Type.Enum(['not_checked_in', 'checked_in', 'checked_out', 'waitlisted', 'no_show'] as const, { description: '签到状态' }),
});

export const Roster = Type.Object({
  item: Type.Object({ id: Uuid(), title: Type.String(), status: Type.String(), capacity: Type.Integer(), claimedCount: Type.Integer(), waitlistedCount: Type.Integer(), startsAt: DateTime(), endsAt: DateTime() }),
  entries: Type.Array(RosterEntry),
  totals: Type.Object({ claimed: Type.Integer(), waitlisted: Type.Integer(), checkedIn: Type.Integer(), checkedOut: Type.Integer(), pending: Type.Integer(), approved: Type.Integer() }),
});

export const RateBody = Strict({ score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 500 })) });
export type RateInput = Static<typeof RateBody>;

export const RatingView = Type.Object({ id: Uuid(), itemId: Uuid(), score: Type.Integer(), comment: Nullable(Type.String()), createdAt: DateTime() });

export const RatingSummary = Type.Object({
  count: Type.Integer(),
  average: Nullable(Type.Number({ description: '平均分（1 位小数）' })),
  histogram: Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() }),
  recent: Type.Array(Type.Object({ score: Type.Integer(), comment: Nullable(Type.String()), createdAt: DateTime() }), { description: '最近 20 条（匿名）' }),
  mine: Nullable(RatingView),
  canRate: Type.Boolean({ description: '调用者现在可以评价' }),
});
