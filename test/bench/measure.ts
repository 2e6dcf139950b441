import { randomUUID } from 'node:crypto';
import { localDate } from '@duhop/shared';
import { reportBody } from '../support/report-bodies.ts';
import { spawnServer, type ServerChild } from './child.ts';
import { planTargets } from './explain.ts';
import { load, type LoadResult } from './load.ts';
import type { SeededProvince } from './seed-province.ts';

export interface DatabaseFigures {
  /** Related-issue hints on the seeded history (issue 16; related.ts). */
  related?: import('./related.ts').RelatedFigures;
  driver: 'pglite' | 'postgres';
  seeded: SeededProvince['counts'] & { seconds: number };
  submission: { api: LoadResult; constant: LoadResult; insert: LoadResult }[];
  reads: Record<string, LoadResult>;
  memory: { idleMb: number; peakMb: number; afterLoadMb: number };
  startup: { processMs: number; restartMs: number[] };
  /** The production server (`npm run serve`), measured after the rest (serve-startup.ts). */
  serve?: import('./serve-startup.ts').ServeFigures;
  plans: { name: string; ms: number | null; plan: string }[];
}

export interface MeasureOptions {
  driver: 'pglite' | 'postgres';
  apiEnv: Record<string, string>;
  baselineTarget: { dataDir: string } | { url: string; max: number };
  seeded: SeededProvince;
  seconds: number;
  log: (s: string) => void;
}

const json = { 'content-type': 'application/json' };
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function waitHealthy(url: string) {
  for (;;) {
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Everything measured on one database, API and baselines served by the same child process. */
export async function measureDatabase(opts: MeasureOptions): Promise<DatabaseFigures> {
  const { seeded, seconds, log } = opts;
  const t0 = performance.now();
  const child = await spawnServer();
  try {
    const { url } = await child.send<{ url: string }>({ cmd: 'start', env: opts.apiEnv });
    await waitHealthy(url);
    const processMs = performance.now() - t0;
    log(`  API up in ${Math.round(processMs)} ms (process start to /health)`);
    // A meeting three days ago: this month's criteria set, before any reporting deadline matters.
    const meetingDate = localDate(new Date(Date.now() - 3 * 86_400_000));
    const submit = () => {
      const o = pick(seeded.observers);
      return {
        method: 'POST' as const,
        path: '/api/reports',
        headers: { ...json, authorization: `Bearer ${o.token}` },
        body: JSON.stringify(reportBody(pick(o.cells), meetingDate, seeded.chosenBodies)),
      };
    };
    const bounded = { seconds, maxRequests: 50_000 };
    let peakMb = 0;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, child.rss()?.rssMb ?? 0)), 200);
    // Reads first, on the history as seeded and vacuumed: tens of thousands of submissions
    // afterwards land in pages freed by the escalation updates and clear the visibility map, and
    // index-only counts then visit the heap until a vacuum (PostgreSQL's autovacuum waits for 20%
    // of the table by default; PGlite has no autovacuum at all).
    const reads = await measureReads(child, url, seeded.triageToken, seconds, log);
    const plans = await explain(child);
    for (const p of plans) log(`  plan ${p.name}: ${p.ms?.toFixed(2)} ms`);
    await load({ url, connections: 8, seconds: 3, maxRequests: 2_000, next: submit }); // warm-up (JIT, pool, caches)
    const idleMb = child.rss()?.rssMb ?? NaN;
    const apiRuns: LoadResult[] = [];
    for (const connections of [1, 16, 64]) {
      const r = await load({ url, connections, ...bounded, next: submit });
      log(
        `  submit c=${connections}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, errors ${r.errors} ${JSON.stringify(r.statuses)}`,
      );
      apiRuns.push(r);
    }
    // The first inbox page again after the burst, to show the effect above.
    const afterBurst = await load({
      url,
      connections: 1,
      seconds,
      maxRequests: 300,
      next: () => ({
        method: 'GET',
        path: '/api/inbox?limit=50',
        headers: { authorization: `Bearer ${seeded.triageToken}` },
      }),
    });
    reads['inbox: first page, after the submission burst'] = afterBurst;
    log(
      `  inbox first page after the burst: p50 ${afterBurst.p50.toFixed(1)} ms, p95 ${afterBurst.p95.toFixed(1)} ms`,
    );
    clearInterval(sampler);
    const afterLoadMb = child.rss()?.rssMb ?? NaN;

    const restartMs: number[] = [];
    for (let i = 0; i < 3; i++)
      restartMs.push((await child.send<{ ms: number }>({ cmd: 'restart' })).ms);
    log(`  restart on the existing data: ${restartMs.map((m) => Math.round(m)).join(', ')} ms`);

    const { url: baseUrl } = await child.send<{ url: string }>({
      cmd: 'baseline',
      target: opts.baselineTarget,
    });
    const constant = () => ({ method: 'GET' as const, path: '/constant' });
    const insert = () => ({
      method: 'POST' as const,
      path: '/reports',
      headers: json,
      body: JSON.stringify(reportBody('hn-xom-1', meetingDate)),
    });
    await load({ url: baseUrl, connections: 8, seconds: 2, maxRequests: 2_000, next: insert });
    const submission: DatabaseFigures['submission'] = [];
    for (const [i, connections] of [1, 16, 64].entries()) {
      const c = await load({ url: baseUrl, connections, ...bounded, next: constant });
      const ins = await load({ url: baseUrl, connections, ...bounded, next: insert });
      log(
        `  baseline c=${connections}: constant ${c.rps.toFixed(0)} req/s, validated insert ${ins.rps.toFixed(0)} req/s (errors ${c.errors}/${ins.errors})`,
      );
      submission.push({ api: apiRuns[i]!, constant: c, insert: ins });
    }
    return {
      driver: opts.driver,
      seeded: { ...seeded.counts, seconds: seeded.seconds },
      submission,
      reads,
      memory: { idleMb, peakMb, afterLoadMb },
      startup: { processMs, restartMs },
      plans,
    };
  } finally {
    await child.stop();
  }
}

