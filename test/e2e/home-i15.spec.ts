import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { buildReport } from '../support/reports.ts';
import { freePort } from './api-server.ts';
import { checkA11y } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { ServerClient } from './server-client.ts';
import { endedMeetingThisMonth } from './pages/filing.ts';

// Issue 15, the side panel's last parts: home shows what waits on the member first, and a first
// run reaches the server address from the sign-in screen. Reports and actions on the demo data:
// a worker and an API of its own.
test.use({ isolatedApi: 'home-i15' });

const PANEL = { width: 400, height: 800 };
const NARROW = { width: 360, height: 740 };

/** axe at 400 px and at 360 px on the screen as it stands. */
async function a11yBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PANEL);
  await checkA11y(page, `${name}-400`);
  await page.setViewportSize(NARROW);
  await checkA11y(page, `${name}-360`);
  await page.setViewportSize(PANEL);
}

/** A server that answers JSON, with CORS, but is not duhop. */
async function otherServer(): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const server = createServer((req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': req.headers.origin ?? '*',
    });
    res.end(JSON.stringify({ status: 'ok', hello: 'world' }));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, server };
}

test('first run: the sign-in screen asks for the server, tests a wrong, a foreign and the right address, then signs in', async ({
  context,
  extensionId,
  api,
  snap,
}) => {
  const panel = await PanelPage.open(context, extensionId);
  const page = panel.page;
  await page.setViewportSize(PANEL);
  await expect(page.getByRole('heading', { name: 'Đăng nhập', level: 1 })).toBeVisible();
  // No address chosen yet: the field is there at once, before the password.
  await expect(page.getByText('Chưa có địa chỉ máy chủ.')).toBeVisible();
  const address = page.getByLabel('Địa chỉ máy chủ');
  const check = page.getByRole('button', { name: 'Kiểm tra kết nối' });
  const result = page.getByTestId('server-check');

  // Nothing listens there.
  const dead = `http://127.0.0.1:${await freePort()}`;
  await address.fill(dead);
  await check.click();
  await expect(result).toContainText(`Không kết nối được tới ${dead}`);
  await expect(result).toHaveAttribute('role', 'alert');
  await snap(page, 'home-i15-signin-unreachable');
  await a11yBothWidths(page, 'panel-first-run-unreachable');

  // Plain http:// to another computer is refused before anything is sent.
  await address.fill('http://duhop.example.vn');
  await check.click();
  await expect(page.getByText('Chỉ chấp nhận địa chỉ https://')).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');

  // Something answers, but not duhop.
  const other = await otherServer();
  try {
    await address.fill(other.url);
    await check.click();
    await expect(result).toContainText('không phải máy chủ Dự họp');
  } finally {
    other.server.close();
  }

  // The right one: named with its version, saved, and the focus goes to the user name.
  await address.fill(`${api.url}/`);
  await check.click();
  await expect(result).toContainText('Kết nối được: Dự họp phiên bản');
  await expect(result).toContainText('Đã lưu địa chỉ');
  await expect(page.locator('#signin-user')).toBeFocused();
  await snap(page, 'home-i15-signin-connected');
  await a11yBothWidths(page, 'panel-first-run-connected');
  await page.getByLabel('Tên đăng nhập').fill('observer');
  await page.getByLabel('Mật khẩu').fill('demo1234');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(panel.cell('hn-xom-1')).toBeVisible();

  // Saved where the options page keeps it.
  const options = await OptionsPage.open(context, extensionId);
  await expect(options.page.getByLabel('Địa chỉ máy chủ')).toHaveValue(api.url);
});

test('a saved address that cannot be reached: signing in opens the address, the right one then signs in', async ({
  context,
  extensionId,
  api,
  snap,
}) => {
  const dead = `http://127.0.0.1:${await freePort()}`;
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(dead);
  await options.page.close();
  const panel = await PanelPage.open(context, extensionId);
  const page = panel.page;
  await page.setViewportSize(PANEL);
  // Chosen already: one line, the field closed.
  await expect(page.getByText(`Máy chủ: ${dead}`)).toBeVisible();
  await expect(page.getByLabel('Địa chỉ máy chủ')).toHaveCount(0);
  await page.getByLabel('Tên đăng nhập').fill('observer');
  await page.getByLabel('Mật khẩu').fill('demo1234');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByText('Không kết nối được máy chủ')).toBeVisible();
  const address = page.getByLabel('Địa chỉ máy chủ');
  await expect(address).toBeFocused();
  await snap(page, 'home-i15-signin-reach-failed');
  await a11yBothWidths(page, 'panel-sign-in-reach-failed');
  await address.fill(api.url);
  await page.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(page.getByTestId('server-check')).toContainText('Kết nối được');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(panel.cell('hn-xom-1')).toBeVisible();
});

