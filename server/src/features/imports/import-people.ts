import type { Ctx } from '../../platform/context.js';
import { hashPassword, isAcceptablePassword } from '../../platform/auth/password.js';
import { isValidIdCard } from '../../platform/pii.js';
import { can } from '../../platform/policy.js';
import { createUser } from '../users/create-user.js';
import { compact, MOBILE, yesNo } from './import-formats.js';
import { applyRow, cellsOf, importInvalid, RowErrors, type ImportSheet, type RowError } from './import-rows.js';
import { organisationsByCodeOrName, regionsByCode, registeredIdCardDigests, registeredPhones, type ExistingOrganisation } from './imports.queries.js';

export interface PersonRecord {
  row: number;
  name: string;
  phone: string;
  idCard?: string;
  regionCode: string;
  isPartyMember: boolean;
  unitId?: string;
  position?: string;
  /** Plain initial password until preparePeopleImport replaces it with its hash. */
  password?: string;
  passwordHash?: string;
}

/** 11 digits, tolerating spaces, dashes and a +86 prefix. */
function mobile(raw: string): string | undefined {
  const digits = compact(raw).replace(/-/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return MOBILE.test(digits) ? digits : undefined;
}

function idCard(raw: string): string | undefined {
  const value = compact(raw).toUpperCase();
  return isValidIdCard(value) ? value : undefined;
}

/**
 * A work unit the actor can see (as createUser requires), by 统一社会信用代码 or name; among namesakes a unit
 * (rather than a Party organisation or department) wins.
 */
function pickUnit(ref: string, all: ExistingOrganisation[]): ExistingOrganisation[] {
  const orgs = all.filter((o) => o.visible);
  const byCode = orgs.filter((o) => o.code === ref || o.code === compact(ref).toUpperCase());
  if (byCode.length > 0) return byCode;
  const byName = orgs.filter((o) => o.name === ref);
  const units = byName.filter((o) => o.kind === 'unit');
  return units.length > 0 ? units : byName;
}

/**
 * Validates a file of people: formats (phone, ID-card check digit, password strength), duplicates in the file and
 * in the tenant (phone; ID card by its keyed digest), home regions that exist and that the actor may manage people
 * in, and work units that exist and are named unambiguously.
 */
export async function planPeopleImport({ ctx, input: sheet }: { ctx: Ctx; input: ImportSheet }): Promise<{ errors: RowError[]; records: PersonRecord[] }> {
  const errors = new RowErrors(sheet);
  const parsed: Array<PersonRecord & { unitRef?: string }> = [];
  for (const row of sheet.rows) {
    const c = cellsOf(row, errors);
    const name = c.text('name', { required: true, max: 50, label: '姓名' });
    const phone = c.parsed('phone', mobile, '不是 11 位大陆手机号', { required: true, label: '手机号' });
    const card = c.parsed('idCard', idCard, '不是有效的 18 位身份证号（校验位不符；若该列被 Excel 存成数字，末几位已丢失，请将该列设为文本后重填）', { secret: true });
    const regionCode = c.text('regionCode', { required: true, label: '所在区划代码' });
    const isPartyMember = c.parsed('isPartyMember', yesNo, '应填“是”或“否”');
    const unitRef = c.text('unit', { max: 100 });
    const position = c.text('position', { max: 50 });
    const password = c.text('password', { max: 128 });
    if (position && !row.cells.has('unit')) errors.add(row.row, 'position', 'INVALID_VALUE', '填写职务时须同时填写工作单位');
    if (password && !isAcceptablePassword(password)) errors.add(row.row, 'password', 'INVALID_FORMAT', '初始密码至少 8 位，且须同时包含字母和数字');
    if (name && phone && regionCode) {
      parsed.push({ row: row.row, name, phone, idCard: card, regionCode: compact(regionCode), isPartyMember: isPartyMember ?? false, unitRef, position, password });
    }
  }

  const firstByPhone = new Map<string, number>();
  const firstByCard = new Map<string, number>();
  for (const r of parsed) {
    const samePhone = firstByPhone.get(r.phone);
    if (samePhone) errors.add(r.row, 'phone', 'DUPLICATE_IN_FILE', `手机号 ${r.phone} 与第 ${samePhone} 行重复`);
    else firstByPhone.set(r.phone, r.row);
    if (!r.idCard) continue;
    const sameCard = firstByCard.get(r.idCard);
    if (sameCard) errors.add(r.row, 'idCard', 'DUPLICATE_IN_FILE', `身份证号与第 ${sameCard} 行重复`);
    else firstByCard.set(r.idCard, r.row);
  }

  const phones = await registeredPhones(ctx, parsed.map((r) => r.phone));
  const digestOf = new Map(parsed.filter((r) => r.idCard).map((r) => [r.idCard!, ctx.vault.digest(r.idCard!)]));
  const cards = await registeredIdCardDigests(ctx, digestOf.values());
  const regions = await regionsByCode(ctx, parsed.map((r) => r.regionCode));
  const orgs = await organisationsByCodeOrName(ctx, parsed.flatMap((r) => (r.unitRef ? [r.unitRef, compact(r.unitRef).toUpperCase()] : [])));
  const unitsByRef = new Map<string, ExistingOrganisation[]>();

  for (const r of parsed) {
    if (phones.has(r.phone)) errors.add(r.row, 'phone', 'ALREADY_EXISTS', `手机号 ${r.phone} 已注册`);
    if (r.idCard && cards.has(digestOf.get(r.idCard)!)) errors.add(r.row, 'idCard', 'ALREADY_EXISTS', '该身份证号已登记');
    const region = regions.get(r.regionCode);
    if (!region) errors.add(r.row, 'regionCode', 'NOT_FOUND', `区划代码 ${r.regionCode} 不存在`);
    else if (!can(ctx.actor, 'user.write', { regionPath: region.path })) errors.add(r.row, 'regionCode', 'OUT_OF_SCOPE', `无权在「${region.name}」登记人员`);
    if (!r.unitRef) continue;
    if (!unitsByRef.has(r.unitRef)) unitsByRef.set(r.unitRef, pickUnit(r.unitRef, orgs));
    const units = unitsByRef.get(r.unitRef)!;
    if (units.length === 1) r.unitId = units[0]!.id;
    else if (units.length > 1) errors.add(r.row, 'unit', 'AMBIGUOUS', `有 ${units.length} 个名为「${r.unitRef}」的单位，请改填统一社会信用代码`);
    else errors.add(r.row, 'unit', 'NOT_FOUND', `未找到工作单位「${r.unitRef}」（请先导入单位）`);
  }
  return { errors: errors.list, records: parsed.map(({ unitRef: _, ...r }) => r) };
}

/**
 * Hashes each distinct initial password once (argon2id costs ~17 ms: per row it would dominate a large import),
 * outside the transaction. People without one get no password and cannot log in until an admin resets it.
 */
export async function preparePeopleImport({ input: records }: { input: PersonRecord[] }): Promise<PersonRecord[]> {
  const distinct = [...new Set(records.flatMap((r) => (r.password ? [r.password] : [])))];
  const hashes = new Map(await Promise.all(distinct.map(async (p) => [p, await hashPassword(p)] as const)));
  return records.map(({ password, ...r }) => ({ ...r, passwordHash: password ? hashes.get(password) : undefined }));
}

/** Registers the people through createUser (scope check, ID-card encryption and audit per person). */
export async function applyPeopleImport({ ctx, input: records }: { ctx: Ctx; input: PersonRecord[] }): Promise<number> {
  const regions = await regionsByCode(ctx, records.map((r) => r.regionCode));
  for (const r of records) {
    const regionId = regions.get(r.regionCode)?.id;
    if (!regionId) throw importInvalid([{ row: r.row, column: null, code: 'NOT_FOUND', message: `区划代码 ${r.regionCode} 已不存在` }]);
    const units = r.unitId ? [{ unitId: r.unitId, position: r.position ?? null }] : [];
    await applyRow(r.row, () =>
      createUser({ ctx, input: { phone: r.phone, name: r.name, passwordHash: r.passwordHash, idCard: r.idCard, regionId, isPartyMember: r.isPartyMember, units } }),
    );
  }
  return records.length;
}
