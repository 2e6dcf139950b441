import AxeBuilder from './axe-builder.ts';
import { addDays, localDate, type IssueWithEvents } from '@duhop/shared';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { buildReport } from '../support/reports.ts';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

// Reports and actions on the demo data: a worker and an API of its own (fixtures.ts).
test.use({ isolatedApi: 'triage-table-i15' });

// Issue 15, the staff's workspace: the inbox as a sortable triage table with its filters in the
// address, and the issue view worked by keyboard (j/k, Escape) with one primary action and the
// next issue opened after it.

/** axe's WCAG 2 A/AA rules: no serious or critical violation; the others are printed. */
async function axe(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = result.violations.filter((v) => !bad.includes(v));
  console.log(`axe ${name}: ${bad.length} serious/critical, ${other.length} moderate/minor`);
  expect
    .soft(
      bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `axe on ${name}`,
    )
    .toEqual([]);
}

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

test('staff triage from a sortable table and work issue after issue by keyboard', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  // Three issues for the commune, one for the provincial board, from one meeting yesterday.
  const today = localDate(new Date());
  const day = today.endsWith('-01') ? today : addDays(today, -1);
  const member = await ServerClient.signIn(api.url, 'observer');
  const titles = ['Đường xóm 1 ngập nước', 'Lấn chiếm hành lang đê', 'Cống thoát nước tắc'];
  await member.post('/api/reports', {
    ...buildReport({
      cellId: 'hn-xom-1',
      meetingDate: day,
      startedAt: `${day}T00:05:00+07:00`,
      endedAt: `${day}T00:50:00+07:00`,
    }),
    issues: [
      ...titles.map((title) => ({ id: randomUUID(), title, detail: title, category: 'dat_dai' })),
      { id: randomUUID(), title: 'Trộm cắp ban đêm', detail: '', category: 'an_ninh_trat_tu' },
    ],
  });

  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId);
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  await ws.signIn('commune');
  const table = ws.page.getByRole('table', { name: 'Xử lý kiến nghị' });
  await expect(table).toBeVisible();
  await expect(ws.rows()).toHaveCount(3);
  for (const col of [
    'Kiến nghị',
    'Lĩnh vực',
    'Nơi nêu',
    'Trạng thái',
    'Hạn tiếp nhận',
    'Hạn trả lời',
    'Tuổi',
    'Hoạt động cuối',
  ])
    await expect(table.getByRole('columnheader', { name: col })).toBeVisible();
  const first = ws.rows().first();
  await expect(first).toContainText('Chi bộ xóm 1');
  await expect(first).toContainText('Đảng ủy xã Hưng Nguyên');
  // The acknowledgement deadline is the one that matters while an issue is routed.
  await expect(first.locator('[data-deadline="ack"]')).toHaveAttribute('data-current', 'true');
  await expect(first.locator('[data-deadline="answer"]')).toHaveAttribute('data-current', 'false');
  // No listbox of options holding checkboxes and links any more.
  await expect(ws.page.getByRole('listbox')).toHaveCount(0);
  await axe(ws.page, 'i15-inbox-table');
  await snap(ws.page, 'i15-inbox-table');

  // Sorting by age and a status chip go into the address, and survive a reload.
  await table.getByRole('button', { name: 'Tuổi' }).click();
  await expect(ws.page).toHaveURL(/#\/inbox\?.*sort=age/);
  await ws.page.getByRole('button', { name: /^Đã chuyển \d/ }).click();
  await expect(ws.page).toHaveURL(/status=/);
  await ws.page.reload();
  await expect(ws.page.getByTestId('inbox-sort')).toHaveValue('age');
  await expect(ws.page.getByRole('button', { name: /^Đã chuyển \d/ })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await ws.page.getByRole('button', { name: /^Đã chuyển \d/ }).click();
  await expect(ws.rows()).toHaveCount(3);
  await expect(table.getByRole('columnheader', { name: 'Tuổi' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const ids = await ws
    .rows()
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-inbox-issue')!));

  // Keyboard: j to the first row, Enter opens it; j/k move between issues; Escape goes back.
  await ws.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // The list may still re-render after the filter (counts refresh): press j until the first row is
  // the active one, then open it.
  await expect(async () => {
    if ((await ws.page.locator('[data-active="true"]').count()) === 0)
      await ws.page.keyboard.press('j');
    else if ((await ws.rows().first().getAttribute('data-active')) !== 'true')
      await ws.page.keyboard.press('k');
    await expect(ws.rows().first()).toHaveAttribute('data-active', 'true', { timeout: 2_000 });
  }).toPass();
  await ws.page.keyboard.press('Enter');
  await expect(ws.issueView()).toHaveAttribute('data-issue-view', ids[0]!);
  await expect(ws.page).toHaveURL(/sort=age/);
  await expect(ws.page.getByTestId('issue-ack-due')).toHaveAttribute('data-current', 'true');
  await expect(ws.page.getByTestId('issue-answer-due')).toBeVisible();
  await expect(ws.page.getByTestId('issue-origin')).toHaveText(
    'Chi bộ xóm 1 · Đảng ủy xã Hưng Nguyên',
  );
  // One primary action for a routed issue: acknowledge; the rest are secondary.
  const primary = ws.issueView().locator('.action-buttons button.primary');
  await expect(primary).toHaveCount(1);
  await expect(primary).toHaveText('Tiếp nhận');
  await axe(ws.page, 'i15-issue-view');
  await snap(ws.page, 'i15-issue-view');
  await ws.page.keyboard.press('j');
  await expect(ws.issueView()).toHaveAttribute('data-issue-view', ids[1]!);
  await ws.page.keyboard.press('k');
  await expect(ws.issueView()).toHaveAttribute('data-issue-view', ids[0]!);
  await ws.page.keyboard.press('Escape');
  await expect(ws.issueView()).toHaveCount(0);
  await expect(table).toBeVisible();
  await expect(ws.page).toHaveURL(/#\/inbox\?.*sort=age/);

  // After an action the next issue of the list opens, saying what was done.
  await ws.page.keyboard.press('Enter');
  await expect(ws.issueView()).toHaveAttribute('data-issue-view', ids[0]!);
  await primary.click();
  await expect(ws.issueView()).toHaveAttribute('data-issue-view', ids[1]!);
  await expect(ws.page.getByTestId('action-flash')).toContainText('Đã tiếp nhận');
  await snap(ws.page, 'i15-next-issue-after-action');
  await ws.page.keyboard.press('Escape');
  await expect(ws.row(ids[0]!)).toHaveAttribute('data-status', 'acknowledged');
  await expect(ws.row(ids[0]!).locator('[data-deadline="answer"]')).toHaveAttribute(
    'data-current',
    'true',
  );

  // "Sẽ giải quyết" with its target date, on the last issue of the list (in progress).
  const staff = await ServerClient.signIn(api.url, 'commune');
  const last = ids[2]!;
  for (const type of ['acknowledge', 'start']) {
    const cur = await staff.get<{ version: number }>(`/api/issues/${last}`);
    await staff.post(`/api/issues/${last}/actions`, { type, expectedVersion: cur.version });
  }
  await ws.row(last).getByRole('link').click();
  await expect(ws.issueView()).toHaveAttribute('data-status', 'in_progress');
  await expect(primary).toHaveText('Đã giải quyết xong');
  await ws.action('Sẽ giải quyết');
  const target = addDays(today, 30);
  await ws.actionForm().getByLabel('Nội dung trả lời').fill('Xã sẽ nạo vét cống trong tháng tới.');
  await ws.actionForm().getByRole('button', { name: 'Xác nhận' }).click();
  await expect(ws.actionForm().getByText('Nhập ngày dự kiến dạng dd/mm/yyyy')).toBeVisible();
  await ws
    .actionForm()
    .getByLabel(/Ngày dự kiến giải quyết xong/)
    .fill(ddmmyyyy(target));
  await ws.actionForm().getByRole('button', { name: 'Xác nhận' }).click();
  await ws.expectStatus('Sẽ giải quyết');
  await expect(ws.page.getByTestId('event-target-date')).toHaveText(
    `Dự kiến giải quyết xong: ${ddmmyyyy(target)}`,
  );
  const stored = await staff.get<IssueWithEvents>(`/api/issues/${last}`);
  expect(stored.events.at(-1)).toMatchObject({ type: 'schedule', targetDate: target });
  await snap(ws.page, 'i15-scheduled-target-date');
  await ws.page.keyboard.press('Escape');

  // Offline, the counts are unknown, not 0.
  await context.setOffline(true);
  await expect(ws.page.locator('.chip .count[data-unknown="true"]').first()).toHaveText('—');
  await snap(ws.page, 'i15-inbox-offline-counts');
  await context.setOffline(false);
  await expect(ws.page.locator('.chip .count[data-unknown="true"]')).toHaveCount(0);

  // The admin's inbox opens on the whole province, with the body of each issue.
  await ws.signOut();
  await ws.signIn('admin');
  await ws.page.goto(`chrome-extension://${extensionId}/workspace.html#/inbox`);
  // Open issues: two of the commune's (one was answered "Sẽ giải quyết") and the board's.
  await expect(ws.rows()).toHaveCount(3);
  await expect(table.getByRole('columnheader', { name: 'Cơ quan xử lý' })).toBeVisible();
  await expect(ws.page.getByRole('combobox', { name: 'Cơ quan', exact: true })).toHaveValue('');
  await expect(table).toContainText('Ban Nội chính Tỉnh ủy');
  await axe(ws.page, 'i15-inbox-admin-province');
  await snap(ws.page, 'i15-inbox-admin-province');

  // Back as commune staff: "Sẽ giải quyết" for the two open issues at once, with a target date.
  await ws.signOut();
  await ws.signIn('commune');
  await ws.page.goto(`chrome-extension://${extensionId}/workspace.html#/inbox`);
  await expect(ws.rows()).toHaveCount(2);
  for (const id of [ids[0]!, ids[1]!]) await ws.row(id).getByRole('checkbox').check();
  await ws.page.getByRole('button', { name: 'Sẽ giải quyết (2)…' }).click();
  const bulkForm = ws.page.locator('[data-bulk-form="schedule"]');
  await bulkForm.getByLabel('Nội dung trả lời').fill('Xã sẽ xử lý trong đợt ra quân tháng tới.');
  await bulkForm.getByLabel(/Ngày dự kiến giải quyết xong/).fill(ddmmyyyy(addDays(today, -1)));
  await bulkForm.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(bulkForm.getByText('Ngày dự kiến không được trước hôm nay')).toBeVisible();
  await expect(bulkForm.getByLabel(/Ngày dự kiến giải quyết xong/)).toBeFocused();
  await axe(ws.page, 'i15-bulk-schedule-errors');
  await snap(ws.page, 'i15-bulk-schedule-errors');
  const bulkTarget = addDays(today, 45);
  await bulkForm.getByLabel(/Ngày dự kiến giải quyết xong/).fill(ddmmyyyy(bulkTarget));
  await bulkForm.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(ws.page.getByTestId('bulk-summary')).toContainText('Sẽ giải quyết: 2 thành công');
  for (const id of [ids[0]!, ids[1]!]) {
    const issue = await staff.get<IssueWithEvents>(`/api/issues/${id}`);
    expect(issue.status).toBe('scheduled');
    expect(issue.events.at(-1)).toMatchObject({ type: 'schedule', targetDate: bulkTarget });
  }
  await snap(ws.page, 'i15-bulk-scheduled');
});
