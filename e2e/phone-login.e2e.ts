import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, phoneContext, screenshot, startServer, type E2EServer } from './support.js';

/**
 * The phone app shell on a 360-px phone: login, home by role, live inbox badge, inbox, profile, elder mode,
 * language switch, logout, and the wrong-password message.
 */
const MEMBER = '13800000003';
const SECRETARY = '13800000002';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(page: Page, phone: string, password = DEMO_PASSWORD) {
  await page.getByRole('textbox', { name: '手机号' }).fill(phone);
  await page.getByRole('textbox', { name: '密码' }).fill(password);
  await page.getByTestId('login-submit').click();
}

async function logout(page: Page) {
  await page.getByTestId('tab-me').click();
  await page.getByTestId('logout').click();
  await page.locator('.adm-dialog').getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
}

/** Visible clickable things smaller than 44 px in both directions (tap-target rule). */
function smallTapTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a, button, [role="button"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && r.bottom > 0 && r.top < innerHeight && (r.height < 44 || r.width < 44);
      })
      // a control inside a larger tappable element is fine (the tile, the row, the elder-mode row with its switch)
      .filter((el) => !el.parentElement?.closest('.ll-tile, .ll-msg, .ll-tab, [data-testid="elder-row"]'))
      .map((el) => `${el.tagName}.${el.className} "${el.textContent?.trim().slice(0, 20)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`),
  );
}

/** Latin words in the visible UI while in Chinese mode (data such as device names excluded by the caller). */
function latinWords(page: Page, allowed: string[] = []) {
  return page.evaluate((allowed) => {
    const text = document.body.innerText;
    return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.includes(w));
  }, allowed);
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

/** API calls in Node as a given user (bearer token), for setting up a notification. */
async function apiAs(phone: string) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password: DEMO_PASSWORD }) });
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

