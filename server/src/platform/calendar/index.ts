/** The working calendar's public surface (docs/decisions/0001-working-calendar.md). */
export { calendars, CalendarService, workingTimeFor } from './calendar-service.js';
export { loadTenantCalendar, type EffectiveDay, type EffectiveYear, type TenantCalendar } from './calendar-store.js';
export { CN_HOLIDAY_NOTICES, type HolidayNotice } from './holidays-cn.js';
export { shanghaiDate, toShanghaiIso, TIME_ZONE } from './shanghai-time.js';
export {
  addWorkingTime,
  basisOf,
  DEFAULT_OFFICE_HOURS,
  elapsedFraction,
  HolidayCalendar,
  isWorkingDay,
  slaLevel,
  workingTime,
  workingTimeBetween,
  type ClockBasis,
  type OfficeHours,
  type WorkingAmount,
  type WorkingTime,
} from './working-time.js';
