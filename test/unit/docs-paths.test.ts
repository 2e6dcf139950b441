import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The documents that tell a newcomer where things are must not point at files that moved.
const root = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = ['docs/architecture.md', 'README.md'];
/** The README also names build outputs and data folders; it is checked on source paths only. */
const SOURCE_ROOTS = [
  'api/src/',
  'shared/src/',
  'extension/components',
  'extension/utils',
  'docs/',
  'scripts/',
  'deploy/',
  'test/support',
  'test/bench',
];

/** Backticked tokens that look like a repository path (`api/src/app.ts`, `lib/errors.ts`, `utils/`). */
function pathsIn(text: string, source: boolean): string[] {
  const out = new Set<string>();
  for (const [, token] of text.matchAll(/`([^`\s]+)`/g)) {
    if (!token || /[<>*:…|()$]/.test(token) || token.startsWith('/') || token.startsWith('.'))
      continue;
    if (!/^[\w.@-]+(\/[\w.@-]*)*$/.test(token)) continue;
    if (!/[a-z]/i.test(token) || !(token.includes('/') || /\.(ts|tsx|mjs|json|md)$/.test(token)))
      continue;
    if (source && !SOURCE_ROOTS.some((r) => token.startsWith(r))) continue;
    // What the tests write (test/results/…) exists only once they have run.
    if (token.startsWith('test/results/')) continue;
    out.add(token);
  }
  return [...out];
}

/** A path names a file from the repository root, or inside api/src or extension when it says so. */
const exists = (p: string) =>
  ['', 'api/src/', 'extension/'].some((base) => existsSync(root + base + p));

describe.each(DOCS)('%s', (doc) => {
  const text = readFileSync(root + doc, 'utf8');
  it('names only paths that exist', () => {
    const paths = pathsIn(text, doc === 'README.md');
    expect(paths.length).toBeGreaterThan(doc === 'README.md' ? 5 : 30);
    expect(paths.filter((p) => !exists(p))).toEqual([]);
  });
});
