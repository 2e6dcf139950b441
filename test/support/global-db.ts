import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../api/src/db/client.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import type { DatabaseStarts } from './db-starts.ts';
import { createDatabase } from './db.ts';

/**
 * globalSetup of the API projects: migrates (and seeds the demo province) once per run instead of
 * once per test file. PGlite: two dumps of the data directory that each file loads (initdb and the
 * migrations are most of a fresh PGlite's start); PostgreSQL: two template databases each file
 * copies with CREATE DATABASE … TEMPLATE. `migrated` has the schema only, `seeded` the demo too.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const driver = project.config.env?.TEST_DB_DRIVER === 'pg' ? 'pg' : 'pglite';
  if (driver === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'duhop-snap-'));
    const database = await openDatabase({});
    const dump = async (name: string) => {
      const file = join(dir, `${name}.tar`);
      writeFileSync(
        file,
        Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer()),
      );
      return file;
    };
    try {
      const migrated = await dump('migrated');
      await seedDemo(database.db);
      const seeded = await dump('seeded');
      project.provide('databaseStarts', { driver, migrated, seeded } satisfies DatabaseStarts);
    } finally {
      await database.close();
    }
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DB_DRIVER=pg needs TEST_DATABASE_URL');
  const tag = randomBytes(4).toString('hex');
  const migrated = `duhop_tpl_m_${tag}`;
  const seeded = `duhop_tpl_s_${tag}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const urlOf = (name: string) => Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  await admin.unsafe(`create database ${migrated}`);
  // max 2: the migration holds one connection for its advisory lock and migrates on another.
  await (await openDatabase({ url: urlOf(migrated), max: 2 })).close();
  // A template must have no connection while it is copied: each is closed before the next step.
  await createDatabase(admin, seeded, migrated);
  const database = await openDatabase({ url: urlOf(seeded), max: 2 });
  try {
    await seedDemo(database.db);
  } finally {
    await database.close();
  }
  project.provide('databaseStarts', { driver, migrated, seeded } satisfies DatabaseStarts);
  return async () => {
    for (const name of [seeded, migrated])
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
