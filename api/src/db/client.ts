import { randomBytes } from 'node:crypto';
import { unlinkSync, writeFileSync } from 'node:fs';
import { acquireDataDirLock, dataDirError, DataDirError } from './data-dir-lock.ts';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { DatabaseFaults, guardPglite } from './health.ts';
import * as schema from './schema.ts';
import { MIGRATIONS_DIR } from '../paths.ts';

export type Schema = typeof schema;
/** One type for both drivers: drizzle's PGlite and postgres.js databases share `PgDatabase`. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  /** Runs `fn` while holding a database-wide lock (a PostgreSQL advisory lock on one reserved connection). */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  driver: 'pglite' | 'postgres';
  /** Runs raw SQL outside drizzle (truncate in tests, EXPLAIN in the benchmark). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the embedded instance (the running server's backup copies it). */
  pglite?: import('@electric-sql/pglite').PGlite;
  /** PostgreSQL only: the connection URL (the running server's backup hands it to pg_dump). */
  url?: string;
  /** Fatal faults seen on this database (PGlite after a PANIC); see db/health.ts. */
  faults: DatabaseFaults;
  /** PostgreSQL: this process's connections (open, running a query) and the pool size. */
  poolStats?(): Promise<{ open: number; active: number; max: number }>;
}

export const migrationsFolder = MIGRATIONS_DIR;

export interface OpenOptions {
  /** `postgres://…`: PostgreSQL through postgres.js. */
  url?: string;
  /** Directory of the embedded PGlite database; `memory://` or undefined for an in-memory one. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
  /** Who holds a PGlite directory's lock while open ("server", "admin", "backup"…). */
  purpose?: string;
}

/** Opens the database named by the options and applies the committed migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.url
    ? await openPostgres(opts.url, opts.max ?? 10)
    : await openPglite(opts.dataDir, opts.purpose);
  try {
    await migrateDatabase(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

async function openPglite(dataDir: string | undefined, purpose = 'server'): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const onDisk =
    dataDir !== undefined && !dataDir.startsWith('memory://') && !dataDir.startsWith('idb://');
  // One process per directory (see data-dir-lock.ts); taken before PGlite touches any file.
  const lock = onDisk ? acquireDataDirLock(dataDir, purpose) : undefined;
  let client: InstanceType<typeof PGlite>;
  try {
    client = await PGlite.create(dataDir ?? 'memory://', { extensions: { pg_trgm } });
  } catch (err) {
    lock?.release();
    // PGlite reports a read-only or full directory only as "failed to initialize properly".
    if (onDisk) throw explainPgliteFailure(dataDir, err);
    throw err;
  }
  const faults = new DatabaseFaults();
  guardPglite(client, faults);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    faults,
    exec: async (sql) => {
      await client.exec(sql);
    },
    // One PGlite is one process and one connection: nobody else can take the lock.
    withLock: (_key, fn) => fn(),
    // After a PANIC, closing would call into the broken instance (and spin): leave it to the exit.
    close: async () => {
      try {
        if (!faults.fatal) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Finds out whether a directory PGlite could not open is read-only or full, by writing to it. */
function explainPgliteFailure(dir: string, err: unknown): Error {
  const probe = `${dir}/.duhop-write-test`;
  try {
    writeFileSync(probe, 'x'.repeat(64 * 1024));
    unlinkSync(probe);
  } catch (probeErr) {
    return dataDirError(dir, probeErr);
  }
  return new DataDirError(
    `DATA_DIR ${dir}: the embedded database could not be opened (${err instanceof Error ? err.message : String(err)})`,
    'DATA_DIR_UNUSABLE',
  );
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // jit off: the API runs short OLTP queries; over a million issues PostgreSQL's cost estimates
  // cross jit_above_cost and it spent 200–400 ms compiling plans that execute in 1 ms (test/bench).
  // application_name marks this process's connections, for the pool figures of /metrics.
  const applicationName = `duhop-${process.pid}-${randomBytes(3).toString('hex')}`;
  const client = postgres(url, {
    max,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: 10,
    connection: { jit: 'off', application_name: applicationName },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    url,
    faults: new DatabaseFaults(),
    poolStats: async () => {
      const [row] = await client<{ open: number; active: number }[]>`
        select count(*)::int as open, (count(*) filter (where state <> 'idle' and pid <> pg_backend_pid()))::int as active
          from pg_stat_activity where application_name = ${applicationName}`;
      return { open: row?.open ?? 0, active: row?.active ?? 0, max };
    },
    exec: async (sql) => {
      await client.unsafe(sql);
    },
    withLock: async (key, fn) => {
      const conn = await client.reserve();
      try {
        await conn`select pg_advisory_lock(${key})`;
        try {
          return await fn();
        } finally {
          await conn`select pg_advisory_unlock(${key})`;
        }
      } finally {
        conn.release();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function migrateDatabase(database: Database): Promise<void> {
  if (database.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // Two instances starting together on one PostgreSQL must not both migrate.
    await database.withLock(727_001, () => migrate(database.db as never, { migrationsFolder }));
  }
}
