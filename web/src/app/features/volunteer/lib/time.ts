import type { Locale, Translate } from '../../../../i18n/index.js';
import { shanghaiParts, TIME_ZONE } from '../../../../ui/format.js';

/*
 * Times of services, always in Asia/Shanghai (PRODUCT §4) whatever the device's zone.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => {
  const p = shanghaiParts(d);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};
const sameDay = (a: Date, b: Date) => {
  const x = shanghaiParts(a);
  const y = shanghaiParts(b);
  return x.year === y.year && x.month === y.month && x.day === y.day;
};

const weekday = (d: Date, locale: Locale) => new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'short' }).format(d);

/** 11月28日 周五 · Fri, Nov 28 — with 今天/明天 for the next two days. */
export function formatDay(iso: string | Date, locale: Locale, t: Translate, now = new Date()): string {
  const d = new Date(iso);
  if (sameDay(d, now)) return t('vol.time.today');
  if (sameDay(d, new Date(now.getTime() + 86_400_000))) return t('vol.time.tomorrow');
  const p = shanghaiParts(d);
  const year = p.year !== shanghaiParts(now).year;
  if (locale === 'zh-CN') return `${year ? `${p.year}年` : ''}${p.month}月${p.day}日 ${weekday(d, locale)}`;
  return new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, weekday: 'short', month: 'short', day: 'numeric', ...(year ? { year: 'numeric' } : {}) }).format(d);
}

/** 今天 14:00–16:00 · 11月28日 周五 14:00 – 11月29日 周六 10:00 */
export function formatWindow(startsAt: string, endsAt: string, locale: Locale, t: Translate, now = new Date()): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  if (sameDay(s, e)) return `${formatDay(s, locale, t, now)} ${clock(s)}–${clock(e)}`;
  return `${formatDay(s, locale, t, now)} ${clock(s)} – ${formatDay(e, locale, t, now)} ${clock(e)}`;
}

/** HH:mm in Shanghai. */
export const formatClock = (iso: string | Date) => clock(new Date(iso));

/** 1.5 小时 · 45 分钟 (credited service time). */
export function formatMinutes(t: Translate, minutes: number): string {
  if (minutes > 0 && minutes < 60) return t('vol.minutes', { n: minutes });
  return t('vol.hours', { n: formatHoursNumber(minutes) });
}

/** 90 → "1.5", 60 → "1", 0 → "0" */
export const formatHoursNumber = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

/** True when the instant falls on today's date in Shanghai. */
export const isToday = (iso: string, now = new Date()) => sameDay(new Date(iso), now);

/** For `<input type="datetime-local">`: the Shanghai wall-clock value of an instant, and back. */
export function toLocalInput(d: Date): string {
  const p = shanghaiParts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
export function fromLocalInput(v: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return null;
  return new Date(`${v}:00+08:00`);
}
