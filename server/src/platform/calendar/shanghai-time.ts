/**
 * Calendar arithmetic in Asia/Shanghai without the process time zone. China has kept UTC+8 with no daylight
 * saving since 1991, so a fixed offset is exact for every date the platform handles, and far faster than a
 * zone database. A "day number" counts Shanghai calendar days since 1970-01-01.
 */
export const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const TIME_ZONE = 'Asia/Shanghai';

/** The Shanghai calendar day an instant falls on. */
export const dayNumberOf = (t: Date | number): number => Math.floor((+t + SHANGHAI_OFFSET_MS) / DAY_MS);

/** The instant (epoch ms) of 00:00 Shanghai time on a day. */
export const dayStartMs = (dayNo: number): number => dayNo * DAY_MS - SHANGHAI_OFFSET_MS;

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (dayNo: number): number => (((dayNo + 4) % 7) + 7) % 7;

export const isWeekend = (dayNo: number): boolean => {
  const wd = weekdayOf(dayNo);
  return wd === 0 || wd === 6;
};

/** 'YYYY-MM-DD' of a day number. */
export const dayKeyOf = (dayNo: number): string => new Date(dayNo * DAY_MS).toISOString().slice(0, 10);

export const yearOfDay = (dayNo: number): number => new Date(dayNo * DAY_MS).getUTCFullYear();

/** The day number of a real 'YYYY-MM-DD' date, or undefined (2024-02-30 is not a date). */
export function parseDayKey(key: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== key) return undefined;
  return ms / DAY_MS;
}

/** The Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export const shanghaiDate = (t: Date | number): string => dayKeyOf(dayNumberOf(t));

/** ISO-8601 with the +08:00 offset, e.g. 2024-10-12T18:00:00+08:00 (milliseconds only when present). */
export function toShanghaiIso(t: Date | number): string {
  const local = new Date(+t + SHANGHAI_OFFSET_MS).toISOString(); // 2024-10-12T18:00:00.000Z in wall-clock terms
  const body = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  return `${body}+08:00`;
}

/** Minutes after midnight of 'HH:MM' (00:00–24:00), or undefined. */
export function parseClock(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}
