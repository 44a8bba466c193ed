import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';

export const AuditEntryView = Type.Object({
  id: Uuid(),
  at: DateTime(),
  actorId: Nullable(Uuid()),
  actorName: Nullable(Type.String({ description: '操作人姓名；系统操作为“系统”' })),
  action: Type.String({ description: '如 user.created、user.pii_read、grant.revoked' }),
  targetType: Type.String(),
  targetId: Nullable(Type.String()),
  regionId: Nullable(Uuid()),
  regionName: Nullable(Type.String()),
  before: Type.Unknown({ description: '变更前（个人信息已打码）' }),
  after: Type.Unknown({ description: '变更后（个人信息已打码）' }),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
});

export const ListAuditLogQuery = Strict({
  targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  actorId: Type.Optional(Uuid()),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: '起（含）' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: '止（不含）' })),
  ...PageQuery,
});
export type ListAuditLogQuery = Static<typeof ListAuditLogQuery>;
