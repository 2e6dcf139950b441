import AxeBuilder from './axe-builder.ts';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, extensionIdOf, launchWithExtension, SCREENS_DIR, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';

// Reports and actions on the demo data: a worker and an API of its own (fixtures.ts).
test.use({ isolatedApi: 'form-i15-panel' });

// Issue 15, side panel form: dates and times in dd/mm/yyyy and 24-hour whatever the browser's
// language, points by tapping, sections with progress, a sticky bar that never covers the focused
// field, usable at 200 % zoom and at 320 px.

async function signIn(context: Parameters<typeof OptionsPage.open>[0], id: string, url: string) {
  const options = await OptionsPage.open(context, id);
  await options.setApiAddress(url);
  await options.signIn('observer', 'demo1234');
  await options.page.close();
}

/** axe's WCAG 2 A/AA rules: no serious or critical violation; the others counted in the log. */
async function axe(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = result.violations.length - bad.length;
  console.log(`axe ${name}: ${bad.length} serious/critical, ${other} moderate/minor`);
  expect
    .soft(
      bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `axe on ${name}`,
    )
    .toEqual([]);
}

/**
 * Tabs through the whole form and returns the focused elements the sticky bars cover (the score
 * bar at the bottom, the top bar and the section list when they stick). Empty when none is.
 */
async function coveredTabStops(page: Page, max = 200): Promise<string[]> {
  await page.locator('h1').first().click();
  const covered: string[] = [];
  let stops = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      if (el.closest('.score-bar, .topbar, .form-nav')) return { skip: true, name: '' };
      if (!el.closest('#report-form')) return { skip: true, name: '' };
      const box = el.getBoundingClientRect();
      const bar = document.querySelector('.score-bar')!.getBoundingClientRect();
      let top = 0;
      for (const sel of ['.topbar', '.form-nav']) {
        const s = document.querySelector<HTMLElement>(sel);
        if (s && getComputedStyle(s).position === 'sticky')
          top = Math.max(top, s.getBoundingClientRect().bottom);
      }
      const name = `${el.tagName.toLowerCase()}#${el.id || el.textContent?.trim().slice(0, 20)}`;
      return { skip: false, name, hidden: box.bottom > bar.top + 0.5 || box.top < top - 0.5 };
    });
    if (!r) break;
    if (r.skip) continue;
    stops++;
    if (r.hidden) covered.push(r.name);
  }
  expect(stops).toBeGreaterThan(40);
  console.log(`tab stops in the form: ${stops}, under a sticky bar: ${covered.length}`);
  return covered;
}

/** What the member sees (the viewport, sticky bars in place), kept beside the full-page shots. */
async function view(page: Page, name: string): Promise<void> {
  const body = await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('points by tapping, a proposal accepted in one tap, sections with progress, focus never under the bar', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  await signIn(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  await panel.page.setViewportSize({ width: 400, height: 760 });
  const form = await panel.startReport('hn-xom-1');
  const page = panel.page;
  const nav = page.getByTestId('form-nav');
  await expect(nav.locator('[data-section="meeting"]')).toHaveAttribute('data-state', 'todo');

  await form.setTimes('19:30', '21:15');
  await form.setAttendance({
    total: 20,
    exempted: 0,
    present: 18,
    absentWithReason: 2,
    absentWithoutReason: 0,
    speakers: 9,
  });
  await expect(nav.locator('[data-section="meeting"]')).toHaveAttribute('data-state', 'done');
  await expect(nav.locator('[data-section="attendance"]')).toHaveAttribute('data-state', 'done');

  // An item worth 3 offers 0, 1, 2, 3: one tap scores it, the number box follows.
  const g31 = page.getByTestId('points-g3.1');
  await expect(g31.locator('.chip')).toHaveText(['0', '1', '2', '3']);
  await g31.getByRole('radio', { name: '2', exact: true }).click();
  await expect(g31.getByRole('radio', { name: '2', exact: true })).toBeChecked();
  await expect(page.locator('#f-score-g3-1')).toHaveValue('2');
  // Typing stays possible.
  await form.setScore('g3.1', 3);
  await expect(g31.getByRole('radio', { name: '3', exact: true })).toBeChecked();

  // Attendance 90 %: the item's proposal is marked and counts; another tap overrides it, and one
  // tap on the proposal (or its link) goes back to it.
  const g21 = page.getByTestId('points-g2.1');
  const proposed = g21.locator('.chip--proposed');
  await expect(proposed).toHaveCount(1);
  await expect(proposed).toBeChecked();
  const proposal = (await proposed.textContent())!.replace(/\D+/g, '');
  await g21.getByRole('radio', { name: '0', exact: true }).click();
  await expect(g21.getByRole('radio', { name: '0', exact: true })).toBeChecked();
  await page.getByRole('button', { name: `Dùng đề xuất ${proposal}` }).click();
  await expect(proposed).toBeChecked();
  await g21.getByRole('radio', { name: '0', exact: true }).click();
  await proposed.click();
  await expect(proposed).toBeChecked();
  await expect(page.locator('#f-score-g2-1')).toHaveValue('');

  // Arrow keys move along the points of an item (one tab stop per item).
  const g32 = page.getByTestId('points-g3.2');
  await g32.getByRole('radio', { name: '0', exact: true }).click();
  await page.keyboard.press('ArrowRight');
  await expect(g32.getByRole('radio', { name: '1', exact: true })).toBeChecked();
  await expect(g32.getByRole('radio', { name: '1', exact: true })).toBeFocused();

  // The section list jumps: to the suggestions, focus on their box, clear of the bars.
  await nav.locator('[data-section="suggestions"]').click();
  await expect(page.locator('#f-suggestions')).toBeFocused();
  await nav.locator('[data-section="group:g4"]').click();
  await expect(page.locator('#sec-group-g4 > summary')).toBeFocused();
  // …its heading just under the sticky list, not further down.
  const gap = await page.evaluate(
    () =>
      document.querySelector('#sec-group-g4')!.getBoundingClientRect().top -
      document.querySelector('.form-nav')!.getBoundingClientRect().bottom,
  );
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(24);
  await view(page, 'i15-view-400-group4');
  await snap(page, 'i15-form-tapping-400');

  await form.fillAllCriteria();
  await form.setTargets(95);
  for (const s of ['group:g1', 'group:g3', 'group:g7'])
    await expect(nav.locator(`[data-section="${s}"]`)).toHaveAttribute('data-state', 'done');
  await axe(page, 'form-400');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`form height at 400 px, every item scored: ${height} px`);

  // No tab stop of the form ends up under the score bar or behind the sticky section list.
  expect(await coveredTabStops(page)).toEqual([]);
});

