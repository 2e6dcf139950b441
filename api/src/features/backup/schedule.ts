import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/client.ts';
import { BACKUP_FILE, backupFileName, backupOpenDatabase } from './backup.ts';

export interface BackupSchedule {
  /** Waits for a backup in progress, then stops. */
  stop(): Promise<void>;
}

export interface BackupScheduleOptions {
  /** Where the copies go (`BACKUP_DIR`); no schedule when undefined. */
  dir: string | undefined;
  /** `HH:mm` in Vietnam's time (+07:00), every day (`BACKUP_TIME`). */
  time: string;
  /** How many copies to keep, newest first (`BACKUP_KEEP`). */
  keep: number;
  now?: () => Date;
  log?: (line: string) => void;
}

const VN_OFFSET_MS = 7 * 3600_000;

/** The next `HH:mm` (+07:00) strictly after `now`. */
export function nextBackupAt(now: Date, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  let at =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h, m) - VN_OFFSET_MS;
  if (at <= now.getTime()) at += 24 * 3600_000;
  return new Date(at);
}

/** Copies in `dir`, oldest first. */
function copies(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => BACKUP_FILE.test(f))
    .sort();
}

/**
 * The server's own daily backup (`BACKUP_DIR`, `BACKUP_TIME`, `BACKUP_KEEP`): a dump of the open
 * database at the set time, then the oldest copies beyond `keep` are deleted. When the newest copy
 * is more than a day old (or there is none: a new BACKUP_DIR, a server that was down at the set
 * time) one is taken right after start.
 */
export function startBackupSchedule(
  database: Database,
  opts: BackupScheduleOptions,
): BackupSchedule {
  const { dir } = opts;
  if (!dir) return { stop: async () => {} };
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  mkdirSync(dir, { recursive: true });
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runOnce = async () => {
    const started = performance.now();
    const file = join(dir, backupFileName(now()));
    try {
      await backupOpenDatabase(database, file);
      const all = copies(dir);
      for (const old of all.slice(0, Math.max(0, all.length - opts.keep)))
        rmSync(join(dir, old), { force: true });
      log(
        `backup written: ${file} (${statSync(file).size} bytes, ${Math.round(performance.now() - started)} ms)`,
      );
    } catch (err) {
      log(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const run = () => {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    const delay = nextBackupAt(now(), opts.time).getTime() - now().getTime();
    timer = setTimeout(() => void run().then(schedule), delay);
    timer.unref();
  };

  const newest = copies(dir).at(-1);
  const newestAge = newest ? now().getTime() - statSync(join(dir, newest)).mtimeMs : Infinity;
  if (newestAge > 24 * 3600_000) void run();
  schedule();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
