import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each heavy API file took on this 2-core machine (test/results/vitest.json of a run of
 * `npm test`), for a checkout with no vitest cache yet (CI). Unlisted files count by their size.
 */
const KNOWN_SECONDS: Record<string, number> = {
  'reliability-authz': 110,
  'reliability-fuzz': 100,
  'backup-restore': 90,
  'admin-org': 80,
  lifecycle: 70,
  'admin-cli': 70,
  'admin-backup': 50,
  'process-pg-outage': 40,
  'process-dropped-clients': 40,
  assignments: 35,
  exports: 35,
  scope: 35,
  'process-crash': 35,
  serve: 35,
  'serve-pg-tls': 30,
};

/**
 * Longest files first across all projects (vitest's own order runs the projects one after the
 * other, by name), so that with two workers the last minutes are not one long file running alone.
 * What vitest measured in earlier runs on this checkout wins over the table.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const seconds = (spec: TestSpecification): number => {
      const key = `${spec.project.name}:${relative(config.root, spec.moduleId)}`;
      const measured = cache.getFileTestResults(key)?.duration;
      if (measured !== undefined) return measured / 1000;
      const known = KNOWN_SECONDS[spec.moduleId.replace(/^.*\/(.*)\.test\.tsx?$/, '$1')];
      if (known !== undefined && spec.project.name.startsWith('api-')) return known;
      return statSync(spec.moduleId).size / 1000; // about a second per KB of test code
    };
    const weight = new Map(files.map((f) => [f, seconds(f)]));
    return [...files].sort((a, b) => weight.get(b)! - weight.get(a)!);
  }
}
