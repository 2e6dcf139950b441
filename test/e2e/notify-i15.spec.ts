import type { BrowserContext, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { buildReport } from '../support/reports.ts';
import { badgeText, expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';
import { ServerClient } from './server-client.ts';

// Reports and actions on the demo data: a worker and an API of its own (fixtures.ts).
test.use({ isolatedApi: 'notify-i15' });

/**
 * Issue 15, in the built extension against the real API: staff hear that work arrived (badge,
 * opted-in desktop notification), the admin pages name things instead of showing ids or codes,
 * the synthesis charts title their axes. Screenshots at 400 px (options) and 1366 px (workspace).
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

type Chrome = {
  notifications: { create: (id: string, o: { title: string; message: string }) => unknown };
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
};

/** Records the notifications the service worker raises (it still raises them). */
async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.serviceWorkers()[0]!.evaluate(() => {
    const g = globalThis as unknown as { chrome: Chrome; __raised: unknown[] };
    g.__raised = [];
    const original = g.chrome.notifications.create.bind(g.chrome.notifications);
    g.chrome.notifications.create = (id, o) => {
      g.__raised.push({ id, title: o.title, message: o.message });
      return original(id, o);
    };
  });
}
const raised = (context: BrowserContext) =>
  context
    .serviceWorkers()[0]!
    .evaluate(
      () =>
        (globalThis as unknown as { __raised: { id: string; title: string; message: string }[] })
          .__raised,
    );
const staffState = (context: BrowserContext) =>
  context
    .serviceWorkers()[0]!
    .evaluate(
      async () =>
        (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('staffInbox'))
          .staffInbox as { awaiting: string[]; soon: string[] } | undefined,
    );

async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"], .state--loading')).toHaveCount(0, {
    timeout: 20_000,
  });
}

