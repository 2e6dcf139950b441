import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// `npm install` on Node 20 gives no engine warnings: no package in the lock file asks for a newer
// Node than the one the README promises (listr2 and nanoid did; see the overrides in package.json).
const root = new URL('../../', import.meta.url);
const require = createRequire(root);
const semver = require('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};
const rootEngines = (
  JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } }
).engines.node;

describe('Node engines', () => {
  it('every locked package accepts the oldest Node the project supports', () => {
    const oldest = semver.minVersion(rootEngines)!.version;
    expect(oldest).toBe('20.19.0');
    const refused = Object.entries(lock.packages)
      .filter(
        ([, p]) =>
          p.engines &&
          !Array.isArray(p.engines) &&
          p.engines.node &&
          !semver.satisfies(oldest, p.engines.node),
      )
      .map(([name, p]) => `${name} (${(p.engines as { node: string }).node})`);
    expect(refused).toEqual([]);
  });

  it('and the Node 20 of this machine', () => {
    const refused = Object.entries(lock.packages)
      .filter(
        ([, p]) =>
          p.engines &&
          !Array.isArray(p.engines) &&
          p.engines.node &&
          !semver.satisfies(process.versions.node, p.engines.node),
      )
      .map(([name]) => name);
    expect(refused).toEqual([]);
  });
});
