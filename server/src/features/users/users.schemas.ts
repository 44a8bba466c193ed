import { Type, type Static } from 'typebox';
import { ROLE_NAMES } from '../../platform/policy.js';
import { DateTime, Nullable, PageQuery, Phone, Strict, Uuid } from '../../platform/http/schemas.js';

export const RoleCode = Type.Enum(ROLE_NAMES, { description: '角色代码，见 GET /roles' });
export const ScopeKind = Type.Enum(['region', 'org'] as const, { description: 'region 按区域授权 · org 按组织授权' });
export const UserStatus = Type.Enum(['active', 'disabled'] as const);
export const CommunityRelation = Type.Enum(['resident', 'registered'] as const, { description: 'resident 居住 · registered 报到' });

const Name = Type.String({ minLength: 1, maxLength: 50 });
const IdCard = Type.String({ pattern: '^\\d{17}[\\dX]$', description: '18 位居民身份证号（加密存储）' });
const Position = Type.String({ minLength: 1, maxLength: 50, description: '职务' });
const Password = Type.String({ minLength: 8, maxLength: 128, description: '至少 8 位，含字母和数字' });

export const UserUnitView = Type.Object({ id: Uuid(), name: Type.String(), kind: Type.String(), position: Nullable(Type.String()) });
export const UserCommunityView = Type.Object({ id: Uuid(), name: Type.String(), relation: CommunityRelation });

export const GrantView = Type.Object({
  id: Uuid(),
  userId: Uuid(),
  role: RoleCode,
  roleName: Type.String({ description: '角色中文名' }),
  scope: ScopeKind,
  regionId: Nullable(Uuid()),
  orgId: Nullable(Uuid()),
  scopeName: Type.String({ description: '所辖区域或组织名称' }),
  grantedBy: Nullable(Uuid()),
  grantedByName: Nullable(Type.String()),
  createdAt: DateTime(),
  revokedAt: Nullable(DateTime()),
});

export const UserSummary = Type.Object({
  id: Uuid(),
  name: Type.String(),
  phone: Type.String({ description: '打码手机号 138****1234' }),
  regionId: Nullable(Uuid()),
  regionName: Nullable(Type.String()),
  isPartyMember: Type.Boolean(),
  status: UserStatus,
  units: Type.Array(Type.Object({ id: Uuid(), name: Type.String(), position: Nullable(Type.String()) })),
  roles: Type.Array(RoleCode, { description: '有效角色' }),
  createdAt: DateTime(),
});

export const UserDetail = Type.Object({
  id: Uuid(),
  name: Type.String(),
  phone: Type.String({ description: '打码手机号；本人不打码' }),
  idCard: Nullable(Type.String({ description: '打码身份证号；本人不打码' })),
  regionId: Nullable(Uuid()),
  regionName: Nullable(Type.String()),
  isPartyMember: Type.Boolean(),
  status: UserStatus,
  createdAt: DateTime(),
  updatedAt: DateTime(),
  units: Type.Array(UserUnitView),
  communities: Type.Array(UserCommunityView),
  grants: Type.Array(GrantView, { description: '有效授权' }),
  canEdit: Type.Boolean({ description: '调用者可修改此人' }),
  canReadPii: Type.Boolean({ description: '调用者可查看完整手机号和身份证号（留痕）' }),
});

export const UserPii = Type.Object({ phone: Type.String(), idCard: Nullable(Type.String()) });

export const ListUsersQuery = Strict({
  regionId: Type.Optional(Uuid({ description: '居住地或报到社区位于该区域子树内' })),
  unitId: Type.Optional(Uuid({ description: '属于该单位（含下级组织）' })),
  role: Type.Optional(RoleCode),
  status: Type.Optional(UserStatus),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '姓名（模糊）或完整手机号' })),
  ...PageQuery,
});
export type ListUsersQuery = Static<typeof ListUsersQuery>;

export const CreateUserBody = Strict({
  phone: Phone(),
  name: Name,
  password: Type.Optional(Password),
  idCard: Type.Optional(IdCard),
  regionId: Uuid({ description: '居住地（通常为社区）' }),
  isPartyMember: Type.Optional(Type.Boolean()),
  units: Type.Optional(Type.Array(Strict({ unitId: Uuid(), position: Type.Optional(Position) }), { maxItems: 20 })),
});

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Name),
    regionId: Type.Optional(Uuid()),
    isPartyMember: Type.Optional(Type.Boolean()),
    idCard: Type.Optional(Nullable(IdCard)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserInput = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Strict({ newPassword: Password });
export const SessionsRevoked = Type.Object({ sessionsRevoked: Type.Integer() });

export const AddUserUnitBody = Strict({ unitId: Uuid(), position: Type.Optional(Position) });
export const AddUserCommunityBody = Strict({ communityId: Uuid(), relation: CommunityRelation });
export const UserUnitParams = Strict({ id: Uuid(), unitId: Uuid() });
export const UserCommunityParams = Strict({ id: Uuid(), communityId: Uuid() });
export const RemoveUserCommunityQuery = Strict({ relation: Type.Optional(CommunityRelation) });

export const RoleView = Type.Object({
  code: RoleCode,
  name: Type.String({ description: '中文名' }),
  scope: ScopeKind,
  permissions: Type.Array(Type.String()),
});

export const CreateGrantBody = Strict({
  userId: Uuid(),
  role: RoleCode,
  regionId: Type.Optional(Uuid({ description: '按区域授权的角色必填' })),
  orgId: Type.Optional(Uuid({ description: '按组织授权的角色必填' })),
});

export const ListGrantsQuery = Strict({ includeRevoked: Type.Optional(Type.Boolean({ default: false })) });
