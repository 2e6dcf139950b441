import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../api/src/db/client.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { databaseStarts, openPgliteFromDump, type Start } from './db-starts.ts';

export interface TestDatabase extends Database {
  /** Drops the per-file PostgreSQL database (no-op for PGlite). */
  destroy(): Promise<void>;
}

/**
 * One database per test file: an in-memory PGlite, or (project `api-pg`) a fresh database created
 * on the PostgreSQL named by TEST_DATABASE_URL, so files can run in parallel without sharing rows.
 * Under vitest it begins as a copy of what support/global-db.ts migrated (and seeded) once.
 */
export async function openTestDatabase(
  start: Exclude<Start, 'empty'> = 'migrated',
): Promise<TestDatabase> {
  const driver = process.env.TEST_DB_DRIVER ?? 'pglite';
  // A dump file (PGlite) or a template database (PostgreSQL).
  const prepared = databaseStarts()?.[start];
  if (driver !== 'pg') {
    const database = prepared ? await openPgliteFromDump(prepared) : await openDatabase({});
    if (!prepared && start === 'seeded') await seedDemo(database.db);
    return { ...database, destroy: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DB_DRIVER=pg needs TEST_DATABASE_URL');
  const name = `duhop_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await createDatabase(admin, name, prepared);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 10 });
  if (!prepared && start === 'seeded') await seedDemo(database.db);
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * CREATE DATABASE, as a copy of `template` when given. PostgreSQL refuses a copy while another
 * session is connected to the template (SQLSTATE 55006); nothing connects to ours but a copy
 * under way, so a refusal is retried for a while.
 */
export async function createDatabase(
  admin: postgres.Sql,
  name: string,
  template?: string,
): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
      return;
    } catch (err) {
      if (!template || (err as { code?: string }).code !== '55006' || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const DATA_TABLES = [
  'issue_events',
  'issues',
  'reports',
  'sessions',
  'login_failures',
  'answer_templates',
  'audit_log',
  'document_numbers',
  'document_configs',
  'deliveries',
  'delivery_cursors',
  'notification_settings',
  'webhook_endpoints',
  'webhook_responses',
];

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
