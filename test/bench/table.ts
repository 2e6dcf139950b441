import type { EntrySize } from './bundle.ts';
import type { DatabaseFigures } from './measure.ts';

export interface BenchResult {
  date: string;
  machine: {
    nproc: number;
    cpu: string;
    node: string;
    memoryGb: number /** 1-minute load average when the run started and ended (other work on the machine skews figures). */;
    loadavg: [number, number];
  };
  scale: number;
  secondsPerRun: number;
  databases: DatabaseFigures[];
  bundles: EntrySize[] | null;
}

const NAMES = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;
const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '–');
const ms = (x: number) =>
  Number.isFinite(x) ? (x < 10 ? x.toFixed(1) : Math.round(x).toString()) : '–';
const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '–');
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The figures as markdown: one table per concern, targets printed beside them (never asserted). */
export function renderMarkdown(r: BenchResult): string {
  const out: string[] = [];
  out.push(`## Benchmark ${r.date}`, '');
  out.push(
    `Machine: ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpu}, ${r.machine.memoryGb} GB; Node ${r.machine.node}; load average ${r.machine.loadavg.map((l) => l.toFixed(1)).join(' → ')} during the run. ` +
      `BENCH_SCALE=${r.scale}; each load run is bounded by ${r.secondsPerRun} s and 50,000 requests; load generator and server in separate processes on 127.0.0.1.`,
    '',
  );
  out.push(
    '| database | org units | cells | users | reports | issues | events | seeded in |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const d of r.databases) {
    const s = d.seeded;
    out.push(
      `| ${NAMES[d.driver]} | ${n0(s.orgUnits)} | ${n0(s.cells)} | ${n0(s.users)} | ${n0(s.reports)} | ${n0(s.issues)} | ${n0(s.events)} | ${s.seconds.toFixed(0)} s |`,
    );
  }
  out.push('', '### Report submission (POST /api/reports, 0–5 issues, fresh ids)', '');
  out.push(
    '| database | conn. | API req/s | p50 ms | p95 ms | p99 ms | errors | bare Hono constant req/s | zod + 1-row insert req/s | API / constant | API / validated insert |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const d of r.databases) {
    for (const s of d.submission) {
      const a = s.api;
      out.push(
        `| ${NAMES[d.driver]} | ${a.connections} | ${n0(a.rps)} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.p99)} | ${a.errors} | ${n0(s.constant.rps)} | ${n0(s.insert.rps)} | ${pct(a.rps / s.constant.rps)} | ${pct(a.rps / s.insert.rps)} |`,
      );
    }
  }
  out.push(
    '',
    '### Reads at full history (triage user of a body holding ~14% of the province’s issues; 1 connection)',
    '',
  );
  const names = [...new Set(r.databases.flatMap((d) => Object.keys(d.reads)))];
  out.push(
    `| request | ${r.databases.map((d) => `${NAMES[d.driver]} p50 / p95 ms`).join(' | ')} |`,
    `|---|${r.databases.map(() => '---:').join('|')}|`,
  );
  for (const name of names) {
    out.push(
      `| ${name} | ${r.databases.map((d) => (d.reads[name] ? `${ms(d.reads[name].p50)} / ${ms(d.reads[name].p95)}${d.reads[name].errors ? ` (${d.reads[name].errors} errors)` : ''}` : '–')).join(' | ')} |`,
    );
  }
  out.push(
    `| related hints (issue 16, service call, target 50 ms p95) | ${r.databases.map((d) => (d.related ? `${ms(d.related.p50)} / ${ms(d.related.p95)}` : '–')).join(' | ')} |`,
  );
  out.push('', '### Process', '');
  out.push(
    `| | ${r.databases.map((d) => NAMES[d.driver]).join(' | ')} |`,
    `|---|${r.databases.map(() => '---:').join('|')}|`,
  );
  out.push(
    `| RSS idle after warm-up | ${r.databases.map((d) => `${n0(d.memory.idleMb)} MB`).join(' | ')} |`,
  );
  out.push(
    `| RSS peak under load | ${r.databases.map((d) => `${n0(d.memory.peakMb)} MB`).join(' | ')} |`,
  );
  out.push(
    `| start-up on existing data (startServer → /health, median of 3) | ${r.databases.map((d) => `${n0(median(d.startup.restartMs))} ms`).join(' | ')} |`,
  );
  out.push(
    `| cold process start incl. tsx (spawn → /health) | ${r.databases.map((d) => `${n0(d.startup.processMs)} ms`).join(' | ')} |`,
  );
  if (r.databases.some((d) => d.serve)) out.push(...serveRows(r));
  out.push(
    '',
    '### Extension bundles (gzip -9, per entrypoint with the chunks and styles it loads)',
    '',
  );
  if (!r.bundles) out.push('not built (run `npm run build -w extension` first)');
  else {
    out.push('| entrypoint | files | raw | gzipped |', '|---|---:|---:|---:|');
    for (const b of r.bundles)
      out.push(`| ${b.entrypoint} | ${b.files} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} |`);
  }
  out.push('', '### Targets (printed, not asserted)', '');
  for (const d of r.databases) {
    const worst = Math.min(...d.submission.map((s) => s.api.rps / s.insert.rps));
    out.push(
      `- ${NAMES[d.driver]}: submission ≥ 60% of the validated-insert baseline at every concurrency: ${worst >= 0.6 ? 'met' : 'NOT met'} (lowest ${pct(worst)})`,
    );
  }
  const pg = r.databases.find((d) => d.driver === 'postgres');
  if (pg) {
    const inbox = Object.entries(pg.reads).filter(
      ([k]) => k.startsWith('inbox') && !k.includes('after'),
    );
    const [worstName, worst] = inbox.reduce((a, [k, v]) => (v.p95 > a[1] ? [k, v.p95] : a), [
      '',
      -1,
    ] as [string, number]);
    const burst = Object.entries(pg.reads).find(([k]) => k.includes('after'))?.[1];
    out.push(
      `- PostgreSQL: inbox p95 ≤ 10 ms at ${n0(pg.seeded.issues)} issues: ${worst <= 10 ? 'met' : 'NOT met'} (worst: ${worstName.replace('inbox: ', '')} ${ms(worst)} ms)` +
        (burst ? `; first page right after the submission burst: ${ms(burst.p95)} ms` : ''),
    );
  } else out.push('- PostgreSQL: not measured (set DATABASE_URL or TEST_DATABASE_URL)');
  return `${out.join('\n')}\n`;
}

