import { Type, type Static } from 'typebox';
import { DateOnly, DateTime, Nullable, Strict } from '../../platform/http/schemas.js';

const Year = Type.Integer({ minimum: 1990, maximum: 2100 });
const Day = DateOnly;
const DayKind = Type.Union([Type.Literal('holiday'), Type.Literal('workday')], { description: 'holiday 放假；workday 调休上班（周末上班）' });
const DayName = Type.String({ minLength: 1, maxLength: 50, pattern: '\\S', description: '如 春节、国庆节调休上班' });
const Notice = Type.String({ minLength: 4, maxLength: 200, pattern: '\\S', description: '国务院办公厅通知的标题与发文字号，如 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号）' });
const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$', description: 'HH:MM，北京时间' });

export const CalendarDayView = Type.Object({
  day: Day(),
  kind: DayKind,
  name: Type.String(),
  source: Type.Union([Type.Literal('notice'), Type.Literal('manual')], { description: 'notice 来自国务院通知；manual 管理员录入或修改' }),
});

const YearFields = {
  year: Year,
  notice: Nullable(Type.String({ description: '所依据的国务院办公厅通知；null 表示尚未录入' })),
  hasNotice: Type.Boolean({ description: 'false 时该年按普通周末计算，管理端应提示录入' }),
  source: Type.Union([Type.Literal('builtin'), Type.Literal('tenant'), Type.Literal('none')], {
    description: 'builtin 内置数据；tenant 本地已修改或录入；none 无数据（按普通周末）',
  }),
};

export const CalendarYearDays = Type.Object({ ...YearFields, items: Type.Array(CalendarDayView) });
export type CalendarYearDays = Static<typeof CalendarYearDays>;

export const CalendarYearView = Type.Object({
  ...YearFields,
  holidays: Type.Integer({ description: '放假天数（含周末）' }),
  workdays: Type.Integer({ description: '调休上班天数' }),
  updatedAt: Nullable(DateTime()),
});
export const CalendarYearList = Type.Object({
  items: Type.Array(CalendarYearView),
  missingYears: Type.Array(Year, { description: '缺少国务院通知的年份（含当年与下一年）' }),
});

export const CalendarDaysQuery = Strict({ year: Year });
export const DayParams = Strict({ day: Day() });
export const YearParams = Strict({ year: Year });

export const SetCalendarDayBody = Strict({ kind: DayKind, name: DayName });
export type SetCalendarDayInput = Static<typeof SetCalendarDayBody>;

export const SetCalendarYearBody = Strict({
  notice: Notice,
  days: Type.Optional(
    Type.Array(Strict({ day: Day(), kind: DayKind, name: DayName }), { maxItems: 120, description: '给出时整体替换该年的放假与调休日' }),
  ),
});
export type SetCalendarYearInput = Static<typeof SetCalendarYearBody>;

export const OfficePeriod = Strict({ start: Clock, end: Clock });
export const SetOfficeHoursBody = Strict({ periods: Type.Array(OfficePeriod, { minItems: 1, maxItems: 6 }) });
export type SetOfficeHoursInput = Static<typeof SetOfficeHoursBody>;
export const OfficeHoursView = Type.Object({
  periods: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
  timeZone: Type.Literal('Asia/Shanghai'),
  dailyMinutes: Type.Integer(),
  isDefault: Type.Boolean(),
  updatedAt: Nullable(DateTime()),
});

export const DeadlineBody = Strict({
  start: DateTime(),
  minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 5_256_000, description: '自然分钟（不计节假日）' })),
  workingHours: Type.Optional(Type.Number({ minimum: 0, maximum: 20_000, description: '工作时（仅计工作日办公时间）' })),
  workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000, description: '工作日：开始当日不计，第 N 个工作日下班时截止' })),
});
export type DeadlineInput = Static<typeof DeadlineBody>;
export const DeadlineView = Type.Object({
  start: DateTime(),
  deadline: DateTime(),
  basis: Type.Union([Type.Literal('natural'), Type.Literal('working')]),
  workingMinutes: Type.Number({ description: '开始至截止之间的办公分钟数' }),
  yearsWithoutNotice: Type.Array(Year, { description: '期间内缺少国务院通知、按普通周末计算的年份' }),
});
