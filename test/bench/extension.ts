// `npm run bench -- extension`: the weight of the built extension and how fast a draft opens.
// Builds nothing: run `npm run build -w extension` first. Starts the real API on a fresh demo
// PGlite, loads extension/.output/chrome-mv3 in Debian's Chromium (headless, as the e2e suite
// does), signs the demo observer in, writes one draft, then measures (warm: one unmeasured run
// first) the time from opening that draft to its first field being editable, two ways:
//   - page: the side panel opened on `#/draft/<id>` (navigation start → editable field);
//   - in-panel: "Tiếp tục" clicked on the home screen (click → editable field).
// Knob: BENCH_RUNS (default 9). Writes bench/results/extension-latest.md and prints it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, startApi } from '../e2e/api-server.ts';
import { EXTENSION_DIR, extensionIdOf, launchWithExtension } from '../e2e/fixtures.ts';
import { OptionsPage } from '../e2e/pages/options-page.ts';
import { PanelPage } from '../e2e/pages/panel-page.ts';
import { bundleSizes, type EntrySize } from './bundle.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const kb = (b: number | undefined) => `${((b ?? 0) / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Resolves with performance.now() when `#f-start` is in the page and editable. */
const WAIT_EDITABLE = `new Promise((resolve) => {
  const ready = () => {
    const el = document.querySelector('#f-start');
    return el && !el.disabled && !el.readOnly && el.getClientRects().length > 0;
  };
  const tick = () => (ready() ? resolve(performance.now()) : requestAnimationFrame(tick));
  tick();
})`;

/** Opens the side panel on the draft: milliseconds from navigation start to an editable field. */
async function pageOpen(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(`${WAIT_EDITABLE}`) as Promise<number>;
}

/** On the home screen, clicks "Tiếp tục" of the draft: milliseconds from the click to an editable field. */
async function inPanelOpen(page: Page, homeUrl: string): Promise<number> {
  await page.goto(homeUrl);
  const resume = page.locator('[data-draft]').first().getByRole('button', { name: 'Tiếp tục' });
  await resume.waitFor();
  return page.evaluate(`(async () => {
    const button = [...document.querySelectorAll('[data-draft] button')].find((b) => b.textContent.includes('Tiếp tục'));
    const t0 = performance.now();
    button.click();
    return (await ${WAIT_EDITABLE}) - t0;
  })()`) as Promise<number>;
}

export interface ExtensionFigures {
  bundles: EntrySize[] | null;
  pageOpenMs: number[];
  inPanelOpenMs: number[];
}

export async function measureExtension(log: (s: string) => void): Promise<ExtensionFigures> {
  const bundles = bundleSizes(EXTENSION_DIR);
  if (!bundles) throw new Error('No built extension: run `npm run build -w extension` first.');
  process.env.SCRYPT_N ??= '4096';
  const api = await startApi();
  const context = await launchWithExtension();
  try {
    const id = await extensionIdOf(context);
    const options = await OptionsPage.open(context, id);
    await options.setApiAddress(api.url);
    await options.signIn('observer', 'demo1234');
    await options.page.close();
    const panel = await PanelPage.open(context, id);
    const form = await panel.startReport('hn-xom-1');
    await form.setTimes('14:00', '15:20');
    const draftId = form.draftId();
    await panel.page.close();
    const base = `chrome-extension://${id}/sidepanel.html`;
    const page = await context.newPage();
    const pageOpenMs: number[] = [];
    const inPanelOpenMs: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const a = await pageOpen(page, `${base}?run=${i}#/draft/${draftId}`);
      const b = await inPanelOpen(page, `${base}?home=${i}#/`);
      if (i === 0) continue; // warm-up
      pageOpenMs.push(a);
      inPanelOpenMs.push(b);
      log(`  run ${i}: page ${a.toFixed(0)} ms, in-panel ${b.toFixed(0)} ms`);
    }
    return { bundles, pageOpenMs, inPanelOpenMs };
  } finally {
    await context.close();
    await api.stop();
  }
}

export function renderExtensionMarkdown(f: ExtensionFigures, date: string): string {
  const ms = (xs: number[]) =>
    `${Math.round(median(xs))} ms (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))})`;
  const out = [
    `## Extension ${date}`,
    '',
    `Load average ${loadavg()[0]!.toFixed(1)}. Gzip -9 per file. "at start": the scripts and module preloads the page's HTML names; "later": chunks it may import on demand (dynamic imports), not counted at start.`,
    '',
    '| entrypoint | JavaScript at start | JavaScript later | everything at start (JS + CSS + HTML) | raw |',
    '|---|---:|---:|---:|---:|',
    ...(f.bundles ?? []).map(
      (b) =>
        `| ${b.entrypoint} | ${kb(b.jsGzipBytes)} | ${kb(b.lazyJsGzipBytes)} | ${kb(b.gzipBytes)} | ${kb(b.bytes)} |`,
    ),
    '',
    `Opening a draft to an editable field, Debian's Chromium, built extension, warm, median of ${f.pageOpenMs.length}:`,
    '',
    `- side panel opened on the draft (navigation start → editable): ${ms(f.pageOpenMs)}`,
    `- "Tiếp tục" on the home screen (click → editable): ${ms(f.inPanelOpenMs)}`,
  ];
  return `${out.join('\n')}\n`;
}

export async function benchExtension(log: (s: string) => void): Promise<void> {
  log('\n== Extension ==');
  const figures = await measureExtension(log);
  const date = new Date().toISOString();
  const markdown = renderExtensionMarkdown(figures, date);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'extension-latest.md'), markdown);
  log(`\n${markdown}`);
}
