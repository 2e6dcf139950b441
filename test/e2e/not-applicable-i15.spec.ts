import type { ReportView } from '@duhop/shared';
import { checkA11y } from './axe.ts';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, SCREENS_DIR, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { fileReport } from './pages/filing.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';
import { fullScores } from '../support/reports.ts';

// Files a report on the demo data: a worker and an API of its own (fixtures.ts).
test.use({ isolatedApi: 'not-applicable-i15' });

/** What the member sees around an element (the viewport, sticky bars in place). */
async function shot(page: Page, selector: string, name: string): Promise<void> {
  await page.locator(selector).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const body = await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

test('a member marks an item "Không áp dụng" with its reason, by keyboard, and submits', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  const panel = await PanelPage.signedIn(context, extensionId, relay.url);
  const page = panel.page;
  const form = await panel.startReport('hn-xom-1');
  await form.fillFacts({
    times: ['19:30', '21:15'],
    attendance: {
      total: 7,
      exempted: 0,
      present: 7,
      absentWithReason: 0,
      absentWithoutReason: 0,
      speakers: 5,
    },
    targets: 95,
  });

  // Only the items the set allows offer the button (HD 42: g3.3 and g6.1), not g3.1.
  await expect(page.getByTestId('na-g3.3')).toBeVisible();
  await expect(page.getByTestId('na-g6.1')).toBeVisible();
  await expect(page.getByTestId('na-g3.1')).toHaveCount(0);

  // Keyboard: from the item's points, Tab reaches the button past the number box; Enter marks it
  // and the focus lands in the reason box.
  const g33 = page.getByTestId('points-g3.3');
  await g33.getByRole('radio', { name: '2', exact: true }).click();
  await page.keyboard.press('Tab'); // the number box
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('na-g3.3')).toBeFocused();
  await expect(page.getByTestId('na-g3.3')).toHaveAccessibleName(
    'Không áp dụng — Cấp ủy (bí thư, phó bí thư) họp thống nhất nội dung trước khi sinh hoạt',
  );
  await shot(page, '[data-item="g3.3"]', 'i15-na-button-400');
  await page.keyboard.press('Enter');
  const reason = page.getByLabel('Lý do không áp dụng (bắt buộc)');
  await expect(reason).toBeFocused();
  const row = page.locator('[data-item="g3.3"]');
  await expect(row).toContainText('Không áp dụng: tính 2 điểm');

  // The rest at full marks: the reason is still missing (not shouted at once), so nothing is sent.
  await form.fillAllCriteria();
  await expect(page.locator('.score-bar [role="status"]')).toHaveText(
    'Còn 1 mục cần hoàn thành trước khi gửi.',
  );
  await expect(page.locator('#f-na-g3-3-err')).toHaveCount(0);
  await expect(form.submitButton()).toBeDisabled();
  await page.getByRole('button', { name: 'Xem các mục' }).click();
  await expect(page.locator('#f-na-g3-3-err')).toContainText(
    'Ghi lý do không áp dụng tiêu chí này',
  );
  await expect(reason).toBeFocused();
  await shot(page, '[data-item="g3.3"]', 'i15-na-reason-missing-400');
  await expect(page.locator('[data-section="group:g3"]')).not.toHaveAttribute('data-state', 'done');

  await reason.fill('Chi bộ 7 đảng viên, không bầu chi ủy');
  await expect(page.locator('#f-na-g3-3-err')).toHaveCount(0);
  await expect(form.total()).toContainText('100');
  await snap(page, 'i15-na-marked-400');
  await shot(page, '[data-item="g3.3"]', 'i15-na-marked-view-400');
  await checkA11y(page, 'i15-na-form');

  await panel.submitReport(form, 'hn-xom-1');

  // Stored with the mark and its reason, scored by the shared rule (the item counts its 2 points).
  const server = await ServerClient.signIn(api.url, 'observer');
  const [stored] = (await server.get<{ items: { id: string }[] }>('/api/reports')).items;
  const view = await server.get<ReportView>(`/api/reports/${stored!.id}`);
  expect(view).toMatchObject({
    score: 100,
    groupScores: { g3: 10 },
    notApplicable: [{ itemId: 'g3.3', reason: 'Chi bộ 7 đảng viên, không bầu chi ủy' }],
  });
  expect(view.scores).not.toHaveProperty('g3.3');

  // The report view lists it by its title with the reason.
  await panel.openSubmitted('Chi bộ xóm 1');
  await expect(page.getByTestId('not-applicable')).toContainText(
    'Cấp ủy (bí thư, phó bí thư) họp thống nhất nội dung trước khi sinh hoạt — Chi bộ 7 đảng viên, không bầu chi ủy',
  );
  await snap(page, 'i15-na-report-view-400');
  await checkA11y(page, 'i15-na-report-view');
});

test('staff see the items marked "Không áp dụng" in the issue’s report context at 1366 px', async ({
  context,
  extensionId,
  api,
  relay,
}) => {
  // Filed through the API this month with g6.1 marked, one issue for the commune.
  const { 'g6.1': _, ...scores } = fullScores();
  await fileReport(
    api.url,
    { scores, notApplicable: { 'g6.1': 'Chi bộ mới thành lập sau sáp nhập' } },
    { issues: 1 },
  );

  await OptionsPage.useApi(context, extensionId, relay.url);
  const ws = await WorkspacePage.open(context, extensionId, '#/inbox');
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  await ws.signIn('commune');
  await ws.openOnlyIssue('duong lien xom xuong cap');
  const context_ = ws.page.getByTestId('report-context');
  await expect(context_).toContainText('Tiêu chí không áp dụng');
  await expect(context_.getByTestId('not-applicable')).toHaveText(
    'Tỷ lệ chỉ tiêu, nhiệm vụ của nghị quyết kỳ trước được hoàn thành — Chi bộ mới thành lập sau sáp nhập',
  );
  await shot(ws.page, '[data-testid="report-context"]', 'i15-na-workspace-1366');
  await checkA11y(ws.page, 'i15-na-workspace-issue');
});