test('usable at 200 % zoom and at 320 px: no sideways scrolling, a compact bar, focus clear of it', async ({
  context,
  extensionId,
  relay,
  snap,
}) => {
  await signIn(context, extensionId, relay.url);
  const panel = await PanelPage.open(context, extensionId);
  const page = panel.page;
  await page.setViewportSize({ width: 320, height: 700 });
  const form = await panel.startReport('hn-xom-1');
  await form.setTimes('19:30', '21:15');
  expect(await noSidewaysScroll(page)).toBe(true);
  await snap(page, 'i15-form-320');
  await view(page, 'i15-view-320');

  // A 400 × 800 panel at 200 % zoom lays out as 200 × 400 CSS pixels.
  await page.setViewportSize({ width: 200, height: 400 });
  await expect(page.locator('#f-start')).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  const barShare = await page.evaluate(
    () => document.querySelector('.score-bar')!.getBoundingClientRect().height / innerHeight,
  );
  console.log(`score bar at 200 % zoom: ${Math.round(barShare * 100)} % of the height`);
  expect(barShare).toBeLessThan(0.3);
  await snap(page, 'i15-form-200pct');
  await page.getByTestId('points-g3.1').getByRole('radio').first().focus();
  await view(page, 'i15-view-200pct-focus');
  expect(await coveredTabStops(page)).toEqual([]);
});

test('dates and times in dd/mm/yyyy and 24-hour in an English Chromium, messages in Vietnamese', async ({
  relay,
  snap,
}) => {
  const context = await launchWithExtension({ locale: 'en-US' });
  try {
    const extensionId = await extensionIdOf(context);
    await signIn(context, extensionId, relay.url);
    const panel = await PanelPage.open(context, extensionId);
    const page = panel.page;
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    const form = await panel.startReport('hn-xom-1');

    // No native pickers, no browser validation: the form's own text boxes.
    await expect(page.locator('input[type="date"], input[type="time"]')).toHaveCount(0);
    await expect(page.locator('form#report-form')).toHaveAttribute('novalidate', '');
    const date = page.locator('#f-date');
    await expect(date).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
    await expect(date).toHaveAttribute('placeholder', 'dd/mm/yyyy');

    // Day first: 03/11/2026 is the 3rd of November (typed with the mask adding the slashes).
    await date.fill('');
    await date.pressSequentially('03112026');
    await expect(date).toHaveValue('03/11/2026');
    await form.setTimes('19:30', '21:15');
    await expect(form.duration()).toContainText('105 phút');
    await expect(page.locator('#f-end')).toHaveValue('21:15');

    // The American order and AM/PM are refused with the app's Vietnamese messages.
    await date.fill('11/25/2026');
    await page.locator('#f-type').focus();
    await expect(form.fieldErrors('f-date')).toContainText('Nhập ngày theo dạng ngày/tháng/năm');
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    await page.locator('#f-start').fill('7:30 PM');
    await page.locator('#f-end').focus();
    await expect(form.fieldErrors('f-start')).toContainText('Nhập giờ theo dạng 24 giờ');
    expect(await page.evaluate(() => document.querySelectorAll(':invalid').length)).toBe(0);
    await snap(page, 'i15-form-english-browser');
    await view(page, 'i15-view-english-browser');

    // Fixed, reloaded: shown again as typed, day first and 24-hour.
    await date.fill('25/11/2026');
    await page.locator('#f-start').fill('19:05');
    await page.locator('#f-type').focus();
    await expect(form.fieldErrors('f-date')).toHaveCount(0);
    await expect(page.locator('.save-state')).toHaveText('Đã lưu tự động');
    await page.reload();
    await form.waitEditable();
    await expect(page.locator('#f-date')).toHaveValue('25/11/2026');
    await expect(page.locator('#f-start')).toHaveValue('19:05');
  } finally {
    await context.close();
  }
});
