import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingTimeFor } from '../../platform/calendar/calendar-service.js';
import { loadTenantCalendar } from '../../platform/calendar/calendar-store.js';
import { createRootRegion } from '../regions/create-region.js';
import { createTenant } from '../tenants/create-tenant.js';
import { listCalendarYears } from './list-calendar-years.js';
import { buildCommunity, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';

type User = Awaited<ReturnType<typeof buildUser>>;
let env: TestEnv;
let admin: User;
let secretary: User;
let resident: User;
let cityAdmin: User;

// "Now" is late November 2026: this year has its notice, next year (2027) does not.
beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date('2026-11-28T10:00:00+08:00') });
  const { community, city } = await buildCommunity(env);
  admin = await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] });
  secretary = await buildUser(env, { name: '社区书记', regionId: community.id, grants: [{ role: 'community_secretary', regionId: community.id }] });
  resident = await buildUser(env, { name: '居民', regionId: community.id });
  cityAdmin = await buildUser(env, { name: '市管理员', grants: [{ role: 'admin', regionId: city!.id }] });
});
afterAll(() => env.close());

const anonymous = (method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, payload?: object) => env.app.inject({ method, url, ...(payload ? { payload } : {}) });
const deadline = async (user: User, payload: object) => {
  const res = await user.request({ method: 'POST', url: '/api/v1/calendar/deadline', payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { deadline: string; start: string; basis: string; workingMinutes: number; yearsWithoutNotice: number[] };
};
const auditOf = (action: string) => env.db.selectFrom('auditLog').selectAll().where('tenantId', '=', env.tenantId).where('action', '=', action).execute();

describe('GET /calendar/days', () => {
  it('401 without a session', async () => {
    expect(errorCode(await anonymous('GET', '/api/v1/calendar/days?year=2024'))).toBe('UNAUTHENTICATED');
  });

  it('400 on a missing or bad year, or an unknown parameter', async () => {
    for (const url of ['/api/v1/calendar/days', '/api/v1/calendar/days?year=abc', '/api/v1/calendar/days?year=1800', '/api/v1/calendar/days?year=2024&month=1']) {
      const res = await resident.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });

  it('any signed-in user reads the built-in notice; a year without one is empty and flagged', async () => {
    const res = await resident.request({ method: 'GET', url: '/api/v1/calendar/days?year=2025' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2025, hasNotice: true, source: 'builtin', notice: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）' });
    expect(body.items).toHaveLength(33);
    expect(body.items[0]).toEqual({ day: '2025-01-01', kind: 'holiday', name: '元旦', source: 'notice' });
    expect(body.items).toContainEqual({ day: '2025-01-26', kind: 'workday', name: '春节调休上班', source: 'notice' });
    const missing = await resident.request({ method: 'GET', url: '/api/v1/calendar/days?year=2027' });
    expect(missing.json()).toEqual({ year: 2027, notice: null, hasNotice: false, source: 'none', items: [] });
  });
});

describe('GET /calendar/years', () => {
  it('401 without a session', async () => {
    expect((await anonymous('GET', '/api/v1/calendar/years')).statusCode).toBe(401);
  });

  it('lists the built-in years and flags next year (2027) as missing its notice', async () => {
    const res = await secretary.request({ method: 'GET', url: '/api/v1/calendar/years' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((y: { year: number }) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    expect(body.missingYears).toEqual([2027]);
    expect(body.items[0]).toEqual({ year: 2024, notice: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）', hasNotice: true, source: 'builtin', holidays: 28, workdays: 8, updatedAt: null });
    expect(body.items[3]).toEqual({ year: 2027, notice: null, hasNotice: false, source: 'none', holidays: 0, workdays: 0, updatedAt: null });
  });
});

describe('listCalendarYears', () => {
  const at = (iso: string) => listCalendarYears({ ctx: { ...env.sys, now: () => new Date(iso) } });

  it('expects next year\'s notice from October (Shanghai time), and flags every year up to now that lacks one', async () => {
    expect((await at('2026-09-30T23:59:00+08:00')).missingYears).toEqual([]);
    expect((await at('2026-09-30T16:00:00Z')).missingYears).toEqual([2027]); // already 1 October in Shanghai
    const later = await at('2028-03-01T10:00:00+08:00');
    expect(later.items.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(later.missingYears).toEqual([2027, 2028]);
  });
});

describe('PUT /calendar/days/:day and DELETE /calendar/days/:day', () => {
  it('401 without a session', async () => {
    expect((await anonymous('PUT', '/api/v1/calendar/days/2024-10-08', { kind: 'holiday', name: '国庆节' })).statusCode).toBe(401);
    expect((await anonymous('DELETE', '/api/v1/calendar/days/2024-10-12')).statusCode).toBe(401);
  });

  it('400 on a bad date, a bad body, or a make-up workday on a weekday', async () => {
    const bad: Array<[string, object]> = [
      ['2024-02-30', { kind: 'holiday', name: '节日' }],
      ['2024-13-01', { kind: 'holiday', name: '节日' }],
      ['20241008', { kind: 'holiday', name: '节日' }],
      ['2024-10-08', { kind: 'vacation', name: '节日' }],
      ['2024-10-08', { kind: 'holiday', name: '' }],
      ['2024-10-08', { kind: 'holiday', name: '   ' }],
      ['2024-10-08', { kind: 'holiday', name: '节日', source: 'notice' }],
      ['2024-10-08', { kind: 'holiday' }],
      ['2024-03-12', { kind: 'workday', name: '调休上班' }], // a Tuesday
    ];
    for (const [day, payload] of bad) {
      const res = await admin.request({ method: 'PUT', url: `/api/v1/calendar/days/${day}`, payload });
      expect(res.statusCode, `${day} ${JSON.stringify(payload)}`).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
    expect((await admin.request({ method: 'DELETE', url: '/api/v1/calendar/days/2024-02-30' })).statusCode).toBe(400);
    expect((await loadTenantCalendar(env.db, env.tenantId)).years.get(2024)!.source).toBe('builtin'); // nothing changed
  });

  it('403 for a community secretary, a resident, and an admin of only part of the tenant', async () => {
    for (const user of [secretary, resident, cityAdmin]) {
      const put = await user.request({ method: 'PUT', url: '/api/v1/calendar/days/2024-10-08', payload: { kind: 'holiday', name: '国庆节' } });
      expect(put.statusCode, user.name).toBe(403);
      expect(errorCode(put)).toBe('FORBIDDEN');
      expect((await user.request({ method: 'DELETE', url: '/api/v1/calendar/days/2024-10-12' })).statusCode, user.name).toBe(403);
    }
  });

  it('an edit changes a computed deadline at once (the cached calendar is invalidated), and is audited', async () => {
    const sevenDays = { start: '2024-09-27T10:00:00+08:00', workingDays: 7 };
    expect((await deadline(resident, sevenDays)).deadline).toBe('2024-10-12T18:00:00+08:00');

    const put = await admin.request({ method: 'PUT', url: '/api/v1/calendar/days/2024-10-08', payload: { kind: 'holiday', name: '国庆节（本地延长）' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ day: '2024-10-08', kind: 'holiday', name: '国庆节（本地延长）', source: 'manual' });
    // 10/8 is off now: 9/29 9/30 10/9 10/10 10/11 10/12 10/14
    expect((await deadline(resident, sevenDays)).deadline).toBe('2024-10-14T18:00:00+08:00');

    // the tenant now owns 2024: the notice's days were copied, the edit is marked manual
    const year = (await resident.request({ method: 'GET', url: '/api/v1/calendar/days?year=2024' })).json();
    expect(year).toMatchObject({ source: 'tenant', hasNotice: true, notice: expect.stringContaining('国办发明电〔2023〕7号') });
    expect(year.items).toHaveLength(37);
    expect(year.items.filter((d: { source: string }) => d.source === 'manual')).toEqual([{ day: '2024-10-08', kind: 'holiday', name: '国庆节（本地延长）', source: 'manual' }]);

    const [entry] = await auditOf('calendar.day_set');
    expect(entry).toMatchObject({ actorId: admin.id, targetType: 'calendar_day', targetId: '2024-10-08', regionId: env.rootId, before: null });
    expect(entry!.after).toMatchObject({ day: '2024-10-08', kind: 'holiday', source: 'manual' });

    // changing an existing day keeps one row and records the before
    const rename = await admin.request({ method: 'PUT', url: '/api/v1/calendar/days/2024-10-08', payload: { kind: 'holiday', name: '国庆节延长' } });
    expect(rename.json().name).toBe('国庆节延长');
    expect((await auditOf('calendar.day_set'))[1]!.before).toMatchObject({ name: '国庆节（本地延长）' });

    // removing the make-up Saturday 10/12 moves the deadline again: … 10/11 10/14 10/15
    const del = await admin.request({ method: 'DELETE', url: '/api/v1/calendar/days/2024-10-12' });
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toEqual({ ok: true });
    expect((await deadline(resident, sevenDays)).deadline).toBe('2024-10-15T18:00:00+08:00');
    expect(await auditOf('calendar.day_removed')).toEqual([expect.objectContaining({ targetId: '2024-10-12', before: expect.objectContaining({ kind: 'workday' }) })]);
  });

  it('DELETE of a day that is neither a holiday nor a make-up workday is 404 and changes nothing', async () => {
    const res = await admin.request({ method: 'DELETE', url: '/api/v1/calendar/days/2025-03-12' });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect((await loadTenantCalendar(env.db, env.tenantId)).years.get(2025)!.source).toBe('builtin');
  });

  it('a make-up workday on a weekend of a built-in year', async () => {
    const before = await deadline(resident, { start: '2025-03-14T10:00:00+08:00', workingDays: 1 });
    expect(before.deadline).toBe('2025-03-17T18:00:00+08:00');
    const res = await admin.request({ method: 'PUT', url: '/api/v1/calendar/days/2025-03-15', payload: { kind: 'workday', name: '防汛演练补班' } });
    expect(res.statusCode).toBe(200);
    expect((await deadline(resident, { start: '2025-03-14T10:00:00+08:00', workingDays: 1 })).deadline).toBe('2025-03-15T18:00:00+08:00');
  });
});

describe('PUT /calendar/years/:year and DELETE /calendar/years/:year', () => {
  const notice2027 = '国务院办公厅关于2027年部分节假日安排的通知（测试录入）';

  it('401, 400 and 403', async () => {
    expect((await anonymous('PUT', '/api/v1/calendar/years/2027', { notice: notice2027 })).statusCode).toBe(401);
    expect((await anonymous('DELETE', '/api/v1/calendar/years/2024')).statusCode).toBe(401);
    const bad: Array<[string, object]> = [
      ['1800', { notice: notice2027 }],
      ['2027', {}],
      ['2027', { notice: notice2027, extra: true }],
      ['2027', { notice: notice2027, days: [{ day: '2026-12-31', kind: 'holiday', name: '元旦' }] }],
      ['2027', { notice: notice2027, days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }, { day: '2027-01-01', kind: 'holiday', name: '元旦' }] }],
      ['2027', { notice: notice2027, days: [{ day: '2027-01-04', kind: 'workday', name: '上班' }] }], // a Monday
    ];
    for (const [year, payload] of bad) {
      const res = await admin.request({ method: 'PUT', url: `/api/v1/calendar/years/${year}`, payload });
      expect(res.statusCode, `${year} ${JSON.stringify(payload)}`).toBe(400);
    }
    for (const user of [secretary, cityAdmin]) {
      expect((await user.request({ method: 'PUT', url: '/api/v1/calendar/years/2027', payload: { notice: notice2027 } })).statusCode).toBe(403);
      expect((await user.request({ method: 'DELETE', url: '/api/v1/calendar/years/2024' })).statusCode).toBe(403);
    }
  });

  it('entering 2027\'s notice clears the warning and changes deadlines across 元旦 2027', async () => {
    const across = { start: '2026-12-31T10:00:00+08:00', workingDays: 1 };
    const before = await deadline(resident, across);
    expect(before).toMatchObject({ deadline: '2027-01-01T18:00:00+08:00', yearsWithoutNotice: [2027] });

    const res = await admin.request({
      method: 'PUT',
      url: '/api/v1/calendar/years/2027',
      payload: { notice: notice2027, days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }, { day: '2027-01-02', kind: 'holiday', name: '元旦' }, { day: '2027-01-03', kind: 'holiday', name: '元旦' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, notice: notice2027, hasNotice: true, source: 'tenant' });
    expect(res.json().items.map((d: { source: string }) => d.source)).toEqual(['manual', 'manual', 'manual']);

    expect(await deadline(resident, across)).toMatchObject({ deadline: '2027-01-04T18:00:00+08:00', yearsWithoutNotice: [] });
    const years = (await resident.request({ method: 'GET', url: '/api/v1/calendar/years' })).json();
    expect(years.missingYears).toEqual([]);
    expect(years.items.find((y: { year: number }) => y.year === 2027)).toMatchObject({ hasNotice: true, holidays: 3, source: 'tenant' });
    expect(await auditOf('calendar.year_set')).toHaveLength(1);
  });

  it('a notice without days keeps a built-in year\'s days', async () => {
    const res = await admin.request({ method: 'PUT', url: '/api/v1/calendar/years/2026', payload: { notice: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）（已核对）' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(39);
    expect(res.json().source).toBe('tenant');
  });

  it('reset returns a year to the built-in data, or to missing; 404 when there is nothing to reset', async () => {
    const res = await admin.request({ method: 'DELETE', url: '/api/v1/calendar/years/2024' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2024, source: 'builtin', hasNotice: true });
    expect(res.json().items).toHaveLength(36);
    expect((await deadline(resident, { start: '2024-09-27T10:00:00+08:00', workingDays: 7 })).deadline).toBe('2024-10-12T18:00:00+08:00');

    const reset2027 = await admin.request({ method: 'DELETE', url: '/api/v1/calendar/years/2027' });
    expect(reset2027.json()).toEqual({ year: 2027, notice: null, hasNotice: false, source: 'none', items: [] });
    expect((await resident.request({ method: 'GET', url: '/api/v1/calendar/years' })).json().missingYears).toEqual([2027]);

    expect((await admin.request({ method: 'DELETE', url: '/api/v1/calendar/years/2024' })).statusCode).toBe(404);
    expect(await auditOf('calendar.year_reset')).toHaveLength(2);
  });
});

describe('GET and PUT /calendar/office-hours', () => {
  it('401 without a session', async () => {
    expect((await anonymous('GET', '/api/v1/calendar/office-hours')).statusCode).toBe(401);
    expect((await anonymous('PUT', '/api/v1/calendar/office-hours', { periods: [{ start: '09:00', end: '17:00' }] })).statusCode).toBe(401);
  });

  it('the default until set', async () => {
    const res = await resident.request({ method: 'GET', url: '/api/v1/calendar/office-hours' });
    expect(res.json()).toEqual({ periods: [{ start: '08:30', end: '12:00' }, { start: '14:30', end: '18:00' }], timeZone: 'Asia/Shanghai', dailyMinutes: 420, isDefault: true, updatedAt: null });
  });

  it('400 on bad periods, 403 for non-admins', async () => {
    const bad = [
      { periods: [] },
      { periods: [{ start: '8:30', end: '12:00' }] },
      { periods: [{ start: '12:00', end: '08:30' }] },
      { periods: [{ start: '08:30', end: '12:00' }, { start: '11:30', end: '18:00' }] },
      { periods: [{ start: '08:30', end: '12:00', label: '上午' }] },
      { periods: [{ start: '08:30', end: '25:00' }] },
    ];
    for (const payload of bad) {
      const res = await admin.request({ method: 'PUT', url: '/api/v1/calendar/office-hours', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
    for (const user of [secretary, resident, cityAdmin]) {
      expect((await user.request({ method: 'PUT', url: '/api/v1/calendar/office-hours', payload: { periods: [{ start: '09:00', end: '17:00' }] } })).statusCode).toBe(403);
    }
  });

  it('an admin sets them; deadlines follow; audited', async () => {
    const payload = { start: '2025-03-11T16:00:00+08:00', workingHours: 2 };
    expect((await deadline(resident, payload)).deadline).toBe('2025-03-11T18:00:00+08:00');
    const res = await admin.request({ method: 'PUT', url: '/api/v1/calendar/office-hours', payload: { periods: [{ start: '09:00', end: '17:00' }] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ periods: [{ start: '09:00', end: '17:00' }], dailyMinutes: 480, isDefault: false, updatedAt: expect.any(String) });
    expect((await resident.request({ method: 'GET', url: '/api/v1/calendar/office-hours' })).json().isDefault).toBe(false);
    expect((await deadline(resident, payload)).deadline).toBe('2025-03-12T10:00:00+08:00');
    expect((await deadline(resident, { start: '2025-03-11T16:00:00+08:00', workingDays: 1 })).deadline).toBe('2025-03-12T17:00:00+08:00');
    const [entry] = await auditOf('calendar.office_hours_set');
    expect(entry).toMatchObject({ actorId: admin.id, before: expect.objectContaining({ isDefault: true }), after: expect.objectContaining({ dailyMinutes: 480 }) });
    // back to the default for the tests that follow
    await admin.request({ method: 'PUT', url: '/api/v1/calendar/office-hours', payload: { periods: [{ start: '08:30', end: '12:00' }, { start: '14:30', end: '18:00' }] } });
  });
});

describe('POST /calendar/deadline', () => {
  it('401 without a session', async () => {
    expect((await anonymous('POST', '/api/v1/calendar/deadline', { start: '2024-09-27T10:00:00+08:00', workingDays: 7 })).statusCode).toBe(401);
  });

  it('400 unless exactly one amount and a start with an offset are given', async () => {
    const bad = [
      { start: '2024-09-27T10:00:00+08:00' },
      { start: '2024-09-27T10:00:00+08:00', workingDays: 1, workingHours: 2 },
      { start: '2024-09-27T10:00:00', workingDays: 1 },
      { start: '2024-09-31T10:00:00+08:00', workingDays: 1 },
      { start: '2024-09-27T10:00:00+08:00', workingDays: 0 },
      { start: '2024-09-27T10:00:00+08:00', workingDays: 1.5 },
      { start: '2024-09-27T10:00:00+08:00', minutes: -5 },
      { start: '2024-09-27T10:00:00+08:00', workingDays: 1, urgent: true },
    ];
    for (const payload of bad) {
      const res = await resident.request({ method: 'POST', url: '/api/v1/calendar/deadline', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
    }
  });

  it('computes natural, working-hour and working-day deadlines in Asia/Shanghai', async () => {
    expect(await deadline(resident, { start: '2024-10-01T02:00:00Z', minutes: 120 })).toEqual({
      start: '2024-10-01T10:00:00+08:00',
      deadline: '2024-10-01T12:00:00+08:00',
      basis: 'natural',
      workingMinutes: 0,
      yearsWithoutNotice: [],
    });
    expect(await deadline(resident, { start: '2024-09-30T16:00:00+08:00', workingHours: 7 })).toMatchObject({ deadline: '2024-10-08T16:00:00+08:00', basis: 'working', workingMinutes: 420 });
    expect(await deadline(resident, { start: '2025-01-24T10:00:00+08:00', workingDays: 3 })).toMatchObject({ deadline: '2025-02-05T18:00:00+08:00', workingMinutes: 330 + 3 * 420 });
    expect(await deadline(resident, { start: '2026-12-30T10:00:00+08:00', workingDays: 5 })).toMatchObject({ deadline: '2027-01-06T18:00:00+08:00', yearsWithoutNotice: [2027] });
  });
});

describe('CalendarService', () => {
  it('caches per tenant, reloads after an edit, and keeps tenants apart', async () => {
    const first = await workingTimeFor(env.sys);
    expect(await workingTimeFor(env.sys)).toBe(first);
    await admin.request({ method: 'PUT', url: '/api/v1/calendar/days/2026-03-02', payload: { kind: 'holiday', name: '本地节日' } });
    const second = await workingTimeFor(env.sys);
    expect(second).not.toBe(first);
    expect(second.isWorkingDay('2026-03-02')).toBe(false);

    const other = await createTenant(env.db, { code: 'other', name: '另一州' });
    const theirs = await workingTimeFor({ db: env.db, tenantId: other.id });
    expect(theirs.isWorkingDay('2026-03-02')).toBe(true);
    expect(theirs.isWorkingDay('2026-02-16')).toBe(false); // built-in 春节 for a tenant that never edited anything
    expect(theirs.yearsWithoutNotice(new Date('2026-01-05T00:00:00+08:00'), new Date('2027-01-05T00:00:00+08:00'))).toEqual([2027]);
  });

  it('a tenant with several roots needs calendar.write over every one of them', async () => {
    await createRootRegion({ ctx: env.sys, input: { kind: 'prefecture', code: '990000000001', name: '第二个州' } });
    const denied = await admin.request({ method: 'PUT', url: '/api/v1/calendar/days/2026-03-03', payload: { kind: 'holiday', name: '本地节日' } });
    expect(denied.statusCode).toBe(403);
  });
});
