import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';

export const REGION_KINDS = ['prefecture', 'city', 'subdistrict', 'community', 'grid', 'compound', 'building'] as const;
export const REGION_KIND_NAMES: Record<(typeof REGION_KINDS)[number], string> = {
  prefecture: '州/市',
  city: '市/县',
  subdistrict: '街道/镇',
  community: '社区',
  grid: '网格',
  compound: '小区',
  building: '楼栋',
};

export const RegionKind = Type.Enum(REGION_KINDS);

export const RegionView = Type.Object({
  id: Uuid(),
  parentId: Nullable(Uuid()),
  kind: RegionKind,
  code: Type.String({ description: '行政区划代码（12 位统计用区划代码）或本地编码' }),
  name: Type.String(),
  path: Type.String({ description: '物化路径 /id/id/…/' }),
  depth: Type.Integer(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  hasChildren: Type.Boolean(),
  updatedAt: DateTime(),
});
export type RegionView = Static<typeof RegionView>;

export const RegionDetail = Type.Intersect([RegionView, Type.Object({ ancestors: Type.Array(Type.Object({ id: Uuid(), name: Type.String(), kind: RegionKind })) })]);

const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 纬度' });
const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 经度' });
const Code = Type.String({ pattern: '^[0-9A-Za-z-]{2,32}$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });

export const CreateRegionBody = Strict({
  parentId: Uuid(),
  kind: RegionKind,
  code: Code,
  name: Name,
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
});
export type CreateRegionInput = Static<typeof CreateRegionBody>;

export const UpdateRegionBody = Strict({ code: Type.Optional(Code), name: Type.Optional(Name), lat: Type.Optional(Nullable(Lat)), lng: Type.Optional(Nullable(Lng)) });
export type UpdateRegionInput = Static<typeof UpdateRegionBody>;

export const ListRegionsQuery = Strict({
  parentId: Type.Optional(Uuid({ description: '只列出该节点的直接下级；缺省列出根节点' })),
  kind: Type.Optional(RegionKind),
  under: Type.Optional(Uuid({ description: '列出该节点整棵子树中的节点（配合 kind 使用）' })),
  q: Type.Optional(Type.String({ maxLength: 50, description: '按名称或代码搜索' })),
  ...PageQuery,
});
export type ListRegionsQuery = Static<typeof ListRegionsQuery>;
