import { WebhookReceiver } from '../support/webhook-receiver.ts';
import { checkA11y } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

// Issue 16: the admin's "Webhook" page — add an endpoint with its events, the secret shown once,
// "Gửi sự kiện thử" against a real receiver (delivered, then refused), the delivery log.
test.use({ isolatedApi: 'webhooks-i16' });

const WORKSPACE = { width: 1366, height: 900 };
const PANEL = { width: 400, height: 800 };

test('the admin registers a webhook, copies its secret once, sends test events and reads the log', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  const receiver = await new WebhookReceiver().listen();
  try {
    const options = await OptionsPage.open(context, extensionId);
    await options.setApiAddress(relay.url);
    await options.page.close();
    const ws = await WorkspacePage.open(context, extensionId, '#/admin-webhooks');
    const page = ws.page;
    await page.setViewportSize(WORKSPACE);
    await ws.signIn('admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Webhook' })).toBeVisible();
    await expect(page.getByText('Tỉnh chưa có webhook nào.')).toBeVisible();

    // A URL with a password: refused by the server, the error under the field.
    await page.getByRole('button', { name: 'Thêm webhook' }).click();
    const form = page.getByRole('form', { name: 'Thêm webhook' });
    await form.getByLabel('Tên').fill('Hệ thống một cửa tỉnh');
    await form.getByLabel('Địa chỉ nhận (URL)').fill('https://ten:matkhau@mot-cua.example.vn/hook');
    await form.getByLabel('Kiến nghị được tiếp nhận').check();
    await form.getByRole('button', { name: 'Tạo' }).click();
    await expect(form.getByLabel('Địa chỉ nhận (URL)')).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('Không ghi tên đăng nhập hay mật khẩu trong địa chỉ');
    await snap(page, 'webhooks-form-error');
    await checkA11y(page, 'webhooks-form-error');

    await form.getByLabel('Địa chỉ nhận (URL)').fill(receiver.url);
    await form.getByRole('button', { name: 'Tạo' }).click();

    // The secret, once, with a copy button.
    const dialog = page.getByRole('dialog', { name: 'Khóa bí mật của “Hệ thống một cửa tỉnh”' });
    await expect(dialog).toBeVisible();
    const secret = await dialog.getByTestId('webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    await dialog.getByRole('button', { name: 'Sao chép' }).click();
    await expect(dialog.getByRole('status')).toHaveText(/Đã sao chép|Không sao chép được/);
    await snap(page, 'webhooks-secret-once');
    await checkA11y(page, 'webhooks-secret-once');
    await dialog.getByRole('button', { name: 'Đã lưu khóa' }).click();
    await expect(dialog).toBeHidden();

    const row = page.locator('[data-webhook="Hệ thống một cửa tỉnh"]');
    await expect(row).toContainText('Kiến nghị được chuyển đến');
    await expect(row).toContainText('Kiến nghị được tiếp nhận');
    await expect(row).toContainText(`…${secret.slice(-4)}`);
    await expect(page.locator('body')).not.toContainText(secret);

    // A test event, delivered; then one the receiver refuses.
    await row.getByRole('button', { name: 'Gửi sự kiện thử' }).click();
    await expect(page.getByText(/Gửi thử thành công: HTTP 200 sau \d+ ms\./)).toBeVisible();
    expect(receiver.received.map((r) => r.json.type)).toEqual(['webhook.test']);
    receiver.script = [{ status: 500, body: 'Hệ thống nhận đang bảo trì' }];
    await row.getByRole('button', { name: 'Gửi sự kiện thử' }).click();
    await expect(page.getByText('Gửi thử không thành công: HTTP 500')).toBeVisible();

    // The log: newest first, status, HTTP code, attempts, error, time dd/mm/yyyy HH:mm.
    await row.getByRole('button', { name: 'Nhật ký gửi' }).click();
    const log = page.getByTestId('webhook-log');
    await expect(log.locator('tbody tr')).toHaveCount(2);
    await expect(log.locator('tbody tr').nth(0)).toContainText('Thất bại');
    await expect(log.locator('tbody tr').nth(0)).toContainText('500');
    await expect(log.locator('tbody tr').nth(0)).toContainText('HTTP 500');
    await expect(log.locator('tbody tr').nth(1)).toContainText('Đã gửi');
    await expect(log.locator('tbody tr').nth(1)).toContainText('Sự kiện thử');
    await expect(log.locator('tbody tr').nth(1).locator('td').first()).toHaveText(
      /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/,
    );
    await log.locator('tbody tr').nth(0).getByText('Phản hồi').click();
    // A failed one can be sent again from here (the outbox's retry): it waits for the worker.
    await log.locator('tbody tr').nth(0).getByRole('button', { name: 'Gửi lại' }).click();
    await expect(log.locator('tbody tr').nth(0)).toContainText(/Đang chờ|Đã gửi/);
    await expect(log).toContainText('Hệ thống nhận đang bảo trì');
    await log.locator('tbody tr').nth(1).getByText('Phản hồi').click();
    await snap(page, 'webhooks-log-1366');
    await checkA11y(page, 'webhooks-log-1366');

    // Narrow (400 px): the same page still reads, and stays axe-clean.
    await page.setViewportSize(PANEL);
    await snap(page, 'webhooks-log-400');
    await checkA11y(page, 'webhooks-log-400');

    // Switched off from its edit form: shown as off, and the test button is disabled.
    await page.setViewportSize(WORKSPACE);
    await row.getByRole('button', { name: 'Sửa Hệ thống một cửa tỉnh' }).click();
    await page.getByLabel('Bật (gửi sự kiện)').uncheck();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page.getByText('Đã lưu webhook “Hệ thống một cửa tỉnh”')).toBeVisible();
    await expect(row).toContainText('Đã tắt');
    await expect(row.getByRole('button', { name: 'Gửi sự kiện thử' })).toBeDisabled();
  } finally {
    await receiver.close();
  }
});
