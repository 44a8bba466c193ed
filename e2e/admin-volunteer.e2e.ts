import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, desktopContext, launchBrowser, screenshot, startServer, type E2EServer } from './support.js';

/**
 * The console's 双报到 and 志愿服务 pages on the Dali demo: the community secretary publishes a service item; a member
 * (through the API, as the phone app would) reports in to 文献社区 and claims it; the secretary confirms the
 * report-in and sees the claim on the roster, enters the hours from a paper sheet and certifies them; the unit
 * secretary proposes a co-building agreement with 文献社区, the community secretary confirms it, the unit lists a
 * resource and the community claims it.
 */
describe('admin console: report-in review, service items, co-building', () => {
  let server: E2EServer;
  let browser: Browser;
  let secretary: BrowserContext;
  let unitSecretary: BrowserContext;
  let page: Page;
  let unitPage: Page;
  /** A 1×1 PNG: evidence for the retro entry (the server checks the type by its bytes). */
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const itemTitle = `垃圾分类宣传（e2e ${Date.now() % 100000}）`;
  const resourceTitle = '提供不动产登记政策宣讲 2 场';
  let itemId = '';
  let memberId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    secretary = await desktopContext(browser);
    page = await secretary.newPage();
    page.setDefaultTimeout(15_000);
  });

  // A failed step leaves a picture of where it stopped.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const slug = task.name.replace(/[^\w\u4e00-\u9fa5]+/g, '-').slice(0, 40);
    if (page) await screenshot(page, `admin-vol-failed-${slug}`).catch(() => undefined);
    if (unitPage) await screenshot(unitPage, `admin-vol-failed-unit-${slug}`).catch(() => undefined);
  });

  afterAll(async () => {
    await secretary?.close();
    await unitSecretary?.close();
    await browser?.close();
    await server?.stop();
  });

  /** Lets antd's fades, slides and toasts finish, so the picture shows the settled screen. */
  const snap = async (p: Page, name: string) => {
    await expect.poll(() => p.locator('.ant-message-notice').count(), { timeout: 6000 }).toBe(0);
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.waitForTimeout(700);
    await screenshot(p, name);
  };
  /** Opens a menu group when needed, then the page. */
  const openPage = async (p: Page, group: string, label: string) => {
    const item = p.locator('.ant-menu-item', { hasText: label });
    if (!(await item.isVisible())) await p.locator('.ant-menu-submenu-title', { hasText: group }).click();
    await item.click();
  };
  const login = async (p: Page, phone: string) => {
    await p.goto(`${server.url}/admin/login`);
    await p.getByLabel('手机号').fill(phone);
    await p.getByLabel('密码').fill(DEMO_PASSWORD);
    await p.getByRole('button', { name: '登录' }).click();
    await p.getByTestId('current-scope').waitFor();
  };
  const drawer = (p: Page) => p.locator('.ant-drawer-open').last();
  /** The demo holds a year of services: find ours by its title. */
  const findItem = async (p: Page) => {
    await p.getByTestId('items-search').locator('input').fill(itemTitle);
    await p.getByTestId('items-search').locator('input').press('Enter');
    const row = p.locator('.ant-table-row', { hasText: itemTitle });
    await row.waitFor();
    return row;
  };
  /** A JSON call as a phone client makes it: bearer token, idempotency key on POST. */
  const apiAs = async (token: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  it('the community secretary creates a service item as a draft and publishes it', async () => {
    await login(page, '13800000002');
    await openPage(page, '志愿服务', '服务项目');
    await page.getByTestId('item-create').click();
    const form = page.getByRole('dialog', { name: '新建志愿服务' });
    await form.getByTestId('item-form-title').fill(itemTitle);
    await form.getByLabel('服务内容').fill('在文献社区广场向居民讲解垃圾分类，发放宣传册。');
    // The community (the secretary's own), the place and its coordinates are filled in from the community.
    await expect.poll(() => form.getByLabel('服务地点').inputValue()).toBe('文献社区');
    await snap(page, 'admin-vol-01-item-form');
    await form.getByRole('button', { name: '保存草稿' }).click();

    const d = drawer(page);
    await d.getByText(itemTitle).first().waitFor();
    await d.locator('.ant-tag', { hasText: '草稿' }).waitFor();
    await d.getByTestId('item-publish').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();
    await d.locator('.ant-drawer-header .ant-tag', { hasText: '已发布' }).waitFor();
    await snap(page, 'admin-vol-02-item-published');
    await d.locator('.ant-drawer-close').click();
    const row = await findItem(page);
    expect(await row.textContent()).toContain('已发布');
  });

  it('a member reports in to 文献社区 and claims the item (phone API)', async () => {
    const { token } = await (
      await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13800000003', password: DEMO_PASSWORD }) })
    ).json();
    const me = await apiAs(token, 'GET', '/me');
    memberId = me.id;
    // The demo has him reported in long ago; he withdraws that report-in and reports in afresh, for the secretary to confirm.
    const mine = await apiAs(token, 'GET', '/me/report-in');
    if (mine.current) await apiAs(token, 'POST', `/report-ins/${mine.current.id}/deactivate`, { reason: '信息有变，重新报到' });
    const communities = await apiAs(token, 'GET', `/regions?q=${encodeURIComponent('文献社区')}`);
    const community = communities.items.find((r: { kind: string; name: string }) => r.kind === 'community' && r.name === '文献社区');
    await apiAs(token, 'POST', '/report-ins', { communityId: community.id, unitId: me.units[0].id, skills: ['不动产登记', '法律'], intentions: ['环境美化', '政策宣传'], note: '周末有空' });
    const items = await apiAs(token, 'GET', `/service-items?q=${encodeURIComponent(itemTitle)}`);
    itemId = items.items[0].id;
    const claim = await apiAs(token, 'POST', `/service-items/${itemId}/claims`);
    expect(claim.status).toBe('claimed');
  });

  it('the secretary confirms the report-in in 报到审核, assigning a grid and a service team', async () => {
    await openPage(page, '双报到', '报到审核');
    const row = page.locator('.ant-table-row', { hasText: '138****0003' });
    await row.waitFor();
    expect(await row.textContent()).toContain('李党员');
    expect(await row.textContent()).toContain('待确认');
    await snap(page, 'admin-vol-03-reportin-queue');

    await row.click();
    const d = drawer(page);
    await d.getByTestId('event-timeline').waitFor();
    await d.getByTestId('reportin-confirm').click();
    const dialog = page.getByRole('dialog', { name: '确认「李党员」的报到' });
    await dialog.getByTestId('confirm-grid').click();
    await page.locator('.ant-select-item-option', { hasText: '文献社区第1网格' }).click();
    // The member's first intention is offered first.
    expect(await dialog.getByTestId('confirm-team').textContent()).toContain('环境美化');
    await snap(page, 'admin-vol-04-reportin-confirm');
    await dialog.getByRole('button', { name: '确认报到' }).click();

    await d.locator('.ant-drawer-header .ant-tag', { hasText: '已报到' }).waitFor();
    await expect.poll(() => d.getByTestId('event-timeline').textContent()).toContain('社区确认报到');
    expect(await d.textContent()).toContain('文献社区第1网格');
    await snap(page, 'admin-vol-05-reportin-confirmed');
    await d.locator('.ant-drawer-close').click();
  });

  it('shows the report-in rates with their definitions', async () => {
    await openPage(page, '双报到', '报到率');
    const row = page.getByTestId('rates-communities').locator('.ant-table-row', { hasText: '文献社区' });
    // Counted over the whole demo (thousands of people) on the embedded store: give it time.
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toMatch(/\d+(\.\d)?%/);
    await snap(page, 'admin-vol-06-rates');
  });

  it('the secretary sees the claim on the roster and the rotating site code', async () => {
    await openPage(page, '志愿服务', '服务项目');
    await (await findItem(page)).click();
    const d = drawer(page);
    await d.getByRole('tab', { name: /签到名单/ }).click();
    const entry = d.locator('.ant-table-row', { hasText: '李党员' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('已认领');
    expect(await entry.textContent()).toContain('未签到');
    await snap(page, 'admin-vol-07-roster-claim');

    await d.getByRole('tab', { name: '现场签到码' }).click();
    await d.getByTestId('site-code-qr').waitFor();
    expect(await d.getByTestId('site-code-short').textContent()).toMatch(/^\d{3} \d{3}$/);
    await snap(page, 'admin-vol-08-site-code');
  });

  it('the secretary enters the hours from the paper sheet (团体录入) and certifies them in 时长认证', async () => {
    const d = drawer(page);
    await d.getByRole('tab', { name: /签到名单/ }).click();
    await d.getByTestId('batch-entry').click();
    const dialog = page.getByRole('dialog', { name: `团体录入 · ${itemTitle}` });
    await dialog.getByRole('button', { name: /加入未签到的认领人/ }).click();
    await dialog.getByLabel('录入说明').fill('纸质签到表第 1 页');
    await snap(page, 'admin-vol-09-batch-entry');
    await dialog.getByRole('button', { name: '录入' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const entry = d.locator('.ant-table-row', { hasText: '李党员' });
    await expect.poll(() => entry.textContent()).toContain('待认证');

    // 补录 with evidence for someone who helped without claiming (the resident 张居民): a photo of the sign-in sheet.
    await d.getByTestId('retro-entry').click();
    const retro = page.getByRole('dialog', { name: `补录 · ${itemTitle}` });
    await retro.getByLabel('人员').fill('张居民');
    await page.locator('.ant-select-item-option', { hasText: '138****0006' }).click();
    await retro.getByLabel('补录原因').fill('现场网络中断，未能扫码，见签到表照片');
    await retro.locator('input[type=file]').setInputFiles({ name: 'sign-in-sheet.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
    await retro.locator('.ant-upload-list-item-thumbnail img').waitFor();
    await snap(page, 'admin-vol-10-retro-entry');
    await retro.getByRole('button', { name: '补录', exact: true }).click();
    await retro.waitFor({ state: 'hidden' });
    const retroEntry = d.locator('.ant-table-row', { hasText: '张居民' });
    await expect.poll(() => retroEntry.textContent()).toContain('补录');
    expect(await retroEntry.textContent()).toContain('待认证');
    await d.getByRole('tab', { name: '时长记录' }).click();
    await d.locator('.ant-table-row', { hasText: '张居民' }).locator('td').nth(1).click();
    const recordModal = page.getByRole('dialog', { name: '张居民', exact: true });
    await recordModal.locator('.ant-image img').waitFor();
    await snap(page, 'admin-vol-11-retro-evidence');
    await recordModal.locator('.ant-modal-close').click();
    await d.locator('.ant-drawer-close').click();

    const before = await (await page.request.get(`${server.url}/api/v1/users/${memberId}/points`)).json();
    await openPage(page, '志愿服务', '时长认证');
    // The queue also holds the demo's pending records; ours are the newest, first in the list.
    const ours = page.locator('.ant-table-row', { hasText: itemTitle });
    await expect.poll(() => ours.count()).toBe(2);
    for (const name of ['李党员', '张居民']) await ours.filter({ hasText: name }).locator('.ant-checkbox-input').check();
    await snap(page, 'admin-vol-12-hours-queue');
    await page.getByTestId('records-batch-approve').click();
    await page.getByText(/已认证 2 条/).waitFor();
    // The queue shows pending records: the certified ones have left it.
    await expect.poll(() => ours.count()).toBe(0);

    // Certification settled the points at once: the member's report-in shows the certified hour added.
    await openPage(page, '双报到', '报到审核');
    await page.getByTestId('reportin-status').click();
    await page.locator('.ant-select-item-option', { hasText: '已报到' }).click();
    await page.getByTestId('reportin-search').locator('input').fill('13800000003');
    await page.getByTestId('reportin-search').locator('input').press('Enter');
    await page.locator('.ant-table-row', { hasText: '138****0003' }).click();
    const d2 = drawer(page);
    const hours = d2.locator('.ant-statistic', { hasText: '累计认证时长' });
    const expected = String(Math.round(((before.certifiedMinutes + 60) / 60) * 10) / 10);
    await expect.poll(() => hours.locator('.ant-statistic-content').textContent()).toBe(expected);
    await snap(page, 'admin-vol-13-member-points');
    await d2.locator('.ant-drawer-close').click();
  });

  it('the unit secretary proposes a co-building agreement with 文献社区', async () => {
    unitSecretary = await desktopContext(browser);
    unitPage = await unitSecretary.newPage();
    unitPage.setDefaultTimeout(15_000);
    await login(unitPage, '13800000007');
    await openPage(unitPage, '双报到', '单位共建');
    await unitPage.getByTestId('agreement-create').click();
    const dialog = unitPage.getByRole('dialog', { name: '提交共建协议' });
    await dialog.getByLabel('共建社区').fill('文献社区');
    await unitPage.locator('.ant-select-tree-node-content-wrapper', { hasText: '文献社区' }).first().click();
    await dialog.getByLabel('协议内容').fill('大理市自然资源局与文献社区结对共建：每季度开展一次政策宣讲，党员到社区报到服务，共同维护社区环境。');
    await snap(unitPage, 'admin-vol-14-agreement-form');
    await dialog.getByRole('button', { name: '提交' }).click();

    const d = drawer(unitPage);
    await d.locator('.ant-drawer-header .ant-tag', { hasText: '待社区确认' }).waitFor();
    await snap(unitPage, 'admin-vol-15-agreement-pending');
    await d.locator('.ant-drawer-close').click();
  });

  it('the community secretary confirms the agreement', async () => {
    await openPage(page, '双报到', '单位共建');
    const row = page.locator('.ant-table-row', { hasText: '大理市自然资源局' }).filter({ hasText: '待社区确认' });
    await row.waitFor();
    await row.click();
    const d = drawer(page);
    await d.getByTestId('agreement-confirm').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认共建' }).click();
    await d.locator('.ant-drawer-header .ant-tag', { hasText: '生效' }).waitFor();
    await d.getByRole('tab', { name: '记录时间线' }).click();
    await expect.poll(() => d.getByTestId('event-timeline').textContent()).toContain('社区确认，协议生效');
    await snap(page, 'admin-vol-16-agreement-confirmed');
    await d.locator('.ant-drawer-close').click();
  });

  it('the unit lists a resource under the agreement and the community claims it', async () => {
    // The renewal superseded the demo's earlier agreement: the one in force is the new one.
    await unitPage.getByRole('button', { name: '刷新' }).click();
    const newest = unitPage.locator('.ant-table-row').first();
    await expect.poll(() => newest.textContent()).toMatch(/文献社区.*生效/);
    await newest.click();
    const d = drawer(unitPage);
    await d.locator('.ant-drawer-header .ant-tag', { hasText: '生效' }).waitFor();
    await d.getByRole('tab', { name: '三张清单' }).click();
    await d.locator('.ant-segmented-item', { hasText: '资源清单' }).click();
    await d.getByTestId('agreement-add-item').click();
    const dialog = unitPage.getByRole('dialog', { name: '新增事项' });
    expect(await dialog.locator('.ant-radio-button-wrapper-checked').textContent()).toBe('资源清单');
    await dialog.getByTestId('item-title').fill(resourceTitle);
    await dialog.getByLabel('数量').fill('2');
    await dialog.getByRole('button', { name: '新增事项' }).click();
    await d.locator('.ant-table-row', { hasText: resourceTitle }).waitFor();
    await snap(unitPage, 'admin-vol-17-resource-listed');

    await page.reload();
    await page.getByRole('tab', { name: '资源清单' }).click();
    const row = page.locator('.ant-table-row', { hasText: resourceTitle });
    await row.waitFor();
    expect(await row.textContent()).toContain('待认领');
    await row.click();
    const itemDrawer = drawer(page);
    await itemDrawer.getByTestId('item-claim').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '认领' }).click();
    await itemDrawer.locator('.ant-drawer-header .ant-tag', { hasText: '已认领' }).waitFor();
    await expect.poll(() => itemDrawer.getByTestId('event-timeline').textContent()).toContain('认领事项');
    await snap(page, 'admin-vol-18-resource-claimed');
    await itemDrawer.locator('.ant-drawer-close').click();
  });

  it('the unit secretary sees which of the unit’s members have reported in', async () => {
    await unitPage.locator('.ant-drawer-open .ant-drawer-close').click();
    await openPage(unitPage, '双报到', '本单位报到');
    await unitPage.locator('.ant-input-search input').fill('李党员');
    await unitPage.locator('.ant-input-search input').press('Enter');
    const row = unitPage.locator('.ant-table-row', { hasText: '138****0003' });
    await row.waitFor();
    expect(await row.textContent()).toContain('已报到');
    expect(await row.textContent()).toContain('文献社区第1网格');
    await snap(unitPage, 'admin-vol-19-unit-members');
  });

  it('reads in English too', async () => {
    await page.locator('.ant-segmented-item', { hasText: 'EN' }).click();
    await openPage(page, 'Volunteer services', 'Service items');
    const row = await findItem(page);
    expect(await row.textContent()).toContain('Published');
    await row.click();
    await drawer(page).getByRole('tab', { name: /Roster/ }).click();
    await drawer(page).locator('.ant-table-row', { hasText: '李党员' }).waitFor();
    expect(await drawer(page).locator('.ant-table-row', { hasText: '李党员' }).textContent()).toContain('Certified');
    await snap(page, 'admin-vol-20-roster-en');
    await drawer(page).getByRole('tab', { name: 'Timeline' }).click();
    const timeline = drawer(page).getByTestId('item-timeline');
    await expect.poll(() => timeline.textContent()).toContain('李党员 claimed a place');
    expect(await timeline.textContent()).toMatch(/Hours certified: [^H]*李党员/);
    await snap(page, 'admin-vol-21-item-timeline-en');
  });
});
