import type { OrgKind } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { can } from '../../platform/policy.js';
import { createOrganisation } from '../organisations/create-organisation.js';
import { compact, CONTACT_PHONE, isValidCreditCode, LOCAL_CODE, orgKind, USCC_SHAPE } from './import-formats.js';
import { applyRow, cellsOf, importInvalid, parentsFirst, RowErrors, type ImportSheet, type RowError } from './import-rows.js';
import { organisationsByCodeOrName, regionsByCode, type ExistingOrganisation } from './imports.queries.js';

export interface OrganisationRecord {
  row: number;
  kind: OrgKind;
  subtype?: string;
  name: string;
  code?: string;
  regionCode: string;
  contactName?: string;
  contactPhone?: string;
  /** The parent as written, and what it resolved to: an existing organisation or another row of the file. */
  parentRef?: string;
  parent?: { orgId: string } | { row: number };
}

const KIND_NAMES: Record<OrgKind, string> = { party_org: '党组织', unit: '单位', department: '部门' };

/** A 统一社会信用代码 with a correct check character, or a local code. */
function orgCode(raw: string): string | undefined {
  const code = compact(raw);
  const upper = code.toUpperCase();
  if (upper.length === 18 && USCC_SHAPE.test(upper)) return isValidCreditCode(upper) ? upper : undefined;
  return LOCAL_CODE.test(code) ? code : undefined;
}

/**
 * Validates a file of Party organisations, units and departments: formats, regions that exist and that the actor
 * administers, duplicates (code; kind + region + name) in the file and the tenant, parents of the same kind among
 * the organisations the actor can see or anywhere in the file, no cycles. Returns the records parents-first.
 */
export async function planOrganisationImport({ ctx, input: sheet }: { ctx: Ctx; input: ImportSheet }): Promise<{ errors: RowError[]; records: OrganisationRecord[] }> {
  const errors = new RowErrors(sheet);
  const parsed: OrganisationRecord[] = [];
  for (const row of sheet.rows) {
    const c = cellsOf(row, errors);
    const kind = c.parsed('kind', orgKind, '不是可识别的组织类型（党组织、单位、部门）', { required: true, label: '类型' });
    const subtype = c.text('subtype', { max: 30 });
    const name = c.text('name', { required: true, max: 100, label: '名称' });
    const code = c.parsed('code', orgCode, '不是有效的统一社会信用代码（18 位，校验位须正确），也不是本地编码');
    const regionCode = c.text('regionCode', { required: true, label: '所在区划代码' });
    const parentRef = c.text('parent', { max: 100 });
    const contactName = c.text('contactName', { max: 50 });
    const contactPhone = c.parsed('contactPhone', (s) => (CONTACT_PHONE.test(s) ? s : undefined), '不是有效的电话号码');
    if (kind && name && regionCode) parsed.push({ row: row.row, kind, subtype, name, code, regionCode: compact(regionCode), parentRef, contactName, contactPhone });
  }

  const regions = await regionsByCode(ctx, parsed.map((r) => r.regionCode));
  const existing = await organisationsByCodeOrName(ctx, parsed.flatMap((r) => [r.name, ...(r.code ? [r.code] : []), ...(r.parentRef ? [r.parentRef] : [])]));
  const takenCodes = new Set(existing.map((o) => o.code));
  const takenNames = new Set(existing.map((o) => `${o.kind}|${o.regionId}|${o.name}`));
  const firstByCode = new Map<string, OrganisationRecord>();
  const firstByName = new Map<string, OrganisationRecord>();
  const unique: OrganisationRecord[] = [];
  for (const r of parsed) {
    const region = regions.get(r.regionCode);
    if (!region) errors.add(r.row, 'regionCode', 'NOT_FOUND', `区划代码 ${r.regionCode} 不存在`);
    else if (!can(ctx.actor, 'org.write', { regionPath: region.path })) errors.add(r.row, 'regionCode', 'OUT_OF_SCOPE', `无权在「${region.name}」新增组织`);

    const nameKey = `${r.kind}|${r.regionCode}|${r.name}`;
    const sameCode = r.code ? firstByCode.get(r.code) : undefined;
    const sameName = firstByName.get(nameKey);
    if (sameCode) errors.add(r.row, 'code', 'DUPLICATE_IN_FILE', `统一社会信用代码 ${r.code} 与第 ${sameCode.row} 行重复`);
    if (sameName) errors.add(r.row, 'name', 'DUPLICATE_IN_FILE', `与第 ${sameName.row} 行是同一区划内的同名${KIND_NAMES[r.kind]}`);
    if (!sameCode && !sameName) unique.push(r);
    if (r.code && !sameCode) firstByCode.set(r.code, r);
    if (!sameName) firstByName.set(nameKey, r);

    if (r.code && takenCodes.has(r.code)) errors.add(r.row, 'code', 'ALREADY_EXISTS', `统一社会信用代码 ${r.code} 已被其他组织使用`);
    if (region && takenNames.has(`${r.kind}|${region.id}|${r.name}`)) {
      errors.add(r.row, 'name', 'ALREADY_EXISTS', `「${region.name}」已有同名${KIND_NAMES[r.kind]}「${r.name}」`);
    }
  }

  const visible = existing.filter((o) => o.visible);
  const byRef = indexByRef<OrganisationRecord | ExistingOrganisation>([...unique, ...visible]);
  for (const r of unique) if (r.parentRef) resolveParent(r, byRef, regions.get(r.regionCode)?.id, errors);
  const byRow = new Map(unique.map((r) => [r.row, r]));
  const records = parentsFirst(
    unique,
    (r) => (r.parent && 'row' in r.parent ? byRow.get(r.parent.row) : undefined),
    (r) => errors.add(r.row, 'parent', 'CYCLE', `上级关系成环：上级组织「${r.parentRef}」最终指回本行`),
  );
  return { errors: errors.list, records };
}

