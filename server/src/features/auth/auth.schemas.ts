import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Phone, Strict, Uuid } from '../../platform/http/schemas.js';

export const LoginBody = Strict({
  phone: Phone(),
  password: Type.String({ minLength: 1, maxLength: 128 }),
  tenant: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{1,31}$', description: '租户代码；缺省为本部署的默认租户' })),
});
export type LoginBody = Static<typeof LoginBody>;

export const GrantView = Type.Object({
  id: Uuid(),
  role: Type.String(),
  roleName: Type.String({ description: '角色中文名' }),
  regionId: Nullable(Uuid()),
  orgId: Nullable(Uuid()),
  scopeName: Type.String({ description: '所辖区域或组织名称' }),
});

export const MeView = Type.Object({
  id: Uuid(),
  name: Type.String(),
  phone: Type.String({ description: '本人手机号（不打码）' }),
  regionId: Nullable(Uuid()),
  regionName: Nullable(Type.String()),
  isPartyMember: Type.Boolean(),
  locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
  roles: Type.Array(GrantView),
  units: Type.Array(Type.Object({ id: Uuid(), name: Type.String(), position: Nullable(Type.String()) })),
});
export type MeView = Static<typeof MeView>;

export const LoginResponse = Type.Object({ token: Type.String(), expiresAt: DateTime(), user: MeView });

export const ChangePasswordBody = Strict({
  currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
  newPassword: Type.String({ minLength: 8, maxLength: 128, description: '至少 8 位，含字母和数字' }),
});

export const UpdateMeBody = Strict({ locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])) });

export const SessionView = Type.Object({
  id: Uuid(),
  createdAt: DateTime(),
  lastSeenAt: DateTime(),
  expiresAt: DateTime(),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  current: Type.Boolean(),
});
