import { useCallback, useSyncExternalStore } from 'react';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** Chinese ships in the first chunk; other languages load on demand. */
const dictionaries: Partial<Record<Locale, Record<MessageKey, string>>> = { 'zh-CN': zhCN };
const loaders: Record<Locale, () => Promise<Record<MessageKey, string>>> = {
  'zh-CN': async () => zhCN,
  en: () => import('./en.js').then((m) => m.en),
};
const STORAGE_KEY = 'linli.locale';
export type Params = Record<string, string | number>;

const isLocale = (v: unknown): v is Locale => v === 'zh-CN' || v === 'en';

/** The language last chosen on this device (Chinese when none). */
export function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : 'zh-CN'; // Chinese first
  } catch {
    return 'zh-CN';
  }
}

let current: Locale = 'zh-CN';
/** The language asked for last: when two switches race (device choice vs account setting), the later one wins. */
let requested: Locale = current;
const listeners = new Set<() => void>();

export const getLocale = (): Locale => current;

/** Switches the UI language once its strings are loaded, and remembers it on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  requested = locale;
  dictionaries[locale] ??= await loaders[locale]();
  if (locale !== requested || locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this visit */
  }
  for (const l of listeners) l();
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in `locale`, with `{placeholders}` filled from `params`. */
export function translate(key: MessageKey, params?: Params, locale: Locale = current): string {
  const text = dictionaries[locale]?.[key] ?? zhCN[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}

/** `const t = useT(); t('home.todoTitle')` — re-renders the component when the language changes. */
export function useT(): Translate {
  const locale = useLocale();
  return useCallback((key, params) => translate(key, params, locale), [locale]);
}
