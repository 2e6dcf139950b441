import { addDays, localDate } from '@duhop/shared';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReport } from '../support/reports.ts';
import { checkA11y } from './axe.ts';
import {
  expect,
  extensionIdOf,
  launchWithExtension,
  SCREENS_DIR,
  test as base,
} from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

/**
 * Every screen in an English-language Chromium (`--lang=en-US`, en-US Accept-Language and
 * navigator.language). The interface language is the extension's own setting (options page,
 * `local:locale`, Vietnamese unless the user picks English), never the browser's: so every screen
 * here is in Vietnamese, `<html lang="vi">`, dates dd/mm/yyyy and numbers 1.234,5. Each screen is
 * checked for raw dictionary keys and `{placeholders}`, English interface words, dates and numbers
 * in the browser's format, native date/month/time boxes (Chromium shows them in the browser's
 * format, mm/dd/yyyy here), and axe; screenshots in test/e2e/results/screens/NN-en-*.png.
 */

// Files reports and acts on issues: a worker and an API of its own (fixtures.ts).
const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's first parameter and requires an object pattern, even when no other fixture is used
  context: async ({}, use) => {
    const context = await launchWithExtension({ locale: 'en-US' });
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
});
test.use({ isolatedApi: 'english-browser' });

const PANEL = { width: 400, height: 800 };
const WORKSPACE = { width: 1366, height: 900 };

/** Words of an English interface (case-sensitive, whole words): none belongs on a Vietnamese screen. */
const ENGLISH =
  /(?<![\p{L}\d])(the|and|of|with|from|to|Sign in|Sign out|Save|Cancel|Loading|Search|Submit|Delete|Edit|Close|Back|Next|Previous|Settings|Reports?|Issues?|Inbox|Error|Retry|Send|Name|Date|Status|Users?|Total|None|Yes|No|Month|Year|Page|Filter|Add|Remove|Open|Show|Hide|Download|Import|Export|Members?|Cells?|Meeting|Minutes|Days?|Overdue|Pending|Due|Today|Yesterday|ago)(?![\p{L}\d])/gu;
/** A dictionary key shown as is: `navInbox`, `sy_month`, `err_unknown`. */
const RAW_KEY =
  /(?<![\p{L}\d_./@:-])(?:[a-z]+[A-Z][A-Za-z]+|[a-z]{2,}_[A-Za-z]+)(?![\p{L}\d_./@-])/gu;
/** Month names and AM/PM of an English date. */
const ENGLISH_DATE =
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d|\b\d{1,2}:\d{2}\s?[AP]M\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*, /g;
/** A slashed date: `03/11/2026` is right; one-digit parts or a month above 12 come from m/d/yyyy. */
const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
/** English numbers: a comma between thousands, a point before decimals. */
const ENGLISH_NUMBER = /(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d+\.\d{1,2}(?![\d.])/g;

/** The texts a user meets on the page: what is shown, and the boxes' placeholders and labels. */
async function screenTexts(page: Page): Promise<string> {
  return page.evaluate(() => {
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
    const attrs = Array.from(document.querySelectorAll('[placeholder], [aria-label], [title]'))
      .filter(visible)
      .flatMap((el) => ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a) ?? ''));
    const values = Array.from(document.querySelectorAll('select'))
      .filter(visible)
      .map((s) => s.selectedOptions[0]?.textContent ?? '');
    // What is rendered (innerText), not the text of hidden parts.
    // biome-ignore lint/performance/useDomNodeTextContent: the shown text is what is checked
    return [document.body.innerText, ...attrs, ...values].join('\n');
  });
}

/** Everything wrong with the language and formats of a text; [] when none. */
function formatProblems(text: string): string[] {
  // Addresses (the API's, a webhook's), e-mail addresses and file names are not interface text.
  const t = text
    .replace(/\b\w+:\/\/\S+/g, ' ')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\S+\.(?:csv|docx|json|xlsx|pdf)\b/gi, ' ');
  const out: string[] = [];
  for (const m of t.matchAll(RAW_KEY)) out.push(`raw key: ${m[0]}`);
  for (const m of t.matchAll(/\{\w+\}/g)) out.push(`placeholder: ${m[0]}`);
  for (const m of t.matchAll(ENGLISH)) out.push(`English: ${m[0]}`);
  for (const m of t.matchAll(ENGLISH_DATE)) out.push(`English date: ${m[0]}`);
  for (const m of t.matchAll(SLASH_DATE)) {
    if (m[1]!.length !== 2 || m[2]!.length !== 2 || Number(m[2]) > 12)
      out.push(`not dd/mm/yyyy: ${m[0]}`);
  }
  for (const m of t.matchAll(ENGLISH_NUMBER)) out.push(`English number: ${m[0]}`);
  return [...new Set(out)];
}

