/**
 * Public holidays and 调休 make-up workdays, transcribed from the State Council General Office's yearly notice
 * (国务院办公厅关于某年部分节假日安排的通知) and nothing else. A year appears here only once its notice is
 * published; a year that is absent falls back to plain weekends and is reported as missing — never guessed.
 * See docs/decisions/0001-working-calendar.md. To add a year, copy the notice's numbered items verbatim.
 */
export interface NoticeHoliday {
  /** The holiday as the notice names it, e.g. 春节, 国庆节、中秋节. */
  name: string;
  /** First and last day off, inclusive (the notice's "X月X日至X日放假调休"). */
  from: string;
  to: string;
  /** Weekend days the notice turns into workdays (the notice's "X月X日（周X）上班"). */
  workdays: string[];
}

export interface HolidayNotice {
  year: number;
  title: string;
  /** 发文字号 */
  docNo: string;
  /** The date the General Office signed the notice. */
  issued: string;
  holidays: NoticeHoliday[];
}

export const CN_HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2024,
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    docNo: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    holidays: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01', workdays: [] },
      // The notice only *encourages* a day off on 除夕 (2月9日); it is a working day here.
      { name: '春节', from: '2024-02-10', to: '2024-02-17', workdays: ['2024-02-04', '2024-02-18'] },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06', workdays: ['2024-04-07'] },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05', workdays: ['2024-04-28', '2024-05-11'] },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10', workdays: [] },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17', workdays: ['2024-09-14'] },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07', workdays: ['2024-09-29', '2024-10-12'] },
    ],
  },
  {
    // The first year under the 全国年节及纪念日放假办法 as amended in Nov 2024 (春节 and 劳动节 one day longer).
    year: 2025,
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    docNo: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01', workdays: [] },
      { name: '春节', from: '2025-01-28', to: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06', workdays: [] },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', workdays: ['2025-04-27'] },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02', workdays: [] },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    docNo: '国办发明电〔2025〕7号',
    issued: '2025-11-04',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
      { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
      // 9月20日 makes up for the 国庆 break although it precedes 中秋; the notice lists it under 国庆节.
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
];

/** How a notice is cited in the data and the console: title and 发文字号. */
export const noticeCitation = (n: HolidayNotice): string => `${n.title}（${n.docNo}）`;

export interface BuiltinDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** A notice as one row per day off and per make-up workday. */
export function daysOfNotice(notice: HolidayNotice): BuiltinDay[] {
  const days: BuiltinDay[] = [];
  for (const h of notice.holidays) {
    for (let d = new Date(`${h.from}T00:00:00Z`); d.toISOString().slice(0, 10) <= h.to; d = new Date(+d + 86_400_000)) {
      days.push({ day: d.toISOString().slice(0, 10), kind: 'holiday', name: h.name });
    }
    for (const w of h.workdays) days.push({ day: w, kind: 'workday', name: `${h.name}调休上班` });
  }
  return days.sort((a, b) => a.day.localeCompare(b.day));
}

export const builtinNotice = (year: number): HolidayNotice | undefined => CN_HOLIDAY_NOTICES.find((n) => n.year === year);
