import type { Locator, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReport } from '../support/reports.ts';
import { type Allowance, checkA11y } from './axe.ts';
import { startApi, type RunningApi } from './api-server.ts';
import { expect, SCREENS_DIR, test as base } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { fileReport } from './pages/filing.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

/**
 * Every screen of the product, in Vietnamese, in the built extension against the real API: the
 * side panel at 400 px, the workspace at 1366 px. Each screen is axe-checked (no critical or
 * serious violation, an `<h1>`; moderate and minor counts printed) and kept as a screenshot in
 * test/e2e/results/screens/a11y-*.png.
 */

/**
 * This file files reports and acts on issues in cells other specs expect untouched: it has an API
 * (fresh PGlite) of its own, so Playwright runs it in a worker of its own.
 */
const test = base.extend<object, { api: RunningApi }>({
  api: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's first parameter and requires an object pattern, even when no other fixture is used
    async ({}, use) => {
      const api = await startApi();
      await use(api);
      await api.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

const PANEL = { width: 400, height: 800 };
const WORKSPACE = { width: 1366, height: 900 };

/**
 * The inbox's rows are `role="option"` holding a checkbox and a link (axe: nested-interactive).
 * The inbox is being rebuilt as a table (issue 15), which removes the listbox; until then that rule
 * is not asserted inside the inbox list (it is still counted in axe-<name>.json).
 */
const INBOX: Allowance[] = [
  {
    rule: 'nested-interactive',
    within: '.inbox-list',
    why: 'inbox rows as listbox options, rebuilt as a table in issue 15',
  },
];

/** A screenshot of the page (full length) or of one part of it, under results/screens. */
async function shot(target: Page | Locator, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `a11y-${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot({ path });
}

/** Screenshot and axe of one screen. */
async function screen(page: Page, name: string, allow?: Allowance[]): Promise<void> {
  await settled(page);
  await shot(page, name);
  await checkA11y(page, name, { allow });
}

/** Lets the page settle: no `aria-busy` region left loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"], .state--loading')).toHaveCount(0, {
    timeout: 20_000,
  });
}

test('side panel at 400 px: sign-in, home, each form section with its errors, report, my issues, options', async ({
  context,
  extensionId,
  relay,
}) => {
  test.setTimeout(300_000);
  await OptionsPage.useApi(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  const page = panel.page;
  await page.setViewportSize(PANEL);
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
  await screen(page, 'panel-sign-in');

  await panel.signIn('observer');
  await panel.expectCellStatus('hn-xom-1', 'none');
  await screen(page, 'panel-home');

  // An empty form with every problem shown: one summary is announced, not one alert per field.
  const form = await panel.startReport('hn-xom-1');
  await form.showAllErrors();
  // Dozens of fields in error, none of them a live region: the score bar's status says how many.
  expect(await page.locator('.field .errors').count()).toBeGreaterThan(10);
  await expect(page.locator('.field [role="alert"]')).toHaveCount(0);
  await expect(page.locator('.score-bar [role="status"]')).toHaveText(/^Còn \d+ mục/);
  const sections = page.locator(
    'form#report-form fieldset.section:not(fieldset.section fieldset.section)',
  );
  const names = ['meeting', 'attendance', 'criteria', 'suggestions', 'issues'];
  await expect(sections).toHaveCount(names.length);
  await settled(page);
  await checkA11y(page, 'panel-form-errors');
  for (const [i, name] of names.entries()) {
    await sections.nth(i).scrollIntoViewIfNeeded();
    await shot(sections.nth(i), `panel-form-${name}-errors`);
  }

  // Filled in, with an issue: each section again.
  await form.fillConsistent({
    suggestions: 'Chi bộ cần bám sát nghị quyết của Đảng ủy xã.',
    issue: {
      title: 'Đường vào xóm 1 bị sạt lở',
      detail: 'Đoạn 50 m gần cầu, xe máy đi lại nguy hiểm.',
      category: 'Hạ tầng – giao thông',
    },
  });
  await settled(page);
  await checkA11y(page, 'panel-form-filled');
  for (const [i, name] of names.entries()) {
    await sections.nth(i).scrollIntoViewIfNeeded();
    await shot(sections.nth(i), `panel-form-${name}`);
  }
  await shot(page, 'panel-form-filled');
  await panel.submitReport(form, 'hn-xom-1');
  await screen(page, 'panel-home-submitted');

  await panel.openSubmitted('Chi bộ xóm 1');
  await screen(page, 'panel-report-view');

  await panel.openMyIssues();
  await screen(page, 'panel-my-issues');

  const options = await OptionsPage.open(context, extensionId);
  await options.page.setViewportSize(PANEL);
  await expect(options.page.getByRole('heading', { name: /Đã đăng nhập/ })).toBeVisible();
  await screen(options.page, 'options-signed-in');
});

test('options page before sign-in at 400 px', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.page.setViewportSize(PANEL);
  await expect(options.page.getByLabel('Địa chỉ máy chủ')).toBeVisible();
  await screen(options.page, 'options');
});

test('forced password change (a temporary password): its title is the one <h1> of the panel and of the workspace', async ({
  context,
  extensionId,
  api,
  relay,
}) => {
  const admin = await ServerClient.signIn(api.url, 'admin');
  const users = await admin.get<{ items: { id: string; username: string }[] }>(
    '/api/admin/users?limit=200',
  );
  const user = users.items.find((u) => u.username === 'observer3')!;
  await admin.post(`/api/admin/users/${user.id}/reset-password`, {
    temporaryPassword: 'tam-thoi-01',
  });
  await OptionsPage.useApi(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  await panel.page.setViewportSize(PANEL);
  await panel.page.getByLabel('Tên đăng nhập').fill('observer3');
  await panel.page.getByLabel('Mật khẩu').fill('tam-thoi-01');
  await panel.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(panel.page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' })).toBeVisible();
  await screen(panel.page, 'panel-password-required');

  const ws = await WorkspacePage.open(context, extensionId, '#/inbox');
  await ws.page.setViewportSize(WORKSPACE);
  await expect(ws.page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' })).toBeVisible();
  await screen(ws.page, 'ws-password-required');
});

/** Opens the forms of the issue's actions one by one (the one-click ones are only pressed later). */
async function actionForms(ws: WorkspacePage, prefix: string): Promise<string[]> {
  const buttons = ws.issueView().locator('.action-buttons button[aria-expanded]');
  const actions: string[] = [];
  for (let i = 0; i < (await buttons.count()); i++) {
    const button = buttons.nth(i);
    const action = (await button.getAttribute('data-action'))!;
    actions.push(action);
    await button.click();
    await expect(ws.actionForm()).toBeVisible();
    await screen(ws.page, `${prefix}-action-${action}`);
    // The form's errors, as a user who confirms too early sees them.
    await ws.actionForm().getByRole('button', { name: 'Xác nhận' }).click();
    // One polite summary; the first wrong field takes the focus and reads its own error.
    await expect(ws.actionForm().getByRole('status')).toHaveText(/cần sửa/);
    await expect(ws.actionForm().locator('[aria-invalid="true"]').first()).toBeFocused();
    await expect(ws.actionForm().locator('[role="alert"]')).toHaveCount(0);
    await shot(ws.actionForm(), `${prefix}-action-${action}-errors`);
    await checkA11y(ws.page, `${prefix}-action-${action}-errors`);
    await button.click();
    await expect(ws.actionForm()).toHaveCount(0);
  }
  return actions;
}

test('commune staff at 1366 px: sign-in, inbox, issue view, every action form, templates, synthesis, compliance, assignments, year', async ({
  context,
  extensionId,
  api,
  relay,
}) => {
  test.setTimeout(300_000);
  await fileReport(api.url, { cellId: 'hn-xom-2' });
  await OptionsPage.useApi(context, extensionId, relay.url);
  const ws = await WorkspacePage.open(context, extensionId, '#/inbox');
  const page = ws.page;
  await page.setViewportSize(WORKSPACE);
  await expect(page.locator('#w-signin-user')).toBeVisible();
  await screen(page, 'ws-sign-in');

  await ws.signIn('commune');
  await expect(ws.rows().first()).toBeVisible({ timeout: 20_000 });
  await screen(page, 'ws-inbox-commune', INBOX);

  await ws.rows().first().locator('a.title').click();
  await expect(ws.issueView()).toBeVisible();
  await screen(page, 'ws-issue-routed');
  const before = await actionForms(ws, 'ws-routed');
  expect(before.length).toBeGreaterThan(0);
  // After an action the next issue of the list opens: come back to this one.
  const issueUrl = page.url();
  await ws.action('Tiếp nhận');
  await expect
    .poll(
      async () =>
        page.url() !== issueUrl ||
        (await page.getByTestId('issue-status').textContent()) === 'Đã tiếp nhận',
    )
    .toBe(true);
  if (page.url() !== issueUrl) await page.goto(issueUrl);
  await ws.expectStatus('Đã tiếp nhận');
  await screen(page, 'ws-issue-acknowledged');
  const after = await actionForms(ws, 'ws-acknowledged');
  expect(after).toContain('resolve');

  for (const [hash, name] of [
    ['#/templates', 'templates'],
    ['#/synthesis', 'synthesis'],
    ['#/compliance', 'compliance'],
    ['#/assignments', 'assignments'],
    ['#/year', 'year'],
  ] as const) {
    await page.goto(page.url().replace(/#.*$/, hash));
    await expect(page.locator('h1').first()).toBeVisible();
    await screen(page, `ws-${name}-commune`);
  }
});

test('province staff and admin at 1366 px: inbox, issue view and every admin page', async ({
  context,
  extensionId,
  api,
  relay,
}) => {
  test.setTimeout(300_000);
  // An urgent public-order issue: the rules route it to Ban Nội chính Tỉnh ủy (user "province").
  await fileReport(api.url, {
    cellId: 'hn-xom-1',
    issues: [
      ...buildReport().issues,
      {
        id: randomUUID(),
        title: 'Tụ tập đánh bạc tại bãi sông xóm 1',
        detail: 'Nhiều đêm liền, đề nghị lực lượng chức năng xử lý.',
        category: 'an_ninh_trat_tu',
        urgency: 'urgent',
      },
    ],
  });
  await OptionsPage.useApi(context, extensionId, relay.url);
  const ws = await WorkspacePage.open(context, extensionId, '#/inbox');
  const page = ws.page;
  await page.setViewportSize(WORKSPACE);
  await ws.signIn('admin');
  await expect(page.locator('h1').first()).toBeVisible();
  await screen(page, 'ws-inbox-admin', INBOX);

  for (const [hash, name] of [
    ['#/admin-users', 'admin-users'],
    ['#/admin-org', 'admin-org'],
    ['#/admin-rules', 'admin-rules'],
    ['#/admin-criteria', 'admin-criteria'],
    ['#/admin-audit', 'admin-audit'],
    ['#/assignments', 'assignments-admin'],
    ['#/synthesis', 'synthesis-admin'],
  ] as const) {
    await page.goto(page.url().replace(/#.*$/, hash));
    await expect(page.locator('h1').first()).toBeVisible();
    await screen(page, `ws-${name}`);
  }
  // The admin's forms open: a new account, a unit's edit form, the rule tester.
  await page.goto(page.url().replace(/#.*$/, '#/admin-users'));
  const user = page.locator('[data-user="truongban"]');
  await expect(user).toBeVisible({ timeout: 20_000 });
  await user.getByRole('button', { name: 'Sửa truongban' }).click();
  await screen(page, 'ws-admin-users-edit');
  // An admin form's errors: a polite count, the field's own error linked to it.
  const edit = page.locator('form').filter({ has: page.getByLabel('Họ và tên') });
  await edit.getByLabel('Họ và tên').fill('');
  await edit.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(edit.locator('[data-error-summary]')).toHaveText(/Có 1 ô cần sửa/);
  await expect(edit.getByLabel('Họ và tên')).toHaveAttribute('aria-invalid', 'true');
  await shot(edit, 'ws-admin-users-edit-errors');
  await checkA11y(page, 'ws-admin-users-edit-errors');

  await ws.signOut();
  await ws.signIn('province');
  await expect(page.locator('h1').first()).toBeVisible();
  await screen(page, 'ws-inbox-province', INBOX);
  await expect(ws.rows().first()).toBeVisible({ timeout: 20_000 });
  await ws.rows().first().locator('a.title').click();
  await expect(ws.issueView()).toBeVisible();
  await screen(page, 'ws-issue-province');
});
