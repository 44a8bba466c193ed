import { Type, type Static } from 'typebox';
import { DateOnly, DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';

export const ORG_KINDS = ['party_org', 'unit', 'department'] as const;
export const OrgKind = Type.Enum(ORG_KINDS, { description: 'party_org 党组织 · unit 单位 · department 职能部门' });

export const LINK_RELATIONS = ['co_building', 'stationed', 'linked'] as const;
export const LinkRelation = Type.Enum(LINK_RELATIONS, { description: 'co_building 共建 · stationed 驻区 · linked 挂钩联系' });

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Subtype = Type.String({ minLength: 1, maxLength: 30, description: '党工委/大党委/党总支/党支部；机关/企业/事业单位/高校/物业/社会组织；城管…' });
const Code = Type.String({ pattern: '^[0-9A-Za-z-]{2,32}$', description: '统一社会信用代码或本地编码' });
const ContactName = Type.String({ minLength: 1, maxLength: 50 });
const ContactPhone = Type.String({ pattern: '^[0-9+() -]{5,20}$', description: '联系电话（手机或座机）' });

export const OrganisationView = Type.Object({
  id: Uuid(),
  kind: OrgKind,
  subtype: Nullable(Type.String()),
  name: Type.String(),
  code: Nullable(Type.String()),
  regionId: Uuid(),
  regionName: Type.String(),
  parentId: Nullable(Uuid()),
  parentName: Nullable(Type.String()),
  path: Type.String({ description: '组织树物化路径 /id/id/…/' }),
  depth: Type.Integer(),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String({ description: '列表中打码；详情中完整' })),
  updatedAt: DateTime(),
});
export type OrganisationView = Static<typeof OrganisationView>;

export const OrganisationDetail = Type.Object({
  ...OrganisationView.properties,
  memberCount: Type.Integer({ description: '人员数' }),
  communityCount: Type.Integer({ description: '共建社区数' }),
  childCount: Type.Integer({ description: '下级组织数' }),
});

export const CreateOrganisationBody = Strict({
  kind: OrgKind,
  subtype: Type.Optional(Subtype),
  name: Name,
  code: Type.Optional(Code),
  regionId: Uuid({ description: '所在区域' }),
  parentId: Type.Optional(Uuid({ description: '上级组织（同类）' })),
  contactName: Type.Optional(ContactName),
  contactPhone: Type.Optional(ContactPhone),
});
export type CreateOrganisationBody = Static<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = Type.Object(
  {
    name: Type.Optional(Name),
    subtype: Type.Optional(Nullable(Subtype)),
    code: Type.Optional(Nullable(Code)),
    regionId: Type.Optional(Uuid()),
    contactName: Type.Optional(Nullable(ContactName)),
    contactPhone: Type.Optional(Nullable(ContactPhone)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrganisationInput = Static<typeof UpdateOrganisationBody>;

export const ListOrganisationsQuery = Strict({
  kind: Type.Optional(OrgKind),
  regionId: Type.Optional(Uuid({ description: '所在区域（精确）' })),
  under: Type.Optional(Uuid({ description: '所在区域位于该区域子树内' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '按名称或编码搜索' })),
  ...PageQuery,
});
export type ListOrganisationsQuery = Static<typeof ListOrganisationsQuery>;

export const CommunityLinkView = Type.Object({
  communityId: Uuid(),
  communityName: Type.String(),
  communityCode: Type.String(),
  relation: LinkRelation,
  since: Nullable(DateOnly()),
  createdAt: DateTime(),
});

export const LinkCommunityBody = Strict({
  communityId: Uuid(),
  relation: LinkRelation,
  since: Type.Optional(DateOnly()),
});
export type LinkCommunityInput = Static<typeof LinkCommunityBody>;

export const OrgCommunityParams = Strict({ id: Uuid(), communityId: Uuid() });
