import type { OrgKind } from '../../db/schema.js';
import { REGION_KINDS } from '../regions/regions.schemas.js';

/** Field formats shared by the importers: each returns the normalised value, or undefined when invalid. */

export type RegionKind = (typeof REGION_KINDS)[number];

/** Codes, phones and ID numbers typed with full-width digits or stray spaces are read as meant. */
export const compact = (value: string) => value.normalize('NFKC').replace(/\s+/g, '');

export const MOBILE = /^1[3-9]\d{9}$/;
/** As organisations.schemas.ts accepts: mobile or landline with area code, extension. */
export const CONTACT_PHONE = /^[0-9+() -]{5,20}$/;
export const LOCAL_CODE = /^[0-9A-Za-z-]{2,32}$/;

/** A region code: the 12-digit statistical division code, or a local code with at least one letter (WG-001). */
export function regionCode(raw: string): string | undefined {
  const code = compact(raw);
  if (/^\d{12}$/.test(code)) return code;
  return LOCAL_CODE.test(code) && /[A-Za-z]/.test(code) ? code : undefined;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a MOD 31 check character. */
export function isValidCreditCode(code: string): boolean {
  if (!USCC_SHAPE.test(code)) return false;
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(code[i]!), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

const REGION_KIND_WORDS: Record<string, RegionKind> = {
  州: 'prefecture', '州/市': 'prefecture', 地级市: 'prefecture', 地区: 'prefecture', 盟: 'prefecture',
  市: 'city', 县: 'city', 区: 'city', '市/县': 'city', 县级市: 'city', 市辖区: 'city', 旗: 'city',
  街道: 'subdistrict', 镇: 'subdistrict', 乡: 'subdistrict', '街道/镇': 'subdistrict', 苏木: 'subdistrict',
  社区: 'community', 村: 'community', 行政村: 'community', 居委会: 'community', 村委会: 'community',
  网格: 'grid', 小区: 'compound', 院落: 'compound', 楼栋: 'building', 楼: 'building', 栋: 'building',
};

export function regionKind(raw: string): RegionKind | undefined {
  const word = compact(raw).toLowerCase();
  return (REGION_KINDS as readonly string[]).includes(word) ? (word as RegionKind) : REGION_KIND_WORDS[word];
}

const ORG_KIND_WORDS: Record<string, OrgKind> = {
  党组织: 'party_org', party_org: 'party_org', partyorg: 'party_org',
  单位: 'unit', unit: 'unit',
  部门: 'department', 职能部门: 'department', department: 'department',
};

export const orgKind = (raw: string): OrgKind | undefined => ORG_KIND_WORDS[compact(raw).toLowerCase()];

const YES = new Set(['是', 'y', 'yes', 'true', '1', '党员', '中共党员', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '非党员', '群众', '×']);

export function yesNo(raw: string): boolean | undefined {
  const word = compact(raw).toLowerCase();
  return YES.has(word) ? true : NO.has(word) ? false : undefined;
}

/** A decimal number within [min, max]. */
export function decimal(raw: string, min: number, max: number): number | undefined {
  const text = compact(raw);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}
