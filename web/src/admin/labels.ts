import type { OrgKind, RegionKind } from './api-types.js';
import { translate, type Locale, type MsgKey } from './i18n.js';

/** The text of a computed key, or `fallback` when the map has no such key. */
function known(locale: Locale, key: string, fallback: string): string {
  const text = translate(locale, key as MsgKey);
  return text === key ? fallback : text;
}

/** Role names: the server's Chinese name in zh-CN, our English name in en (the server's when unknown). */
export const roleLabel = (role: string, serverName: string, locale: Locale) => (locale === 'zh-CN' ? serverName : known('en', `role.${role}`, serverName));

export const regionKindLabel = (kind: RegionKind, locale: Locale) => translate(locale, `kind.${kind}`);

export const ORG_KINDS: readonly OrgKind[] = ['party_org', 'unit', 'department'];
export const orgKindLabel = (kind: OrgKind, locale: Locale) => translate(locale, `orgKind.${kind}`);

/** Audit actions (`user.created`) in words; unknown actions show their code. */
export const actionLabel = (action: string, locale: Locale) => known(locale, `action.${action}`, action);
export const targetTypeLabel = (type: string, locale: Locale) => known(locale, `target.${type}`, type);
export const permissionLabel = (permission: string, locale: Locale) => known(locale, `permission.${permission}`, permission);
