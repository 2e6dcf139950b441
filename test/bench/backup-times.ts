// Backup and restore times for a PGlite history seeded like the benchmark's (not part of npm test):
//   cd test && BENCH_SCALE=0.1 npx tsx bench/backup-times.ts
// Seeds a PGlite directory, then times `npm run backup` and `npm run restore` into a new PGlite
// directory and (when TEST_DATABASE_URL is set) into a new PostgreSQL database, as real processes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openDatabase } from '../../api/src/db/client.ts';
import { seedProvince } from './seed-province.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scale = Number(process.env.BENCH_SCALE ?? 0.1);
const work = mkdtempSync(join(tmpdir(), 'duhop-bkt-'));
const src = join(work, 'src');
const database = await openDatabase({ dataDir: src });
const seeded = await seedProvince(
  database,
  { reports: Math.round(10_000 * scale), issues: Math.round(50_000 * scale) },
  () => {},
);
await database.close();
console.log(`seeded PGlite: ${JSON.stringify(seeded.counts)} in ${seeded.seconds.toFixed(1)} s`);

const cli = (env: Record<string, string>, ...args: string[]) => {
  const t = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'api/src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: 'inherit',
  });
  return (performance.now() - t) / 1000;
};
const file = join(work, 'backup.sql');
const tb = cli({ DATA_DIR: src }, 'backup', '--out', file);
console.log(`backup (PGlite): ${tb.toFixed(1)} s, ${(statSync(file).size / 1e6).toFixed(1)} MB`);
const tr = cli({ DATA_DIR: join(work, 'restored') }, 'restore', '--in', file);
console.log(`restore into PGlite: ${tr.toFixed(1)} s`);
const base = process.env.TEST_DATABASE_URL;
if (base) {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const name = `duhop_bkt_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    const tp = cli({ DATABASE_URL: url.toString() }, 'restore', '--in', file);
    console.log(`restore into PostgreSQL: ${tp.toFixed(1)} s`);
    const file2 = join(work, 'pg.sql');
    const tpb = cli({ DATABASE_URL: url.toString() }, 'backup', '--out', file2);
    console.log(
      `backup (PostgreSQL, pg_dump): ${tpb.toFixed(1)} s, ${(statSync(file2).size / 1e6).toFixed(1)} MB`,
    );
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
rmSync(work, { recursive: true, force: true });
