import { loadavg } from 'node:os';
import { normalizeForSearch, RELATED_LIMIT } from '@duhop/shared';
import { sql } from 'drizzle-orm';
import type { AuthUser } from '../../api/src/context.ts';
import type { Database } from '../../api/src/db/client.ts';
import { queryRows } from '../../api/src/db/rows.ts';
import { relatedForCell, relatedSql } from '../../api/src/features/issues/related.ts';
import { ISSUE_TEXTS } from '../support/report-bodies.ts';
import { CELLS, COMMUNES } from './seed-province.ts';

export interface RelatedFigures {
  /** Hint requests measured (after a warm-up). */
  n: number;
  /** The whole `relatedForCell` (scope check, then the hint statement), in ms. */
  p50: number;
  p95: number;
  /** The hint statement alone (units, candidates, comparison, names), in ms. */
  queryP95: number;
  /** Mean number of hints returned. */
  hits: number;
  plan: string;
  /** One-minute load average before and after the measured requests (the machine is shared). */
  load: [number, number];
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/**
 * The related-issue hints (issue 16) at the benchmark's history: what a member typing an issue
 * waits for, `GET /api/issues/related` minus HTTP, on cells spread over the province. Texts are
 * the seeded titles typed without diacritics, cut to their first words as while typing. Printed,
 * not asserted; the issue's target is 50 ms p95.
 */
export async function measureRelated(
  database: Database,
  log: (s: string) => void,
  n = 300,
): Promise<RelatedFigures> {
  const { db } = database;
  const [admin] = await queryRows<{ id: string; org_unit_id: string }>(
    db,
    sql`select id, org_unit_id from users where username = 'admin'`,
  );
  const user = {
    id: admin!.id,
    username: 'admin',
    displayName: 'admin',
    role: 'admin',
    roles: ['admin'],
    orgUnitId: admin!.org_unit_id,
    mustChangePassword: false,
    tokenHash: '',
  } as unknown as AuthUser;
  const now = new Date();
  const texts = ISSUE_TEXTS.map((t) => normalizeForSearch(t.title));
  const request = (k: number) => {
    const words = texts[k % texts.length]!.split(' ');
    const text = words.slice(0, 2 + (k % Math.max(1, words.length - 1))).join(' ');
    const cell = (k * 7919) % CELLS;
    const cellId = `bc-${String(Math.min(Math.floor(cell / 23), COMMUNES - 1) + 1).padStart(3, '0')}-c${String(cell).padStart(4, '0')}`;
    return { text, cellId };
  };
  for (let k = 0; k < 20; k++) await relatedForCell(db, user, request(k), now);
  const loadBefore = loadavg()[0]!;
  const whole: number[] = [];
  const query: number[] = [];
  let hits = 0;
  for (let k = 0; k < n; k++) {
    const q = request(k + 1000);
    let t = performance.now();
    hits += (await relatedForCell(db, user, q, now)).length;
    whole.push(performance.now() - t);
    t = performance.now();
    await queryRows(
      db,
      relatedSql({
        needle: q.text,
        communeId: q.cellId.slice(0, 6),
        since: new Date(now.getTime() - 90 * 86_400_000),
        limit: RELATED_LIMIT,
      }),
    );
    query.push(performance.now() - t);
  }
  const sample = request(1234);
  const plan = (
    await queryRows<{ 'QUERY PLAN': string }>(
      db,
      sql`explain (analyze, buffers, costs off) ${relatedSql({
        needle: sample.text,
        communeId: sample.cellId.slice(0, 6),
        since: new Date(now.getTime() - 90 * 86_400_000),
        limit: RELATED_LIMIT,
      })}`,
    )
  )
    .map((r) => r['QUERY PLAN'])
    .join('\n');
  const figures = {
    n,
    p50: percentile(whole, 50),
    p95: percentile(whole, 95),
    queryP95: percentile(query, 95),
    hits: hits / n,
    plan,
    load: [loadBefore, loadavg()[0]!] as [number, number],
  };
  log(
    `  related hints (${n} requests): p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms (query alone p95 ${figures.queryP95.toFixed(1)} ms), ${figures.hits.toFixed(1)} hints each; load average ${figures.load.map((l) => l.toFixed(1)).join(' → ')}; target 50 ms p95`,
  );
  log(`  related hints plan ("${sample.text}", ${sample.cellId}):\n${plan.replace(/^/gm, '    ')}`);
  return figures;
}
