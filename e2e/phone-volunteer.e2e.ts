import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, phoneContext, screenshot, startServer, type E2EServer } from './support.js';

/**
 * "线上吹哨、线下报到" on two 360-px phones (PRODUCT §3.2–3.4, issue 3): the member reports in and the community
 * secretary confirms; the secretary publishes a service at her location; the member claims it, checks in with the
 * code on the secretary's phone (refused outside the geofence first), checks out an hour later; the secretary
 * certifies; the member sees the points.
 *
 * Service time is wall-clock time between check-in and check-out, and the rounding rule credits nothing under
 * 15 minutes — so the server runs with a clock the test can move forward (a preloaded module shifting `Date` by
 * the milliseconds written in a file). No test-only route and no server change: the server simply lives an hour
 * later from that moment on.
 */
const MEMBER = '13800000003';
const SECRETARY = '13800000002';
/** 周书记, the unit's Party secretary: a Party member who has not reported in to a community in the demo. */
const REPORTER = '13800000007';
const REPORTER_NAME = '周书记';
const SITE = { latitude: 25.5935, longitude: 100.2345 }; // the service's place (the secretary stands there)
const NEAR = { latitude: 25.5938, longitude: 100.2347 }; // ~40 m away
const FAR = { latitude: 25.6035, longitude: 100.2345 }; // ~1.1 km away
const TITLE = '文献社区垃圾分类宣传';

/** Shifts the server's clock by the number of milliseconds in LINLI_E2E_CLOCK_FILE (read every 100 ms). */
const SHIFTED_CLOCK = `
import { readFileSync } from 'node:fs';
const file = process.env.LINLI_E2E_CLOCK_FILE;
const Real = Date;
let offset = 0;
const read = () => { try { offset = Number(readFileSync(file, 'utf8')) || 0; } catch {} };
read();
setInterval(read, 100).unref();
globalThis.Date = new Proxy(Real, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length ? args : [Real.now() + offset], newTarget),
  apply: () => new Real(Real.now() + offset).toString(),
  get: (target, prop, receiver) => (prop === 'now' ? () => Real.now() + offset : Reflect.get(target, prop, receiver)),
});
`;

let server: E2EServer;
let browser: Browser;
let dataDir: string;
let clockFile: string;
/** Uncaught errors in either phone: the journey must end with none. */
const pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linli-e2e-vol-'));
  clockFile = join(dataDir, 'clock-offset-ms');
  writeFileSync(clockFile, '0');
  const preload = `--import=data:text/javascript;base64,${Buffer.from(SHIFTED_CLOCK).toString('base64')}`;
  [server, browser] = await Promise.all([
    startServer({ dataDir, env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim(), LINLI_E2E_CLOCK_FILE: clockFile } }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function phone(where: { latitude: number; longitude: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser);
  await context.grantPermissions(['geolocation'], { origin: server.url });
  await context.setGeolocation(where);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${e.message}\n${e.stack ?? ''}`));
  return { context, page };
}

async function login(page: Page, phoneNumber: string) {
  await page.goto(`${server.url}/login`);
  await page.getByRole('textbox', { name: '手机号' }).fill(phoneNumber);
  await page.getByRole('textbox', { name: '密码' }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('greeting').waitFor();
}

/** Visible clickable things smaller than 44 px in both directions (tap-target rule); controls inside a larger tappable element are fine. */
function smallTapTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a, button, [role="button"], [role="radio"], input')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && r.bottom > 0 && r.top < innerHeight && (r.height < 44 || r.width < 44);
      })
      .filter((el) => !el.parentElement?.closest('.ll-tile, .ll-msg, .ll-tab, .vol-item, .vol-row, .adm-search-bar, .adm-stepper, .adm-selector'))
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'hidden'))
      .map((el) => `${el.tagName}.${el.className} "${el.textContent?.trim().slice(0, 20)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`),
  );
}

/** Latin words in the visible UI while in Chinese mode (data such as rule codes excluded by the caller). */
function latinWords(page: Page, allowed: string[] = []) {
  return page.evaluate((allowed) => (document.body.innerText.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.includes(w)), allowed);
}

/** Waits until an animated element stops moving (antd-mobile animates sheets with JS springs). */
async function settled(page: Page, selector: string) {
  let last = '';
  await expect
    .poll(async () => {
      const box = JSON.stringify(await page.locator(selector).first().boundingBox());
      const same = box === last;
      last = box;
      return same;
    }, { interval: 150 })
    .toBe(true);
}

/** API calls in Node as a given user (bearer token), for the second service of the waitlist step. */
async function apiAs(phoneNumber: string) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: phoneNumber, password: DEMO_PASSWORD }) });
  const { token } = (await res.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> => {
    const r = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, data: (await r.json()) as T };
  };
}

