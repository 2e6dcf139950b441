import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import {
  CLOSED_STATUSES,
  isClosed,
  nextStatus,
  type ActionType,
  type DuplicateInput,
  type Issue,
  type IssueStatus,
} from '@duhop/shared';
import type { AuthUser, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { issueEvents, issues } from '../../db/schema.ts';
import { ApiError, forbidden, notFoundErrors, validationError } from '../../lib/errors.ts';
import { provinceOf } from '../admin/scope.ts';
import { actorKinds, canSeeIssue } from '../org/scope.ts';
import { issueView } from './view.ts';

type IssueRow = typeof issues.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const versionConflict = () =>
  new ApiError(
    409,
    'VERSION_CONFLICT',
    'Kiến nghị vừa được người khác cập nhật; hãy tải lại để xem thay đổi',
  );

/** The answer action a status stands for (an answer at the meeting is followed as resolved). */
const ANSWER_OF: Partial<Record<IssueStatus, { type: ActionType; status: IssueStatus }>> = {
  resolved: { type: 'resolve', status: 'resolved' },
  scheduled: { type: 'schedule', status: 'scheduled' },
  explained: { type: 'explain', status: 'explained' },
  rejected: { type: 'reject', status: 'rejected' },
  answered_at_meeting: { type: 'resolve', status: 'resolved' },
};

/**
 * The issue as the caller may act on it as staff (holder, parent while overdue, admin), like the
 * lifecycle actions: 404 when they may not read it, 403 when they read it but may not act.
 */
async function loadForStaffAction(db: Db, user: AuthUser, id: string, now: Date) {
  const [row] = await db.select().from(issues).where(eq(issues.id, id));
  if (!row) throw notFoundErrors.issue();
  const overdue = issueView(row, now).overdue;
  const kinds = await actorKinds(db, user, { ...row, overdue });
  if (!kinds.some((k) => k === 'holder' || k === 'parent' || k === 'admin')) {
    if (kinds.length > 0 || (await canSeeIssue(db, user, row, overdue)))
      throw forbidden('Bạn không có quyền đánh dấu trùng kiến nghị này');
    throw notFoundErrors.issue();
  }
  return row;
}

/**
 * Gives the open duplicates of `original` (or only `onlyId`) the original's answer: same status,
 * answer and document number, closed now, one event each typed as the answer (so the member is
 * notified as of any answer), its data naming the original. Inside the caller's transaction.
 */
export async function followOriginal(
  tx: Tx,
  original: IssueRow,
  actorId: string | null,
  now: Date,
  onlyId?: string,
): Promise<IssueRow[]> {
  const answer = ANSWER_OF[original.status];
  if (!answer) return [];
  const open = and(
    eq(issues.duplicateOf, original.id),
    notInArray(issues.status, [...CLOSED_STATUSES]),
    onlyId ? eq(issues.id, onlyId) : undefined,
  );
  const before = new Map(
    (await tx.select({ id: issues.id, status: issues.status }).from(issues).where(open)).map(
      (r) => [r.id, r.status],
    ),
  );
  if (before.size === 0) return [];
  const updated = await tx
    .update(issues)
    .set({
      status: answer.status,
      answer: original.answer,
      documentNo: original.documentNo,
      closedAt: now,
      acknowledgedAt: sql`coalesce(${issues.acknowledgedAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
      version: sql`${issues.version} + 1`,
    })
    .where(and(open, inArray(issues.id, [...before.keys()])))
    .returning();
  if (updated.length === 0) return [];
  await tx.insert(issueEvents).values(
    updated.map((d) => ({
      issueId: d.id,
      type: answer.type,
      actorId,
      at: now,
      note: d.answer,
      fromStatus: before.get(d.id) ?? null,
      toStatus: answer.status,
      fromBodyId: d.responsibleBodyId,
      toBodyId: d.responsibleBodyId,
      data: {
        duplicateOf: original.id,
        ...(original.documentNo ? { documentNo: original.documentNo } : {}),
      },
    })),
  );
  return updated;
}

/**
 * Reopening `original` (its row as just reopened) reopens the duplicates that took its answer and
 * still hold it: linked to it, closed, their last history entry the answer `followOriginal` gave
 * them. Each goes to the status a reopen gives it, with the original's new clocks (routed now, the
 * same answer deadline) and one `reopen` event naming the original, so the member who raised it
 * sees it alive again. A duplicate answered on its own, or reopened or unlinked since, stays as it
 * is. Inside the caller's transaction.
 */
export async function reopenFollowers(
  tx: Tx,
  original: IssueRow,
  actorId: string | null,
  note: string | null,
  now: Date,
): Promise<IssueRow[]> {
  const followers = await tx
    .select({ id: issues.id, status: issues.status })
    .from(issues)
    .where(
      and(
        eq(issues.duplicateOf, original.id),
        inArray(issues.status, [...CLOSED_STATUSES]),
        sql`(select e.data->>'duplicateOf' = ${original.id}
                    and e.type not in ('duplicate', 'unduplicate')
               from ${issueEvents} e where e.issue_id = ${issues.id}
              order by e.id desc limit 1)`,
      ),
    );
  const reopened: IssueRow[] = [];
  for (const f of followers) {
    const to = nextStatus(f.status, 'reopen');
    if (!to) continue;
    const [next] = await tx
      .update(issues)
      .set({
        status: to,
        closedAt: null,
        routedAt: now,
        dueAt: original.dueAt,
        escalatedAt: null,
        updatedAt: now,
        version: sql`${issues.version} + 1`,
      })
      .where(and(eq(issues.id, f.id), eq(issues.status, f.status)))
      .returning();
    if (!next) continue;
    await tx.insert(issueEvents).values({
      issueId: next.id,
      type: 'reopen',
      actorId,
      at: now,
      note,
      fromStatus: f.status,
      toStatus: to,
      fromBodyId: next.responsibleBodyId,
      toBodyId: next.responsibleBodyId,
      data: { duplicateOf: original.id },
    });
    reopened.push(next);
  }
  return reopened;
}

/** Marks issue `id` as a duplicate of `input.originalId` (docs/api.md); it follows the original's answer. */
export async function markDuplicate(
  deps: Deps,
  user: AuthUser,
  id: string,
  input: DuplicateInput,
): Promise<Issue> {
  const { db } = deps;
  const now = deps.now();
  const row = await loadForStaffAction(db, user, id, now);
  if (input.originalId === id)
    throw validationError({ originalId: ['Không thể đánh dấu trùng với chính nó'] });
  const [original] = await db.select().from(issues).where(eq(issues.id, input.originalId));
  if (!original || !(await canSeeIssue(db, user, original, issueView(original, now).overdue)))
    throw validationError({ originalId: ['Không tìm thấy kiến nghị gốc'] });
  if (original.duplicateOf)
    throw validationError({
      originalId: ['Kiến nghị này cũng là bản trùng; hãy chọn kiến nghị gốc của nó'],
    });
  if ((await provinceOf(db, original.cellId)) !== (await provinceOf(db, row.cellId)))
    throw validationError({ originalId: ['Kiến nghị gốc phải cùng tỉnh (thành)'] });
  if (row.duplicateOf)
    throw new ApiError(409, 'ALREADY_DUPLICATE', 'Kiến nghị đã được đánh dấu trùng');
  if (isClosed(row.status))
    throw new ApiError(409, 'ISSUE_ANSWERED', 'Kiến nghị đã được trả lời, không đánh dấu trùng');
  if (row.version !== input.expectedVersion) throw versionConflict();
  const [hasDuplicates] = await db
    .select({ id: issues.id })
    .from(issues)
    .where(eq(issues.duplicateOf, id))
    .limit(1);
  if (hasDuplicates)
    throw new ApiError(
      409,
      'HAS_DUPLICATES',
      'Kiến nghị đang là gốc của kiến nghị khác; không thể đánh dấu trùng',
    );

  const updated = await db.transaction(async (tx) => {
    const [next] = await tx
      .update(issues)
      .set({ duplicateOf: original.id, updatedAt: now, version: sql`${issues.version} + 1` })
      .where(and(eq(issues.id, id), eq(issues.version, input.expectedVersion)))
      .returning();
    if (!next) return null;
    await tx.insert(issueEvents).values({
      issueId: id,
      type: 'duplicate',
      actorId: user.id,
      at: now,
      note: original.title,
      fromStatus: row.status,
      toStatus: row.status,
      fromBodyId: row.responsibleBodyId,
      toBodyId: row.responsibleBodyId,
      data: { duplicateOf: original.id },
    });
    // Already answered: the duplicate takes that answer now.
    const [followed] = await followOriginal(tx, original, user.id, now, id);
    return followed ?? next;
  });
  if (!updated) throw versionConflict();
  return issueView(updated, now);
}

/** Undoes `markDuplicate`; an answer it already took stays (reopen it to answer it apart). */
export async function unmarkDuplicate(
  deps: Deps,
  user: AuthUser,
  id: string,
  expectedVersion: number,
): Promise<Issue> {
  const { db } = deps;
  const now = deps.now();
  const row = await loadForStaffAction(db, user, id, now);
  if (!row.duplicateOf)
    throw new ApiError(409, 'NOT_DUPLICATE', 'Kiến nghị không được đánh dấu trùng');
  if (row.version !== expectedVersion) throw versionConflict();
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx
      .update(issues)
      .set({ duplicateOf: null, updatedAt: now, version: sql`${issues.version} + 1` })
      .where(and(eq(issues.id, id), eq(issues.version, expectedVersion)))
      .returning();
    if (!next) return null;
    await tx.insert(issueEvents).values({
      issueId: id,
      type: 'unduplicate',
      actorId: user.id,
      at: now,
      note: null,
      fromStatus: row.status,
      toStatus: row.status,
      fromBodyId: row.responsibleBodyId,
      toBodyId: row.responsibleBodyId,
      data: { duplicateOf: row.duplicateOf },
    });
    return next;
  });
  if (!updated) throw versionConflict();
  return issueView(updated, now);
}
