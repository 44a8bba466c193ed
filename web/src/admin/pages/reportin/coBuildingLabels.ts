import { translate, type Locale, type MsgKey } from '../../i18n.js';
import type { AgreementStatus, CoBuildItemStatus, ListKind, Side } from './types.js';

/** Words for co-building codes; an unknown code shows as itself. */
function known(locale: Locale, key: string, fallback: string) {
  const text = translate(locale, key as MsgKey);
  return text === key ? fallback : text;
}

export const agreementStatusLabel = (s: AgreementStatus, locale: Locale) => translate(locale, `cobuild.status.${s}` as MsgKey);
export const listLabel = (l: ListKind, locale: Locale) => translate(locale, `cobuild.list.${l}` as MsgKey);
export const itemStatusLabel = (s: CoBuildItemStatus, locale: Locale) => translate(locale, `cobuild.itemStatus.${s}` as MsgKey);
export const sideLabel = (s: Side, locale: Locale) => translate(locale, `cobuild.side.${s}` as MsgKey);
/** Timeline actions: propose · confirm · decline · end · supersede · item.create · item.claim · item.complete. */
export const eventLabel = (action: string, locale: Locale) => known(locale, `cobuild.event.${action}`, action);
