import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, desktopContext, launchBrowser, screenshot, startServer, type E2EServer } from './support.js';

/**
 * The admin console journey: a prefecture admin signs in, browses the region tree down to a community,
 * finds a resident (phone masked), grants them the grid-worker role over a grid, and the API confirms it.
 */
describe('admin console: grant a role', () => {
  let server: E2EServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await desktopContext(browser);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  /** Lets antd's fades and slides finish, so the picture shows the settled screen. */
  const snap = async (p: Page, name: string) => {
    await p.waitForTimeout(700);
    await screenshot(p, name);
  };
  const treeNode = (name: string) => page.locator(`.ant-tree-treenode:has([data-region-name="${name}"])`);
  /** Opens a menu group when needed, then the page. */
  const openPage = async (group: string, label: string) => {
    const item = page.locator('.ant-menu-item', { hasText: label });
    if (!(await item.isVisible())) await page.locator('.ant-menu-submenu-title', { hasText: group }).click();
    await item.click();
  };

  it('signs in with a wrong password first and sees the server error', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('手机号').fill('13800000001');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBeTruthy();
    await snap(page, 'admin-01-login-error');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-scope').waitFor();
    expect(await page.getByTestId('current-scope').textContent()).toContain('大理白族自治州');
  });

  it('browses the region tree to 大理市 › 下关街道 › 文献社区', async () => {
    // The tree opens on the admin's own scope (the prefecture); let that unfold before browsing on.
    await page.getByTestId('region-ancestors').waitFor();
    await treeNode('大理市').waitFor();
    await page.waitForTimeout(500);
    await treeNode('大理市').locator('.ant-tree-switcher').click();
    await treeNode('下关街道').waitFor();
    await page.waitForTimeout(300);
    await treeNode('下关街道').locator('.ant-tree-switcher').click();
    await page.locator('[data-region-name="文献社区"]').click();
    const ancestors = page.getByTestId('region-ancestors');
    await expect.poll(() => ancestors.textContent()).toContain('下关街道');
    expect(await ancestors.textContent()).toMatch(/大理白族自治州.*大理市.*下关街道.*文献社区/);
    await page.getByRole('cell', { name: '文献社区第1网格' }).waitFor();
    await snap(page, 'admin-02-region-tree');
  });

  it('finds 张居民 in 人员 with the phone masked and grants 网格员 over 文献社区第1网格', async () => {
    await openPage('组织与人员', '人员');
    await page.getByTestId('people-search').locator('input').fill('张居民');
    await page.getByTestId('people-search').locator('input').press('Enter');
    const row = page.locator('.ant-table-row', { hasText: '张居民' });
    await row.waitFor();
    expect(await row.textContent()).toContain('138****0006');
    expect(await page.locator('.ant-table-tbody').textContent()).not.toContain('13800000006');
    await snap(page, 'admin-03-people');

    await row.click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('person-phone').waitFor();
    expect(await drawer.getByTestId('person-phone').textContent()).toBe('138****0006');
    await drawer.getByRole('tab', { name: '角色授权' }).click();
    await drawer.getByRole('button', { name: '授予角色' }).click();

    const dialog = page.getByRole('dialog', { name: '为「张居民」授予角色' });
    await dialog.getByTestId('grant-role').click();
    await page.locator('.ant-select-item-option', { hasText: '网格员' }).click();
    await dialog.getByLabel('管辖区域').fill('文献社区第1网格');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '文献社区第1网格' }).click();
    await snap(page, 'admin-04-grant-dialog');
    await dialog.getByRole('button', { name: '授予角色' }).click();

    const granted = drawer.getByTestId('grant-list').locator('.ant-table-row', { hasText: '网格员' });
    await granted.waitFor();
    expect(await granted.textContent()).toContain('文献社区第1网格');
    await snap(page, 'admin-05-grant-listed');
  });

  it('the API holds the grant', async () => {
    const people = await (await page.request.get(`${server.url}/api/v1/users?q=${encodeURIComponent('张居民')}`)).json();
    const resident = people.items.find((u: { name: string }) => u.name === '张居民');
    const grants = await (await page.request.get(`${server.url}/api/v1/users/${resident.id}/grants`)).json();
    expect(grants.items.map((g: { role: string; scopeName: string }) => `${g.role}@${g.scopeName}`)).toContain('grid_worker@文献社区第1网格');
  });

  it('shows the grant in the audit log with its before/after', async () => {
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await openPage('系统设置', '审计日志');
    const first = page.locator('.ant-table-row', { hasText: '授予角色' }).first();
    await first.waitFor();
    await first.locator('.ant-table-row-expand-icon').click();
    await page.locator('.linli-timeline-json').first().waitFor();
    await snap(page, 'admin-06-audit-log');
  });

  it('shows the working calendar', async () => {
    await openPage('系统设置', '工作日历');
    await page.locator('.ant-table-row', { hasText: '2026' }).first().waitFor();
    await page.getByText('办公时间（北京时间）').waitFor();
    await snap(page, 'admin-07-calendar');
  });

  it('turns a resident away politely', async () => {
    const other = await desktopContext(browser);
    const p = await other.newPage();
    await p.goto(`${server.url}/admin/login`);
    await p.getByLabel('手机号').fill('13800000006');
    await p.getByLabel('密码').fill(DEMO_PASSWORD);
    await p.getByRole('button', { name: '登录' }).click();
    await p.getByText('您的账号没有管理后台权限').waitFor();
    expect(await p.getByRole('link', { name: '打开手机端' }).getAttribute('href')).toBe('/');
    await snap(p, 'admin-08-no-access');
    await other.close();
  });
});
