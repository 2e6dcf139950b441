import { badgeText, expect, extensionIdOf, launchWithExtension, test } from './fixtures.ts';
import { MyIssuesPage } from './pages/my-issues-page.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

// The member's badge is read against the demo data as this spec leaves it: an API of its own.
test.use({ isolatedApi: 'triage' });

type ChromeApi = {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
};

test('an issue goes round the loop: the commune forwards it, the province answers, the member is told', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  const title = 'Cống thoát nước xóm Yên Hồ bị tắc';
  const lamps = 'Xin bổ sung đèn chiếu sáng ngõ 3';

  // The member (observer2, cell hn-yen-ho) files a report with one issue through the side panel.
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.signIn('observer2', 'demo1234');
  await options.page.close();
  const panel = await PanelPage.open(context, extensionId);
  const form = await panel.startReport('hn-yen-ho');
  await form.fillConsistent();
  await form.setSuggestions('Chi bộ cần phân công theo dõi việc sửa cống.');
  await form.addIssue({
    title,
    detail: 'Mưa lớn là nước tràn vào nhà dân.',
    category: 'Hạ tầng – giao thông',
  });
  await form.addIssue({ title: lamps, category: 'Hạ tầng – giao thông' });
  await form.submitButton().click();
  await panel.expectCellStatus('hn-yen-ho', 'submitted');
  const mine = new MyIssuesPage(panel.page);
  await mine.openFromHome();
  await expect(mine.issue(title).getByTestId('my-issue-status')).toHaveText('Đã chuyển');
  await expect(mine.issue(title).getByTestId('my-issue-body')).toContainText(
    'Đảng ủy xã Hưng Nguyên',
  );
  await snap(panel.page, 'my-issues-routed');

  // The commune's staff, in their own browser, work from the workspace's inbox by keyboard.
  const staffBrowser = await launchWithExtension();
  try {
    const staffId = await extensionIdOf(staffBrowser);
    const staffOptions = await OptionsPage.open(staffBrowser, staffId);
    await staffOptions.setApiAddress(relay.url);
    await staffOptions.page.close();
    const ws = await WorkspacePage.open(staffBrowser, staffId);
    await ws.signIn('commune');
    // A colleague (through the API) returns the other issue for clarification.
    const colleague = await ServerClient.signIn(api.url, 'commune');
    const [lampIssue] = (
      await colleague.get<{ items: { id: string; version: number }[] }>(
        '/api/inbox?q=den%20chieu%20sang%20ngo%203',
      )
    ).items;
    await colleague.post(`/api/issues/${lampIssue!.id}/actions`, {
      type: 'return_for_clarification',
      note: 'Ngõ 3 thuộc xóm nào, dài bao nhiêu mét?',
      expectedVersion: lampIssue!.version,
    });
    await ws.search('cong thoat nuoc');
    await expect(ws.rows()).toHaveCount(1);
    const row = ws.rows().first();
    const issueId = (await row.getAttribute('data-inbox-issue'))!;
    await expect(row).toContainText('Đã chuyển');
    await ws.page.keyboard.press('j');
    await expect(row).toHaveAttribute('data-active', 'true');
    await ws.page.keyboard.press('x');
    await expect(row).toHaveAttribute('data-selected', 'true');
    await ws.page.keyboard.press('a');
    await expect(ws.page.getByTestId('bulk-summary')).toContainText('Tiếp nhận: 1 thành công');
    await expect(row).toHaveAttribute('data-status', 'acknowledged');
    await snap(ws.page, 'inbox-acknowledged');

    // The issue view: where it came from, then a forward that first meets a colleague's change.
    await ws.page.keyboard.press('Enter');
    await expect(ws.issueView()).toBeVisible();
    await expect(ws.page.getByTestId('report-context')).toContainText(
      'Chi bộ cần phân công theo dõi việc sửa cống.',
    );
    await expect(ws.page.getByTestId('report-context')).toContainText('Chi bộ xóm Yên Hồ');
    await ws.action('Chuyển cơ quan khác');
    await ws.actionForm().getByLabel('Chuyển đến cơ quan').selectOption('na-bnc');
    await ws
      .actionForm()
      .getByLabel('Lý do')
      .fill('Vượt thẩm quyền của xã, đề nghị Ban Nội chính chỉ đạo.');
    const current = await colleague.get<{ version: number }>(`/api/issues/${issueId}`);
    await colleague.post(`/api/issues/${issueId}/actions`, {
      type: 'start',
      expectedVersion: current.version,
    });
    await ws.actionForm().getByRole('button', { name: 'Xác nhận' }).click();
    await expect(ws.page.getByTestId('action-message')).toContainText(
      'vừa được người khác cập nhật',
    );
    await ws.expectStatus('Đang giải quyết');
    await expect(ws.actionForm().getByLabel('Lý do')).toHaveValue(
      'Vượt thẩm quyền của xã, đề nghị Ban Nội chính chỉ đạo.',
    );
    await snap(ws.page, 'issue-version-conflict');
    await ws.actionForm().getByRole('button', { name: 'Xác nhận' }).click();
    await ws.expectStatus('Đã chuyển tiếp');
    await expect(ws.page.getByTestId('issue-body')).toHaveText('Ban Nội chính Tỉnh ủy');
    await expect(ws.issueView()).toContainText('không còn xử lý kiến nghị này');
    await snap(ws.page, 'issue-forwarded');

    // The provincial board adds an answer template, then resolves the issue with it.
    await ws.signOut();
    await ws.signIn('province');
    await ws.page.getByRole('link', { name: 'Mẫu trả lời' }).click();
    await ws.page.getByRole('button', { name: 'Thêm mẫu' }).click();
    await ws.page.locator('#tpl-new-title').fill('Đã chỉ đạo khắc phục');
    await ws.page
      .locator('#tpl-new-text')
      .fill('Ban Nội chính đã chỉ đạo UBND xã khắc phục dứt điểm trong tháng.');
    await ws.page.getByRole('button', { name: 'Lưu' }).click();
    await expect(ws.page.locator('[data-template]')).toContainText('Đã chỉ đạo khắc phục');
    await ws.gotoInbox();
    await ws.search('cong thoat');
    await expect(ws.rows()).toHaveCount(1);
    await expect(ws.row(issueId)).toContainText('Đã chuyển tiếp');
    await ws.row(issueId).getByRole('link').click();
    await expect(ws.page.locator('[data-event="forward"]')).toContainText('Vượt thẩm quyền của xã');
    await expect(ws.page.locator('[data-event="forward"]')).toContainText(
      'Đảng ủy xã Hưng Nguyên → Ban Nội chính Tỉnh ủy',
    );
    await ws.action('Đã giải quyết xong');
    await ws
      .actionForm()
      .getByLabel('Dùng mẫu trả lời')
      .selectOption({ label: 'Đã chỉ đạo khắc phục' });
    await expect(ws.actionForm().getByLabel('Nội dung trả lời')).toHaveValue(/khắc phục dứt điểm/);
    await ws.actionForm().getByLabel('Số văn bản').fill('15-CV/BNC');
    await ws.actionForm().getByRole('button', { name: 'Xác nhận' }).click();
    await ws.expectStatus('Đã giải quyết xong');
    await expect(ws.page.getByTestId('issue-answer')).toContainText('15-CV/BNC');
    await snap(ws.page, 'issue-resolved');
  } finally {
    await staffBrowser.close();
  }

  // The member's extension: opening the panel reads the feed, notifies, and the badge counts it.
  await panel.page.goto(`chrome-extension://${extensionId}/sidepanel.html#/`);
  await expect.poll(() => badgeText(context)).toBe('2');
  await expect(panel.page.getByTestId('my-issues-link').locator('..')).toContainText(
    '2 cập nhật mới',
  );
  const worker = context.serviceWorkers()[0]!;
  const records = await worker.evaluate(
    async () =>
      (
        await (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.get(
          'myNotifications',
        )
      ).myNotifications,
  );
  expect(records).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        title: 'Kiến nghị đã được trả lời',
        message: expect.stringContaining(title),
      }),
      expect.objectContaining({
        title: 'Kiến nghị cần làm rõ',
        message: expect.stringContaining(lamps),
      }),
    ]),
  );
  const shown = await panel.page.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeApi }).chrome.notifications.getAll(),
  );
  expect(Object.keys(shown).some((id) => id.startsWith('duhop-issue:'))).toBe(true);

  await mine.openFromHome();
  const card = mine.issue(title);
  await expect(card.getByTestId('my-issue-status')).toHaveText('Đã giải quyết xong');
  await expect(card.getByTestId('my-issue-answer')).toContainText('khắc phục dứt điểm trong tháng');
  await expect(card.getByTestId('my-issue-body')).toContainText('Ban Nội chính Tỉnh ủy');
  await expect(card).toHaveAttribute('data-unseen', 'true');
  await expect(card.getByRole('button', { name: 'Chưa thỏa đáng, mở lại' })).toBeVisible();
  await expect.poll(() => badgeText(context)).toBe('');
  await snap(panel.page, 'my-issues-resolved');

  // The returned issue shows why; the member clarifies it from the panel and it goes back to the commune.
  const returned = mine.issue(lamps);
  await expect(returned).toContainText('Lý do trả lại: Ngõ 3 thuộc xóm nào, dài bao nhiêu mét?');
  await returned.getByRole('button', { name: 'Trả lời làm rõ' }).click();
  await returned.getByLabel('Nội dung làm rõ').fill('Ngõ 3 xóm Yên Hồ, dài khoảng 250 m.');
  await returned.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(returned.getByTestId('my-issue-status')).toHaveText('Đã chuyển');
  await expect(panel.page.getByRole('heading', { name: /Cần làm rõ/ })).toHaveCount(0);
});
