// `npm run bench`: seeds a province at scale and measures the API against two baselines on PGlite
// and, when DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL in a fresh
// database it creates and drops. Never part of `npm test`. Knobs (environment):
//   BENCH_SCALE    history size factor (default 1: PostgreSQL 150,000 reports / 1,000,000 issues,
//                  PGlite 10,000 / 50,000)
//   BENCH_SECONDS  upper bound of each load run in seconds (default 10)
//   BENCH_ONLY     `pglite` or `postgres` to measure one database
//   BENCH_PG_KEEP  (`related` only) a PostgreSQL database name: seeded and kept on the first run,
//                  reused without seeding by the next ones (drop it by hand when done)
// `npm run bench -- startup` measures only the production server's start-up and idle memory
// (`npm run build`, then `npm run serve` on the seeded history; see serve-startup.ts).
// `npm run bench -- submit` measures only one member's two-issue submissions on the demo database
// (req/s and API CPU per submission at 16 connections; see submit-member.ts).
// `npm run bench -- related` measures only the related-issue hints (issue 16) on the seeded
// history: p50/p95 of the hint query and its plan (see related.ts); the full run prints them too.
// `npm run bench -- extension` measures only the built extension: each entrypoint's gzipped
// JavaScript and the time from opening a draft to an editable field (see extension.ts).
// `npm run bench -- plans` seeds the history (PostgreSQL when a URL is set, else PGlite) and only
// prints the EXPLAIN ANALYZE of the hot statements (explain.ts), some of them also without the
// indexes written for them (what each index is worth, before/after).
// `npm run bench -- deliveries` measures only the delivery outbox's mails/s to a local smtp-server
// (BENCH_MAILS, default 1,000; see deliveries.ts).
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../../api/src/db/client.ts';
import { queryRows } from '../../api/src/db/rows.ts';
import { bundleSizes } from './bundle.ts';
import { benchDeliveries } from './deliveries.ts';
import { measureRelated, type RelatedFigures } from './related.ts';
import { benchExtension } from './extension.ts';
import { spawnServer } from './child.ts';
import { explain, measureDatabase, type DatabaseFigures } from './measure.ts';
import { buildApi, measureServe, type ServeFigures } from './serve-startup.ts';
import { type SeededProvince, seedProvince } from './seed-province.ts';
import { measureMember, type MemberFigures } from './submit-member.ts';
import { renderMarkdown, renderServeMarkdown, type BenchResult } from './table.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scale = Number(process.env.BENCH_SCALE ?? 1);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const only = process.env.BENCH_ONLY;
const pgBase = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || '';
const startupOnly = process.argv.slice(2).includes('startup');
const submitOnly = process.argv.slice(2).includes('submit');
const extensionOnly = process.argv.slice(2).includes('extension');
const plansOnly = process.argv.slice(2).includes('plans');
const deliveriesOnly = process.argv.slice(2).includes('deliveries');
const relatedOnly = process.argv.slice(2).includes('related');
const keepDb = process.env.BENCH_PG_KEEP || undefined;
if (keepDb !== undefined && !/^[a-z_][a-z0-9_]*$/.test(keepDb))
  throw new Error('BENCH_PG_KEEP must be a lower-case database name (letters, digits, _)');
if (keepDb !== undefined && !relatedOnly)
  throw new Error('BENCH_PG_KEEP is only for `npm run bench -- related` (see reuseSeeded)');
if (!(scale > 0) || !(seconds > 0))
  throw new Error('BENCH_SCALE and BENCH_SECONDS must be positive numbers');

const log = (s: string) => console.log(s);
const size = (reports: number, issues: number) => ({
  reports: Math.max(1, Math.round(reports * scale)),
  issues: Math.max(1, Math.round(issues * scale)),
});
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const c of cleanups.reverse())
      await c().catch((e: unknown) => console.error('cleanup:', e));
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanup().then(() => process.exit(130)));

/** The full figures, or (`startup`) only the seeded counts and the production server's. */
type Figures =
  | DatabaseFigures
  | (Pick<DatabaseFigures, 'driver' | 'seeded' | 'related'> & { serve: ServeFigures });

async function benchPglite(): Promise<Figures> {
  log('\n== PGlite ==');
  const dataDir = mkdtempSync(join(tmpdir(), 'duhop-bench-'));
  const baseDir = mkdtempSync(join(tmpdir(), 'duhop-bench-base-'));
  cleanups.push(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(baseDir, { recursive: true, force: true });
  });
  const database = await openDatabase({ dataDir });
  let related: RelatedFigures;
  const seeded = await seedProvince(database, size(10_000, 50_000), log)
    .then(async (s) => {
      related = await measureRelated(database, log);
      return s;
    })
    .finally(() => database.close());
  log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
  const serveEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
  if (relatedOnly)
    return {
      driver: 'pglite',
      seeded: { ...seeded.counts, seconds: seeded.seconds },
      related: related!,
    } as never;
  if (startupOnly)
    return {
      driver: 'pglite',
      seeded: { ...seeded.counts, seconds: seeded.seconds },
      serve: await measureServe(serveEnv, log),
    };
  const figures = await measureDatabase({
    driver: 'pglite',
    apiEnv: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      ESCALATION_INTERVAL_MS: '3600000',
    },
    baselineTarget: { dataDir: baseDir },
    seeded,
    seconds,
    log,
  });
  return { ...figures, related: related!, serve: await measureServe(serveEnv, log) };
}

