import AxeBuilder from './axe-builder.ts';
import { localDate } from '@duhop/shared';
import type { BrowserContext, Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReport, fullScores } from '../support/reports.ts';
import { expect, launchWithExtension, extensionIdOf, SCREENS_DIR, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';
import { endedMeetingThisMonth } from './pages/filing.ts';

// Reports on the demo cells this month: a worker and an API of its own (fixtures.ts).
test.use({ isolatedApi: 'screens-i14' });

/**
 * The screens issue 14 touched, in the built extension against the real API: a screenshot of each
 * (test/e2e/results/screens) and axe's WCAG 2 A/AA rules with no serious or critical violation.
 */

/** axe on the page as it stands; every serious or critical violation fails (softly, to see them all). */
async function axe(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
  }));
  await writeFile(join(SCREENS_DIR, `axe-${name}.json`), JSON.stringify(summary, null, 2));
  expect.soft(summary, `axe: serious/critical violations on ${name}`).toEqual([]);
}

/** A regular report (one issue answered at the meeting) and a topical one on hn-xom-2 this month. */
async function fileReports(apiUrl: string): Promise<string> {
  const observer = await ServerClient.signIn(apiUrl, 'observer');
  const when = endedMeetingThisMonth();
  const regular = buildReport({ cellId: 'hn-xom-2', ...when });
  regular.issues[1] = {
    ...regular.issues[1]!,
    answeredAtMeeting: {
      by: 'Đồng chí Bí thư chi bộ',
      answer: 'Đã giải thích quy định về ranh giới thửa đất; hai hộ đồng ý hòa giải tại thôn.',
    },
  };
  await observer.post('/api/reports', regular);
  await observer.post(
    '/api/reports',
    buildReport({
      cellId: 'hn-xom-2',
      meetingType: 'topical',
      scores: fullScores('hd42-2025', 'topical'),
      ...when,
    }),
  );
  return regular.id;
}

async function useApi(context: BrowserContext, extensionId: string, url: string): Promise<void> {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(url);
  await options.page.close();
}

async function workspace(
  context: BrowserContext,
  extensionId: string,
  hash: string,
  user: string,
): Promise<Page> {
  const ws = await WorkspacePage.open(context, extensionId, hash);
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  await ws.signIn(user);
  return ws.page;
}

