/**
 * The columns of each import, as data: the template, the explanation sheet and the header matching all read
 * from here. Headers are Chinese; English aliases (camelCase, snake_case or spaced) are accepted too.
 */
export const IMPORT_KINDS = ['regions', 'organisations', 'people'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_NAMES: Record<ImportKind, string> = { regions: '行政区划', organisations: '组织与单位', people: '人员' };

/** At most this many data rows per file; a bigger register is split into several files. */
export const MAX_IMPORT_ROWS = 20_000;

export interface ColumnSpec {
  key: string;
  /** Header in the template. */
  header: string;
  /** Other accepted headers (compared case-, space- and underscore-insensitively). */
  aliases: string[];
  required: boolean;
  note: string;
  example: string;
  /** Kept as text in the template, so that Excel does not turn codes and ID numbers into numbers. */
  text?: boolean;
  /** Choices offered as a drop-down in the template. */
  choices?: string[];
}

export const REGION_KIND_CHOICES = ['市/县', '街道/镇', '社区', '网格', '小区', '楼栋'];
export const ORG_KIND_CHOICES = ['党组织', '单位', '部门'];
export const YES_NO_CHOICES = ['是', '否'];

const regions: ColumnSpec[] = [
  { key: 'parentCode', header: '上级区划代码', aliases: ['parentCode', 'parent'], required: true, text: true, example: '532901001000', note: '已有区划的代码，或本文件中另一行的区划代码（行的先后不限）' },
  { key: 'kind', header: '类型', aliases: ['kind', 'type'], required: true, choices: REGION_KIND_CHOICES, example: '社区', note: '市/县、街道/镇、社区、网格、小区、楼栋（或 city、subdistrict、community、grid、compound、building）；须低于上级的层级' },
  { key: 'code', header: '区划代码', aliases: ['code'], required: true, text: true, example: '532901001001', note: '12 位统计用区划代码，或含字母的本地编码（如 WG-001）；本租户内唯一' },
  { key: 'name', header: '名称', aliases: ['name'], required: true, example: '示例社区', note: '不超过 100 字' },
  { key: 'lat', header: '纬度', aliases: ['lat', 'latitude'], required: false, example: '25.6065', note: 'WGS84 十进制度，-90～90；与经度同填或同空' },
  { key: 'lng', header: '经度', aliases: ['lng', 'lon', 'longitude'], required: false, example: '100.2676', note: 'WGS84 十进制度，-180～180' },
];

const organisations: ColumnSpec[] = [
  { key: 'kind', header: '类型(党组织/单位/部门)', aliases: ['类型', 'kind', 'type'], required: true, choices: ORG_KIND_CHOICES, example: '单位', note: '党组织、单位或部门（或 party_org、unit、department）' },
  { key: 'subtype', header: '子类型', aliases: ['subtype'], required: false, example: '事业单位', note: '党组织：党工委/大党委/党总支/党支部；单位：机关/企业/事业单位/高校/物业/社会组织；部门：如 城管。不超过 30 字' },
  { key: 'name', header: '名称', aliases: ['name'], required: true, example: '示例单位', note: '不超过 100 字；同一区划内同类型组织不重名' },
  { key: 'code', header: '统一社会信用代码', aliases: ['信用代码', 'code', 'creditCode', 'uscc'], required: false, text: true, example: '12532901MB0000001L', note: '18 位统一社会信用代码（校验位会检查）或本地编码；本租户内唯一' },
  { key: 'regionCode', header: '所在区划代码', aliases: ['regionCode', 'region'], required: true, text: true, example: '532901001001', note: '已有区划的代码' },
  { key: 'parent', header: '上级组织名称', aliases: ['上级组织', 'parent', 'parentName'], required: false, example: '', note: '同类型上级组织的名称或统一社会信用代码：已有组织或本文件中的另一行（行的先后不限）' },
  { key: 'contactName', header: '联系人', aliases: ['contactName', 'contact'], required: false, example: '张三', note: '不超过 50 字' },
  { key: 'contactPhone', header: '联系电话', aliases: ['contactPhone'], required: false, text: true, example: '0872-2123456', note: '手机或座机，如 13800138000、0872-2123456' },
];

const people: ColumnSpec[] = [
  { key: 'name', header: '姓名', aliases: ['name'], required: true, example: '张三', note: '不超过 50 字' },
  { key: 'phone', header: '手机号', aliases: ['手机', '手机号码', 'phone', 'mobile'], required: true, text: true, example: '13800138000', note: '11 位大陆手机号，作为登录账号；本租户内唯一' },
  { key: 'idCard', header: '身份证号', aliases: ['身份证', '身份证号码', 'idCard', 'idNumber'], required: false, text: true, example: '11010519491231002X', note: '18 位居民身份证号（校验位会检查），加密保存；请保持该列为文本格式，否则 Excel 会丢失末几位' },
  { key: 'regionCode', header: '所在区划代码', aliases: ['regionCode', 'region'], required: true, text: true, example: '532901001001', note: '居住地（通常是社区）的区划代码；人员按此纳入管辖范围' },
  { key: 'isPartyMember', header: '是否党员', aliases: ['党员', 'isPartyMember', 'partyMember'], required: false, choices: YES_NO_CHOICES, example: '是', note: '是/否，空为否' },
  { key: 'unit', header: '工作单位(统一社会信用代码或名称)', aliases: ['工作单位', 'unit', 'workUnit'], required: false, example: '示例单位', note: '已有单位的统一社会信用代码或名称（重名时请用代码）' },
  { key: 'position', header: '职务', aliases: ['position', 'title'], required: false, example: '科员', note: '在工作单位中的职务，不超过 50 字；须同时填写工作单位' },
  { key: 'password', header: '初始密码', aliases: ['password', 'initialPassword'], required: false, example: '', note: '可空：空则暂不能登录，由管理员重置密码后登录。填写时至少 8 位且含字母和数字' },
];

export const IMPORT_COLUMNS: Record<ImportKind, ColumnSpec[]> = { regions, organisations, people };

/** Header text in a comparable form: no spaces, `*`, `_` or `-`; ASCII parentheses; lower case. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/[\s*_\-]/g, '').toLowerCase();
}

/** Every accepted spelling of each column's header → the column. */
export function headerIndex(kind: ImportKind): Map<string, ColumnSpec> {
  const index = new Map<string, ColumnSpec>();
  for (const column of IMPORT_COLUMNS[kind]) {
    const bare = column.header.replace(/\(.*\)$/, '');
    for (const spelling of [column.header, bare, column.key, ...column.aliases]) index.set(normaliseHeader(spelling), column);
  }
  return index;
}