async function measureReads(
  child: ServerChild,
  url: string,
  token: string,
  seconds: number,
  log: (s: string) => void,
) {
  const auth = { authorization: `Bearer ${token}` };
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: auth });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{
      nextCursor: string | null;
      items: { id: string; reportId: string }[];
    }>;
  };
  // Cursors deep into the body's history: walk 20 pages of 50 once, then rotate over them.
  const cursors: string[] = [];
  let cursor: string | null = null;
  const issueIds: string[] = [];
  const reportIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const page = await get(`/api/inbox?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    issueIds.push(...page.items.map((x) => x.id));
    reportIds.push(...page.items.map((x) => x.reportId));
    if (!page.nextCursor) break;
    cursors.push((cursor = page.nextCursor));
  }
  const recent = await child.send<{ id: string; report_id: string }[]>({
    cmd: 'query',
    text: `select id, report_id from issues where responsible_body_id = 'na-bnc' order by created_at desc limit 500`,
  });
  issueIds.push(...recent.map((r) => r.id));
  reportIds.push(...recent.map((r) => r.report_id));

  const variants: Record<string, () => string> = {
    'inbox: first page': () => '/api/inbox?limit=50',
    'inbox: filtered (open, category)': () =>
      `/api/inbox?status=routed,acknowledged,in_progress&category=${pick(['an_ninh_trat_tu', 'dat_dai', 'y_te', 'moi_truong'])}&limit=50`,
    'inbox: searched (q)': () =>
      `/api/inbox?q=${encodeURIComponent(pick(['dat dai', 'ô nhiễm', 'xóm Bắc Sơn 3', 'khối 12']))}&limit=50`,
    'inbox: paginated (cursor)': () => `/api/inbox?limit=50&cursor=${pick(cursors)}`,
    'inbox: overdue': () => '/api/inbox?overdue=true&limit=50',
    'issue detail': () => `/api/issues/${pick(issueIds)}`,
    'report detail': () => `/api/reports/${pick(reportIds)}`,
  };
  const results: Record<string, LoadResult> = {};
  for (const [name, path] of Object.entries(variants)) {
    await load({
      url,
      connections: 1,
      seconds: 1,
      maxRequests: 50,
      next: () => ({ method: 'GET', path: path(), headers: auth }),
    });
    const r = await load({
      url,
      connections: 1,
      seconds,
      maxRequests: 1_000,
      next: () => ({ method: 'GET', path: path(), headers: auth }),
    });
    log(
      `  ${name}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${r.requests} requests, errors ${r.errors})`,
    );
    results[name] = r;
  }
  return results;
}

export async function explain(child: ServerChild) {
  const [sample] = await child.send<
    { id: string; report_id: string; due_at: string; author_id: string; cell_id: string }[]
  >({
    cmd: 'query',
    text: `select id, report_id, due_at::text, author_id, cell_id from issues where responsible_body_id = 'na-bnc' order by due_at, id offset 1000 limit 1`,
  });
  if (!sample) return [];
  const out: DatabaseFigures['plans'] = [];
  const targets = planTargets({
    issueId: sample.id,
    reportId: sample.report_id,
    cellId: sample.cell_id,
    userId: sample.author_id,
    cursor: { dueAt: sample.due_at, id: sample.id },
  });
  // A plan without some indexes: dropped inside a subtransaction rolled back at once.
  await child.send({
    cmd: 'query',
    text: `create or replace function bench_explain_without(idx text[], q text) returns setof text
      language plpgsql as $$
      declare r record; lines text[] := '{}'; i text;
      begin
        begin
          foreach i in array idx loop execute format('drop index %I', i); end loop;
          for r in execute 'explain (analyze, buffers) ' || q loop lines := lines || r."QUERY PLAN"; end loop;
          raise exception using errcode = 'P0001', message = 'bench: roll the drop back';
        exception when sqlstate 'P0001' then null;
        end;
        return query select unnest(lines);
      end $$`,
  });
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const runs: { name: string; rows: () => Promise<Record<string, string>[]> }[] = targets.flatMap(
    (t) => [
      {
        name: t.name,
        rows: () =>
          child.send<Record<string, string>[]>({
            cmd: 'query',
            text: `explain (analyze, buffers) ${t.sql}`,
          }),
      },
      ...(t.without
        ? [
            {
              name: `${t.name} (without ${t.without.join(', ')})`,
              rows: () =>
                child.send<Record<string, string>[]>({
                  cmd: 'query',
                  text: `select bench_explain_without(array[${t.without!.map(lit).join(', ')}], ${lit(t.sql)})`,
                }),
            },
          ]
        : []),
    ],
  );
  runs.push({
    name: 'submit: context (one statement)',
    rows: () =>
      child.send<Record<string, string>[]>({
        cmd: 'explainContext',
        params: {
          reportId: randomUUID(),
          userId: sample.author_id,
          cellId: sample.cell_id,
          meetingDate: localDate(new Date()),
          criteriaSetId: 'hd42-2025',
          requestedBodyIds: ['na-snnmt'],
          dayStart: new Date(Date.now() - 86_400_000).toISOString(),
        },
      }),
  });
  for (const t of runs) {
    // Once to warm the cache, then the measured run (a statement an older API lacks is skipped).
    const rows = await t
      .rows()
      .then(() => t.rows())
      .catch(() => null);
    if (!rows) continue;
    const plan = rows.map((r) => Object.values(r)[0]).join('\n');
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    out.push({ name: t.name, ms: Number.isNaN(ms) ? null : ms, plan });
  }
  return out;
}
