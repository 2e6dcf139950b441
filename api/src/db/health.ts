import { statfs } from 'node:fs/promises';
import { ApiError } from '../lib/errors.ts';

/**
 * Database faults: what a full disk, a stopped PostgreSQL or a PGlite that hit a PANIC look like
 * to the API, and how the server answers them (503 with a code, never a 500 or a hang).
 */
export type FaultCode =
  | 'STORAGE_FULL'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_FAILED'
  | 'DATABASE_TIMEOUT';

export interface Fault {
  code: FaultCode;
  /** A short technical reason for logs and /health, without any query text or parameters. */
  reason: string;
}

const MESSAGES: Record<FaultCode, string> = {
  STORAGE_FULL: 'Máy chủ đã hết dung lượng lưu trữ nên chưa lưu được dữ liệu; vui lòng thử lại sau',
  DATABASE_UNAVAILABLE:
    'Cơ sở dữ liệu tạm thời không truy cập được nên chưa lưu được dữ liệu; vui lòng thử lại sau',
  DATABASE_FAILED:
    'Cơ sở dữ liệu gặp lỗi nghiêm trọng, máy chủ đang khởi động lại; vui lòng thử lại sau',
  DATABASE_TIMEOUT: 'Cơ sở dữ liệu không trả lời kịp; vui lòng thử lại sau',
};

/** Seconds a client should wait before retrying after a fault (sent as Retry-After). */
export const FAULT_RETRY_AFTER_S = 10;

export function faultError(fault: Fault): ApiError {
  return new ApiError(503, fault.code, MESSAGES[fault.code]);
}

export const faultMessage = (code: FaultCode) => MESSAGES[code];
/** Every fault code (docs/integrators.md lists them; test/api/openapi-contract.test.ts checks it). */
export const FAULT_CODES = Object.keys(MESSAGES) as FaultCode[];
export const isFaultCode = (code: string): code is FaultCode => Object.hasOwn(MESSAGES, code);

/** Connection-level failures of postgres.js and Node sockets: the server is down or restarting. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

interface ErrLike {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function* chain(err: unknown): Generator<ErrLike> {
  let e = err as ErrLike | null | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    yield e;
    // AggregateError (several addresses refused) carries the causes in `errors`.
    if (Array.isArray(e.errors))
      for (const inner of e.errors) if (inner && typeof inner === 'object') yield inner as ErrLike;
    e = e.cause as ErrLike | undefined;
  }
}

/** Whether an error is PGlite's (or PostgreSQL's) PANIC: the backend cannot go on. */
export function isPanic(err: unknown): boolean {
  for (const e of chain(err)) if (e.severity === 'PANIC') return true;
  return false;
}

/**
 * What kind of database fault an error is, or null for anything else (a bug, a constraint, bad
 * input). Looks through drizzle's wrapper to the driver's error.
 */
export function classifyDbFault(err: unknown): Fault | null {
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (e instanceof DatabaseDeadError) return e.fault;
    // 53100 disk_full; ENOSPC from the file system; the WAL segment that could not be created.
    if (code === '53100' || code === 'ENOSPC' || /No space left on device/i.test(message)) {
      return {
        code: 'STORAGE_FULL',
        reason: `no space left on device (${code || 'ENOSPC'}${e.severity === 'PANIC' ? ', PANIC' : ''})`,
      };
    }
    if (CONNECTION_CODES.has(code))
      return { code: 'DATABASE_UNAVAILABLE', reason: `connection failed (${code})` };
    // Class 08 connection exceptions; 57P01–57P03 admin/crash shutdown, cannot connect now.
    if (/^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03') {
      return { code: 'DATABASE_UNAVAILABLE', reason: `server shutting down or starting (${code})` };
    }
    if (code === '53000' || code === '53200' || code === '53300')
      return { code: 'DATABASE_UNAVAILABLE', reason: `insufficient resources (${code})` };
    if (/PGlite is closed|PGlite is not ready/i.test(message))
      return { code: 'DATABASE_FAILED', reason: 'the embedded database is closed' };
    if (e.severity === 'PANIC')
      return { code: 'DATABASE_FAILED', reason: `PANIC (${code || 'no code'})` };
  }
  return null;
}

