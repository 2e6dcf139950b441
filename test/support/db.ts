import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../api/src/db/client.ts';

export interface TestDatabase extends Database {
  /** Drops the per-file PostgreSQL database (no-op for PGlite). */
  destroy(): Promise<void>;
}

/**
 * One database per test file: an in-memory PGlite, or (project `api-pg`) a fresh database created
 * on the PostgreSQL named by TEST_DATABASE_URL, so files can run in parallel without sharing rows.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const driver = process.env.TEST_DB_DRIVER ?? 'pglite';
  if (driver !== 'pg') {
    const database = await openDatabase({});
    return { ...database, destroy: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DB_DRIVER=pg needs TEST_DATABASE_URL');
  const name = `duhop_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 10 });
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const DATA_TABLES = ['issue_events', 'issues', 'reports', 'sessions', 'login_failures', 'answer_templates', 'audit_log'];

/** Empties what tests write (reports, issues, sessions…) and keeps the seeded province. */
export async function truncateActivity(database: Database): Promise<void> {
  await database.exec(`truncate ${DATA_TABLES.join(', ')} restart identity cascade`);
}

/** Empties every table (for tests that change the org graph, users or rules). */
export async function truncateAll(database: Database): Promise<void> {
  await database.exec(
    `truncate ${[...DATA_TABLES, 'assignments', 'routing_rules', 'users', 'criteria_sets', 'holidays', 'org_units'].join(', ')} restart identity cascade`,
  );
}
