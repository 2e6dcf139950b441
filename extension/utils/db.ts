import type { ReportParsed, ReportResult } from '@duhop/shared';
import { Dexie, type Table } from 'dexie';
import type { DraftData } from './report/report-model.ts';

/**
 * `draft`: being written; `queued`: in the outbox, read-only, sent by the background;
 * `submitted`: the server answered 201/200; `deleted`: in the bin, restorable until purged.
 */
export type DraftStatus = 'draft' | 'queued' | 'submitted' | 'deleted';

/** Why the last attempt did not deliver the report. */
export interface OutboxError {
  /** `limit`: the province's daily report limit is reached; the report waits, queued, for the next day. */
  kind: 'network' | 'server' | 'auth' | 'rejected' | 'limit';
  status: number | null;
  code: string;
  message: string;
}

/** One report from first keystroke to the server's answer; `id` is the report's client-made uuid. */
export interface DraftRecord {
  id: string;
  /** Who wrote it: the outbox only sends a report with its author's token. */
  userId: string;
  status: DraftStatus;
  createdAt: number;
  updatedAt: number;
  data: DraftData;
  /** The exact body queued for sending, frozen so every retry carries identical content. */
  payload?: ReportParsed;
  queuedAt?: number;
  attempts: number;
  nextAttemptAt?: number;
  lastError?: OutboxError;
  /** Field errors from a 422 (or the conflict of a 409), keyed like `attendance.present`. */
  serverErrors?: Record<string, string[]>;
  result?: ReportResult;
  submittedAt?: number;
  deletedAt?: number;
}

/**
 * Reference data kept for offline use: `me`, `orgUnits`, `criteriaSets`, `routingRules`,
 * `report:<id>`, `residence:<cellId>` (the register of an assigned cell: residence/register-cache.ts).
 */
export interface CacheEntry {
  key: string;
  value: unknown;
  fetchedAt: number;
}

export class DuhopDb extends Dexie {
  drafts!: Table<DraftRecord, string>;
  cache!: Table<CacheEntry, string>;

  constructor(name = 'duhop') {
    super(name);
    // Indexes only what is queried: drafts by status (home, outbox), newest first (home).
    this.version(1).stores({ drafts: 'id, status, updatedAt', cache: 'key' });
  }
}

export const db = new DuhopDb();
