import { readFileSync } from 'node:fs';
import type { Database } from '../../api/src/db/client.ts';
import { DatabaseFaults, guardPglite } from '../../api/src/db/health.ts';
import * as schema from '../../api/src/db/schema.ts';
import { provided } from './provided.ts';

/**
 * What support/global-db.ts prepared once per run: PGlite dump files, or PostgreSQL template
 * databases. `migrated` holds the schema only; `seeded` the demo province as well.
 */
export interface DatabaseStarts {
  driver: 'pglite' | 'pg';
  migrated: string;
  seeded: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseStarts: DatabaseStarts;
  }
}

/** How a test database begins: as a fresh install would (`empty`), migrated, or with the demo. */
export type Start = 'empty' | 'migrated' | 'seeded';

/** The prepared starts, or undefined outside a vitest worker (the benchmarks) or before globalSetup. */
export const databaseStarts = (): DatabaseStarts | undefined => provided('databaseStarts');

async function loadPglite(dump: string, dataDir: string) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return PGlite.create(dataDir, {
    extensions: { pg_trgm },
    loadDataDir: new Blob([readFileSync(dump)]),
  });
}

/**
 * An in-memory PGlite loaded from a dump, wrapped like api/src/db/client.ts's openPglite (same
 * fault guard); the dump was made by openDatabase in this run, so its migrations are current.
 */
export async function openPgliteFromDump(dump: string): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await loadPglite(dump, 'memory://');
  const faults = new DatabaseFaults();
  guardPglite(client, faults);
  return {
    db: drizzle(client, { schema }) as unknown as Database['db'],
    driver: 'pglite',
    pglite: client,
    faults,
    exec: async (sql) => {
      await client.exec(sql);
    },
    withLock: (_key, fn) => fn(),
    close: async () => {
      if (!faults.fatal) await client.close();
    },
  };
}

/** Writes a dump into an on-disk PGlite directory, for an API process to open without initdb. */
export async function fillDataDir(dump: string, dataDir: string): Promise<void> {
  await (await loadPglite(dump, dataDir)).close();
}
