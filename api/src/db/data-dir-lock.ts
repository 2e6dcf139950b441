import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * An embedded PGlite directory can be opened by one process only: two processes on one directory
 * both answer 201 and one of them loses its writes at the next restart. The first process to open
 * a directory writes `duhop.lock` (pid, host, start) inside it; any other process that finds the
 * lock held by a live process refuses to open the directory. A lock left by a process that died
 * (no such pid on this host, or our own pid after a container restart) is taken over.
 */
export const LOCK_FILE = 'duhop.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** What holds it: "server", "admin", "backup"… */
  purpose?: string;
}

export class DataDirError extends Error {
  constructor(
    message: string,
    readonly code: 'DATA_DIR_LOCKED' | 'DATA_DIR_READ_ONLY' | 'DATA_DIR_FULL' | 'DATA_DIR_UNUSABLE',
    readonly holder?: LockHolder,
  ) {
    super(message);
    this.name = 'DataDirError';
  }
}

export interface DataDirLock {
  path: string;
  release(): void;
}

/** Translates a file-system error on DATA_DIR into one line a person can act on. */
export function dataDirError(dir: string, err: unknown): DataDirError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return new DataDirError(
      `DATA_DIR ${dir} is read-only (${code}): give the server's user write access or choose another directory`,
      'DATA_DIR_READ_ONLY',
    );
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new DataDirError(
      `DATA_DIR ${dir} is on a full disk (${code}): free space, then start again`,
      'DATA_DIR_FULL',
    );
  if (code === 'ENOTDIR')
    return new DataDirError(`DATA_DIR ${dir} is not a directory`, 'DATA_DIR_UNUSABLE');
  return new DataDirError(
    `DATA_DIR ${dir} cannot be used: ${err instanceof Error ? err.message : String(err)}`,
    'DATA_DIR_UNUSABLE',
  );
}

/** Lock files this process holds now (a second open in the same process is refused too). */
const heldHere = new Set<string>();

function alive(holder: LockHolder, path: string): boolean {
  if (holder.host !== hostname()) return true; // another machine on a shared disk: never steal
  if (holder.pid === process.pid) return heldHere.has(path); // else: a previous life of this container
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

/** Creates `dir` if needed and takes its lock, or throws a DataDirError saying who holds it. */
export function acquireDataDirLock(dir: string, purpose = 'server'): DataDirLock {
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    purpose,
  };
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw dataDirError(dir, err);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      heldHere.add(path);
      let released = false;
      return {
        path,
        release: () => {
          if (released) return;
          released = true;
          heldHere.delete(path);
          try {
            if (readHolder(path)?.pid === process.pid) unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw dataDirError(dir, err);
      const holder = readHolder(path);
      if (holder && alive(holder, path))
        throw new DataDirError(
          `DATA_DIR ${dir} is in use by process ${holder.pid}${holder.purpose ? ` (${holder.purpose})` : ''} since ${holder.startedAt}: ` +
            'stop it first (an embedded database can be opened by one process only)',
          'DATA_DIR_LOCKED',
          holder,
        );
      try {
        unlinkSync(path); // stale: its process is gone
      } catch (unlinkErr) {
        if ((unlinkErr as NodeJS.ErrnoException).code !== 'ENOENT')
          throw dataDirError(dir, unlinkErr);
      }
    }
  }
  throw new DataDirError(`DATA_DIR ${dir}: could not take its lock`, 'DATA_DIR_LOCKED');
}
