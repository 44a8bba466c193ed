import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Errors, Ok } from '../../platform/http/schemas.js';
import {
  CalendarDaysQuery,
  CalendarDayView,
  CalendarYearDays,
  CalendarYearList,
  DayParams,
  DeadlineBody,
  DeadlineView,
  OfficeHoursView,
  SetCalendarDayBody,
  SetCalendarYearBody,
  SetOfficeHoursBody,
  YearParams,
} from './calendar.schemas.js';
import { computeDeadline } from './compute-deadline.js';
import { getOfficeHours } from './get-office-hours.js';
import { listCalendarDays } from './list-calendar-days.js';
import { listCalendarYears } from './list-calendar-years.js';
import { removeCalendarDay } from './remove-calendar-day.js';
import { resetCalendarYear } from './reset-calendar-year.js';
import { setCalendarDay } from './set-calendar-day.js';
import { setCalendarYear } from './set-calendar-year.js';
import { setOfficeHours } from './set-office-hours.js';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/calendar/days', { schema: { tags, summary: '某年放假与调休安排 / holidays and make-up workdays of a year', querystring: CalendarDaysQuery, response: { 200: CalendarYearDays, ...Errors } } }, async (request) =>
    listCalendarDays({ ctx: request.ctx, input: request.query }),
  );

  app.get('/calendar/years', { schema: { tags, summary: '各年份通知录入情况（缺失年份需提示）/ years and their notices', response: { 200: CalendarYearList, ...Errors } } }, async (request) =>
    listCalendarYears({ ctx: request.ctx }),
  );

  app.put('/calendar/years/:year', { schema: { tags, summary: '录入某年国务院放假通知 / enter a year\'s notice', params: YearParams, body: SetCalendarYearBody, response: { 200: CalendarYearDays, ...Errors } } }, async (request) =>
    setCalendarYear({ ctx: request.ctx, input: { ...request.body, year: request.params.year } }),
  );

  app.delete('/calendar/years/:year', { schema: { tags, summary: '撤销某年本地修改，恢复内置数据 / reset a year to the built-in data', params: YearParams, response: { 200: CalendarYearDays, ...Errors } } }, async (request) =>
    resetCalendarYear({ ctx: request.ctx, input: { year: request.params.year } }),
  );

  app.put('/calendar/days/:day', { schema: { tags, summary: '设置放假日或调休上班日 / set a holiday or make-up workday', params: DayParams, body: SetCalendarDayBody, response: { 200: CalendarDayView, ...Errors } } }, async (request) =>
    setCalendarDay({ ctx: request.ctx, input: { ...request.body, day: request.params.day } }),
  );

  app.delete('/calendar/days/:day', { schema: { tags, summary: '删除放假或调休安排 / remove a holiday or make-up workday', params: DayParams, response: { 200: Ok, ...Errors } } }, async (request) => {
    await removeCalendarDay({ ctx: request.ctx, input: { day: request.params.day } });
    return { ok: true as const };
  });

  app.get('/calendar/office-hours', { schema: { tags, summary: '办公时间 / office hours', response: { 200: OfficeHoursView, ...Errors } } }, async (request) =>
    getOfficeHours({ ctx: request.ctx }),
  );

  app.put('/calendar/office-hours', { schema: { tags, summary: '设置办公时间 / set office hours', body: SetOfficeHoursBody, response: { 200: OfficeHoursView, ...Errors } } }, async (request) =>
    setOfficeHours({ ctx: request.ctx, input: request.body }),
  );

  app.post('/calendar/deadline', { schema: { tags, summary: '时限计算器 / deadline calculator', body: DeadlineBody, response: { 200: DeadlineView, ...Errors } } }, async (request) =>
    computeDeadline({ ctx: request.ctx, input: request.body }),
  );
};
