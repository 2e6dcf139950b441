import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

/** axe-core's browser build, evaluated in the page (CDP, so an extension page's CSP does not stop it). */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * axe-core run in a Playwright page, with the builder API of @axe-core/playwright (which needs
 * Node 22; this project runs on Node 20): `new AxeBuilder({ page }).withTags([...]).analyze()`.
 */
export default class AxeBuilder {
  private tags: string[] = [];
  private excluded: string[] = [];
  private disabled: string[] = [];

  constructor(private readonly options: { page: Page }) {}

  withTags(tags: string[]): this {
    this.tags = tags;
    return this;
  }

  exclude(selector: string): this {
    this.excluded.push(selector);
    return this;
  }

  disableRules(rules: string | string[]): this {
    this.disabled.push(...(Array.isArray(rules) ? rules : [rules]));
    return this;
  }

  async analyze(): Promise<AxeResults> {
    const { page } = this.options;
    await page.evaluate(AXE_SOURCE);
    const exclude = this.excluded.map((s) => [s]);
    const run: RunOptions = {
      ...(this.tags.length ? { runOnly: { type: 'tag', values: this.tags } } : {}),
      ...(this.disabled.length
        ? { rules: Object.fromEntries(this.disabled.map((r) => [r, { enabled: false }])) }
        : {}),
    };
    const json = await page.evaluate(
      async ({ exclude, run }) => {
        const axe = (
          globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }
        ).axe;
        const result = await axe.run(exclude.length ? { exclude } : document, run);
        return JSON.stringify(result);
      },
      { exclude, run: JSON.parse(JSON.stringify(run)) as Record<string, unknown> },
    );
    return JSON.parse(json) as AxeResults;
  }
}