describe('phone app shell', () => {
  it('member and secretary homes, live inbox, profile, elder mode, language, logout, wrong password', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    // Unauthenticated visitors land on 登录.
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/login');
    await expect.poll(() => page.getByRole('heading', { name: '欢迎使用邻里' }).isVisible()).toBe(true);
    await screenshot(page, 'phone-login');
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await latinWords(page, ['English'])).toEqual([]); // the switch names its language in that language
    await page.getByTestId('login-submit').click();
    await page.getByText('请输入手机号').waitFor();
    await page.getByText('请输入密码', { exact: true }).waitFor();
    await page.getByRole('textbox', { name: '手机号' }).fill('12345');
    await page.getByRole('textbox', { name: '密码' }).focus();
    await page.getByText('手机号格式不正确').waitFor();
    await screenshot(page, 'phone-login-validation');

    // Member home: greeting, role, the member's shortcuts, an honest empty to-do.
    await login(page, MEMBER);
    await page.getByTestId('greeting').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('greeting').innerText()).toContain('李党员');
    expect(await page.getByTestId('current-role').innerText()).toBe('在职党员');
    const memberShortcuts = await page.getByTestId('shortcuts').locator('.ll-tile-label').allInnerTexts();
    expect(memberShortcuts).toEqual(['报到', '认领服务', '签到', '我的服务', '我的积分']);
    // 今日待办: the member's own to-dos (none once reported in with no service today), else an honest empty state.
    await page.getByTestId('todo').locator('.ll-todo-item, .ll-empty-title').first().waitFor();
    expect(await page.getByTestId('switch-role').count()).toBe(0); // one role: no switcher
    await screenshot(page, 'phone-home-member');
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await latinWords(page)).toEqual([]);

    // A built shortcut opens its screen (the volunteer screens have their own journey, phone-volunteer.e2e.ts).
    await page.getByTestId('shortcut-myPoints').click();
    await page.getByTestId('points').waitFor();
    await page.locator('.adm-nav-bar-back').click();
    await page.getByTestId('greeting').waitFor();

    // A notification pushed while the app is open raises the 消息 badge live (SSE). The demo may already have left
    // the member unread notices: read them all first so the badge starts empty.
    const secretary = await apiAs(SECRETARY);
    const member = await apiAs(MEMBER);
    await member('POST', '/notifications/read-all');
    await page.reload();
    await page.getByTestId('greeting').waitFor();
    await expect.poll(() => page.evaluate(() => document.querySelector('.ll-tab[data-testid="tab-inbox"] .adm-badge'))).toBeNull();
    const me = await secretary<{ roles: Array<{ regionId: string }> }>('GET', '/me');
    // The secretary publishes two services, the member claims both, the secretary cancels both: two notices.
    const starts = new Date(Date.now() + 3 * 86_400_000);
    for (const title of ['文献社区周末环境整治', '独居老人上门探访']) {
      const draft = await secretary<{ id: string }>('POST', '/service-items', {
        communityId: me.data.roles[0]!.regionId,
        title,
        category: '社区治理',
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + 2 * 3_600_000).toISOString(),
        placeName: '文献社区党群服务站',
        lat: 25.6,
        lng: 100.27,
        capacity: 10,
      });
      expect(draft.status, JSON.stringify(draft.data)).toBe(201);
      expect((await secretary('POST', `/service-items/${draft.data.id}/publish`)).status).toBe(200);
      expect((await member('POST', `/service-items/${draft.data.id}/claims`, {})).status).toBe(201);
      expect((await secretary('POST', `/service-items/${draft.data.id}/cancel`, { reason: '天气原因改期' })).status).toBe(200);
    }
    await page.getByTestId('tab-inbox').locator('.adm-badge').getByText('2').waitFor({ timeout: 15_000 });
    await page.getByTestId('todo').getByText('服务已取消：独居老人上门探访').waitFor(); // the home to-do updates too
    await page.getByTestId('todo').getByText('服务已取消：文献社区周末环境整治').waitFor();
    await screenshot(page, 'phone-home-todo');

    // 服务: the published services (the two above were cancelled, so not among them); 随手拍 is an honest placeholder.
    await page.getByTestId('tab-services').click();
    await page.getByTestId('services').locator('[data-testid="service-item"], [data-testid="empty"]').first().waitFor();
    expect(await page.getByTestId('service-item').filter({ hasText: '独居老人上门探访' }).count()).toBe(0);
    await screenshot(page, 'phone-services');
    expect(await latinWords(page)).toEqual([]);
    await page.getByTestId('tab-report').click();
    await page.getByText('随手拍即将上线').waitFor();
    await screenshot(page, 'phone-report');
    expect(await smallTapTargets(page)).toEqual([]);

    // 消息: unread styling, then tap marks it read.
    await page.getByTestId('tab-inbox').click();
    await page.locator('.ll-msg--unread').first().waitFor();
    await screenshot(page, 'phone-inbox');
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await latinWords(page)).toEqual([]);
    // Tapping one marks it read and follows its link — here to the cancelled service, with the reason.
    await page.locator('.ll-msg--unread').first().click();
    await page.getByTestId('service-detail').getByText('本服务已取消：天气原因改期').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/services\/[0-9a-f-]{36}$/);
    await screenshot(page, 'phone-link-service');
    await page.locator('.adm-nav-bar-back').click();
    await page.getByTestId('inbox').waitFor();
    await expect.poll(() => page.locator('.ll-msg--unread').count()).toBe(1);
    await page.getByTestId('tab-inbox').locator('.adm-badge').getByText('1').waitFor();
    await page.getByTestId('read-all').click();
    await page.getByText('已全部标为已读').waitFor();
    await page.getByText('已全部标为已读').waitFor({ state: 'hidden' });
    expect(await page.locator('.ll-msg--unread').count()).toBe(0);
    await expect.poll(() => page.getByTestId('tab-inbox').locator('.adm-badge').count()).toBe(0);

    // 我的: own phone unmasked, roles, units.
    await page.getByTestId('tab-me').click();
    await page.getByTestId('profile').waitFor();
    expect(await page.getByTestId('my-phone').innerText()).toBe('138 0000 0003');
    await page.getByTestId('my-roles').getByText('在职党员').waitFor();
    await page.getByText('大理市自然资源局').waitFor();
    await screenshot(page, 'phone-profile');
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await latinWords(page, ['Linli'])).toEqual([]);

    // 登录设备: this browser is listed as 本机 (the Node API sessions above are there too).
    await page.getByText('登录设备').click();
    await page.getByTestId('sessions').getByText('本机').waitFor();
    await screenshot(page, 'phone-sessions');
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await latinWords(page, ['Chrome', 'Linux'])).toEqual([]);
    await page.locator('.adm-nav-bar-back').click();
    await page.getByTestId('profile').waitFor();

    // 修改密码: client-side checks, then the server's own message for a wrong current password.
    await page.getByText('修改密码').click();
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('请输入当前密码').waitFor();
    await page.locator('input[autocomplete="current-password"]').fill('not-my-password1');
    await page.locator('input[autocomplete="new-password"]').first().fill('abc');
    await page.locator('input[autocomplete="new-password"]').nth(1).fill('abc');
    await page.locator('input[autocomplete="new-password"]').first().focus();
    await page.getByText('新密码至少 8 位，且包含字母和数字').waitFor();
    await page.locator('input[autocomplete="new-password"]').first().fill('linli2027x');
    await page.locator('input[autocomplete="new-password"]').nth(1).fill('linli2027x');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('当前密码不正确').waitFor();
    await screenshot(page, 'phone-password');
    await page.getByText('当前密码不正确').waitFor({ state: 'hidden' });
    await page.locator('.adm-nav-bar-back').click();
    await page.getByTestId('profile').waitFor();

    // 长辈模式: larger type (≥ 18 px base), persisted across a reload.
    await page.getByTestId('elder-row').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('ll-elder'))).toBe(true);
    await page.reload();
    await page.getByTestId('profile').waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('ll-elder'))).toBe(true);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(18);
    await screenshot(page, 'phone-elder-profile');
    await page.getByTestId('tab-home').click();
    await page.getByTestId('greeting').waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.ll-grid')!).gridTemplateColumns.split(' ').length)).toBe(2);
    await screenshot(page, 'phone-elder-home');
    await page.getByTestId('tab-me').click();
    await page.getByTestId('elder-row').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('ll-elder'))).toBe(false);

    // Language: English everywhere in the UI, saved to the account (PATCH /me), then back to 中文.
    await page.getByTestId('language').click();
    await page.locator('.adm-action-sheet').getByText('English').click();
    await page.getByText('Elder mode').waitFor();
    await page.locator('.adm-action-sheet').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('tab-me').innerText()).toBe('Me');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const meEn = await member<{ locale: string }>('GET', '/me');
    expect(meEn.data.locale).toBe('en');
    await screenshot(page, 'phone-profile-en');
    await page.getByTestId('tab-home').click();
    await page.getByTestId('greeting').waitFor();
    expect(await page.getByTestId('current-role').innerText()).toBe('Party member');
    expect(await page.getByTestId('shortcuts').locator('.ll-tile-label').allInnerTexts()).toEqual(['Report in', 'Claim', 'Check in', 'My services', 'My points']);
    await screenshot(page, 'phone-home-member-en');
    await page.getByTestId('tab-me').click();
    await page.getByTestId('language').click();
    await page.locator('.adm-action-sheet').getByText('中文').click();
    await page.getByText('长辈模式').waitFor();

    // 退出登录, then the community secretary's home.
    await logout(page);
    await login(page, SECRETARY);
    await page.getByTestId('greeting').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('greeting').innerText()).toContain('段书记');
    expect(await page.getByTestId('current-role').innerText()).toBe('社区书记');
    expect(await page.getByTestId('shortcuts').locator('.ll-tile-label').allInnerTexts()).toEqual(['报到审核', '发布服务', '服务管理', '认证时长', '居民诉求']);
    await screenshot(page, 'phone-home-secretary');
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await latinWords(page)).toEqual([]);

    // A shortcut whose feature is not built yet opens the 即将上线 sheet.
    await page.getByTestId('shortcut-residentRequests').click();
    await page.getByTestId('coming-soon').getByText('即将上线').waitFor();
    await settled(page, '.adm-popup-body');
    await screenshot(page, 'phone-coming-soon');
    await page.getByTestId('coming-soon').getByRole('button', { name: '知道了' }).click();
    await page.getByTestId('coming-soon').waitFor({ state: 'hidden' });

    // Wrong password: the server's Chinese message.
    await logout(page);
    await login(page, SECRETARY, 'wrong-password-1');
    await expect.poll(() => page.getByTestId('login-error').innerText()).toBe('手机号或密码错误');
    await screenshot(page, 'phone-login-error');

    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the prefecture admin sees 数据总览 figures counted from records', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await login(page, '13800000001');
    await page.getByTestId('overview-card').waitFor();
    await page.getByTestId('figure-communities').waitFor();
    const communities = Number((await page.getByTestId('figure-communities').locator('.ll-figure-value').innerText()).replace(/,/g, ''));
    expect(communities).toBeGreaterThan(0);
    expect(await page.getByTestId('shortcuts').locator('.ll-tile-label').allInnerTexts()).toEqual(['数据总览', '管理后台']);
    await screenshot(page, 'phone-home-admin');
    await page.getByTestId('overview-card').getByRole('button', { name: '查看全部' }).click();
    await page.getByText('数字均由业务记录实时计算，点按可查看口径').waitFor();
    await screenshot(page, 'phone-overview');
    await page.locator('.adm-nav-bar-back').click();
    await page.getByTestId('overview-card').waitFor();
    await page.getByTestId('figure-communities').click();
    await page.locator('.adm-dialog').getByText('统计范围内类型为“社区”的区域数量。').waitFor();
    await context.close();
  });

  it('a person holding two roles switches between their homes without logging out', async () => {
    // The prefecture admin also makes the Party member a resident of the same community.
    const admin = await apiAs('13800000001');
    const member = await apiAs(MEMBER);
    const me = await member<{ id: string; roles: Array<{ regionId: string }> }>('GET', '/me');
    const grant = await admin('POST', '/grants', { userId: me.data.id, role: 'resident', regionId: me.data.roles[0]!.regionId });
    expect(grant.status, JSON.stringify(grant.data)).toBe(201);

    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await login(page, MEMBER);
    await page.getByTestId('switch-role').click();
    await page.locator('.adm-action-sheet').getByText('居民').waitFor();
    await settled(page, '.adm-action-sheet');
    await screenshot(page, 'phone-role-switch');
    await page.locator('.adm-action-sheet').getByText('居民').click();
    await expect.poll(() => page.getByTestId('current-role').innerText()).toBe('居民');
    expect(await page.getByTestId('shortcuts').locator('.ll-tile-label').allInnerTexts()).toEqual(['随手拍', '微心愿', '议事投票']);
    await page.getByText('已切换为 居民').waitFor({ state: 'hidden' });
    await screenshot(page, 'phone-home-resident');

    // The choice survives a reload (localStorage), and 随手拍 opens its tab.
    await page.reload();
    await expect.poll(() => page.getByTestId('current-role').innerText()).toBe('居民');
    await page.getByTestId('shortcut-snap').click();
    await page.getByText('随手拍即将上线').waitFor();
    await context.close();
  });
});
