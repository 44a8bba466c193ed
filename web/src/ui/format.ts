/** Formatting helpers. Dates are shown in Asia/Shanghai whatever the device's zone (PRODUCT §4). */

export type UiLocale = 'zh-CN' | 'en';
export const TIME_ZONE = 'Asia/Shanghai';

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: UiLocale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = dtfCache.get(key);
  if (!f) dtfCache.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hourCycle: 'h23', ...options })));
  return f;
}

/** Parts of a date in Asia/Shanghai. */
export function shanghaiParts(date: Date) {
  const parts = Object.fromEntries(
    dtf('en', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute) };
}

/** 2026-11-28 14:05 (zh-CN) / Nov 28, 2026, 14:05 (en). */
export function formatDateTime(iso: string | Date, locale: UiLocale): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (locale === 'zh-CN') {
    const p = shanghaiParts(d);
    return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
  }
  return dtf(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** Words for relative times, supplied by the caller's i18n. */
export interface RelativeWords {
  justNow: string;
  minutesAgo: (n: number) => string;
  hoursAgo: (n: number) => string;
  yesterday: (time: string) => string;
}

/** “刚刚”, “5 分钟前”, “3 小时前”, “昨天 09:30”, else the date (and the time only for this year). */
export function formatRelative(iso: string, locale: UiLocale, words: RelativeWords, now: Date = new Date()): string {
  const d = new Date(iso);
  const diff = (now.getTime() - d.getTime()) / 60_000;
  if (diff < 1) return words.justNow;
  if (diff < 60) return words.minutesAgo(Math.floor(diff));
  const a = shanghaiParts(d);
  const b = shanghaiParts(now);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  if (sameDay) return words.hoursAgo(Math.floor(diff / 60));
  const y = shanghaiParts(new Date(now.getTime() - 86_400_000));
  const time = `${pad(a.hour)}:${pad(a.minute)}`;
  if (a.year === y.year && a.month === y.month && a.day === y.day) return words.yesterday(time);
  if (a.year === b.year) {
    return `${dtf(locale, locale === 'zh-CN' ? { month: 'long', day: 'numeric' } : { month: 'short', day: 'numeric' }).format(d)} ${time}`;
  }
  return formatDateTime(d, locale);
}

/** 12,345 (zh-CN and en group the same way). */
export function formatNumber(n: number, locale: UiLocale): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** 0.987 → 98.7% */
export function formatPercent(ratio: number, locale: UiLocale, digits = 1): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

/** 13800000003 → 138 0000 0003: easier to read back one's own number. */
export function formatPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
}

/** 138****1234, for other people's numbers outside one's scope. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/** Hour in Asia/Shanghai → greeting slot. */
export function dayPart(now: Date = new Date()): 'morning' | 'noon' | 'afternoon' | 'evening' {
  const h = shanghaiParts(now).hour;
  if (h >= 5 && h < 11) return 'morning';
  if (h >= 11 && h < 13) return 'noon';
  if (h >= 13 && h < 18) return 'afternoon';
  return 'evening';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date for a header: “11月28日 星期五” / “Fri, Nov 28”. */
export function formatToday(locale: UiLocale, now: Date = new Date()): string {
  if (locale === 'zh-CN') return `${dtf('zh-CN', { month: 'long', day: 'numeric' }).format(now)} ${dtf('zh-CN', { weekday: 'long' }).format(now)}`;
  return dtf('en', { weekday: 'short', month: 'short', day: 'numeric' }).format(now);
}