async function benchPostgres(): Promise<Figures> {
  log('\n== PostgreSQL ==');
  const suffix = randomBytes(5).toString('hex');
  const names = [keepDb || `duhop_bench_${suffix}`, `duhop_bench_${suffix}_base`];
  const admin = postgres(pgBase, { max: 1, onnotice: () => {} });
  const kept =
    keepDb !== undefined &&
    (await admin`select 1 from pg_database where datname = ${keepDb}`).length > 0;
  for (const name of kept ? names.slice(1) : names) await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    for (const name of keepDb ? names.slice(1) : names)
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const urlOf = (name: string) => {
    const u = new URL(pgBase);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const database = await openDatabase({ url: urlOf(names[0]!), max: 4 });
  let related: RelatedFigures;
  const seeding = kept
    ? reuseSeeded(database, names[0]!)
    : seedProvince(database, size(150_000, 1_000_000), log);
  const seeded = await seeding
    .then(async (s) => {
      related = await measureRelated(database, log);
      return s;
    })
    .finally(() => database.close());
  log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
  const serveEnv = { DATABASE_URL: urlOf(names[0]!) };
  if (relatedOnly)
    return {
      driver: 'postgres',
      seeded: { ...seeded.counts, seconds: seeded.seconds },
      related: related!,
    } as never;
  if (startupOnly)
    return {
      driver: 'postgres',
      seeded: { ...seeded.counts, seconds: seeded.seconds },
      serve: await measureServe(serveEnv, log),
    };
  const pool = 10;
  const figures = await measureDatabase({
    driver: 'postgres',
    apiEnv: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: urlOf(names[0]!),
      DB_POOL_MAX: String(pool),
      SEED_DEMO: 'false',
      ESCALATION_INTERVAL_MS: '3600000',
    },
    baselineTarget: { url: urlOf(names[1]!), max: pool },
    seeded,
    seconds,
    log,
  });
  return { ...figures, related: related!, serve: await measureServe(serveEnv, log) };
}

/**
 * A history seeded by an earlier run with the same BENCH_PG_KEEP (kept, not dropped): only the
 * related-issue hints can use it (the load runs need the observers' session tokens, which a run
 * keeps in memory only). Migrations added since are applied by openDatabase.
 */
async function reuseSeeded(database: Database, name: string): Promise<SeededProvince> {
  const [counts] = await queryRows<SeededProvince['counts']>(
    database.db,
    sql`select (select count(*)::int from org_units) as "orgUnits", (select count(*)::int from org_units where kind = 'cell') as cells,
               (select count(*)::int from users) as users, (select count(*)::int from reports) as reports,
               (select count(*)::int from issues) as issues, (select count(*)::int from issue_events) as events`,
  );
  if (!counts || counts.issues === 0)
    throw new Error(`BENCH_PG_KEEP: database ${name} exists but holds no seeded history; drop it`);
  log(`  reusing the history seeded in ${name} (BENCH_PG_KEEP)`);
  return { counts, seconds: 0, observers: [], triageToken: '', chosenBodies: [] };
}

const nproc = () => {
  try {
    return Number(execSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return availableParallelism();
  }
};

/** One member's submissions on a fresh demo database of each kind (PGlite, then PostgreSQL). */
async function benchMember(): Promise<void> {
  const figures: MemberFigures[] = [];
  if (only !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'duhop-bench-member-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    figures.push(
      await measureMember(
        'pglite',
        {
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          ESCALATION_INTERVAL_MS: '3600000',
        },
        seconds,
        log,
      ),
    );
  }
  if (only !== 'pglite' && pgBase) {
    const name = `duhop_bench_member_${randomBytes(5).toString('hex')}`;
    const admin = postgres(pgBase, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const u = new URL(pgBase);
    u.pathname = `/${name}`;
    figures.push(
      await measureMember(
        'postgres',
        {
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: u.toString(),
          DB_POOL_MAX: '10',
          ESCALATION_INTERVAL_MS: '3600000',
        },
        seconds,
        log,
      ),
    );
  }
  const lines = [
    `One member, two-issue reports, demo database (${new Date().toISOString()}, ${nproc()} cores, load ${loadavg()[0]!.toFixed(2)}):`,
    '',
    '| database | connections | req/s | p50 / p95 ms | API CPU ms per submission | errors |',
    '|---|---:|---:|---|---:|---:|',
    ...figures.map(
      (f) =>
        `| ${f.driver === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${f.connections} | ${Math.round(f.run.rps)} | ${f.run.p50.toFixed(1)} / ${f.run.p95.toFixed(1)} | ${f.cpuMsPerSubmission.toFixed(2)} | ${f.run.errors} |`,
    ),
  ];
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'submit-latest.md'), `${lines.join('\n')}\n`);
  console.log(`\n${lines.join('\n')}`);
}

