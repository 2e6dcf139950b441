import { readFile } from 'node:fs/promises';
import { localDate, type SynthesisResponse } from '@duhop/shared';
import { keepDocument } from '../support/render-pdf.ts';
import { buildReport, fullScores } from '../support/reports.ts';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';
import { endedMeetingThisMonth } from './pages/filing.ts';

/** The wire type itself: a hand-written twin here had drifted (it lacked `late`). */
type Synthesis = SynthesisResponse;

/** The documents the test downloads, kept with their PDF once it has ended (LibreOffice is slow). */
const kept: [string, Buffer][] = [];
test.afterAll(async () => {
  test.setTimeout(240_000);
  for (const [name, bytes] of kept) await keepDocument(name, bytes);
});

test('the commune reads its month as charts and downloads the synthesis as XLSX, DOCX and CSV; the member downloads a report', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  // Two reports of this month on hn-xom-2 through the API (a regular one with full marks, a topical
  // one scored lower that the cell rated 100), each raising the sample's two issues.
  const today = localDate(new Date());
  const month = today.slice(0, 7);
  const observer = await ServerClient.signIn(api.url, 'observer');
  const when = endedMeetingThisMonth();
  const regular = await observer.post<{ id: string }>(
    '/api/reports',
    buildReport({ cellId: 'hn-xom-2', ...when }),
  );
  const lower = Object.fromEntries(
    Object.entries(fullScores('hd42-2025', 'topical')).map(([k, v], i) => [
      k,
      i < 4 ? Math.max(0, v - 5) : v,
    ]),
  );
  await observer.post(
    '/api/reports',
    buildReport({
      cellId: 'hn-xom-2',
      meetingType: 'topical',
      scores: lower,
      cellSelfScore: 100,
      ...when,
    }),
  );
  const commune = await ServerClient.signIn(api.url, 'commune');
  const expected = await commune.get<Synthesis>(`/api/synthesis?month=${month}`);
  expect(expected.reports.filed).toBeGreaterThanOrEqual(2);

  // The commune's staff open the workspace (it lands on the inbox) and go to the month's synthesis.
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/');
  await ws.signIn('commune');
  await expect(ws.page.getByRole('heading', { name: 'Xử lý kiến nghị' })).toBeVisible();
  await ws.page.getByRole('link', { name: 'Tổng hợp tháng' }).click();
  await ws.page.getByLabel('Tháng', { exact: true }).fill(month);
  const page = ws.page;
  await expect(page.getByRole('heading', { name: /Tổng hợp tháng/ })).toContainText(
    `${month.slice(5)}/${month.slice(0, 4)}`,
  );
  await expect(page.getByTestId('kpis')).toContainText(
    `${expected.reports.onTime + expected.reports.late}/${expected.reports.expected}`,
  );

  // Bands: one bar per band, with its label and count.
  const bands = page.locator('[data-chart="ch-bands"] svg');
  await expect(bands.locator('title').first()).toHaveText('Xếp loại buổi sinh hoạt');
  for (const b of expected.bands) {
    const bar = bands.locator(`[data-key="${b.band}"]`);
    await expect(bar).toHaveAttribute('data-value', String(b.count));
    await expect(bar.locator('text.axis-label')).toHaveText(b.label);
  }
  // Trend: six months, this one with its on-time count.
  await expect(page.locator('[data-chart="ch-trend"] .trend-month')).toHaveCount(6);
  await expect(
    page.locator(`[data-chart="ch-trend"] .trend-month[data-month="${month}"]`),
  ).toHaveAttribute('data-on-time', String(expected.reports.onTime));
  // Issues by category: the sample's two categories, with the raised totals.
  for (const c of expected.issues.byCategory) {
    const row = page.locator(`[data-chart="ch-categories"] [data-key="${c.category}"]`);
    await expect(row).toHaveAttribute('data-total', String(c.raised));
    await expect(row.locator('text.axis-label')).toHaveText(c.label);
  }
  await expect(page.locator('[data-chart="ch-statuses"] svg')).toBeVisible();
  await expect(page.locator('[data-chart="ch-groups"] .bar-row').first()).toBeVisible();
  await expect(page.locator('[data-table="gaps"] [data-report]')).toHaveCount(expected.gaps.length);
  await snap(page, 'synthesis-charts');

  // The exports download; their first bytes say what they are. The CSV comes twice: as is, and
  // for Excel in Vietnamese (`;` and decimal comma). The documents are kept with their PDF.
  for (const [choice, format, magic] of [
    ['xlsx', 'xlsx', '504b'],
    ['docx', 'docx', '504b'],
    ['csv', 'csv', 'efbbbf'],
    ['csv-vi', 'csv', 'efbbbf'],
  ] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator(`[data-export="${choice}"]`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bao-cao-tong-hop-hung-nguyen-${month}.${format}`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.length).toBeGreaterThan(format === 'csv' ? 100 : 2000);
    expect(bytes.subarray(0, magic.length / 2).toString('hex')).toBe(magic);
    if (format === 'csv') expect(bytes.toString('utf8')).toContain('Xếp loại');
    if (choice === 'csv-vi') expect(bytes.toString('utf8')).toContain('Xếp loại;Số báo cáo');
    if (format !== 'csv') kept.push([`e2e-synthesis.${format}`, bytes]);
    await expect(page.getByTestId('export-state')).toContainText(
      `Đã tải xuống bao-cao-tong-hop-hung-nguyen-${month}.${format}`,
    );
  }

  // Compliance of the same month: one row per expected report, with its badge.
  await page.getByRole('link', { name: 'Báo cáo đúng hạn' }).click();
  await page.getByLabel('Tháng', { exact: true }).fill(month);
  await expect(page.locator('[data-table="cells"] [data-cell="hn-xom-2"]').first()).toHaveAttribute(
    'data-status',
    /on_time|late/,
  );
  await expect(page.getByTestId('compliance-totals')).toContainText(
    String(expected.reports.expected),
  );
  await snap(page, 'synthesis-compliance');

  // The member keeps a DOCX of a submitted report from the side panel.
  await ws.signOut();
  const memberOptions = await OptionsPage.open(context, extensionId);
  await memberOptions.signIn('observer', 'demo1234');
  await memberOptions.page.close();
  const panel = await PanelPage.open(context, extensionId);
  await expect(panel.page.getByTestId('deadline')).toContainText('Hạn nộp báo cáo tháng');
  await panel.page.evaluate((id) => (location.hash = `#/report/${id}`), regular.id);
  await expect(panel.page.locator('[data-report-view]')).toBeVisible();
  const [docx] = await Promise.all([
    panel.page.waitForEvent('download', { timeout: 60_000 }),
    panel.page.getByRole('button', { name: 'Tải báo cáo (DOCX)' }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe(`bao-cao-du-sinh-hoat-hn-xom-2-${when.meetingDate}.docx`);
  const reportBytes = await readFile((await docx.path())!);
  expect(reportBytes.subarray(0, 2).toString()).toBe('PK');
  kept.push(['e2e-report.docx', reportBytes]);
  await snap(panel.page, 'synthesis-report-docx');
});
