import { translate, type Locale, type MsgKey } from '../../i18n.js';
import type { Category, CheckState, ClaimStatus, Eligibility, RecordSource, RecordStatus, ServiceItemStatus } from './types.js';

export const itemStatusLabel = (s: ServiceItemStatus, locale: Locale) => translate(locale, `vol.status.${s}` as MsgKey);
export const categoryLabel = (c: Category, locale: Locale) => {
  const text = translate(locale, `vol.cat.${c}` as MsgKey);
  return text.startsWith('vol.cat.') ? c : text;
};
export const recordStatusLabel = (s: RecordStatus, locale: Locale) => translate(locale, `vol.record.${s}` as MsgKey);
export const sourceLabel = (s: RecordSource, locale: Locale) => translate(locale, `vol.source.${s}` as MsgKey);
export const claimStatusLabel = (s: ClaimStatus, locale: Locale) => translate(locale, `vol.claim.${s}` as MsgKey);
export const checkStateLabel = (s: CheckState, locale: Locale) => translate(locale, `vol.check.${s}` as MsgKey);
export const eligibilityLabel = (e: Eligibility, locale: Locale) =>
  translate(locale, `vol.elig.${e.kind}` as MsgKey) + (e.kind === 'skills' && e.skills?.length ? `：${e.skills.join('、')}` : e.kind === 'units' && e.unitIds?.length ? ` · ${e.unitIds.length}` : '');
