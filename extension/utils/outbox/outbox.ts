import type { ReportParsed, ReportResult } from '@duhop/shared';
import type { ApiResult } from '../api.ts';
import { db as defaultDb, type DraftRecord, type DuhopDb, type OutboxError } from '../db.ts';

/**
 * The outbox state machine. A queued report is sent with its client-made id, so a retry after a
 * lost answer is harmless (the server answers 200 with what it stored). Only 201/200 mark it
 * submitted; 409/422 and other refusals bring it back as a draft with the server's field errors;
 * 401 keeps it queued until its author signs in again; the province's daily report limit (429
 * DAILY_REPORT_LIMIT) keeps it queued, unchanged, until the server's Retry-After (the next local
 * day) and says so; anything else (no network, timeout, 5xx, other 429) is retried with
 * exponential backoff. Nothing is ever dropped.
 */
export type SendOutcome =
  | { kind: 'delivered'; result: ReportResult }
  | { kind: 'returned'; error: OutboxError; fields: Record<string, string[]> }
  | { kind: 'unauthorized'; error: OutboxError }
  | { kind: 'retry'; error: OutboxError; retryAfterMs?: number };

/** Retryable statuses besides network failures: timeouts, rate limiting and server errors. */
const RETRY_STATUSES = new Set([408, 425, 429]);

/** Classifies the answer to `POST /api/reports`. */
export function classify(res: ApiResult<ReportResult>): SendOutcome {
  if (res.ok) {
    if (res.status === 200 || res.status === 201) return { kind: 'delivered', result: res.data };
    return {
      kind: 'retry',
      error: {
        kind: 'server',
        status: res.status,
        code: `HTTP_${res.status}`,
        message: 'Unexpected status',
      },
    };
  }
  const base = { status: res.status, code: res.code, message: res.message };
  if (res.status === null) return { kind: 'retry', error: { kind: 'network', ...base } };
  // A refused token, or one that may do nothing until the password is changed: wait for the member.
  if (res.status === 401 || res.code === 'PASSWORD_CHANGE_REQUIRED')
    return { kind: 'unauthorized', error: { kind: 'auth', ...base } };
  // Not the report's fault and nothing to fix in it: it goes out by itself when the day turns.
  if (res.status === 429 && res.code === 'DAILY_REPORT_LIMIT') {
    return {
      kind: 'retry',
      error: { kind: 'limit', ...base },
      ...(res.retryAfterMs ? { retryAfterMs: res.retryAfterMs } : {}),
    };
  }
  if (res.status >= 500 || RETRY_STATUSES.has(res.status)) {
    return {
      kind: 'retry',
      error: { kind: 'server', ...base },
      ...(res.retryAfterMs ? { retryAfterMs: res.retryAfterMs } : {}),
    };
  }
  // 409, 422 and every other refusal: the member must look at it; retrying would fail again.
  const fields = res.fields ?? (res.status === 409 ? { id: [res.message] } : {});
  return { kind: 'returned', error: { kind: 'rejected', ...base }, fields };
}

export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 15 * 60_000;

/** Delay before attempt `attempt + 1`: 5 s, 10 s, 20 s … capped at 15 min, with ±20 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const raw = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/** The record after an attempt; pure, so every transition is tested without a network. */
export function applyOutcome(
  rec: DraftRecord,
  outcome: SendOutcome,
  now: number,
  random: () => number = Math.random,
): DraftRecord {
  switch (outcome.kind) {
    case 'delivered': {
      const { lastError: _e, nextAttemptAt: _n, serverErrors: _s, ...rest } = rec;
      return {
        ...rest,
        status: 'submitted',
        result: outcome.result,
        submittedAt: now,
        updatedAt: now,
        attempts: rec.attempts + 1,
      };
    }
    case 'returned': {
      const { payload: _p, nextAttemptAt: _n, queuedAt: _q, ...rest } = rec;
      return {
        ...rest,
        status: 'draft',
        updatedAt: now,
        attempts: 0,
        lastError: outcome.error,
        serverErrors: outcome.fields,
      };
    }
    case 'unauthorized': {
      const { nextAttemptAt: _n, ...rest } = rec;
      return { ...rest, attempts: rec.attempts + 1, lastError: outcome.error };
    }
    case 'retry': {
      const attempts = rec.attempts + 1;
      const delay = Math.max(outcome.retryAfterMs ?? 0, backoffMs(attempts, random));
      return { ...rec, attempts, nextAttemptAt: now + delay, lastError: outcome.error };
    }
  }
}

export interface FlushOptions {
  /** Sends one payload and reports what the server said. */
  send: (payload: ReportParsed) => Promise<ApiResult<ReportResult>>;
  /** Only this user's reports are sent (with this user's token). */
  userId: string;
  db?: DuhopDb;
  now?: () => number;
  random?: () => number;
  /** Send everything queued now, ignoring backoff (the member pressed "Gửi ngay", or came online). */
  force?: boolean;
}

export interface FlushResult {
  delivered: number;
  returned: number;
  unauthorized: boolean;
  /** Reports still queued afterwards (all users). */
  waiting: number;
  /** When the earliest waiting report is due again; null when none is waiting on a timer. */
  nextAttemptAt: number | null;
}

/** Sends every due report once, one at a time, and stores each outcome as it comes. */
export async function flushOutbox(opts: FlushOptions): Promise<FlushResult> {
  const db = opts.db ?? defaultDb;
  const now = opts.now ?? Date.now;
  const out: FlushResult = {
    delivered: 0,
    returned: 0,
    unauthorized: false,
    waiting: 0,
    nextAttemptAt: null,
  };
  const queued = await db.drafts.where('status').equals('queued').sortBy('queuedAt');
  const due = queued.filter(
    (r) => r.userId === opts.userId && r.payload && (opts.force || (r.nextAttemptAt ?? 0) <= now()),
  );
  for (const rec of due) {
    const outcome = classify(await opts.send(rec.payload!));
    await db.transaction('rw', db.drafts, async () => {
      const current = await db.drafts.get(rec.id);
      if (current?.status === 'queued')
        await db.drafts.put(applyOutcome(current, outcome, now(), opts.random));
    });
    if (outcome.kind === 'delivered') out.delivered++;
    if (outcome.kind === 'returned') out.returned++;
    // A refused token refuses every other report too: stop and wait for the member to sign in.
    if (outcome.kind === 'unauthorized') {
      out.unauthorized = true;
      break;
    }
  }
  const left = await db.drafts.where('status').equals('queued').toArray();
  out.waiting = left.length;
  // After a 401 the whole queue of this member waits for a sign-in, not for a timer.
  const timers = out.unauthorized
    ? []
    : left
        .filter(
          (r) =>
            r.userId === opts.userId && r.lastError?.kind !== 'auth' && r.nextAttemptAt != null,
        )
        .map((r) => r.nextAttemptAt!);
  out.nextAttemptAt = timers.length ? Math.min(...timers) : null;
  return out;
}
