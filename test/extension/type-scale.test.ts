import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// One type scale (issue 15): nothing under 12 px anywhere in the extension's CSS, sizes that do not
// compound (rem or px, never em or %: a 0.8em pill inside a 0.85em line was 9.5 px), and one page
// width for every workspace page.
const ROOT = join(import.meta.dirname, '../../extension/components');
const BASE_PX = 14; // :root font-size in styles.css

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? cssFiles(join(dir, e.name))
      : e.name.endsWith('.css')
        ? [join(dir, e.name)]
        : [],
  );
}
const files = cssFiles(ROOT);
const all = files.map((f) => ({ f, css: readFileSync(f, 'utf8') }));
const vars = new Map<string, string>();
for (const { css } of all)
  for (const m of css.matchAll(/(--[\w-]+):\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());

/** A font-size value in px (undefined when it is not a length, e.g. `inherit`). */
function px(value: string): number | 'relative' | undefined {
  const v = value.replace(/\/\*.*?\*\//g, '').trim();
  const ref = /^var\((--[\w-]+)\)$/.exec(v);
  if (ref) return px(vars.get(ref[1]!) ?? '');
  const m = /^([\d.]+)(px|rem|em|%)$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === 'px') return n;
  if (m[2] === 'rem') return n * BASE_PX;
  return 'relative';
}

describe('the type scale', () => {
  it('finds the stylesheets', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it('has no font size under 12 px and none relative to its parent', () => {
    const bad: string[] = [];
    for (const { f, css } of all)
      for (const m of css.matchAll(/font-size:\s*([^;}]+)/g)) {
        const size = px(m[1]!);
        if (size === 'relative' || (typeof size === 'number' && size < 11.99))
          bad.push(`${f.slice(ROOT.length + 1)}: font-size ${m[1]!.trim()}`);
      }
    expect(bad).toEqual([]);
  });

  it('undoes the 75 % Chrome gives the body of extension pages', () => {
    const styles = all.find(({ f }) => f.endsWith('/styles.css'))!.css;
    expect(/\nbody\s*\{[^}]*font-size:\s*1rem/.test(styles)).toBe(true);
  });

  it('gives every workspace page the same width', () => {
    const widths = all.flatMap(({ css }) =>
      [...css.matchAll(/\.workspace main[^{]*\{[^}]*max-width:\s*([^;]+);/g)].map((m) => m[1]),
    );
    expect(widths).toEqual(['var(--page-width)']);
  });
});