async function benchAll(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0]!;
  buildApi(); // npm run serve runs api/dist
  const databases: Figures[] = [];
  if (only !== 'postgres') databases.push(await benchPglite());
  if (only !== 'pglite') {
    if (pgBase) databases.push(await benchPostgres());
    else log('\n(PostgreSQL skipped: set DATABASE_URL or TEST_DATABASE_URL to measure it too)');
  }
  if (relatedOnly) {
    const lines = [
      `Related-issue hints (issue 16), ${new Date().toISOString()}, ${nproc()} cores, scale ${scale}:`,
      '',
      '| database | issues | requests | p50 ms | p95 ms | statement alone p95 ms | hints each | load average |',
      '|---|---:|---:|---:|---:|---:|---:|---|',
      ...databases.map((d) => {
        const f = (d as unknown as { related: RelatedFigures }).related;
        return `| ${d.driver === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${d.seeded.issues.toLocaleString('en')} | ${f.n} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.queryP95.toFixed(1)} | ${f.hits.toFixed(1)} | ${f.load.map((l) => l.toFixed(1)).join(' → ')} |`;
      }),
    ];
    const dir = join(root, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'related-latest.md'), `${lines.join('\n')}\n`);
    console.log(`\n${lines.join('\n')}`);
    return;
  }
  const now = new Date();
  const result: BenchResult = {
    date: now.toISOString(),
    machine: {
      nproc: nproc(),
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      loadavg: [loadBefore, loadavg()[0]!],
    },
    scale,
    secondsPerRun: seconds,
    databases: databases as DatabaseFigures[],
    bundles: bundleSizes(join(root, 'extension/.output/chrome-mv3')),
  };
  const markdown = startupOnly ? renderServeMarkdown(result) : renderMarkdown(result);
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const name = startupOnly ? 'startup-' : '';
  writeFileSync(
    join(dir, `${name}${now.toISOString().slice(0, 10)}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  writeFileSync(join(dir, `${name}latest.md`), markdown);
  console.log(`\n${markdown}`);
  console.log(
    `(written to bench/results/; ${Math.round((performance.now() - started) / 1000)} s in all)`,
  );
}

/** Seeds one database and prints the plans of explain.ts (with and without their indexes). */
async function benchPlans(): Promise<void> {
  const onPg = only !== 'pglite' && !!pgBase;
  let env: Record<string, string>;
  let database: Awaited<ReturnType<typeof openDatabase>>;
  if (onPg) {
    const name = `duhop_bench_plans_${randomBytes(5).toString('hex')}`;
    const admin = postgres(pgBase, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const u = new URL(pgBase);
    u.pathname = `/${name}`;
    env = { DATABASE_URL: u.toString(), DB_POOL_MAX: '4' };
    database = await openDatabase({ url: u.toString(), max: 4 });
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'duhop-bench-plans-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    database = await openDatabase({ dataDir });
  }
  log(`\n== plans on ${onPg ? 'PostgreSQL' : 'PGlite'} ==`);
  const seeded = await seedProvince(
    database,
    onPg ? size(150_000, 1_000_000) : size(10_000, 50_000),
    log,
  ).finally(() => database.close());
  log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
  const child = await spawnServer();
  try {
    await child.send({
      cmd: 'start',
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        ESCALATION_INTERVAL_MS: '3600000',
        ...env,
      },
    });
    for (const p of await explain(child)) {
      const nodes = p.plan
        .split('\n')
        .filter((l) => /(Scan|Sort|Limit|Join|Loop|Append)/.test(l))
        .slice(0, 4)
        .map((l) => l.trim().replace(/\s+\(cost=.*$/, ''));
      log(`  ${p.name}: ${p.ms?.toFixed(2)} ms — ${nodes.join(' › ')}`);
    }
  } finally {
    await child.stop();
  }
}

try {
  await (deliveriesOnly
    ? benchDeliveries(log, only === 'pglite' ? undefined : pgBase || undefined)
    : extensionOnly
      ? benchExtension(log)
      : submitOnly
        ? benchMember()
        : plansOnly
          ? benchPlans()
          : benchAll());
} finally {
  await cleanup();
}