/** Rows of the production server (`npm run serve`, serve-startup.ts) for the Process table. */
function serveRows(r: BenchResult): string[] {
  const cell = (
    d: BenchResult['databases'][number],
    f: (s: NonNullable<typeof d.serve>) => string,
  ) => (d.serve ? f(d.serve) : '–');
  return [
    `| \`npm run serve\` start-up on existing data (node api/dist/serve.js spawn → /health, median of 3) | ${r.databases.map((d) => cell(d, (s) => `${n0(median(s.startMs))} ms`)).join(' | ')} |`,
    `| the same through npm (\`npm run serve\`, one run) | ${r.databases.map((d) => cell(d, (s) => `${n0(s.npmStartMs)} ms`)).join(' | ')} |`,
    `| \`npm run serve\` RSS at idle (5 s after start and 200 requests) | ${r.databases.map((d) => cell(d, (s) => `${n0(s.idleRssMb)} MB`)).join(' | ')} |`,
  ];
}

/** `npm run bench -- startup`: the seeded history and the production server's figures only. */
export function renderServeMarkdown(r: BenchResult): string {
  const out: string[] = [];
  out.push(`## Production server start-up ${r.date}`, '');
  out.push(
    `Machine: ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpu}, ${r.machine.memoryGb} GB; Node ${r.machine.node}; load average ${r.machine.loadavg.map((l) => l.toFixed(1)).join(' → ')} during the run. BENCH_SCALE=${r.scale}.`,
    '',
  );
  out.push(
    '| database | org units | cells | users | reports | issues | events | seeded in |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const d of r.databases) {
    const s = d.seeded;
    out.push(
      `| ${NAMES[d.driver]} | ${n0(s.orgUnits)} | ${n0(s.cells)} | ${n0(s.users)} | ${n0(s.reports)} | ${n0(s.issues)} | ${n0(s.events)} | ${s.seconds.toFixed(0)} s |`,
    );
  }
  out.push(
    '',
    `| | ${r.databases.map((d) => NAMES[d.driver]).join(' | ')} |`,
    `|---|${r.databases.map(() => '---:').join('|')}|`,
  );
  out.push(...serveRows(r));
  const kbs = r.databases.find((d) => d.serve)?.serve?.buildKb;
  if (kbs) out.push('', `Built API (api/dist without source maps): ${kbs} KB.`);
  return `${out.join('\n')}\n`;
}