test('staff: the badge counts new work, and an opted-in notification names the issue', async ({
  context,
  extensionId,
  api,
  relay,
  snap,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.page.setViewportSize({ width: 400, height: 800 });
  await options.setApiAddress(relay.url);
  await options.signIn('commune', 'demo1234');
  const optIn = options.page.getByLabel(/Hiện thông báo trên màn hình/);
  await expect(optIn).not.toBeChecked();
  await optIn.check();
  await snap(options.page, 'i15-options-staff-notify');

  // Signing in absorbed the inbox as it was: its waiting issues are on the badge, nothing raised.
  await expect.poll(() => staffState(context), { timeout: 30_000 }).toBeTruthy();
  const before = (await staffState(context))!;
  const count = (s: { awaiting: string[]; soon: string[] }) =>
    new Set([...s.awaiting, ...s.soon]).size;
  await expect.poll(() => badgeText(context)).toBe(count(before) ? String(count(before)) : '');
  await recordNotifications(context);

  // A member files a report; its issue is routed to the commune's committee.
  const observer = await ServerClient.signIn(api.url, 'observer');
  const title = 'Cống thoát nước xóm 1 bị tắc sau mưa';
  await observer.post(
    '/api/reports',
    buildReport({
      issues: [
        {
          id: randomUUID(),
          title,
          detail: 'Nước tràn vào nhà dân ven đường, đề nghị xã nạo vét.',
          category: 'ha_tang_giao_thong',
          urgency: 'normal',
        },
      ],
    }),
  );

  // Opening the workspace reads the inbox now (else the 5-minute alarm would).
  const ws = await WorkspacePage.open(context, extensionId, '#/inbox');
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  await expect.poll(() => badgeText(context), { timeout: 30_000 }).toBe(String(count(before) + 1));
  const notes = await raised(context);
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({ title: 'Kiến nghị mới chuyển đến' });
  expect(notes[0]!.message).toContain(title);
  expect(notes[0]!.message).toMatch(/Hạn: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  expect(notes[0]!.message).not.toMatch(UUID);
  await settled(ws.page);
  await snap(ws.page, 'i15-inbox-after-notify');
});

test('admin: the audit log, the rules and the accounts name things, never ids or codes', async ({
  context,
  extensionId,
  relay,
  api,
  snap,
}) => {
  // Something to read in the log: an account renamed.
  const admin = await ServerClient.signIn(api.url, 'admin');
  const users = await admin.get<{ items: { id: string; username: string }[] }>(
    '/api/admin/users?q=commune2',
  );
  const target = users.items.find((u) => u.username === 'commune2')!;
  const res = await fetch(`${api.url}/api/admin/users/${target.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'Hoàng Thị Mai' }),
  });
  expect(res.status).toBe(200);

  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/admin-audit');
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  await ws.signIn('admin');
  const table = ws.page.getByTestId('audit-table');
  await expect(table).toBeVisible({ timeout: 20_000 });
  const row = table.locator('[data-audit="user.update"]').first();
  await expect(row).toContainText('Tài khoản: Hoàng Thị Mai');
  // Only the folded details may hold ids.
  for (const cell of await table.locator('tbody td:not(:last-child)').allInnerTexts())
    expect(cell).not.toMatch(UUID);
  await snap(ws.page, 'i15-admin-audit');

  await ws.page.goto(ws.page.url().replace(/#.*$/, '#/admin-rules'));
  const rules = ws.page.locator('[data-rule]');
  await expect(rules.first()).toBeVisible({ timeout: 20_000 });
  for (const r of await rules.all()) {
    const id = (await r.getAttribute('data-rule'))!;
    expect(await r.textContent()).not.toContain(id);
  }
  await snap(ws.page, 'i15-admin-rules');

  await ws.page.goto(ws.page.url().replace(/#.*$/, '#/admin-users'));
  await expect(ws.page.locator('[data-user="commune2"]')).toBeVisible({ timeout: 20_000 });
  await expect(ws.page.locator('[data-user="commune2"]')).toContainText('Hoàng Thị Mai');
  await snap(ws.page, 'i15-admin-users');
});

test('synthesis: titled axes, a colour per status, nothing under 12 px', async ({
  context,
  extensionId,
  relay,
  api,
  snap,
}) => {
  const observer = await ServerClient.signIn(api.url, 'observer');
  await observer.post('/api/reports', buildReport());
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(relay.url);
  await options.page.close();
  const ws = await WorkspacePage.open(context, extensionId, '#/synthesis/2026-11');
  await ws.page.setViewportSize({ width: 1366, height: 900 });
  await ws.signIn('commune');
  await expect(ws.page.locator('[data-chart="ch-trend"] svg')).toBeVisible({ timeout: 20_000 });
  await settled(ws.page);
  const titles = await ws.page.locator('[data-chart="ch-trend"] .axis-title').allTextContents();
  expect(titles).toEqual(['Số báo cáo', 'Điểm bình quân (0–100)', 'Tháng']);
  await expect(ws.page.locator('[data-chart="ch-statuses"] .axis-title')).toHaveText(
    'Số kiến nghị',
  );
  // Every tick of the counts axis is a whole number.
  for (const tick of await ws.page.locator('[data-chart="ch-trend"] .tick').allTextContents())
    expect(tick).toMatch(/^\d{1,3}(\.\d{3})*$/);
  // The smallest text on the page, as rendered (the charts are scaled SVG: their text is skipped).
  // Chrome's own 75 % on the body of extension pages made every inherited text 10,5 px.
  const smallest = await ws.page.evaluate(() => {
    let min = Number.POSITIVE_INFINITY;
    let where = '';
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is measured (hidden text has no size)
      if (el.closest('svg') || !(el as HTMLElement).innerText?.trim()) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < min) {
        min = size;
        const chain: string[] = [];
        for (let e: Element | null = el; e; e = e.parentElement)
          chain.push(`${e.tagName}.${e.className}=${getComputedStyle(e).fontSize}`);
        where = chain.join(' < ');
      }
    }
    return { min, where };
  });
  expect(smallest.min, smallest.where).toBeGreaterThanOrEqual(12);
  await snap(ws.page, 'i15-synthesis-charts');
});
