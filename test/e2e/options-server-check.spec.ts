import { freePort } from './api-server.ts';
import { checkA11y } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';

// Issue 16: "Kiểm tra kết nối" next to the server address on the options page, the same check as
// the side panel's sign-in (GET /health); it tests what is typed and saves nothing.
test('options: "Kiểm tra kết nối" tests the typed address, names the server, saves nothing', async ({
  context,
  extensionId,
  api,
  snap,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  const address = page.getByLabel('Địa chỉ máy chủ');
  const check = page.getByRole('button', { name: 'Kiểm tra kết nối' });
  const result = page.getByTestId('server-check');
  await expect(check).toBeVisible();
  const saved = await address.inputValue();

  const dead = `http://127.0.0.1:${await freePort()}`;
  await address.fill(dead);
  await check.click();
  await expect(result).toContainText(`Không kết nối được tới ${dead}`);
  await expect(result).toHaveAttribute('role', 'alert');
  await snap(page, 'options-server-check-unreachable');
  await checkA11y(page, 'options-server-check-unreachable');

  await address.fill('http://duhop.example.vn');
  await check.click();
  await expect(page.getByText('Chỉ chấp nhận địa chỉ https://')).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');

  await address.fill(api.url);
  await check.click();
  await expect(result).toContainText('Kết nối được: Dự họp phiên bản');
  await expect(result).toHaveAttribute('role', 'status');
  await snap(page, 'options-server-check-connected');
  await checkA11y(page, 'options-server-check-connected');
  // Nothing saved by the check: a reload shows the address saved before.
  await page.reload();
  await expect(page.getByLabel('Địa chỉ máy chủ')).toHaveValue(saved);
});