/** Organisations (rows of the file or existing ones) by code and by name. */
function indexByRef<T extends { code?: string | null; name: string }>(items: T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  const put = (key: string, item: T) => {
    const list = index.get(key);
    if (list) list.push(item);
    else index.set(key, [item]);
  };
  for (const item of items) {
    put(item.name, item);
    if (item.code && item.code !== item.name) put(item.code, item);
  }
  return index;
}

/** Finds the parent among the file's rows and the visible organisations of the same kind, by code or by name. */
function resolveParent(r: OrganisationRecord, byRef: Map<string, Array<OrganisationRecord | ExistingOrganisation>>, regionId: string | undefined, errors: RowErrors) {
  const ref = r.parentRef!;
  const found = [...new Set([...(byRef.get(ref) ?? []), ...(byRef.get(compact(ref).toUpperCase()) ?? [])])].filter((o) => o !== r);
  const candidates = found
    .filter((o) => o.kind === r.kind)
    .map((o) => ('row' in o ? { parent: { row: o.row }, sameRegion: o.regionCode === r.regionCode } : { parent: { orgId: o.id }, sameRegion: o.regionId === regionId }));
  const nearby = candidates.filter((c) => c.sameRegion);
  const chosen = candidates.length === 1 ? candidates[0] : nearby.length === 1 ? nearby[0] : undefined;
  if (chosen) {
    r.parent = chosen.parent;
  } else if (candidates.length > 1) {
    errors.add(r.row, 'parent', 'AMBIGUOUS', `有 ${candidates.length} 个名为「${ref}」的${KIND_NAMES[r.kind]}，请改填上级的统一社会信用代码`);
  } else if (found.length > 0) {
    errors.add(r.row, 'parent', 'INVALID_HIERARCHY', `「${ref}」不是${KIND_NAMES[r.kind]}：上级组织须与本组织同类型`);
  } else {
    errors.add(r.row, 'parent', 'PARENT_NOT_FOUND', `上级组织「${ref}」既不在系统中，也不在本文件中`);
  }
}

/** Creates the organisations through createOrganisation (scope check and audit per record), parents first. */
export async function applyOrganisationImport({ ctx, input: records }: { ctx: Ctx; input: OrganisationRecord[] }): Promise<number> {
  const regions = await regionsByCode(ctx, records.map((r) => r.regionCode));
  const created = new Map<number, string>();
  for (const r of records) {
    const regionId = regions.get(r.regionCode)?.id;
    if (!regionId) throw importInvalid([{ row: r.row, column: null, code: 'NOT_FOUND', message: `区划代码 ${r.regionCode} 已不存在` }]);
    const parentId = r.parent ? ('orgId' in r.parent ? r.parent.orgId : created.get(r.parent.row)) : undefined;
    const { subtype, name, code, contactName, contactPhone, kind } = r;
    const org = await applyRow(r.row, () => createOrganisation({ ctx, input: { kind, subtype, name, code, regionId, parentId, contactName, contactPhone } }));
    created.set(r.row, org.id);
  }
  return records.length;
}
