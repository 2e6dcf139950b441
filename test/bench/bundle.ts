import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EntrySize {
  entrypoint: string;
  files: number;
  bytes: number;
  gzipBytes: number;
  /** Gzipped JavaScript the page loads at start (its scripts and module preloads). */
  jsGzipBytes?: number;
  /** Gzipped JavaScript it can load later (dynamic imports, with what they import), not counted above. */
  lazyJsGzipBytes?: number;
  /** The JavaScript files loaded at start (relative to the output root). */
  jsFiles?: string[];
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** Files an HTML page loads: scripts, module preloads and stylesheets (relative to the output root). */
function assetsOf(root: string, html: string): string[] {
  const text = readFileSync(join(root, html), 'utf8');
  const refs = [...text.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return refs
    .filter((r) => /\.(m?js|css)$/.test(r) && !/^[a-z]+:/i.test(r))
    .map((r) =>
      posix.normalize(r.startsWith('/') ? r.slice(1) : posix.join(posix.dirname(html), r)),
    );
}

/** Chunks a script imports, relative to the output root: static (`from"./x.js"`) and dynamic (`import("./x.js")`). */
function importsOf(root: string, file: string): { static: string[]; dynamic: string[] } {
  const text = readFileSync(join(root, file), 'utf8');
  const resolve = (r: string) =>
    posix.normalize(r.startsWith('/') ? r.slice(1) : posix.join(posix.dirname(file), r));
  const pick = (re: RegExp) =>
    [...text.matchAll(re)].map((m) => resolve(m[1]!)).filter((f) => existsSync(join(root, f)));
  return {
    static: pick(/(?:\bfrom|\bimport)\s*["'`]([^"'`]+\.js)["'`]/g),
    dynamic: pick(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g),
  };
}

/** Every chunk reachable from `start` through static imports (and dynamic ones when asked). */
function closure(root: string, start: string[], dynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f) || !f.endsWith('.js')) continue;
    seen.add(f);
    const deps = importsOf(root, f);
    todo.push(...deps.static, ...(dynamic ? deps.dynamic : []));
  }
  return seen;
}

/**
 * Gzipped size per entrypoint of the built extension (`extension/.output/chrome-mv3`): each HTML
 * page with the scripts and styles it loads, and each top-level or content script. Null when the
 * extension has not been built.
 */
export function bundleSizes(root: string): EntrySize[] | null {
  if (!existsSync(join(root, 'manifest.json'))) return null;
  const entries: EntrySize[] = [];
  const measure = (entrypoint: string, files: string[]) => {
    const present = [...new Set(files)].filter((f) => existsSync(join(root, f)));
    const js = closure(
      root,
      present.filter((f) => f.endsWith('.js')),
      false,
    );
    const lazy = [...closure(root, [...js], true)].filter((f) => !js.has(f));
    entries.push({
      entrypoint,
      files: present.length,
      bytes: present.reduce((n, f) => n + statSync(join(root, f)).size, 0),
      gzipBytes: present.reduce((n, f) => n + gz(join(root, f)), 0),
      jsGzipBytes: [...js].reduce((n, f) => n + gz(join(root, f)), 0),
      lazyJsGzipBytes: lazy.reduce((n, f) => n + gz(join(root, f)), 0),
      jsFiles: [...js].sort(),
    });
  };
  for (const name of readdirSync(root).sort()) {
    if (name.endsWith('.html'))
      measure(name.replace(/\.html$/, ''), [name, ...assetsOf(root, name)]);
    else if (name.endsWith('.js')) measure(name.replace(/\.js$/, ''), [name]);
  }
  for (const dir of ['content-scripts']) {
    if (!existsSync(join(root, dir))) continue;
    for (const name of readdirSync(join(root, dir)).sort()) {
      if (name.endsWith('.js')) measure(`${dir}/${name.replace(/\.js$/, '')}`, [`${dir}/${name}`]);
    }
  }
  // Pages in sub-directories (e.g. options/index.html in some layouts).
  for (const name of readdirSync(root)) {
    const sub = join(root, name);
    if (
      !statSync(sub).isDirectory() ||
      ['chunks', 'assets', '_locales', 'content-scripts', 'icons'].includes(name)
    )
      continue;
    for (const file of readdirSync(sub)) {
      if (file.endsWith('.html'))
        measure(`${name}/${file.replace(/\.html$/, '')}`, [
          `${name}/${file}`,
          ...assetsOf(root, `${name}/${file}`),
        ]);
    }
  }
  return entries;
}
