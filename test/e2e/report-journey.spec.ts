import type { ReportView } from '@duhop/shared';
import { badgeText, expect, test } from './fixtures.ts';
import { measureAutosave, recordMetrics } from './metrics.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { ReportFormPage } from './pages/report-form-page.ts';
import { ServerClient } from './server-client.ts';

test('an observer files a report that survives closing the panel and a dead network, delivered once', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  // Sign in against the test API (through a relay the test can switch off).
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.signIn('observer', 'demo1234');
  await snap(options.page, 'journey-options-signed-in');
  await options.page.close();

  // Home: the three assigned cells, nothing written this month.
  let panel = await PanelPage.open(context, extensionId);
  await expect(panel.cell('hn-xom-1')).toContainText('Chi bộ xóm 1');
  await panel.expectCellStatus('hn-xom-1', 'none');
  await panel.expectCellStatus('hn-th', 'none');
  await snap(panel.page, 'journey-home');

  // Start the report: the duration and attendance arithmetic are done by the form.
  let form = await panel.startReport('hn-xom-1');
  const draftId = form.draftId();
  const times = await form.setTimes('14:00', '15:20');
  await expect(form.duration()).toContainText('80 phút');
  await expect(form.duration()).toContainText('Thiếu 10 phút so với 90 phút');
  await form.setAttendance({ total: 31, exempted: 2, present: 30 });
  await expect(form.fieldErrors('f-att-present')).toContainText('không được vượt quá 29');
  await form.setAttendance({
    present: 26,
    absentWithReason: 2,
    absentWithoutReason: 1,
    speakers: 14,
  });
  await expect(form.fieldErrors('f-att-present')).toHaveCount(0);
  await expect(form.attendanceFacts()).toContainText('89,7');
  await expect(form.attendanceFacts()).toContainText('53,8');
  await expect(form.submitButton()).toBeDisabled();
  await snap(panel.page, 'journey-form-half-filled');

  // Close the panel mid-way and reopen it: the draft is intact.
  await panel.page.close();
  const t0 = Date.now();
  panel = await PanelPage.open(context, extensionId, `#/draft/${draftId}`);
  form = new ReportFormPage(panel.page);
  await form.waitEditable();
  const openToEditable = Date.now() - t0;
  const formReadyMark = await panel.page.evaluate(
    () => performance.getEntriesByName('duhop:form-ready')[0]?.startTime ?? -1,
  );
  await expect(panel.page.locator('#f-start')).toHaveValue(times.start);
  await expect(panel.page.locator('#f-att-present')).toHaveValue('26');
  await panel.page.goto(`chrome-extension://${extensionId}/sidepanel.html#/`);
  await panel.expectCellStatus('hn-xom-1', 'draft');
  await expect(panel.drafts()).toHaveCount(1);
  form = await panel.resumeDraft('Chi bộ xóm 1');

  // Score: proposals from the facts (g1.1 short by 10 min → 4; someone absent without reason → g2.1 at 1).
  await form.setTargets(65); // 60–70 % of targets met → 20 of 30
  await form.fillAllCriteria();
  await expect(panel.page.locator('#f-score-g1-1')).toHaveAttribute('placeholder', '4');
  await form.setSelfScore(95);
  await expect(form.scoreBar()).toContainText('Khá');
  await expect(form.total()).toHaveText('86');
  await expect(form.scoreBar()).toContainText('(−9)');
  await form.setSuggestions('Chuẩn bị dự thảo nghị quyết sớm hơn; tăng thời lượng thảo luận.');

  // Issues: routed by the server's rules unless the member picks a body.
  await form.addIssue({
    title: 'Đường liên xóm xuống cấp',
    detail: 'Đoạn 300 m qua xóm 1 nhiều ổ gà.',
    category: 'Hạ tầng – giao thông',
  });
  await form.addIssue({
    title: 'Trộm cắp xe máy ban đêm',
    category: 'An ninh trật tự',
    urgency: 'Khẩn',
  });
  await form.addIssue({
    title: 'Trường thiếu phòng học',
    category: 'Giáo dục',
    bodyId: 'na-sgddt',
  });
  await expect(form.issue(0).getByLabel('Cơ quan chịu trách nhiệm')).toContainText(
    'Theo quy tắc phân loại: Đảng ủy xã Hưng Nguyên',
  );
  await form.issue(1).getByRole('button', { name: 'Chuyển lên' }).click();
  await expect(form.issue(0).getByLabel('Nội dung')).toHaveValue('Trộm cắp xe máy ban đêm');
  const autosaveMs = await measureAutosave(panel.page, draftId, '#f-suggestions', 'suggestions');
  const writes = await panel.page.evaluate(() =>
    performance
      .getEntriesByName('duhop:autosave-write')
      .map((e) => e.duration)
      .sort((a, b) => a - b),
  );
  const writeMedian = Math.round((writes[Math.floor(writes.length / 2)] ?? -1) * 10) / 10;
  await expect(form.submitButton()).toBeEnabled();
  await snap(panel.page, 'journey-form-complete');

  // The API is unreachable: submitting queues the report, the badge shows it waiting.
  const server = await ServerClient.signIn(api.url, 'observer');
  await relay.down();
  await form.submitButton().click();
  await expect(panel.outbox()).toHaveCount(1);
  await expect(panel.outbox()).toContainText('Không kết nối được máy chủ');
  await panel.expectCellStatus('hn-xom-1', 'queued');
  await expect.poll(() => badgeText(context)).toBe('1');
  expect((await server.get<{ items: unknown[] }>('/api/reports')).items).toHaveLength(0);
  await snap(panel.page, 'journey-home-queued');

  // The network is back: the report goes out once, the badge clears.
  await relay.up();
  await panel.sendNow();
  await panel.expectCellStatus('hn-xom-1', 'submitted');
  await expect(panel.outbox()).toHaveCount(0);
  await expect.poll(() => badgeText(context)).toBe('');
  const stored = (await server.get<{ items: { id: string }[] }>('/api/reports')).items;
  expect(stored.map((r) => r.id)).toEqual([draftId]);
  const view = await server.get<ReportView>(`/api/reports/${draftId}`);
  expect(view).toMatchObject({ score: 86, band: 'kha' });
  expect(view.issues.map((i) => [i.title, i.responsibleBodyId])).toEqual([
    ['Trộm cắp xe máy ban đêm', 'na-bnc'],
    ['Đường liên xóm xuống cấp', 'hung-nguyen'],
    ['Trường thiếu phòng học', 'na-sgddt'],
  ]);
  await snap(panel.page, 'journey-home-submitted');

  // The commune acknowledges one issue; the member sees the statuses refreshed from the API.
  const commune = await ServerClient.signIn(api.url, 'commune');
  const road = view.issues.find((i) => i.responsibleBodyId === 'hung-nguyen')!;
  await commune.post(`/api/issues/${road.id}/actions`, {
    type: 'acknowledge',
    expectedVersion: road.version,
  });
  await panel.openSubmitted('Chi bộ xóm 1');
  const statuses = panel.page.locator('[data-issue]');
  await expect(statuses).toHaveCount(3);
  await expect(panel.page.locator(`[data-issue="${road.id}"]`)).toContainText('Đã tiếp nhận');
  await expect(statuses.filter({ hasText: 'Trộm cắp' })).toContainText('Ban Nội chính Tỉnh ủy');
  await expect(statuses.filter({ hasText: 'Trộm cắp' })).toContainText('Đã chuyển');
  await expect(panel.page.getByTestId('view-score')).toHaveText('86');
  await snap(panel.page, 'journey-report-view');

  await recordMetrics({
    openToEditableMs: openToEditable,
    formReadyMarkMs: Math.round(formReadyMark),
    autosaveKeystrokeToIdbMs: autosaveMs,
    autosaveWriteMedianMs: writeMedian,
    autosaveWrites: writes.length,
  });
});