/**
 * One screen: settled, screenshot, axe, and the checks of this file (softly, to see them all).
 * `part` limits the text checks and the screenshot to one region (an open form).
 */
async function screen(page: Page, name: string, part?: Locator): Promise<void> {
  await expect(page.locator('[aria-busy="true"], .state--loading')).toHaveCount(0, {
    timeout: 20_000,
  });
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `en-${name}.png`), fullPage: true });
  if (part) await part.screenshot({ path: join(SCREENS_DIR, `en-${name}-part.png`) });
  await checkA11y(page, `en-${name}`);
  expect
    .soft(await page.evaluate(() => document.documentElement.lang), `lang of ${name}`)
    .toBe('vi');
  expect
    .soft(formatProblems(await screenTexts(page)), `language and formats on ${name}`)
    .toEqual([]);
  // Chromium shows a native date, month or time box in the browser's format (mm/dd/yyyy, "December
  // 2026", 7:30 PM here): every such box is typed and shown dd/mm/yyyy (mm/yyyy, 24 h) instead.
  const native = await page
    .locator(
      'input[type="date"]:visible, input[type="month"]:visible, input[type="time"]:visible, input[type="datetime-local"]:visible, input[type="week"]:visible',
    )
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('type')} #${e.id}`));
  expect.soft(native, `native date/time boxes on ${name}`).toEqual([]);
}

/** A meeting this month that has already ended (yesterday evening, or early today on the 1st). */
function meetingThisMonth(today: string) {
  const date = today.endsWith('-01') ? today : addDays(today, -1);
  const [start, end] = date === today ? ['00:05', '00:50'] : ['19:30', '21:15'];
  return {
    meetingDate: date,
    startedAt: `${date}T${start}:00+07:00`,
    endedAt: `${date}T${end}:00+07:00`,
  };
}

async function useApi(context: BrowserContext, extensionId: string, url: string): Promise<void> {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(url);
  await options.page.close();
}

async function workspaceAt(page: Page, hash: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, hash));
  await expect(page.locator('h1:visible')).toHaveCount(1, { timeout: 20_000 });
}

test('the checks of this file catch what they look for', () => {
  expect(formatProblems('Hạn 03/12/2026 · 1.234,5 điểm · 87,5 %')).toEqual([]);
  expect(formatProblems('12/3/2026')).toContain('not dd/mm/yyyy: 12/3/2026');
  expect(formatProblems('12/31/2026')).toContain('not dd/mm/yyyy: 12/31/2026');
  expect(formatProblems('Dec 2, 2026')).toContain('English date: Dec 2');
  expect(formatProblems('1,234.5')).toContain('English number: 1,234');
  expect(formatProblems('92.5 điểm')).toEqual(['English number: 92.5']);
  expect(formatProblems('navInbox')).toEqual(['raw key: navInbox']);
  expect(formatProblems('sy_month')).toEqual(['raw key: sy_month']);
  expect(formatProblems('Còn {n} mục')).toEqual(['placeholder: {n}']);
  expect(formatProblems('Sign in to the workspace')).toContain('English: Sign in');
  // Vietnamese words are not cut at their accented letters: "toàn", "Tổng" hold no "to".
  expect(formatProblems('ưu tiên hơn bộ toàn quốc · Tổng hợp · lưuKhóa')).toEqual([]);
  expect(formatProblems('http://127.0.0.1:8787/api a@b.vn mau.csv')).toEqual([]);
});

