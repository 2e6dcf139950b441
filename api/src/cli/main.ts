/**
 * The operator's commands, one entry (bundled like the server):
 *   npm run admin -- create-admin | reset-password | remove-demo | --help
 *   npm run backup -- --out FILE
 *   npm run restore -- --in FILE
 * They work on the configured database: DATABASE_URL, else DATA_DIR (only while no server holds it).
 * A mistake is one line on stderr and exit code 1.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../db/client.ts';
import { DataDirError } from '../db/data-dir-lock.ts';
import { parseEnv, type Env } from '../env.ts';
import {
  BackupError,
  backupToFile,
  restoreFromFile,
  type BackupTarget,
} from '../features/backup/backup.ts';
import { CliError, createAdmin, removeDemo, resetAdminPassword } from './admin.ts';
import { vnDate } from '@duhop/shared';

const ADMIN_HELP = `Usage: npm run admin -- <command> [options]

Commands (on DATABASE_URL, else DATA_DIR; a PGlite directory only while no server holds it):
  create-admin --username NAME --name "Full name" [--unit CODE_OR_NAME] [--unit-name NAME]
               [--valid-from DD/MM/YYYY]
      Creates an administrator and prints a one-time password, to be changed at first sign-in.
      Without --unit the admin belongs to the only province. On a database without any unit it
      first creates the province (code --unit, default tinh-uy; name --unit-name, default "Tỉnh ủy"),
      in force from --valid-from (default today): the units imported below it cannot start earlier.
  reset-password --username NAME
      A new one-time password for an existing account; its sessions end now.
  remove-demo
      Deletes the demo accounts and the demo province if nothing real refers to them.

Every change is written to the audit log (Nhật ký) as made from the command line.
See also: npm run backup -- --out FILE, npm run restore -- --in FILE (docs/backup.md).`;

const BACKUP_HELP = `Usage: npm run backup -- --out FILE
  A consistent dump (plain SQL) of DATABASE_URL (through pg_dump) or of DATA_DIR (no server may hold it;
  a running server backs itself up: BACKUP_DIR, or GET /api/admin/backup). See docs/backup.md.`;

const RESTORE_HELP = `Usage: npm run restore -- --in FILE
  Restores a backup into an EMPTY database: DATABASE_URL, or a new (or empty) DATA_DIR. See docs/backup.md.`;

/** Paths on the command line are relative to where the command was run (npm's INIT_CWD). */
const fromCwd = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);

function targetOf(env: Env): BackupTarget {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: env.DATA_DIR };
}

