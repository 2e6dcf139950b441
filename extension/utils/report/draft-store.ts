import type { ReportParsed } from '@duhop/shared';
import { db as defaultDb, type DraftRecord, type DuhopDb } from '../db.ts';
import { newIssue, type DraftData } from './report-model.ts';

/**
 * Drafts in IndexedDB. Every function takes the database and the clock so tests run them on a
 * fresh fake-indexeddb with a fixed time. Only a record in `draft` status is ever edited.
 */
export interface StoreDeps {
  db?: DuhopDb;
  now?: () => number;
}
const deps = (d: StoreDeps = {}) => ({ db: d.db ?? defaultDb, now: d.now ?? Date.now });

/** How long a deleted draft stays restorable before `purgeDeleted` removes it. */
export const DELETED_RETENTION_MS = 7 * 24 * 3600_000;

export async function createDraft(
  userId: string,
  data: DraftData,
  opts: StoreDeps = {},
  id: string = crypto.randomUUID(),
): Promise<DraftRecord> {
  const { db, now } = deps(opts);
  const t = now();
  const rec: DraftRecord = {
    id,
    userId,
    status: 'draft',
    createdAt: t,
    updatedAt: t,
    data,
    attempts: 0,
  };
  await db.drafts.add(rec);
  return rec;
}

/**
 * Saves the form's state. Refused (false) when the record is no longer a draft, so a late
 * autosave never rewrites a report that is already queued or sent. Server errors of the fields
 * that changed are dropped (`clearErrors`), the others stay visible.
 */
export async function saveDraftData(
  id: string,
  data: DraftData,
  clearErrors: readonly string[] = [],
  opts: StoreDeps = {},
): Promise<boolean> {
  const { db, now } = deps(opts);
  return db.transaction('rw', db.drafts, async () => {
    const rec = await db.drafts.get(id);
    if (rec?.status !== 'draft') return false;
    const serverErrors =
      rec.serverErrors && clearErrors.length
        ? dropKeys(rec.serverErrors, clearErrors)
        : rec.serverErrors;
    await db.drafts.put({
      ...rec,
      data,
      updatedAt: now(),
      ...(serverErrors ? { serverErrors } : { serverErrors: undefined }),
    });
    return true;
  });
}

function dropKeys(
  errors: Record<string, string[]>,
  keys: readonly string[],
): Record<string, string[]> | undefined {
  const out = Object.fromEntries(
    Object.entries(errors).filter(([k]) => !keys.some((p) => k === p || k.startsWith(`${p}.`))),
  );
  return Object.keys(out).length ? out : undefined;
}

/** Moves a draft to the bin; `restoreDraft` undoes it. */
export async function deleteDraft(
  id: string,
  opts: StoreDeps = {},
): Promise<DraftRecord | undefined> {
  const { db, now } = deps(opts);
  return db.transaction('rw', db.drafts, async () => {
    const rec = await db.drafts.get(id);
    if (rec?.status !== 'draft') return undefined;
    const deleted: DraftRecord = { ...rec, status: 'deleted', deletedAt: now() };
    await db.drafts.put(deleted);
    return deleted;
  });
}

export async function restoreDraft(id: string, opts: StoreDeps = {}): Promise<boolean> {
  const { db } = deps(opts);
  const n = await db.drafts
    .where('id')
    .equals(id)
    .and((r) => r.status === 'deleted')
    .modify((r) => {
      r.status = 'draft';
      delete r.deletedAt;
    });
  return n > 0;
}

/** Removes drafts deleted longer ago than the retention period. */
export async function purgeDeleted(opts: StoreDeps = {}): Promise<number> {
  const { db, now } = deps(opts);
  const limit = now() - DELETED_RETENTION_MS;
  return db.drafts
    .where('status')
    .equals('deleted')
    .and((r) => (r.deletedAt ?? 0) < limit)
    .delete();
}

/** Moves a checked draft to the outbox with the exact body to send. */
export async function queueDraft(
  id: string,
  payload: ReportParsed,
  opts: StoreDeps = {},
): Promise<boolean> {
  const { db, now } = deps(opts);
  return db.transaction('rw', db.drafts, async () => {
    const rec = await db.drafts.get(id);
    if (rec?.status !== 'draft' || payload.id !== id) return false;
    const t = now();
    const { serverErrors: _s, lastError: _l, ...rest } = rec;
    await db.drafts.put({
      ...rest,
      status: 'queued',
      payload,
      queuedAt: t,
      updatedAt: t,
      attempts: 0,
      nextAttemptAt: t,
    });
    return true;
  });
}

/**
 * After a 409 the server holds other content under this id: the member can send the draft as a
 * new report. New ids for the report and its issues; the old record goes to the bin.
 */
export async function reissueDraft(id: string, opts: StoreDeps = {}): Promise<string | undefined> {
  const { db, now } = deps(opts);
  return db.transaction('rw', db.drafts, async () => {
    const rec = await db.drafts.get(id);
    if (rec?.status !== 'draft') return undefined;
    const t = now();
    const fresh: DraftRecord = {
      id: crypto.randomUUID(),
      userId: rec.userId,
      status: 'draft',
      createdAt: t,
      updatedAt: t,
      attempts: 0,
      data: { ...rec.data, issues: rec.data.issues.map((i) => ({ ...i, id: newIssue().id })) },
    };
    await db.drafts.add(fresh);
    await db.drafts.put({ ...rec, status: 'deleted', deletedAt: t });
    return fresh.id;
  });
}

/** Adds captured text as a new issue of a draft (the context menu's "Thêm vào kiến nghị"). */
export async function appendCapturedIssue(
  id: string,
  text: string,
  url?: string,
  opts: StoreDeps = {},
): Promise<boolean> {
  const { db, now } = deps(opts);
  return db.transaction('rw', db.drafts, async () => {
    const rec = await db.drafts.get(id);
    if (rec?.status !== 'draft') return false;
    const issue = capturedIssue(text, url);
    await db.drafts.put({
      ...rec,
      data: { ...rec.data, issues: [...rec.data.issues, issue] },
      updatedAt: now(),
    });
    return true;
  });
}

/** An issue made from selected text: the first line (cut to 300 characters) as title, the rest as detail. */
export function capturedIssue(text: string, url?: string) {
  const clean = text.replace(/\s+\n/g, '\n').trim();
  const firstLine = clean.split('\n')[0] ?? '';
  const title = firstLine.length > 300 ? `${firstLine.slice(0, 297)}…` : firstLine;
  const source = url ? `\n\nNguồn: ${url}` : '';
  return { ...newIssue(), title, detail: `${clean}${source}`.slice(0, 10_000) };
}

/** The draft most recently edited by a user (where captures go when no draft is open). */
export async function latestDraft(
  userId: string,
  opts: StoreDeps = {},
): Promise<DraftRecord | undefined> {
  const { db } = deps(opts);
  return db.drafts
    .orderBy('updatedAt')
    .reverse()
    .filter((r) => r.status === 'draft' && r.userId === userId)
    .first();
}