test('side panel at 400 px in an English browser: sign-in, home, the form, outbox, report, my issues, options', async ({
  context,
  extensionId,
  relay,
}) => {
  test.setTimeout(360_000);
  await useApi(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  const page = panel.page;
  await page.setViewportSize(PANEL);
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
  await screen(page, 'panel-sign-in');
  // Signing in with empty boxes: the app says so at the box, in Vietnamese (the browser's own
  // "Please fill out this field." bubble would be in English and would stop the form).
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByLabel('Tên đăng nhập')).toBeFocused();
  await expect(page.locator('#signin-user-err')).toHaveText('Chưa nhập');
  await expect(page.locator('#signin-pass-err')).toHaveText('Chưa nhập');
  await screen(page, 'panel-sign-in-empty');

  await page.getByLabel('Tên đăng nhập').fill('observer');
  await page.getByLabel('Mật khẩu').fill('demo1234');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await panel.expectCellStatus('hn-xom-1', 'none');
  await screen(page, 'panel-home');

  // The empty form with its errors, then filled in: each section.
  const form = await panel.startReport('hn-xom-1');
  await page.getByRole('button', { name: 'Xem các mục' }).click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeFocused();
  await screen(page, 'panel-form-errors');
  await form.fillConsistent();
  await form.setSuggestions('Chi bộ cần bám sát nghị quyết của Đảng ủy xã.');
  await form.addIssue({
    title: 'Đường vào xóm 1 bị sạt lở',
    detail: 'Đoạn 50 m gần cầu, xe máy đi lại nguy hiểm.',
    category: 'Hạ tầng – giao thông',
  });
  const sections = page.locator(
    'form#report-form fieldset.section:not(fieldset.section fieldset.section)',
  );
  const names = ['meeting', 'attendance', 'criteria', 'suggestions', 'issues'];
  await expect(sections).toHaveCount(names.length);
  for (const [i, name] of names.entries()) {
    await sections.nth(i).scrollIntoViewIfNeeded();
    await screen(page, `panel-form-${name}`, sections.nth(i));
  }
  // The meeting's date and times are the form's own boxes: dd/mm/yyyy and 24 h, whatever the browser.
  await expect(page.locator('#f-date')).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await expect(page.locator('#f-start')).toHaveValue('19:30');

  // The server cannot be reached: the report waits in the outbox.
  await relay.down();
  await form.submitButton().click();
  await expect(panel.outbox()).toHaveCount(1);
  await panel.expectCellStatus('hn-xom-1', 'queued');
  await screen(page, 'panel-outbox-waiting');
  await relay.up();
  await panel.sendNow();
  await panel.expectCellStatus('hn-xom-1', 'submitted');
  await expect(panel.outbox()).toHaveCount(0);
  await screen(page, 'panel-home-submitted');

  await panel.openSubmitted('Chi bộ xóm 1');
  await screen(page, 'panel-report-view');

  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await page.getByTestId('my-issues-link').click();
  await expect(page.getByTestId('my-issues')).toBeVisible();
  await screen(page, 'panel-my-issues');

  const options = await OptionsPage.open(context, extensionId);
  await options.page.setViewportSize(PANEL);
  await expect(options.page.getByRole('heading', { name: /Đã đăng nhập/ })).toBeVisible();
  await screen(options.page, 'options-signed-in');
});

test('options page before sign-in in an English browser', async ({ context, extensionId }) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.page.setViewportSize(PANEL);
  await expect(options.page.getByLabel('Địa chỉ máy chủ')).toBeVisible();
  await expect(options.page.getByRole('radio', { name: 'Tiếng Việt' })).toBeChecked();
  await screen(options.page, 'options');
});

