import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from '../../db/data-dir-lock.ts';
import { sqlBatches } from './sql-script.ts';

/**
 * Backups are plain SQL written by pg_dump with `--inserts` (rows as INSERT statements, schema,
 * the drizzle migrations table and the sequences' values included): PostgreSQL through the
 * installed `pg_dump`, PGlite through the same pg_dump compiled to WebAssembly
 * (`@electric-sql/pglite-tools`). One format for both, so a PGlite backup restores into
 * PostgreSQL (the way to outgrow the embedded database) and the other way round.
 */
export type BackupTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export class BackupError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'PG_DUMP_MISSING'
      | 'PG_DUMP_FAILED'
      | 'NO_DATABASE'
      | 'NOT_EMPTY'
      | 'NOT_A_BACKUP'
      | 'RESTORE_FAILED',
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

const DUMP_ARGS = ['--no-owner', '--no-privileges', '--rows-per-insert=500'];

/** The pg_trgm extension the migrations create must be loadable in every PGlite we open. */
async function createPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return PGlite.create(dataDir ?? 'memory://', {
    extensions: { pg_trgm },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

async function dumpPglite(pg: PGlite): Promise<string> {
  const { pgDump } = await import('@electric-sql/pglite-tools/pg_dump');
  const file = await pgDump({ pg, args: DUMP_ARGS });
  return file.text();
}

/**
 * A consistent dump of a PGlite the calling process has open (the running server): a copy of its
 * files is taken while no query runs (PGlite's own lock), started as a second, in-memory PGlite
 * and dumped from there, so requests wait only for the copy, not for the dump.
 */
export async function dumpOpenPglite(pg: PGlite): Promise<string> {
  await pg.exec('CHECKPOINT');
  const copy = await pg.clone();
  try {
    return await dumpPglite(copy as PGlite);
  } finally {
    await copy.close();
  }
}

/**
 * A backup holds every account's password hash and the sessions: readable by its owner only
 * (mode 600), whatever the umask of the shell that ran `npm run backup`.
 */
const BACKUP_MODE = 0o600;

/** Writes `text` to `file` through a temporary name: a backup file is whole or absent. */
function writeWhole(file: string, text: string): void {
  const tmp = `${file}.partial`;
  writeFileSync(tmp, text, { mode: BACKUP_MODE });
  chmodSync(tmp, BACKUP_MODE);
  renameSync(tmp, file);
}

/** Runs pg_dump into `file`; a missing pg_dump is one clear line. */
export function pgDumpToFile(url: string, file: string): Promise<void> {
  const tmp = `${file}.partial`;
  // Created private before pg_dump writes into it (pg_dump truncates it and keeps the mode).
  writeFileSync(tmp, '', { mode: BACKUP_MODE });
  chmodSync(tmp, BACKUP_MODE);
  return new Promise((resolve, reject) => {
    const child = spawn(
      'pg_dump',
      [...DUMP_ARGS, '--format=plain', `--file=${tmp}`, `--dbname=${url}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', (err) => {
      rmSync(tmp, { force: true });
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        reject(
          new BackupError(
            'Chưa cài pg_dump — pg_dump is not installed: install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client), of the same major version as the server or newer',
            'PG_DUMP_MISSING',
          ),
        );
      else reject(err);
    });
    child.once('close', (code) => {
      if (code === 0) {
        chmodSync(tmp, BACKUP_MODE);
        renameSync(tmp, file);
        resolve();
      } else {
        rmSync(tmp, { force: true });
        reject(
          new BackupError(
            `pg_dump failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`,
            'PG_DUMP_FAILED',
          ),
        );
      }
    });
  });
}

/** PGlite keeps `PG_VERSION` at the top of its directory once a database exists there. */
const holdsPglite = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

/** A backup of a database no process has open (the CLI): `npm run backup -- --out FILE`. */
export async function backupToFile(target: BackupTarget, file: string): Promise<void> {
  if (target.kind === 'postgres') return pgDumpToFile(target.url, file);
  if (!holdsPglite(target.dataDir))
    throw new BackupError(`DATA_DIR ${target.dataDir} holds no database`, 'NO_DATABASE');
  const lock = acquireDataDirLock(target.dataDir, 'backup');
  try {
    const pg = await createPglite(target.dataDir);
    try {
      writeWhole(file, await dumpPglite(pg));
    } finally {
      await pg.close();
    }
  } finally {
    lock.release();
  }
}

/** Schemas and relations a fresh database has of its own; anything else makes it non-empty. */
const USER_RELATIONS = `
  select n.nspname || '.' || c.relname as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
  order by 1 limit 5`;

function checkBackupText(text: string, file: string): void {
  if (!/^--\s*\n-- PostgreSQL database dump\b/.test(text.slice(0, 200)))
    throw new BackupError(
      `${file} không phải bản sao lưu duhop — ${file} is not a duhop backup (a plain SQL file written by npm run backup or pg_dump)`,
      'NOT_A_BACKUP',
    );
  if (!/PostgreSQL database dump complete/.test(text.slice(-400)))
    throw new BackupError(
      `${file} không trọn vẹn — ${file} is incomplete (it does not end with pg_dump's "database dump complete"): the backup was cut short`,
      'NOT_A_BACKUP',
    );
}

function notEmpty(where: string, names: string[]): BackupError {
  return new BackupError(
    `${where} không trống, chưa ghi gì — ${where} is not empty (${names.join(', ')}${names.length >= 5 ? ', …' : ''}): restore only into a new, empty database`,
    'NOT_EMPTY',
  );
}

/** What a restore needs of a database: list relations, run one transaction of batches, analyze. */
interface RestoreTarget {
  relations(): Promise<string[]>;
  inTransaction(run: (exec: (batch: string) => Promise<unknown>) => Promise<void>): Promise<void>;
  analyze(): Promise<unknown>;
}

/** Replays `text` into an empty target in one transaction: it either lands whole or not at all. */
async function replayInto(db: RestoreTarget, text: string, where: string): Promise<number> {
  const existing = await db.relations();
  if (existing.length) throw notEmpty(where, existing);
  let batches = 0;
  try {
    await db.inTransaction(async (exec) => {
      for (const batch of sqlBatches(text)) {
        await exec(batch);
        batches++;
      }
    });
  } catch (err) {
    throw new BackupError(
      `Phục hồi thất bại, chưa ghi gì — restore failed, nothing was written: ${err instanceof Error ? err.message : String(err)}`,
      'RESTORE_FAILED',
    );
  }
  await db.analyze();
  return batches;
}

/**
 * `npm run restore -- --in FILE`: replays a backup into an empty database (PostgreSQL, or a PGlite
 * directory that is new or empty), all in one transaction: it either lands whole or not at all.
 * Returns the number of batches run.
 */
export async function restoreFromFile(
  target: BackupTarget,
  file: string,
): Promise<{ batches: number }> {
  const text = readFileSync(file, 'utf8');
  checkBackupText(text, file);
  if (target.kind === 'postgres') {
    const { default: postgres } = await import('postgres');
    const sql = postgres(target.url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      const batches = await replayInto(
        {
          relations: async () =>
            (await sql.unsafe<{ name: string }[]>(USER_RELATIONS)).map((r) => r.name),
          inTransaction: async (run) =>
            void (await sql.begin((tx) => run((batch) => tx.unsafe(batch)))),
          analyze: () => sql.unsafe('analyze'),
        },
        text,
        'The database',
      );
      return { batches };
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  const dir = target.dataDir;
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    const files = readdirSync(dir).filter((f) => f !== 'duhop.lock');
    if (files.length && !holdsPglite(dir)) throw notEmpty(`DATA_DIR ${dir}`, files.slice(0, 5));
  }
  const lock = acquireDataDirLock(dir, 'restore');
  try {
    const pg = await createPglite(dir);
    try {
      const batches = await replayInto(
        {
          relations: async () =>
            (await pg.query<{ name: string }>(USER_RELATIONS)).rows.map((r) => r.name),
          inTransaction: (run) => pg.transaction((tx) => run((batch) => tx.exec(batch))),
          analyze: () => pg.exec('analyze'),
        },
        text,
        `DATA_DIR ${dir}`,
      );
      return { batches };
    } finally {
      await pg.close();
    }
  } finally {
    lock.release();
  }
}

/** A backup of the database this process has open (the daily schedule and GET /api/admin/backup). */
export async function backupOpenDatabase(
  database: { driver: 'pglite' | 'postgres'; pglite?: PGlite; url?: string },
  file: string,
): Promise<void> {
  if (database.driver === 'postgres') {
    if (!database.url) throw new BackupError('The PostgreSQL URL is unknown', 'PG_DUMP_FAILED');
    return pgDumpToFile(database.url, file);
  }
  if (!database.pglite) throw new BackupError('No embedded database is open', 'NO_DATABASE');
  writeWhole(file, await dumpOpenPglite(database.pglite));
}

/** `duhop-2026-12-02-0200.sql`: the date and time in Vietnam (+07:00), sortable by name. */
export function backupFileName(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `duhop-${local.slice(0, 10)}-${local.slice(11, 13)}${local.slice(14, 16)}.sql`;
}
export const BACKUP_FILE = /^duhop-\d{4}-\d\d-\d\d-\d{4}\.sql$/;