test('home: an issue returned for clarification comes first, then the reports owed; one click to clarify; offline from the cache', async ({
  context,
  extensionId,
  api,
  snap,
}) => {
  // The member's report on hn-xom-2 with one issue, which the commune returns for clarification.
  const title = `Cống ngõ ${randomUUID().slice(0, 6)} tắc`;
  const observer = await ServerClient.signIn(api.url, 'observer');
  await observer.post(
    '/api/reports',
    buildReport({
      cellId: 'hn-xom-2',
      ...endedMeetingThisMonth(),
      issues: [
        {
          id: randomUUID(),
          title,
          detail: 'Nước tràn vào nhà dân khi mưa.',
          category: 'ha_tang_giao_thong',
          urgency: 'normal',
        },
      ],
    }),
  );
  const mine = await observer.get<{ items: { id: string; title: string }[] }>('/api/my/issues');
  const issueId = mine.items.find((i) => i.title === title)!.id;
  const commune = await ServerClient.signIn(api.url, 'commune');
  const issue = await commune.get<{ version: number }>(`/api/issues/${issueId}`);
  await commune.post(`/api/issues/${issueId}/actions`, {
    type: 'return_for_clarification',
    note: 'Ngõ nào, thuộc xóm nào?',
    expectedVersion: issue.version,
  });

  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(api.url);
  await options.signIn('observer', 'demo1234');
  await options.page.close();
  const panel = await PanelPage.open(context, extensionId);
  const page = panel.page;
  await page.setViewportSize(PANEL);
  const waiting = page.getByTestId('waiting');
  const items = waiting.locator('[data-waiting]');
  await expect(items.first()).toHaveAttribute('data-issue', issueId);
  await expect(items.first()).toContainText(title);
  await expect(items.first()).toContainText('cần làm rõ');
  // Then the reports owed this month (hn-xom-2's is sent: not among them).
  await expect(items.nth(1)).toHaveAttribute('data-waiting', 'report');
  await expect(
    waiting.locator('[data-waiting="report"][data-waiting-cell="hn-xom-2"]'),
  ).toHaveCount(0);
  await expect(
    waiting.locator('[data-waiting="report"][data-waiting-cell="hn-xom-1"]'),
  ).toBeVisible();
  // Before the drafts and the history: the section comes before the cells, drafts and reports.
  const order = await page
    .locator('[data-testid="waiting"], #h-drafts, #h-submitted, .cells')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? e.id ?? e.className));
  expect(order[0]).toBe('waiting');
  await snap(page, 'home-i15-waiting');
  await a11yBothWidths(page, 'panel-home-waiting');

  // Offline: the same list from the cache, with when it was fetched.
  await context.setOffline(true);
  await page.reload();
  await expect(items.first()).toHaveAttribute('data-issue', issueId);
  await expect(page.getByTestId('waiting-updated')).toHaveText(
    /^cập nhật lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
  );
  await snap(page, 'home-i15-waiting-offline');
  await context.setOffline(false);
  await page.reload();
  await expect(items.first()).toHaveAttribute('data-issue', issueId);

  // One click: the issue's card, its clarification action focused.
  await items
    .first()
    .getByRole('link', { name: `Làm rõ: ${title}` })
    .click();
  const card = page.locator(`[data-my-issue="${issueId}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByRole('button', { name: 'Trả lời làm rõ' })).toBeFocused();
  await snap(page, 'home-i15-clarify');

  // A report owed: one click starts it.
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html#/`);
  await waiting
    .locator('[data-waiting="report"][data-waiting-cell="hn-xom-1"]')
    .getByRole('button', { name: /Viết báo cáo/ })
    .click();
  await expect(page.locator('#f-start')).toBeEditable();
});