test('commune staff at 1366 px in an English browser: inbox, issue, actions, synthesis, compliance, year, assignments, residence', async ({
  context,
  extensionId,
  api,
  relay,
}) => {
  test.setTimeout(360_000);
  const observer = await ServerClient.signIn(api.url, 'observer');
  await observer.post(
    '/api/reports',
    buildReport({ cellId: 'hn-xom-2', ...meetingThisMonth(localDate(new Date())) }),
  );
  await useApi(context, extensionId, relay.url);
  const ws = await WorkspacePage.open(context, extensionId, '#/inbox');
  const page = ws.page;
  await page.setViewportSize(WORKSPACE);
  await expect(page.locator('#w-signin-user')).toBeVisible();
  await screen(page, 'ws-sign-in');

  await ws.signIn('commune');
  await expect(ws.rows().first()).toBeVisible({ timeout: 20_000 });
  await screen(page, 'ws-inbox');

  await ws.rows().first().locator('a.title').click();
  await expect(ws.issueView()).toBeVisible();
  await screen(page, 'ws-issue');
  // The issue acknowledged (the next one of the list opens after an action: come back to it): its
  // timeline, and an action's form.
  const issueUrl = page.url();
  await ws.action('Tiếp nhận');
  await expect
    .poll(
      async () =>
        page.url() !== issueUrl ||
        (await page.getByTestId('issue-status').textContent()) === 'Đã tiếp nhận',
    )
    .toBe(true);
  if (page.url() !== issueUrl) await page.goto(issueUrl);
  await ws.expectStatus('Đã tiếp nhận');
  const planned = ws.issueView().locator('.action-buttons button[aria-expanded]').first();
  await planned.click();
  await expect(ws.actionForm()).toBeVisible();
  await screen(page, 'ws-issue-action', ws.actionForm());

  // The month is typed mm/yyyy and shown so: last month opens as soon as it is typed.
  await workspaceAt(page, '#/synthesis');
  const month = localDate(new Date()).slice(0, 7);
  const last = month.endsWith('-01')
    ? `${Number(month.slice(0, 4)) - 1}-12`
    : `${month.slice(0, 4)}-${String(Number(month.slice(5)) - 1).padStart(2, '0')}`;
  const monthBox = page.getByLabel('Tháng', { exact: true });
  await monthBox.fill(`${last.slice(5)}/${last.slice(0, 4)}`);
  await expect(page.locator('h1:visible')).toContainText(`${last.slice(5)}/${last.slice(0, 4)}`);
  await monthBox.fill(`13/${month.slice(0, 4)}`);
  await expect(page.getByText('Nhập tháng theo dạng tháng/năm, ví dụ 11/2026')).toBeVisible();
  await monthBox.fill(`${month.slice(5)}/${month.slice(0, 4)}`);
  await expect(page.locator('h1:visible')).toContainText(`${month.slice(5)}/${month.slice(0, 4)}`);
  await expect(monthBox).toHaveValue(`${month.slice(5)}/${month.slice(0, 4)}`);

  for (const [hash, name] of [
    ['#/templates', 'templates'],
    ['#/synthesis', 'synthesis'],
    ['#/compliance', 'compliance'],
    ['#/year', 'year'],
    ['#/assignments', 'assignments'],
    ['#/residence', 'residence'],
  ] as const) {
    await workspaceAt(page, hash);
    await screen(page, `ws-${name}`);
  }

  // The forms with dates: a new assignment, a new residence member.
  await workspaceAt(page, '#/assignments');
  await page
    .getByRole('button', { name: /Thêm phân công/ })
    .first()
    .click();
  const assignment = page
    .locator('form')
    .filter({ has: page.getByLabel(/Chi bộ/) })
    .first();
  await expect(assignment).toBeVisible();
  await screen(page, 'ws-assignment-form', assignment);

  await workspaceAt(page, '#/residence');
  await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
  const member = page.getByTestId('residence-form');
  await expect(member).toBeVisible();
  // Dates typed day first: 05/03 is the 5th of March, kept so; what is no date is said at the box.
  const year = month.slice(0, 4);
  await member.getByLabel('Ngày giới thiệu').fill('');
  await member.getByLabel('Ngày giới thiệu').pressSequentially(`0503${year}`);
  await expect(member.getByLabel('Ngày giới thiệu')).toHaveValue(`05/03/${year}`);
  await member.getByLabel('Ngày tiếp nhận').fill(`31/02/${year}`);
  await member.getByLabel('Ngày tiếp nhận').blur();
  await expect(
    member.getByText('Nhập ngày theo dạng ngày/tháng/năm, ví dụ 25/11/2026'),
  ).toBeVisible();
  await screen(page, 'ws-residence-form', member);
});

