import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSizes, type EntrySize } from '../bench/bundle.ts';
import { EXTENSION_DIR, expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PanelPage } from './pages/panel-page.ts';

// Reports and actions on the demo data: a worker and an API of its own (fixtures.ts).
test.use({ isolatedApi: 'weight' });

// The weight of the built extension (issue 15): what each page loads at start, and that the
// texts and screens left out of the first load still arrive when needed.
const KB = 1024;
const entry = (name: string): EntrySize => {
  const e = bundleSizes(EXTENSION_DIR)?.find((b) => b.entrypoint === name);
  if (!e) throw new Error(`no ${name} in ${EXTENSION_DIR}`);
  return e;
};
const startText = (e: EntrySize) =>
  (e.jsFiles ?? []).map((f) => readFileSync(join(EXTENSION_DIR, f), 'utf8')).join('\n');

// Issue 15 asks for 25 KB: 23.8 KB since the report's texts left vi.ts (every page's dictionary)
// for report-vi.ts, which only the side panel and the workspace register.
test('the options page loads at most 25 KB of gzipped JavaScript: no Dexie, no zod', () => {
  const options = entry('options');
  console.log('options', options);
  expect(options.jsGzipBytes!).toBeLessThanOrEqual(25 * KB);
  expect(options.jsFiles!.filter((f) => /\/(dexie|zod|english)-/.test(f))).toEqual([]);
});

test('the side panel loads at most 60 KB at start, without Dexie, zod, English or the administration texts', () => {
  const panel = entry('sidepanel');
  console.log('sidepanel', panel);
  // Home paints from a plain IndexedDB read; Dexie comes after the first paint (use-live-read.ts).
  expect(panel.jsFiles!.filter((f) => /\/(dexie|zod|english)-/.test(f))).toEqual([]);
  const text = startText(panel);
  expect(text).not.toContain('adm_'); // admin-vi.ts: the workspace's
  expect(text).not.toContain('Criteria set'); // admin-en.ts / English
  // 122 KB before issue 15, 73 KB with Dexie at start, 44 KB without.
  expect(panel.jsGzipBytes!).toBeLessThanOrEqual(60 * KB);
});

test('English arrives on demand: options, side panel and a draft in English', async ({
  context,
  extensionId,
  api,
  snap,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.setApiAddress(api.url);
  await options.signIn('observer', 'demo1234');
  await options.page.getByRole('radio', { name: 'English' }).check();
  await expect(options.page.getByRole('heading', { name: /Signed in as/ })).toBeVisible();
  await expect(options.page.locator('html')).toHaveAttribute('lang', 'en');

  const panel = await PanelPage.open(context, extensionId);
  await panel.page.setViewportSize({ width: 400, height: 800 });
  await expect(panel.page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(panel.cell('hn-xom-1')).toBeVisible();
  await snap(panel.page, 'weight-panel-home-en');
  // The form is a chunk of its own, fetched on the way (and zod with it).
  await panel.cell('hn-xom-1').getByRole('button', { name: 'Write report' }).click();
  await expect(panel.page.locator('#f-start')).toBeEditable();
  await expect(panel.page.getByRole('button', { name: 'Submit report' })).toBeVisible();
  await snap(panel.page, 'weight-panel-form-en');
  // Back to Vietnamese: the texts switch back without reloading.
  await options.page.getByRole('radio', { name: 'Tiếng Việt' }).check();
  await expect(panel.page.locator('html')).toHaveAttribute('lang', 'vi');
});
