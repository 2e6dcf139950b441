import { randomUUID } from 'node:crypto';
import { buildReport } from '../support/reports.ts';
import { checkA11y } from './axe.ts';
import { join } from 'node:path';
import { expect, SCREENS_DIR, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';
import { endedMeetingThisMonth } from './pages/filing.ts';

// Files reports and marks a duplicate on the demo data: a worker and an API of its own.
test.use({ isolatedApi: 'related-i16' });

const PANEL = { width: 400, height: 800 };
const WORKSPACE = { width: 1366, height: 900 };

const issue = (title: string, detail: string) => ({
  id: randomUUID(),
  title,
  detail,
  category: 'ha_tang_giao_thong' as const,
  urgency: 'normal' as const,
});

test('related issues: hints while writing in the side panel, and a duplicate marked in the workspace', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  test.setTimeout(240_000);
  const meeting = endedMeetingThisMonth();
  const original = 'Đường liên xóm Yên Hồ sụt lún nghiêm trọng';
  const duplicate = 'Đường liên xóm 1 sụt lún, đi lại khó khăn';
  // Two cells of Hưng Nguyên raised the same road (through the API).
  const observer2 = await ServerClient.signIn(api.url, 'observer2');
  await observer2.post(
    '/api/reports',
    buildReport({
      cellId: 'hn-yen-ho',
      ...meeting,
      issues: [issue(original, 'Mưa lớn làm sụt một đoạn dài 20 m.')],
    }),
  );
  const observer = await ServerClient.signIn(api.url, 'observer');
  const filed = await observer.post<{ issues: { id: string }[] }>(
    '/api/reports',
    buildReport({
      cellId: 'hn-xom-1',
      ...meeting,
      issues: [issue(duplicate, 'Đoạn qua xóm 1 bị sụt sau mưa.')],
    }),
  );
  const dupId = filed.issues[0]!.id;

  // The member writes a new report for another cell and types a title without diacritics.
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.signIn('observer', 'demo1234');
  await options.page.close();
  const panel = await PanelPage.open(context, extensionId);
  await panel.page.setViewportSize(PANEL);
  const form = await panel.startReport('hn-xom-2');
  await panel.page.getByRole('button', { name: /Thêm kiến nghị/ }).click();
  const row = form.issue(0);
  await row.getByLabel('Nội dung').fill('duong lien xom sut lun');
  const hints = row.getByTestId('related-hints');
  await expect(hints.getByRole('heading', { name: 'Kiến nghị tương tự đã có' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(hints.locator('.related-item')).toHaveCount(2);
  await expect(hints).toContainText(original);
  await expect(hints).toContainText('Đã chuyển');
  await expect(hints).toContainText('Chi bộ xóm Yên Hồ');
  await expect(hints).toContainText(/\d{2}\/\d{2}\/\d{4}/);
  await row.scrollIntoViewIfNeeded();
  await snap(panel.page, 'related-hints-panel');
  // The issue being written with its hints, as the member sees it at 400 px.
  await row.screenshot({ path: join(SCREENS_DIR, 'related-hints-row.png') });
  await checkA11y(panel.page, 'related-hints-panel');
  // Offline: the hints go silent, the form stays as it was.
  await context.setOffline(true);
  await row.getByLabel('Nội dung').fill('duong lien xom sut lun nang');
  await expect(hints.locator('.related-item')).toHaveCount(0);
  await context.setOffline(false);

  // The commune's staff open the duplicate and mark it from "Kiến nghị liên quan".
  const ws = await WorkspacePage.open(context, extensionId, `#/inbox/${dupId}`);
  await ws.page.setViewportSize(WORKSPACE);
  await ws.signOut().catch(() => undefined);
  await ws.signIn('commune');
  await ws.page.goto(ws.page.url().replace(/#.*$/, `#/inbox/${dupId}`));
  await expect(ws.issueView()).toBeVisible();
  const block = ws.page.getByTestId('related-issues');
  await expect(block.getByRole('heading', { name: 'Kiến nghị liên quan' })).toBeVisible();
  const item = block.locator('.related-item').filter({ hasText: original });
  await expect(item).toBeVisible({ timeout: 15_000 });
  await snap(ws.page, 'related-issue-view');
  await checkA11y(ws.page, 'related-issue-view');
  await item
    .getByRole('button', { name: `Đánh dấu trùng với kiến nghị này: “${original}”` })
    .click();
  await expect(block.getByTestId('duplicate-of')).toContainText(original);
  await expect(ws.issueView()).toContainText('Đánh dấu trùng với kiến nghị khác');
  const stored = await observer.get<{ duplicateOf: string | null }>(`/api/issues/${dupId}`);
  expect(stored.duplicateOf).not.toBeNull();
  await snap(ws.page, 'related-duplicate-marked');
  await checkA11y(ws.page, 'related-duplicate-marked');
});
