import { randomUUID } from 'node:crypto';
import { buildReport } from '../support/reports.ts';
import { TestSmtp } from '../support/smtp.ts';
import { startApi, type RunningApi } from './api-server.ts';
import { checkA11y } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

// Its own API (with SMTP on) and reports filed: isolated from the shared demo API.
test.use({ isolatedApi: 'email-i16' });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let smtp: TestSmtp;
let api: RunningApi;
test.beforeAll(async () => {
  smtp = await TestSmtp.started();
  api = await startApi({ SMTP_URL: smtp.url, DELIVERY_INTERVAL_MS: '200' });
});
test.afterAll(async () => {
  await api?.stop();
  await smtp?.stop();
});

async function fileIssue(title: string) {
  const observer = await ServerClient.signIn(api.url, 'observer');
  await observer.post(
    '/api/reports',
    buildReport({
      issues: [
        { id: randomUUID(), title, detail: 'Chi tiết', category: 'dat_dai', urgency: 'normal' },
      ],
    }),
  );
}

test('staff choose email in the options page; the admin sees what was sent and what failed', async ({
  context,
  extensionId,
  snap,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.page.setViewportSize({ width: 400, height: 900 });
  await options.setApiAddress(api.url);
  await options.signIn('commune', 'demo1234');
  const section = options.page.getByTestId('email-settings');
  await expect(section).toBeVisible({ timeout: 20_000 });
  // Members' option is not offered to staff.
  await expect(section.getByLabel(/kiến nghị tôi nêu/)).toHaveCount(0);
  await section.getByLabel(/Gửi thư ngay/).check();
  await section.getByRole('button', { name: 'Lưu cài đặt thư' }).click();
  await expect(section.getByText('Nhập địa chỉ thư để nhận thông báo').first()).toBeVisible();
  await expect(section.getByLabel('Địa chỉ thư')).toHaveAttribute('aria-invalid', 'true');
  await snap(options.page, 'i16-options-email-error');
  await section.getByLabel('Địa chỉ thư').fill('binh@example.vn');
  await section.getByLabel(/tổng hợp hằng ngày/i).check();
  await section.getByLabel(/Giờ gửi thư tổng hợp/).selectOption('17');
  await section.getByRole('button', { name: 'Lưu cài đặt thư' }).click();
  await expect(section.getByText('Đã lưu cài đặt thư.')).toBeVisible();
  await checkA11y(options.page, 'i16-options-email');
  await snap(options.page, 'i16-options-email');

  // An issue routed to the commune: one mail arrives.
  await fileIssue('Đường bê tông xóm 1 bị sụt lún');
  await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(1);
  expect(smtp.mails[0]!.parsed.subject).toBe('Kiến nghị mới: Đường bê tông xóm 1 bị sụt lún');
  // The server goes away: the next one waits with its error.
  await smtp.stop();
  await fileIssue('Ô nhiễm nguồn nước giếng khoan');

  const ws = await WorkspacePage.open(context, extensionId, '#/admin-deliveries');
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  // Still signed in as the commune's staff (one session per browser): change to the admin.
  await ws.signOut();
  await ws.signIn('admin');
  const table = ws.page.getByTestId('deliveries-table');
  await expect(table.locator('tr[data-status="pending"]')).toBeVisible({ timeout: 30_000 });
  await expect(async () => {
    await ws.page
      .getByRole('button', { name: 'Tải lại' })
      .click({ timeout: 1_000 })
      .catch(() => {});
    await ws.page.reload();
    await expect(table.locator('tr[data-status="pending"]')).toContainText('ECONNREFUSED', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
  const sent = table.locator('tr[data-status="delivered"]');
  await expect(sent).toContainText('Kiến nghị mới: Đường bê tông xóm 1 bị sụt lún');
  await expect(sent).toContainText('Trần Thị Bình <binh@example.vn>');
  await expect(sent).toContainText('Đã gửi');
  for (const cell of await table.locator('tbody td').allInnerTexts())
    expect(cell).not.toMatch(UUID);
  await checkA11y(ws.page, 'i16-admin-deliveries');
  await snap(ws.page, 'i16-admin-deliveries');

  // Filtered by status through the address (the webhooks page links here the same way).
  await ws.page.goto(ws.page.url().replace(/#.*$/, '#/admin-deliveries?status=delivered'));
  await ws.page.reload();
  await expect(ws.page.getByLabel('Trạng thái')).toHaveValue('delivered');
  await expect(table.locator('tbody tr')).toHaveCount(1, { timeout: 20_000 });

  // Send again once the server is back: the row turns delivered.
  await smtp.start();
  await ws.page.getByLabel('Trạng thái').selectOption('pending');
  await ws.page.getByRole('button', { name: /^Gửi lại: / }).click();
  await expect(ws.page.getByText(/vào hàng gửi lại/)).toBeVisible();
  await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(2);
});