/** Thrown instead of calling into a PGlite that hit a PANIC (the next call would spin forever). */
export class DatabaseDeadError extends Error {
  constructor(readonly fault: Fault) {
    super(`The embedded database stopped after a fatal error: ${fault.reason}`);
    this.name = 'DatabaseDeadError';
  }
}

/**
 * The health of one open database as the server saw it: a fatal fault (PGlite after a PANIC: no
 * query may run on it again, the process must restart), and listeners told once when that happens.
 */
export class DatabaseFaults {
  fatal: Fault | undefined;
  private listeners: ((fault: Fault) => void)[] = [];

  onFatal(listener: (fault: Fault) => void): void {
    this.listeners.push(listener);
    if (this.fatal) listener(this.fatal);
  }

  markFatal(fault: Fault): void {
    if (this.fatal) return;
    this.fatal = fault;
    for (const l of this.listeners) l(fault);
  }
}

interface PgliteInternals {
  execProtocolRawSync: (...args: unknown[]) => unknown;
  execProtocol: (...args: unknown[]) => Promise<unknown>;
  execProtocolStream: (...args: unknown[]) => Promise<unknown>;
}

/**
 * Puts a guard in front of a PGlite instance. After a PANIC (e.g. `could not write to file
 * "pg_wal/…": No space left on device`) the next query ran a busy loop inside WebAssembly: the
 * event loop stopped, /health hung, SIGTERM was never handled (issue 13). From the PANIC on, every
 * call throws DatabaseDeadError before reaching WebAssembly, and `faults` is marked fatal.
 */
export function guardPglite(client: unknown, faults: DatabaseFaults): void {
  const pg = client as PgliteInternals;
  const rawSync = pg.execProtocolRawSync.bind(pg);
  pg.execProtocolRawSync = (...args) => {
    if (faults.fatal) throw new DatabaseDeadError(faults.fatal);
    return rawSync(...args);
  };
  for (const name of ['execProtocol', 'execProtocolStream'] as const) {
    const original = pg[name].bind(pg);
    pg[name] = async (...args) => {
      try {
        return await original(...args);
      } catch (err) {
        if (isPanic(err))
          faults.markFatal(classifyDbFault(err) ?? { code: 'DATABASE_FAILED', reason: 'PANIC' });
        throw err;
      }
    };
  }
}

/**
 * Free space of the file system holding a PGlite directory, read at most every `cacheMs`. Writes
 * are refused (503 STORAGE_FULL) while fewer than `minFreeBytes` are free, so that PGlite never
 * reaches its PANIC: it grows the WAL 16 MB at a time, and a failed segment is fatal to it.
 */
export class StorageGuard {
  private checkedAt = 0;
  private low = false;
  private pending: Promise<boolean> | undefined;
  freeBytes: number | undefined;

  constructor(
    private readonly dir: string,
    readonly minFreeBytes: number,
    private readonly cacheMs = 500,
  ) {}

  /** True when the disk is (nearly) full. Never throws: an unreadable directory counts as not full. */
  async isLow(): Promise<boolean> {
    if (this.minFreeBytes <= 0) return false;
    if (Date.now() - this.checkedAt < this.cacheMs) return this.low;
    this.pending ??= statfs(this.dir)
      .then((s) => {
        this.freeBytes = Number(s.bavail) * Number(s.bsize);
        this.low = this.freeBytes < this.minFreeBytes;
        return this.low;
      })
      .catch(() => this.low)
      .finally(() => {
        this.checkedAt = Date.now();
        this.pending = undefined;
      });
    return this.pending;
  }
}

export const storageFullFault = (guard: StorageGuard): Fault => ({
  code: 'STORAGE_FULL',
  reason: `less than ${Math.round(guard.minFreeBytes / 1048576)} MB free on the data directory's file system (${Math.round((guard.freeBytes ?? 0) / 1048576)} MB)`,
});

/** `select 1` within `timeoutMs`; the fault when it fails or does not answer. */
export async function probeDatabase(
  exec: (sql: string) => Promise<void>,
  timeoutMs: number,
): Promise<Fault | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Fault>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          code: 'DATABASE_TIMEOUT',
          reason: `no answer to select 1 within ${timeoutMs} ms`,
        }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      exec('select 1').then(
        () => null,
        (err: unknown) =>
          classifyDbFault(err) ?? {
            code: 'DATABASE_UNAVAILABLE' as const,
            reason: 'select 1 failed',
          },
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