async function toastGone(page: Page) {
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

describe('volunteer loop on the phone', () => {
  it('report in, publish, claim, check in and out with the site code, certify, see the points', { timeout: 300_000 }, async () => {
    const member = await phone(FAR);
    const secretary = await phone(SITE);
    const m = member.page;
    const s = secretary.page;
    try {
      await journey(member, secretary);
    } catch (error) {
      await screenshot(m, 'vol-failed-member').catch(() => undefined);
      await screenshot(s, 'vol-failed-secretary').catch(() => undefined);
      throw error;
    }
    expect(pageErrors).toEqual([]);
    await member.context.close();
    await secretary.context.close();
  });
});

/** The steps, on two phones (and a third for the report-in). */
async function journey(member: { context: BrowserContext; page: Page }, secretary: { context: BrowserContext; page: Page }) {
  const m = member.page;
  const s = secretary.page;

  // ── 报到: an in-service Party member not yet reported in (the unit's Party secretary, registered at city level)
  // picks the community, adds a skill and two service wishes.
  const reporter = await phone(FAR);
  const r = reporter.page;
  await login(r, REPORTER);
  await r.goto(`${server.url}/report-in`);
  await r.getByTestId('report-in-form').waitFor();
  await r.getByText('大理市自然资源局').waitFor(); // their unit
  await r.getByTestId('pick-community').click();
  await r.getByTestId('community-picker').getByRole('option').first().waitFor();
  await settled(r, '.adm-popup-body');
  await r.getByTestId('community-picker').getByRole('searchbox').fill('文献');
  await screenshot(r, 'vol-01-community-picker');
  await r.getByTestId('community-picker').getByRole('option', { name: /文献社区/ }).click();
  await r.getByTestId('pick-community').getByText('文献社区').waitFor();
  await r.getByRole('button', { name: '+ 法律咨询' }).click();
  await r.getByTestId('intentions').getByText('环境美化').click();
  await r.getByTestId('intentions').getByText('政策宣传').click();
  await screenshot(r, 'vol-02-report-in-form');
  expect(await smallTapTargets(r)).toEqual([]);
  expect(await latinWords(r)).toEqual([]);
  await r.getByTestId('report-in-submit').click();
  await r.getByTestId('report-in-card').getByText('待社区确认').waitFor();
  await toastGone(r);
  await screenshot(r, 'vol-03-report-in-submitted');

  // ── 报到审核: the secretary's to-do counts what waits; she confirms with a grid and a service team.
  await login(s, SECRETARY);
  await s.getByTestId('todo').getByText('党员报到待确认').waitFor();
  await screenshot(s, 'vol-04-secretary-home');
  expect(await smallTapTargets(s)).toEqual([]);
  await s.getByTestId('shortcut-reportInReview').click();
  const row = s.getByTestId('report-in-row').filter({ hasText: REPORTER_NAME });
  await row.click();
  await s.getByTestId('report-in-detail').getByText('法律咨询').waitFor();
  await s.getByTestId('confirm').click();
  await s.getByTestId('grid-option').first().waitFor();
  await settled(s, '.adm-popup-body');
  await s.getByTestId('grid-option').filter({ hasText: '第2网格' }).click();
  await s.waitForTimeout(300); // the button fades in as it becomes enabled
  await screenshot(s, 'vol-05-confirm-sheet');
  await s.getByTestId('confirm-submit').click();
  await s.getByTestId('report-in-review').waitFor();
  await row.waitFor({ state: 'detached' });

  await r.reload();
  await r.getByTestId('report-in-card').getByText('已报到').waitFor();
  await r.getByTestId('report-in-grid').getByText('文献社区第2网格').waitFor();
  await screenshot(r, 'vol-06-report-in-active');
  await reporter.context.close();

  // The member's home: shortcuts to every volunteer screen.
  await login(m, MEMBER);
  expect(await m.getByTestId('shortcuts').locator('.ll-tile-label').allInnerTexts()).toEqual(['报到', '认领服务', '签到', '我的服务', '我的积分']);
  await screenshot(m, 'vol-06a-member-home');
  const memberApi = await apiAs(MEMBER);
  const before = (await memberApi<{ assessment: number; spendable: number; certifiedMinutes: number }>('GET', '/me/points')).data;

  // ── 发布服务 at the secretary's location.
  await s.goto(`${server.url}/`);
  await s.getByTestId('shortcut-publishService').click();
  await s.getByTestId('publish').waitFor();
  await s.getByTestId('title').locator('input').fill(TITLE);
  await s.getByRole('radio', { name: '社区治理' }).click();
  await s.getByLabel('说明').fill('在小区门口向居民讲解垃圾分类，请穿红马甲，提前 10 分钟到。');
  await s.getByTestId('place-name').locator('input').fill('文献社区党群服务站门口');
  await s.getByTestId('use-location').click();
  await s.getByTestId('coords').getByText('25.59350, 100.23450').waitFor();
  await s.getByTestId('points').locator('input').fill('2');
  await s.evaluate(() => window.scrollTo(0, 0));
  await screenshot(s, 'vol-07-publish-top');
  expect(await latinWords(s)).toEqual([]);
  await s.getByTestId('points').scrollIntoViewIfNeeded();
  await screenshot(s, 'vol-08-publish-rules');
  expect(await smallTapTargets(s)).toEqual([]);
  await s.getByTestId('publish-submit').click();
  await s.getByTestId('service-detail').waitFor();
  await s.getByTestId('item-status').getByText('报名中').waitFor();
  await toastGone(s);
  await screenshot(s, 'vol-09-published-detail');
  const itemUrl = s.url();

  // ── 服务 tab: nearest first (location already allowed), then 认领 in one tap.
  await m.getByTestId('tab-services').click();
  await m.getByTestId('services').getByRole('searchbox').fill('垃圾分类');
  await m.getByTestId('services').getByRole('searchbox').press('Enter');
  const card = m.getByTestId('service-item').filter({ hasText: TITLE });
  await card.waitFor();
  await expect.poll(() => card.innerText()).toMatch(/1\.1 公里/);
  await screenshot(m, 'vol-10-services-list');
  expect(await smallTapTargets(m)).toEqual([]);
  expect(await latinWords(m)).toEqual([]);
  await card.click();
  await m.getByTestId('claim').click();
  await m.getByTestId('my-status').getByText('已认领', { exact: true }).waitFor();
  await m.getByTestId('places').getByText('剩 9 个名额（共 10）').waitFor();
  await toastGone(m);
  await screenshot(m, 'vol-11-claimed');
  expect(await smallTapTargets(m)).toEqual([]);

  // ── 现场签到码 on the secretary's phone.
  await s.getByTestId('open-code').click();
  await s.getByTestId('qr').waitFor({ timeout: 10_000 }).catch(async (e) => {
    await screenshot(s, 'vol-debug');
    throw new Error(`${e}\n${pageErrors.join('\n')}`);
  });
  const shortCode = async () => (await s.getByTestId('short-code').innerText()).replace(/\D/g, '');
  expect(await shortCode()).toMatch(/^\d{6}$/);
  await screenshot(s, 'vol-12-site-code');

  // ── 签到: refused outside the geofence with the server's words, accepted on site.
  await m.getByTestId('go-check-in').click();
  await m.getByTestId('geo-distance').getByText(/1\.1 公里/).waitFor();
  await m.getByTestId('short-code').fill(await shortCode());
  await m.getByTestId('check-submit').click();
  await m.getByTestId('check-problem').getByText(/超出签到范围（300 米）/).waitFor();
  await screenshot(m, 'vol-13-check-in-refused');
  await member.context.setGeolocation(NEAR);
  await m.getByTestId('relocate').click();
  await m.getByTestId('geo-distance').getByText(/40 米/).waitFor();
  await m.getByTestId('short-code').fill(await shortCode()); // the code may have rotated meanwhile
  await m.getByTestId('check-submit').click();
  await m.getByTestId('check-result').getByText('签到成功').waitFor();
  await screenshot(m, 'vol-14-checked-in');

  await s.getByTestId('code-totals').click();
  await s.getByTestId('roster-entry').filter({ hasText: '李党员' }).getByText('在岗').waitFor();
  await screenshot(s, 'vol-15-roster-on-site');
  expect(await smallTapTargets(s)).toEqual([]);

  // ── An hour of service later: 签退 with a fresh code.
  writeFileSync(clockFile, String(61 * 60_000));
  await new Promise((r) => setTimeout(r, 400)); // the server reads the clock file every 100 ms
  await s.goto(`${itemUrl}/code`);
  await s.getByTestId('qr').waitFor();
  await m.getByTestId('back-to-item').click();
  await m.getByTestId('my-status').getByText(/签到，离开前记得签退/).waitFor();
  await m.getByTestId('go-check-out').click();
  await m.getByTestId('short-code').fill(await shortCode());
  await m.getByTestId('check-submit').click();
  await m.getByTestId('check-result').getByText('签退成功').waitFor();
  await m.getByTestId('check-result').getByText('本次服务 1 小时，计入 1 小时').waitFor();
  await screenshot(m, 'vol-16-checked-out');

  // ── 认证时长: the secretary's to-do, then certify.
  await s.goto(`${server.url}/`);
  await s.getByTestId('todo').getByText('服务时长待认证').waitFor();
  await s.getByTestId('todo').getByText(`今天开展：${TITLE}`).waitFor();
  await screenshot(s, 'vol-17a-secretary-todo');
  await s.getByTestId('shortcut-certifyHours').click();
  const record = s.getByTestId('certify-group').filter({ hasText: TITLE }).getByTestId('pending-record').filter({ hasText: '李党员' });
  await record.getByText('实际 1 小时 · 计入 1 小时').waitFor();
  await screenshot(s, 'vol-17-certify');
  expect(await smallTapTargets(s)).toEqual([]);
  expect(await latinWords(s)).toEqual([]);
  await record.getByTestId('approve').click();
  await record.waitFor({ state: 'detached' });

  // ── 我的积分 and 我的服务 on the member's phone.
  await m.goto(`${server.url}/`);
  await m.getByTestId('shortcut-myPoints').click();
  const shown = async (id: string) => Number((await m.getByTestId(id).innerText()).replace(/,/g, ''));
  await expect.poll(() => shown('assessment-balance')).toBe(before.assessment + 2);
  expect(await shown('spendable-balance')).toBe(before.spendable + 2);
  expect(await shown('certified-hours')).toBe(Math.round(((before.certifiedMinutes + 60) / 60) * 10) / 10);
  const newest = m.getByTestId('points-history').locator('li').first(); // newest first
  await expect.poll(() => newest.innerText()).toMatch(/认证志愿服务 60 分钟[\s\S]*\+2/);
  await screenshot(m, 'vol-18-points');
  expect(await smallTapTargets(m)).toEqual([]);
  expect(await latinWords(m, ['service', 'certified'])).toEqual([]);

  await m.goto(`${server.url}/me/services?view=done`);
  await m.getByTestId('my-claim').filter({ hasText: TITLE }).getByText('已认证 1 小时').waitFor();
  await screenshot(m, 'vol-19-my-services');

  // ── A full service: the waitlist is said honestly; leaving it asks for a reason.
  const sec = await apiAs(SECRETARY); // the second service is set up through the API
  const me = await sec<{ roles: Array<{ role: string; regionId: string }> }>('GET', '/me');
  const starts = new Date(Date.now() + 61 * 60_000 + 2 * 86_400_000); // server time runs an hour ahead now
  const full = await sec<{ id: string }>('POST', '/service-items', {
    communityId: me.data.roles.find((g) => g.role === 'community_secretary')!.regionId,
    title: '独居老人上门探访',
    category: '助困扶残与就业援助',
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 2 * 3_600_000).toISOString(),
    placeName: '文献社区幸福院',
    lat: SITE.latitude,
    lng: SITE.longitude,
    capacity: 1,
  });
  expect(full.status).toBe(201);
  expect((await sec('POST', `/service-items/${full.data.id}/publish`)).status).toBe(200);
  expect((await sec('POST', `/service-items/${full.data.id}/claims`)).status).toBe(201); // the secretary takes the only place
  await m.goto(`${server.url}/services/${full.data.id}`);
  await m.getByTestId('places').getByText('名额已满').waitFor();
  await m.getByTestId('claim').getByText('名额已满，加入候补').waitFor();
  await m.getByTestId('claim').click();
  await m.locator('.adm-dialog').getByText('加入候补后您排在第 1 位').waitFor();
  await settled(m, '.adm-dialog-body');
  await screenshot(m, 'vol-20-waitlist-dialog');
  await m.locator('.adm-dialog').getByRole('button', { name: '加入候补' }).click();
  await m.getByTestId('my-status-line').getByText('您在候补第 1 位').waitFor();
  await toastGone(m);
  await m.getByTestId('cancel-claim').scrollIntoViewIfNeeded();
  await screenshot(m, 'vol-21-waitlisted');
  await m.getByTestId('cancel-claim').click();
  await m.getByTestId('reason-sheet').waitFor();
  await settled(m, '.adm-popup-body');
  await m.getByRole('button', { name: '时间冲突' }).click();
  await m.waitForTimeout(300); // the button fades in as it becomes enabled
  await screenshot(m, 'vol-22-cancel-reason');
  expect(await smallTapTargets(m)).toEqual([]);
  await m.getByTestId('reason-submit').click();
  await m.getByTestId('claim').waitFor(); // may claim again

  // ── 服务管理 on the secretary's phone; 签到 from the member's home shortcut.
  await s.goto(`${server.url}/`);
  await s.getByTestId('shortcut-serviceDesk').click();
  await s.getByTestId('service-item').filter({ hasText: '独居老人上门探访' }).waitFor();
  await screenshot(s, 'vol-23-service-desk');
  expect(await smallTapTargets(s)).toEqual([]);
  await m.goto(`${server.url}/`);
  await m.getByTestId('shortcut-checkIn').click();
  await m.getByTestId('check-in-pick').locator('[data-testid="checkable"], [data-testid="empty"]').first().waitFor();
  await screenshot(m, 'vol-24-check-in-pick');

  // ── 长辈模式: larger type, one quick link per row, still no small targets.
  await m.evaluate(() => localStorage.setItem('linli.elder', '1'));
  await m.goto(`${server.url}/services/${full.data.id}`);
  await m.getByTestId('service-detail').waitFor();
  await screenshot(m, 'vol-25-elder-detail');
  expect(await smallTapTargets(m)).toEqual([]);
  await m.goto(`${server.url}/services`);
  await m.getByTestId('service-item').first().waitFor();
  await screenshot(m, 'vol-26-elder-services');
  expect(await smallTapTargets(m)).toEqual([]);
  await m.evaluate(() => localStorage.removeItem('linli.elder'));

  // ── English: every string has its translation.
  await m.goto(`${server.url}/me`);
  await m.getByTestId('language').click();
  await m.locator('.adm-action-sheet').getByText('English').click();
  await m.getByText('Elder mode').waitFor();
  await expect.poll(async () => (await memberApi<{ locale: string }>('GET', '/me')).data.locale).toBe('en'); // saved to the account
  await m.goto(`${server.url}/services/${full.data.id}`);
  await m.getByText('Who may claim').waitFor();
  await screenshot(m, 'vol-27-detail-en');
  await m.goto(`${server.url}/me/points`);
  await m.getByText('Assessment', { exact: true }).waitFor();
  await screenshot(m, 'vol-28-points-en');
}