const where = (env: Env) =>
  env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${env.DATA_DIR}`;

function args(argv: string[], names: string[]) {
  try {
    const options = Object.fromEntries([
      ...names.map((n) => [n, { type: 'string' as const }]),
      ['help', { type: 'boolean' as const }],
    ]);
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return {
      values: parsed.values as Record<string, string | undefined> & { help?: boolean },
      positionals: parsed.positionals,
    };
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}

async function withDatabase<T>(env: Env, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(
    env.DATABASE_URL
      ? { url: env.DATABASE_URL, max: 2 }
      : { dataDir: env.DATA_DIR, purpose: 'admin' },
  );
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function admin(argv: string[], out: (line: string) => void): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help')
    return out(ADMIN_HELP);
  const env = parseEnv(process.env);
  if (command === 'create-admin') {
    const { values } = args(rest, ['username', 'name', 'unit', 'unit-name', 'valid-from']);
    if (values.help) return out(ADMIN_HELP);
    if (!values.username) throw new CliError('create-admin needs --username NAME');
    if (!values.name) throw new CliError('create-admin needs --name "Full name"');
    const created = await withDatabase(env, (d) =>
      createAdmin(d.db, {
        username: values.username!,
        name: values.name!,
        unit: values.unit,
        unitName: values['unit-name'],
        validFrom: values['valid-from'],
      }),
    );
    if (created.createdProvince)
      out(
        `Created the province "${created.unitName}" (code ${created.unitId}, in force from ${vnDate(created.validFrom)}); import its units with that code as their parent.`,
      );
    out(`Administrator "${created.username}" created in ${created.unitName} on ${where(env)}.`);
    out(`One-time password (mật khẩu tạm, phải đổi khi đăng nhập lần đầu): ${created.password}`);
    return;
  }
  if (command === 'reset-password') {
    const { values } = args(rest, ['username']);
    if (values.help) return out(ADMIN_HELP);
    if (!values.username) throw new CliError('reset-password needs --username NAME');
    const reset = await withDatabase(env, (d) => resetAdminPassword(d.db, values.username!));
    out(
      `Password of "${reset.username}" reset on ${where(env)}; ${reset.revoked} session(s) ended.`,
    );
    out(`One-time password (mật khẩu tạm, phải đổi khi đăng nhập lần đầu): ${reset.password}`);
    return;
  }
  if (command === 'remove-demo') {
    const { values } = args(rest, []);
    if (values.help) return out(ADMIN_HELP);
    const removed = await withDatabase(env, (d) => removeDemo(d.db));
    out(
      `Removed ${removed.users} demo account(s) and ${removed.units} demo unit(s) from ${where(env)}.`,
    );
    return;
  }
  throw new CliError(
    `Unknown command "${command}" (create-admin, reset-password, remove-demo; npm run admin -- --help)`,
  );
}

async function backup(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = args(argv, ['out']);
  if (values.help) return out(BACKUP_HELP);
  if (positionals.length)
    throw new CliError(`Unexpected argument "${positionals[0]}" (npm run backup -- --out FILE)`);
  if (!values.out) throw new CliError('backup needs --out FILE');
  const env = parseEnv(process.env);
  const file = fromCwd(values.out);
  const t0 = performance.now();
  try {
    await backupToFile(targetOf(env), file);
  } catch (err) {
    if (err instanceof DataDirError && err.code === 'DATA_DIR_LOCKED')
      throw new CliError(
        `${err.message}; a running server backs itself up instead: BACKUP_DIR, or GET /api/admin/backup (docs/backup.md)`,
      );
    throw err;
  }
  out(`Backup of ${where(env)} written to ${file} in ${Math.round(performance.now() - t0)} ms`);
}

async function restore(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = args(argv, ['in']);
  if (values.help) return out(RESTORE_HELP);
  if (positionals.length)
    throw new CliError(`Unexpected argument "${positionals[0]}" (npm run restore -- --in FILE)`);
  if (!values.in) throw new CliError('restore needs --in FILE');
  const env = parseEnv(process.env);
  const file = fromCwd(values.in);
  const t0 = performance.now();
  await restoreFromFile(targetOf(env), file);
  out(
    `Restored ${file} into ${where(env)} in ${Math.round(performance.now() - t0)} ms; start the server on it as usual.`,
  );
}

const COMMANDS: Record<string, (argv: string[], out: (line: string) => void) => Promise<void>> = {
  admin,
  backup,
  restore,
};

async function runCli(argv: string[], out = (line: string) => console.log(line)): Promise<number> {
  const [tool, ...rest] = argv;
  const run = tool ? COMMANDS[tool] : undefined;
  try {
    if (!run) throw new CliError(`Unknown tool "${tool ?? ''}" (admin, backup, restore)`);
    await run(rest, out);
    return 0;
  } catch (err) {
    const known =
      err instanceof CliError || err instanceof DataDirError || err instanceof BackupError;
    const message = err instanceof Error ? err.message : String(err);
    // Known mistakes, and errors that name themselves (a file that is not there, a database that
    // refuses the connection or does not exist: they carry a code), are one line; the rest, a stack.
    const coded = typeof (err as { code?: unknown })?.code === 'string';
    if (err instanceof Error && message.startsWith('Invalid environment'))
      console.error(`[duhop] ${message}`);
    else if (known || coded) console.error(`[duhop] ${message.split('\n')[0]}`);
    else console.error(`[duhop] ${err instanceof Error ? (err.stack ?? message) : message}`);
    return 1;
  }
}

process.exit(await runCli(process.argv.slice(2)));