/** Lets the page settle: no `aria-busy` region left loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"], .state--loading')).toHaveCount(0, {
    timeout: 20_000,
  });
}

test('commune: year view, compliance, assignments and synthesis at 1366 px', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  await fileReports(api.url);
  const month = localDate(new Date()).slice(0, 7);
  await useApi(context, extensionId, relay.url);
  const page = await workspace(context, extensionId, '#/year', 'commune');
  await expect(page.getByRole('heading', { level: 1, name: /Tổng hợp năm/ })).toBeVisible();
  await settled(page);
  await snap(page, 'i14-year-commune');
  await axe(page, 'year-commune');

  const nav = page.locator('.topbar nav');
  for (const [link, name] of [
    [/Báo cáo đúng hạn/, 'compliance'],
    [/Phân công/, 'assignments'],
    [/Tổng hợp tháng/, 'synthesis'],
  ] as const) {
    await nav.getByRole('link', { name: link }).click();
    await expect(page.locator('h1').first()).toBeVisible();
    // This month: the reports just filed, and the compliance's "Chưa đến hạn".
    if (name !== 'assignments') {
      await page.getByLabel('Tháng', { exact: true }).fill(month);
      await expect(page.locator('h1').first()).toContainText(
        `${month.slice(5)}/${month.slice(0, 4)}`,
      );
    }
    await settled(page);
    await snap(page, `i14-${name}-commune`);
    await axe(page, `${name}-commune`);
  }
});

test('admin: criteria sets, a body’s document settings, accounts with roles at 1366 px', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  await useApi(context, extensionId, relay.url);
  const page = await workspace(context, extensionId, '#/admin-criteria', 'admin');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await settled(page);
  await snap(page, 'i14-admin-criteria');
  await axe(page, 'admin-criteria');

  await page.goto(page.url().replace(/#.*$/, '#/admin-org'));
  const row = page.locator('[data-unit="hung-nguyen"]');
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.getByRole('button', { name: 'Văn bản' }).first().click();
  await expect(row.locator('form').first()).toBeVisible();
  await settled(page);
  await snap(page, 'i14-admin-org-documents');
  await axe(page, 'admin-org-documents');

  await page.goto(page.url().replace(/#.*$/, '#/admin-users'));
  const user = page.locator('[data-user="truongban"]');
  await expect(user).toBeVisible({ timeout: 20_000 });
  await user.getByRole('button', { name: 'Sửa truongban' }).click();
  await expect(page.getByRole('group', { name: 'Kiêm nhiệm vai trò' })).toBeVisible();
  await snap(page, 'i14-admin-users-roles');
  await axe(page, 'admin-users-roles');
});

test('side panel at 400 px: the observer marks an issue answered at the meeting and reads one filed so', async ({
  context,
  extensionId,
  relay,
  api,
  snap,
}) => {
  const reportId = await fileReports(api.url);
  await useApi(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  await panel.page.setViewportSize({ width: 400, height: 800 });
  await panel.page.getByLabel('Tên đăng nhập').fill('observer');
  await panel.page.getByLabel('Mật khẩu').fill('demo1234');
  await panel.page.getByRole('button', { name: 'Đăng nhập' }).click();
  const form = await panel.startReport('hn-xom-1');
  await form.addIssue({
    title: 'Hỏi về chế độ hỗ trợ người có công',
    detail: 'Đảng viên hỏi mức hỗ trợ mới từ năm 2026.',
    category: 'Chính sách xã hội',
  });
  const issue = form.issue(0);
  await issue.getByTestId('answered-at-meeting').check();
  await issue.getByLabel('Người giải đáp').fill('Đồng chí Bí thư chi bộ');
  await issue
    .getByLabel(/Nội dung giải đáp|Trả lời/)
    .fill('Đã giải thích mức hỗ trợ theo Nghị định mới.');
  await issue.scrollIntoViewIfNeeded();
  await snap(panel.page, 'i14-panel-issue-answered');
  await axe(panel.page, 'panel-issue-answered');

  // The report filed through the API with an answered issue, as the member reads it.
  await panel.page.goto(`chrome-extension://${extensionId}/sidepanel.html#/report/${reportId}`);
  await expect(panel.page.getByTestId('issue-answered-at-meeting').first()).toBeVisible();
  await snap(panel.page, 'i14-panel-report-answered');
  await axe(panel.page, 'panel-report-answered');
});

test('side panel at 400 px: truongban, observer of two cells and committee staff', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  await useApi(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  await panel.page.setViewportSize({ width: 400, height: 800 });
  await panel.page.getByLabel('Tên đăng nhập').fill('truongban');
  await panel.page.getByLabel('Mật khẩu').fill('demo1234');
  await panel.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await panel.expectCellStatus('dc-bac-son', 'none');
  await settled(panel.page);
  await snap(panel.page, 'i14-panel-truongban');
  await axe(panel.page, 'panel-truongban');

  // Signed in through the panel: the workspace opens straight on the committee's pages.
  const ws = await WorkspacePage.open(context, extensionId, '#/year');
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  const page = ws.page;
  await expect(page.getByRole('heading', { level: 1, name: /Tổng hợp năm/ })).toBeVisible();
  await settled(page);
  await snap(page, 'i14-year-truongban');
  await axe(page, 'year-truongban');
});

test('the year view in an English-language browser', async ({ api, snap }) => {
  await fileReports(api.url);
  // A browser of its own, in English; the extension's language is chosen in its options.
  const context = await launchWithExtension({ locale: 'en-US' });
  try {
    const extensionId = await extensionIdOf(context);
    const options = await OptionsPage.open(context, extensionId);
    await options.setApiAddress(api.url);
    await options.page.getByRole('radio', { name: 'English' }).check();
    await options.page.close();
    const ws = await WorkspacePage.open(context, extensionId, '#/year');
    await ws.page.setViewportSize({ width: 1366, height: 900 });
    await ws.page.locator('#w-signin-user').fill('commune');
    await ws.page.locator('#w-signin-pass').fill('demo1234');
    await ws.page.getByRole('button', { name: /Sign in/ }).click();
    await expect(ws.page.getByRole('heading', { level: 1 })).toBeVisible();
    await settled(ws.page);
    await snap(ws.page, 'i14-year-english');
    await axe(ws.page, 'year-english');
  } finally {
    await context.close();
  }
});
