import { describe, expect, it } from 'vitest';
import { CN_HOLIDAY_NOTICES, daysOfNotice } from './holidays-cn.js';
import { parseDayKey, weekdayOf } from './shanghai-time.js';

const weekday = (day: string) => '日一二三四五六'[weekdayOf(parseDayKey(day)!)];
const daysOf = (year: number) => daysOfNotice(CN_HOLIDAY_NOTICES.find((n) => n.year === year)!);
const list = (year: number, kind: 'holiday' | 'workday') => daysOf(year).filter((d) => d.kind === kind).map((d) => d.day);

describe('built-in State Council notices', () => {
  it('holds 2024, 2025 and 2026 — and nothing later (2027 is not published in our data)', () => {
    expect(CN_HOLIDAY_NOTICES.map((n) => n.year)).toEqual([2024, 2025, 2026]);
    expect(CN_HOLIDAY_NOTICES.map((n) => n.docNo)).toEqual(['国办发明电〔2023〕7号', '国办发明电〔2024〕12号', '国办发明电〔2025〕7号']);
  });

  it('every make-up workday is a weekend day, every day is in its year, no day twice', () => {
    for (const notice of CN_HOLIDAY_NOTICES) {
      const days = daysOfNotice(notice);
      expect(new Set(days.map((d) => d.day)).size).toBe(days.length);
      for (const d of days) {
        expect(parseDayKey(d.day), d.day).toBeDefined();
        expect(d.day.startsWith(String(notice.year)), d.day).toBe(true);
        if (d.kind === 'workday') expect(['六', '日'], `${d.day} ${d.name}`).toContain(weekday(d.day));
      }
    }
  });

  it('2024 (国办发明电〔2023〕7号): day by day', () => {
    expect(list(2024, 'holiday')).toEqual([
      '2024-01-01',
      ...['10', '11', '12', '13', '14', '15', '16', '17'].map((d) => `2024-02-${d}`),
      '2024-04-04', '2024-04-05', '2024-04-06',
      '2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05',
      '2024-06-10',
      '2024-09-15', '2024-09-16', '2024-09-17',
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2024-10-${d}`),
    ]);
    expect(list(2024, 'workday')).toEqual(['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']);
    // the weekdays the notice states: 2月4日（星期日）2月18日（星期日）4月7日（星期日）4月28日（星期日）5月11日（星期六）9月14日（星期六）9月29日（星期日）10月12日（星期六）
    expect(list(2024, 'workday').map(weekday).join('')).toBe('日日日日六六日六');
    expect(list(2024, 'holiday')).not.toContain('2024-02-09'); // 除夕 only "encouraged" off in 2024
  });

  it('2025 (国办发明电〔2024〕12号): day by day, with the weekdays the notice states', () => {
    expect(list(2025, 'holiday')).toEqual([
      '2025-01-01',
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
      '2025-04-04', '2025-04-05', '2025-04-06',
      '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
      '2025-05-31', '2025-06-01', '2025-06-02',
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2025-10-${d}`),
    ]);
    expect(list(2025, 'workday')).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(list(2025, 'workday').map(weekday).join('')).toBe('日六日日六');
    // 1月1日（周三）1月28日（周二）2月4日（周二）4月4日（周五）5月1日（周四）5月5日（周一）5月31日（周六）10月1日（周三）10月8日（周三）
    expect(['2025-01-01', '2025-01-28', '2025-02-04', '2025-04-04', '2025-05-01', '2025-05-05', '2025-05-31', '2025-10-01', '2025-10-08'].map(weekday).join('')).toBe('三二二五四一六三三');
  });

  it('2026 (国办发明电〔2025〕7号): day by day, with the weekdays the notice states', () => {
    expect(list(2026, 'holiday')).toEqual([
      '2026-01-01', '2026-01-02', '2026-01-03',
      ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d}`),
      '2026-04-04', '2026-04-05', '2026-04-06',
      '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
      '2026-06-19', '2026-06-20', '2026-06-21',
      '2026-09-25', '2026-09-26', '2026-09-27',
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d}`),
    ]);
    expect(list(2026, 'workday')).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(list(2026, 'workday').map(weekday).join('')).toBe('日六六六日六');
    // 1月1日（周四）2月15日（周日）2月23日（周一）4月4日（周六）5月1日（周五）5月5日（周二）6月19日（周五）9月25日（周五）10月1日（周四）10月7日（周三）
    expect(['2026-01-01', '2026-02-15', '2026-02-23', '2026-04-04', '2026-05-01', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-07'].map(weekday).join('')).toBe('四日一六五二五五四三');
  });

  it('totals match the notices (共N天)', () => {
    expect([2024, 2025, 2026].map((y) => [list(y, 'holiday').length, list(y, 'workday').length])).toEqual([
      [28, 8],
      [28, 5],
      [33, 6],
    ]);
  });
});
