import type { ReportView } from '@duhop/shared';
import { checkA11y } from './axe.ts';
import { join } from 'node:path';
import { expect, SCREENS_DIR, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { fileReport } from './pages/filing.ts';
import { PanelPage } from './pages/panel-page.ts';
import { ServerClient } from './server-client.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { buildReport } from '../support/reports.ts';

// Files a report on the demo data: a worker and an API of its own (fixtures.ts).
test.use({ isolatedApi: 'breakdown-i17' });

test('a member chooses a combined meeting, ticks the residence members who came with the network off, and it is sent once back online', async ({
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
      total: 12,
      exempted: 1,
      present: 9,
      absentWithReason: 2,
      absentWithoutReason: 0,
      speakers: 5,
    },
    targets: 95,
  });

  await page.getByRole('radio', { name: 'Kết hợp trực tiếp và trực tuyến' }).check();
  // More online than present is flagged at the field as it is typed.
  const online = page.getByLabel('Có mặt dự trực tuyến');
  await online.fill('10');
  await expect(page.locator('[data-testid="attendance-breakdown"]')).toContainText(
    'Số dự trực tuyến không được vượt quá số có mặt (9)',
  );
  await online.fill('2');
  await expect(page.locator('[data-testid="attendance-breakdown"]')).not.toContainText(
    'không được vượt quá số có mặt',
  );
  await page.getByLabel('Vắng hoặc miễn sinh hoạt do đi làm ăn xa').fill('1');

  // The cell's residence list (seed: Lan, Đức, Hà), from the server while online.
  const list = page.getByTestId('residence-checklist');
  await expect(list.getByRole('checkbox', { name: /Nguyễn Thị Lan/ })).toBeVisible();
  await expect(page.getByTestId('residence-updated')).toHaveCount(0);

  // The connection drops (the page and the background alike): the list is the device's copy,
  // kept at sign-in and when the form opened, with when it was fetched. Ticking sets the number present.
  await relay.down();
  await context.setOffline(true);
  await expect(page.getByTestId('residence-updated')).toHaveText(
    /^Danh sách lưu trên máy, cập nhật lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
  );
  await list.getByRole('checkbox', { name: /Nguyễn Thị Lan/ }).check();
  await list.getByRole('checkbox', { name: /Phan Văn Đức/ }).check();
  await expect(page.getByLabel('Có mặt là đảng viên nơi cư trú (đảng viên 76)')).toHaveValue('2');
  await expect(page.getByTestId('residence-ticked')).toHaveText('Đã đánh dấu 2 người');
  await list.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(SCREENS_DIR, 'i17-breakdown-section-400.png') });
  await snap(page, 'i17-breakdown-form-400');
  await checkA11y(page, 'i17-breakdown-form');

  // Sent while offline: it waits in the outbox; back online, it goes out with the ticked members.
  await form.fillAllCriteria();
  await form.submitButton().click();
  await panel.expectCellStatus('hn-xom-1', 'queued');
  await relay.up();
  await context.setOffline(false);
  // "Gửi ngay", unless the background already sent it when the network came back.
  await panel
    .outbox()
    .first()
    .getByRole('button', { name: 'Gửi ngay' })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await panel.expectCellStatus('hn-xom-1', 'submitted');

  const server = await ServerClient.signIn(api.url, 'observer');
  const [stored] = (await server.get<{ items: { id: string }[] }>('/api/reports')).items;
  const view = await server.get<ReportView>(`/api/reports/${stored!.id}`);
  expect(view).toMatchObject({
    meetingFormat: 'combined',
    online: true,
    attendance: { present: 9, presentOnline: 2, presentResidence: 2, awayForWork: 1 },
    residenceMembersPresent: [{ fullName: 'Nguyễn Thị Lan' }, { fullName: 'Phan Văn Đức' }],
  });

  await panel.openSubmitted('Chi bộ xóm 1');
  await expect(page.getByTestId('view-format')).toHaveText('Kết hợp trực tiếp và trực tuyến');
  await expect(page.getByTestId('view-residence')).toHaveText('Nguyễn Thị Lan, Phan Văn Đức');
  await snap(page, 'i17-breakdown-view-400');
  await checkA11y(page, 'i17-breakdown-view');
});

test('staff read the format and the residence members present in the issue’s report context at 1366 px', async ({
  context,
  extensionId,
  api,
  relay,
}) => {
  // Filed through the API this month, one issue for the commune.
  const observer = await ServerClient.signIn(api.url, 'observer');
  const register = await observer.get<{ items: { id: string; fullName: string }[] }>(
    '/api/residence/members?cellId=hn-xom-1',
  );
  const lan = register.items.find((m) => m.fullName === 'Nguyễn Thị Lan')!;
  const base = buildReport();
  await fileReport(
    api.url,
    {
      meetingFormat: 'online',
      attendance: {
        ...base.attendance,
        presentOnline: base.attendance.present,
        presentResidence: 1,
        residenceMemberIds: [lan.id],
      },
    },
    { issues: 1 },
  );

  await OptionsPage.useApi(context, extensionId, relay.url);
  const ws = await WorkspacePage.open(context, extensionId, '#/inbox');
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  await ws.signIn('commune');
  await ws.openOnlyIssue('duong lien xom xuong cap');
  const ctx = ws.page.getByTestId('report-context');
  await expect(ctx.getByTestId('view-format')).toHaveText('Trực tuyến');
  await expect(ctx.getByTestId('view-residence')).toHaveText('Nguyễn Thị Lan');
  await ctx.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await ws.page.screenshot({ path: join(SCREENS_DIR, 'i17-breakdown-workspace-1366.png') });
  await checkA11y(ws.page, 'i17-breakdown-workspace');
});
