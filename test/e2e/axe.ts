import AxeBuilder from './axe-builder.ts';
import type { Page } from '@playwright/test';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, SCREENS_DIR } from './fixtures.ts';

/** The rules axe runs: WCAG 2.0/2.1 A and AA, and its best practices (one `<h1>`, landmarks…). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** A rule knowingly not asserted inside one part of a page, with the reason (printed). */
export interface Allowance {
  rule: string;
  /** CSS selector of the part of the page where the rule's hits are not asserted. */
  within: string;
  why: string;
}

export interface A11yCounts {
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
}

/**
 * axe on the page as it stands: every critical or serious violation fails (softly, to see them
 * all), and so does a page without exactly one visible `<h1>`; the moderate and minor counts are printed and kept,
 * with every violation, in results/screens/axe-<name>.json (one line per screen in axe-summary.jsonl).
 */
export async function checkA11y(
  page: Page,
  name: string,
  opts: { allow?: readonly Allowance[] } = {},
): Promise<A11yCounts> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const allowed: string[] = [];
  const violations = [];
  for (const v of result.violations) {
    const rules = (opts.allow ?? []).filter((a) => a.rule === v.id);
    const nodes = [];
    for (const n of v.nodes) {
      const target = n.target.map(String);
      const inside =
        rules.length > 0 &&
        (await page.evaluate(
          ([sel, within]) => {
            const el = document.querySelector(sel!);
            return within!.some((w) => el?.closest(w));
          },
          [target[target.length - 1], rules.map((r) => r.within)] as const,
        ));
      if (inside) allowed.push(`${v.id} ${target.join(' ')}`);
      else nodes.push(n);
    }
    if (nodes.length) violations.push({ ...v, nodes });
  }
  const counts: A11yCounts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) if (v.impact) counts[v.impact] += v.nodes.length;
  const summary = violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
  }));
  await mkdir(SCREENS_DIR, { recursive: true });
  await writeFile(
    join(SCREENS_DIR, `axe-${name}.json`),
    JSON.stringify({ counts, violations: summary, allowed }, null, 2),
  );
  await appendFile(
    join(SCREENS_DIR, 'axe-summary.jsonl'),
    `${JSON.stringify({ name, ...counts, allowed: allowed.length })}\n`,
  );
  console.log(
    `axe ${name}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}` +
      (allowed.length
        ? ` (${allowed.length} not asserted: ${[...new Set((opts.allow ?? []).map((a) => a.why))].join('; ')})`
        : ''),
  );
  const bad = summary.filter(
    (v) => v.impact === 'critical' || v.impact === 'serious' || v.id === 'page-has-heading-one',
  );
  expect.soft(bad, `axe: critical/serious violations (or no <h1>) on ${name}`).toEqual([]);
  // axe asks for at least one `<h1>`; a screen has exactly one (the visible ones: a hidden
  // screen kept mounted does not count).
  const h1 = await page.locator('h1:visible').allTextContents();
  expect.soft(h1, `exactly one visible <h1> on ${name}`).toHaveLength(1);
  return counts;
}