test('admin at 1366 px in an English browser: every admin page and its forms with dates', async ({
  context,
  extensionId,
  api,
  relay,
}) => {
  test.setTimeout(360_000);
  const observer = await ServerClient.signIn(api.url, 'observer');
  const report = buildReport({ cellId: 'hn-xom-1', ...meetingThisMonth(localDate(new Date())) });
  report.issues.push({
    id: randomUUID(),
    title: 'Tụ tập đánh bạc tại bãi sông xóm 1',
    detail: 'Nhiều đêm liền, đề nghị lực lượng chức năng xử lý.',
    category: 'an_ninh_trat_tu',
    urgency: 'urgent',
  });
  await observer.post('/api/reports', report);
  await useApi(context, extensionId, relay.url);
  const ws = await WorkspacePage.open(context, extensionId, '#/inbox');
  const page = ws.page;
  await page.setViewportSize(WORKSPACE);
  await ws.signIn('admin');
  await expect(page.locator('h1:visible')).toHaveCount(1, { timeout: 20_000 });
  await screen(page, 'ws-inbox-admin');

  for (const [hash, name] of [
    ['#/admin-users', 'admin-users'],
    ['#/admin-org', 'admin-org'],
    ['#/admin-rules', 'admin-rules'],
    ['#/admin-criteria', 'admin-criteria'],
    ['#/admin-audit', 'admin-audit'],
    ['#/admin-deliveries', 'admin-deliveries'],
    ['#/admin-webhooks', 'admin-webhooks'],
    ['#/synthesis', 'synthesis-admin'],
  ] as const) {
    await workspaceAt(page, hash);
    await screen(page, `ws-${name}`);
  }

  await workspaceAt(page, '#/admin-users');
  const user = page.locator('[data-user="truongban"]');
  await expect(user).toBeVisible({ timeout: 20_000 });
  await user.getByRole('button', { name: 'Sửa truongban' }).click();
  await screen(page, 'ws-admin-users-edit');

  await workspaceAt(page, '#/admin-org');
  const unit = page.locator('[data-unit="hung-nguyen"]');
  await expect(unit).toBeVisible({ timeout: 20_000 });
  await unit.getByRole('button', { name: 'Sửa' }).first().click();
  await expect(unit.locator('form').first()).toBeVisible();
  await screen(page, 'ws-admin-org-edit', unit.locator('form').first());

  // The other forms with a date: a criteria set adopted for the province, units merged.
  await workspaceAt(page, '#/admin-criteria');
  await page.getByRole('button', { name: 'Áp dụng cho tỉnh' }).first().click();
  const adopt = page.locator('form.inline-form').first();
  await expect(adopt).toBeVisible();
  await expect(adopt.locator('input').first()).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await screen(page, 'ws-admin-criteria-adopt', adopt);

  await workspaceAt(page, '#/admin-org');
  await page.getByRole('button', { name: 'Sáp nhập', exact: true }).click();
  const merge = page.locator('form.merge-form');
  await expect(merge).toBeVisible();
  await expect(merge.getByLabel('Ngày có hiệu lực')).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await screen(page, 'ws-admin-org-merge', merge);
});

test('side panel at 400 px with the English interface chosen: English texts, dates dd/mm/yyyy, nothing cut', async ({
  context,
  extensionId,
  relay,
}) => {
  test.setTimeout(240_000);
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.getByRole('radio', { name: 'English' }).check();
  await expect(options.page.locator('html')).toHaveAttribute('lang', 'en');
  await options.page.close();
  const panel = await PanelPage.open(context, extensionId);
  const page = panel.page;
  await page.setViewportSize(PANEL);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Username').fill('observer');
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // A cell without a report this month (the other tests of this worker filed some).
  const open = page.locator('[data-cell][data-status="none"]').first();
  await expect(open).toBeVisible();
  await open.locator('button').first().click();
  await expect(page.locator('#f-start')).toBeEditable();
  for (const name of ['home', 'form']) {
    if (name === 'home') {
      await page.goBack();
      await expect(page.locator('[data-cell]').first()).toBeVisible();
    } else {
      await page.goForward();
      await expect(page.locator('#f-start')).toBeEditable();
    }
    await expect(page.locator('[aria-busy="true"], .state--loading')).toHaveCount(0);
    await page.screenshot({ path: join(SCREENS_DIR, `en-english-ui-${name}.png`), fullPage: true });
    await checkA11y(page, `en-english-ui-${name}`);
    // Nothing wider than the panel, no label or button cut off.
    const cut = await page.evaluate(() =>
      Array.from(document.querySelectorAll('button, label, legend, h1, h2, .pill, a'))
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        .map((el) => (el.textContent ?? '').trim()),
    );
    expect.soft(cut, `cut texts on the English ${name}`).toEqual([]);
    expect
      .soft(await page.evaluate(() => document.documentElement.scrollWidth), `width of ${name}`)
      .toBeLessThanOrEqual(PANEL.width);
    // biome-ignore lint/performance/useDomNodeTextContent: the shown text is what is checked
    const text = await page.evaluate(() => document.body.innerText);
    for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g))
      expect.soft(m[1]!.length === 2 && m[2]!.length === 2 && Number(m[2]) <= 12, m[0]).toBe(true);
    expect.soft(text, `raw keys or placeholders on ${name}`).not.toMatch(/\{\w+\}/);
  }
});
