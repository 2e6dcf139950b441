import type { Page } from '@playwright/test';
import { startApi, type RunningApi } from './api-server.ts';
import { test as base, expect } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';

// Issue 15, side panel: the form tells the member the truth. Where an issue goes is computed with
// the province's real routing rules (or "Máy chủ sẽ xác định" offline without them); contradicting
// counts show no figure; no band before every item is scored; after "Gửi báo cáo" the member is
// told where each issue went, or that it will go once online. Screens at 400 px.

// An API of its own (a separate worker): the other specs file reports for the same cells this
// month, and a cell with a report has no "Viết báo cáo" any more.
const test = base.extend<object, { api: RunningApi }>({
  api: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's first parameter and requires an object pattern
    async ({}, use) => {
      const api = await startApi();
      await use(api);
      await api.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

async function signIn(
  context: Parameters<typeof OptionsPage.open>[0],
  extensionId: string,
  url: string,
) {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(url);
  await options.signIn('observer', 'demo1234');
  await options.page.close();
}

/** The keys of the panel's cache (IndexedDB), read without Dexie. */
function cachedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('duhop');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('cache').objectStore('cache').getAllKeys();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result.map(String));
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Forgets the cached routing rules, as on a device that never fetched them. */
async function forgetRules(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('duhop');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('cache', 'readwrite');
          tx.objectStore('cache').delete('routingRules');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test('the form shows the real routing, honest figures and no band too early; after sending, where each issue went', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  await signIn(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  await panel.page.setViewportSize({ width: 400, height: 800 });
  const form = await panel.startReport('hn-xom-1');
  const page = panel.page;

  // An empty form is not "Kém": nothing is scored yet.
  await expect(page.getByTestId('band')).toContainText('Chưa chấm');
  await expect(form.scoreBar()).not.toContainText('Kém');

  // 23 present of 20: no rate, no "Đạt", the figures say they cannot be computed.
  await form.setAttendance({
    total: 20,
    exempted: 0,
    present: 23,
    absentWithReason: 0,
    absentWithoutReason: 0,
    speakers: 10,
  });
  await expect(form.fieldErrors('f-att-present')).toContainText('không được vượt quá 20');
  await expect(form.attendanceFacts()).toContainText('Tỷ lệ dự: —');
  await expect(form.attendanceFacts()).toContainText('số liệu chưa khớp');
  await expect(form.attendanceFacts()).not.toContainText('130');
  await expect(form.attendanceFacts()).not.toContainText('Đạt');
  await expect(page.locator('.computed .ok')).toHaveCount(0);
  await snap(page, 'i15-panel-attendance-contradiction');

  // An urgent "An ninh trật tự" issue: the rules send it to Ban Nội chính, and the form says so.
  await form.addIssue({
    title: 'Trộm cắp xe máy ban đêm',
    detail: 'Ba vụ trong tháng ở xóm 1.',
    category: 'An ninh trật tự',
    urgency: 'Khẩn',
  });
  await form.addIssue({
    title: 'Đường liên xóm xuống cấp',
    detail: 'Đoạn 300 m nhiều ổ gà.',
    category: 'Hạ tầng – giao thông',
  });
  const body = form.issue(0).getByLabel('Cơ quan chịu trách nhiệm');
  await expect(body.locator('option').first()).toHaveText(
    'Theo quy tắc phân loại: Ban Nội chính Tỉnh ủy',
  );
  await expect(
    form.issue(1).getByLabel('Cơ quan chịu trách nhiệm').locator('option').first(),
  ).toHaveText('Theo quy tắc phân loại: Đảng ủy xã Hưng Nguyên');

  // The picker: the commune's committee and offices, then the provincial bodies; no other
  // commune's office, no cell.
  await expect(body.locator('optgroup')).toHaveCount(2);
  await expect(body.locator('optgroup').nth(0)).toHaveAttribute('label', 'Cấp xã');
  await expect(body.locator('optgroup').nth(1)).toHaveAttribute('label', 'Cấp tỉnh');
  await expect(body.locator('optgroup option')).toHaveCount(22);
  await expect(body.locator('option[value="truong-vinh-kt"]')).toHaveCount(0);
  await expect(body.locator('option[value="hn-xom-1"]')).toHaveCount(0);
  await expect(body.locator('option[value="na-sgddt"]')).toHaveCount(1);
  // Searchable, accents optional.
  const search = form.issue(0).getByLabel('Tìm cơ quan');
  await search.fill('noi chinh');
  await expect(body.locator('optgroup option')).toHaveCount(1);
  await expect(body.locator('optgroup option')).toHaveText('Ban Nội chính Tỉnh ủy');
  await expect(form.issue(0)).toContainText('1 cơ quan khớp');
  await snap(page, 'i15-panel-issue-routing');
  await search.fill('');
  await expect(body.locator('optgroup option')).toHaveCount(22);

  // Consistent counts: the rate is back, green; every item scored: a band.
  await form.fillConsistent();
  await expect(form.attendanceFacts()).toContainText('100');
  await expect(form.attendanceFacts()).toContainText('Đạt yêu cầu');
  await expect(page.getByTestId('band')).not.toContainText('Chưa chấm');
  await expect(form.submitButton()).toBeEnabled();

  // Sent: home names where each issue went, from the server's answer.
  await form.submitButton().click();
  const sent = page.locator('[data-sent]');
  await expect(sent).toHaveAttribute('data-sent', 'sent');
  await expect(sent.getByRole('heading', { name: 'Đã gửi báo cáo' })).toBeVisible();
  const lines = sent.locator('[data-sent-issue]');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText('Trộm cắp xe máy ban đêm');
  await expect(lines.nth(0)).toContainText('Đã chuyển đến Ban Nội chính Tỉnh ủy');
  await expect(lines.nth(0)).toContainText(/hạn tiếp nhận \d{2}\/\d{2}\/\d{4}/);
  await expect(lines.nth(0)).toContainText(/hạn trả lời \d{2}\/\d{2}\/\d{4}/);
  await expect(lines.nth(1)).toContainText('Đã chuyển đến Đảng ủy xã Hưng Nguyên');
  await panel.expectCellStatus('hn-xom-1', 'submitted');
  await snap(page, 'i15-panel-sent');
  await sent.getByRole('button', { name: 'Đóng' }).click();
  await expect(sent).toHaveCount(0);
});

test('offline without cached rules the form says the server will decide; a queued report says its issues go once online', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  await signIn(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  await panel.page.setViewportSize({ width: 400, height: 800 });
  await panel.expectCellStatus('hn-xom-2', 'none');
  // Home paints from what is cached (the background may have cached the member alone): wait for
  // the criteria sets to be kept before the network goes, as on a device that was online once.
  await expect.poll(() => cachedKeys(panel.page)).toContain('criteriaSets');
  await relay.down();
  await forgetRules(panel.page);
  const form = await panel.startReport('hn-xom-2');
  await form.addIssue({ title: 'Mất trộm gia súc', category: 'An ninh trật tự', urgency: 'Khẩn' });
  await expect(
    form.issue(0).getByLabel('Cơ quan chịu trách nhiệm').locator('option').first(),
  ).toHaveText('Máy chủ sẽ xác định nơi nhận theo quy tắc chuyển');
  await form.fillConsistent();
  await snap(panel.page, 'i15-panel-offline-routing');

  await form.submitButton().click();
  const sent = panel.page.locator('[data-sent]');
  await expect(sent).toHaveAttribute('data-sent', 'queued');
  await expect(sent.getByRole('heading', { name: 'Báo cáo đang chờ gửi' })).toBeVisible();
  await expect(sent.locator('[data-sent-issue]')).toHaveText(/Sẽ chuyển khi có mạng/);
  await expect(sent).not.toContainText('Ban Nội chính');
  await snap(panel.page, 'i15-panel-sent-queued');

  // Back online: the same notice turns into the server's answer.
  await relay.up();
  await panel.sendNow();
  await expect(sent).toHaveAttribute('data-sent', 'sent');
  await expect(sent.locator('[data-sent-issue]')).toContainText(
    'Đã chuyển đến Ban Nội chính Tỉnh ủy',
  );
});
