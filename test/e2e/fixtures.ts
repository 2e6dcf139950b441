import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, startApi, SwitchableProxy, type RunningApi } from './api-server.ts';

export const EXTENSION_DIR = join(ROOT, 'extension/.output/chrome-mv3');
export const SCREENS_DIR = join(import.meta.dirname, 'results/screens');

type WorkerFixtures = {
  api: RunningApi;
  /**
   * A spec that changes the demo data others rely on (reports of this month on the demo cells)
   * sets its own value (`test.use({ isolatedApi: 'rules' })`): Playwright then runs it in a worker
   * of its own, with an API (and a fresh database) of its own.
   */
  isolatedApi: string;
};
type TestFixtures = {
  relay: SwitchableProxy;
  context: BrowserContext;
  extensionId: string;
  /** Saves a full-page screenshot as a test artifact and under results/screens. */
  snap: (page: Page, name: string) => Promise<void>;
};

/**
 * One fixture file: the real API (one per worker, fresh PGlite), a switchable relay in front of it
 * (one per test), and Chromium with the built extension loaded, headless.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  isolatedApi: ['', { scope: 'worker', option: true }],
  api: [
    async ({ isolatedApi: _ }, use) => {
      const api = await startApi();
      await use(api);
      await api.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  relay: async ({ api }, use) => {
    const proxy = await SwitchableProxy.open(api.port);
    await use(proxy);
    await proxy.down();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's first parameter and requires an object pattern, even when no other fixture is used
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's first parameter and requires an object pattern, even when no other fixture is used
  snap: async ({}, use, testInfo) => {
    await mkdir(SCREENS_DIR, { recursive: true });
    let n = 0;
    await use(async (page, name) => {
      const file = `${String(++n).padStart(2, '0')}-${name}.png`;
      const body = await page.screenshot({ path: join(SCREENS_DIR, file), fullPage: true });
      await testInfo.attach(name, { body, contentType: 'image/png' });
    });
  },
});

/** Chromium with the built extension loaded, headless; a test may open a second one for another person. */
export async function launchWithExtension(opts: { locale?: string } = {}): Promise<BrowserContext> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension in ${EXTENSION_DIR}: run \`npm run build -w extension\` first (npm run e2e does).`,
    );
  }
  return chromium.launchPersistentContext('', {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 360, height: 760 },
    locale: opts.locale ?? 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    args: [
      ...(opts.locale ? [`--lang=${opts.locale}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
}

/** The extension's id: the host of its service worker's URL. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  // A loaded machine can take a while to start the worker of a fresh profile.
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return new URL(worker.url()).host;
}

export { expect } from '@playwright/test';

type ChromeApi = {
  action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> };
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
};
/**
 * The toolbar badge text, read in the extension's service worker. From the 1st to the reporting
 * deadline the badge may count the cells still owing a report (when nothing else is shown): that
 * depends on the calendar, so it reads as '' unless `reminders` is asked for.
 */
export async function badgeText(
  context: BrowserContext,
  opts: { reminders?: boolean } = {},
): Promise<string> {
  const worker = context.serviceWorkers()[0]!;
  const [text, title] = await worker.evaluate(async () => {
    const action = (globalThis as unknown as { chrome: ChromeApi }).chrome.action;
    return [await action.getBadgeText({}), await action.getTitle({})] as const;
  });
  return !opts.reminders && /chưa có báo cáo tháng này/.test(title) ? '' : text;
}

/** The bearer token the extension keeps in its storage (to expire it from the server side). */
export async function storedToken(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0]!;
  const session = await worker.evaluate(
    async () =>
      (await (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.get('session'))
        .session,
  );
  return (session as { token: string }).token;
}
