import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const FILE = join(import.meta.dirname, 'results/metrics.json');

/** Adds figures to results/metrics.json (the numbers reported in the issue) and prints them. */
export async function recordMetrics(values: Record<string, number | string>): Promise<void> {
  await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
  const prev = await readFile(FILE, 'utf8').then(
    (s) => JSON.parse(s) as Record<string, unknown>,
    () => ({}),
  );
  await writeFile(FILE, JSON.stringify({ ...prev, ...values }, null, 2));
  console.log('metrics', values);
}

/**
 * Keystroke → IndexedDB: types one character into a field and polls the stored draft (with a
 * separate IndexedDB connection, as a reopened panel would read it) until it holds the new value.
 */
export async function measureAutosave(
  page: Page,
  draftId: string,
  selector: string,
  field: 'suggestions',
): Promise<number> {
  return page.evaluate(
    async ({ draftId, selector, field }) => {
      const el = document.querySelector<HTMLTextAreaElement>(selector)!;
      el.focus();
      const marker = ` ${Date.now()}`;
      const read = () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('duhop');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('drafts').objectStore('drafts').get(draftId);
            get.onsuccess = () => {
              open.result.close();
              resolve((get.result?.data?.[field] as string) ?? '');
            };
          };
        });
      const t0 = performance.now();
      el.value += marker;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, data: marker }));
      for (;;) {
        if ((await read()).endsWith(marker)) return Math.round(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    { draftId, selector, field },
  );
}
