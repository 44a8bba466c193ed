import type { Ctx } from '../../platform/context.js';
import { can } from '../../platform/policy.js';
import { createRegion } from '../regions/create-region.js';
import { REGION_KIND_NAMES, REGION_KINDS } from '../regions/regions.schemas.js';
import { compact, decimal, regionCode, regionKind, type RegionKind } from './import-formats.js';
import { applyRow, cellsOf, importInvalid, parentsFirst, RowErrors, type ImportSheet, type RowError } from './import-rows.js';
import { regionsByCode } from './imports.queries.js';

export interface RegionRecord {
  row: number;
  parentCode: string;
  kind: RegionKind;
  code: string;
  name: string;
  lat?: number;
  lng?: number;
}

const rank = (kind: string) => REGION_KINDS.indexOf(kind as RegionKind);
const kindName = (kind: string) => REGION_KIND_NAMES[kind as RegionKind] ?? kind;

/**
 * Validates a file of regions: formats, duplicates (in the file and in the tenant), parents in the tenant or
 * anywhere in the file, kind below the parent's, no cycles, and the actor's right to add under each parent.
 * Returns the records parents-first, ready for applyRegionImport.
 */
export async function planRegionImport({ ctx, input: sheet }: { ctx: Ctx; input: ImportSheet }): Promise<{ errors: RowError[]; records: RegionRecord[] }> {
  const errors = new RowErrors(sheet);
  const parsed: RegionRecord[] = [];
  /** Codes on rows that failed their own checks: their children are not reported again. */
  const codesOnBadRows = new Set<string>();
  for (const row of sheet.rows) {
    const c = cellsOf(row, errors);
    const parentCode = c.text('parentCode', { required: true, label: '上级区划代码' });
    const kind = c.parsed('kind', regionKind, '不是可识别的区划类型（市/县、街道/镇、社区、网格、小区、楼栋）', { required: true, label: '类型' });
    const code = c.parsed('code', regionCode, '不是 12 位统计用区划代码，也不是含字母的本地编码（如 WG-001）', { required: true, label: '区划代码' });
    const name = c.text('name', { required: true, max: 100, label: '名称' });
    const lat = c.parsed('lat', (s) => decimal(s, -90, 90), '不是 -90～90 之间的纬度');
    const lng = c.parsed('lng', (s) => decimal(s, -180, 180), '不是 -180～180 之间的经度');
    if (row.cells.has('lat') !== row.cells.has('lng')) errors.add(row.row, row.cells.has('lat') ? 'lng' : 'lat', 'REQUIRED', '纬度和经度须同时填写');
    if (parentCode && kind && code && name) parsed.push({ row: row.row, parentCode: compact(parentCode), kind, code, name, lat, lng });
    else if (row.cells.has('code')) codesOnBadRows.add(compact(row.cells.get('code')!));
  }

  const byCode = new Map<string, RegionRecord>();
  for (const r of parsed) {
    const first = byCode.get(r.code);
    if (first) errors.add(r.row, 'code', 'DUPLICATE_IN_FILE', `区划代码 ${r.code} 与第 ${first.row} 行重复`);
    else byCode.set(r.code, r);
  }
  const existing = await regionsByCode(ctx, parsed.flatMap((r) => [r.code, r.parentCode]));
  const parentInFile = (r: RegionRecord) => (existing.has(r.parentCode) ? undefined : byCode.get(r.parentCode));

  for (const r of parsed) {
    const taken = existing.get(r.code);
    if (taken) errors.add(r.row, 'code', 'ALREADY_EXISTS', `区划代码 ${r.code} 已存在（${taken.name}）`);
    const dbParent = existing.get(r.parentCode);
    const fileParent = parentInFile(r);
    if (!dbParent && !fileParent) {
      if (codesOnBadRows.has(r.parentCode)) continue;
      errors.add(r.row, 'parentCode', 'PARENT_NOT_FOUND', `上级区划代码 ${r.parentCode} 既不在系统中，也不在本文件中`);
      continue;
    }
    const parentKind = dbParent?.kind ?? fileParent!.kind;
    if (rank(r.kind) <= rank(parentKind)) {
      errors.add(r.row, 'kind', 'INVALID_HIERARCHY', `${kindName(r.kind)}不能作为${kindName(parentKind)}的下级`);
    }
    if (dbParent && !can(ctx.actor, 'region.write', { regionPath: dbParent.path })) {
      errors.add(r.row, 'parentCode', 'OUT_OF_SCOPE', `无权在「${dbParent.name}」下新增区划`);
    }
  }
  const records = parentsFirst(
    parsed.filter((r) => byCode.get(r.code) === r),
    parentInFile,
    (r) => errors.add(r.row, 'parentCode', 'CYCLE', `上级关系成环：上级区划代码 ${r.parentCode} 最终指回本行`),
  );
  return { errors: errors.list, records };
}

/** Creates the regions through createRegion (scope check and audit per region), parents first. */
export async function applyRegionImport({ ctx, input: records }: { ctx: Ctx; input: RegionRecord[] }): Promise<number> {
  const existing = await regionsByCode(ctx, records.map((r) => r.parentCode));
  const created = new Map<string, string>();
  for (const r of records) {
    const parentId = existing.get(r.parentCode)?.id ?? created.get(r.parentCode);
    if (!parentId) throw importInvalid([{ row: r.row, column: null, code: 'PARENT_NOT_FOUND', message: `上级区划代码 ${r.parentCode} 已不存在` }]);
    const region = await applyRow(r.row, () => createRegion({ ctx, input: { parentId, kind: r.kind, code: r.code, name: r.name, lat: r.lat, lng: r.lng } }));
    created.set(r.code, region.id);
  }
  return records.length;
}
