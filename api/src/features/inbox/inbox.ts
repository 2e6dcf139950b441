import { and, asc, count, eq, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  HELD_BY_NOBODY_STATUSES,
  hasRole,
  InboxQuery,
  normalizeForSearch,
  Slug,
  Uuid,
  yearInRange,
  type InboxResponse,
} from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/rows.ts';
import { issues } from '../../db/schema.ts';
import { decodeCursor, encodeCursor, keysetPage } from '../../lib/page.ts';
import { namedIssueView, selectNamedIssues } from '../issues/issues.ts';
import { overdueCondition as overdueSql, timestamp } from '../issues/overdue-sql.ts';
import { inSubtree } from '../org/sql.ts';

/** The inbox's query string: the shared filters, and for an admin the body whose inbox to read. */
export const InboxParams = InboxQuery.extend({ bodyId: Slug.optional() });
export type InboxParams = z.output<typeof InboxParams>;

const dueCursor = (dueAt: Date, id: string) =>
  encodeCursor(JSON.stringify([dueAt.toISOString(), id]));
/**
 * The keyset bound of a cursor this API made. Anything else (not base64url JSON, not an instant
 * we could have written, not a uuid) is a 422 here, before it reaches a `::uuid` or
 * `::timestamptz` cast (a crafted cursor with year 275760 or 36 dashes used to give a 500).
 */
const readDueCursor = (cursor: string) =>
  decodeCursor(cursor, (text): [Date, string] | null => {
    const [due, id] = JSON.parse(text) as [unknown, unknown];
    if (typeof due !== 'string' || typeof id !== 'string' || !Uuid.safeParse(id).success)
      return null;
    const date = new Date(due);
    if (Number.isNaN(date.getTime()) || date.toISOString() !== due || !yearInRange(due))
      return null;
    return [date, id];
  });

/** Issues sitting with the caller's body (an admin may name another), soonest due first. */
export async function listInbox(
  db: Db,
  user: AuthUser,
  q: InboxParams,
  now: Date,
): Promise<InboxResponse> {
  const bodyId = hasRole(user, 'admin') && q.bodyId ? q.bodyId : user.orgUnitId;

  // `escalated`: what bodies below the caller's let pass its deadline (the parent's overdue view).
  const filters: SQL[] =
    q.scope === 'escalated'
      ? [
          inSubtree(issues.responsibleBodyId, bodyId, { self: false }),
          sql`${issues.escalatedAt} is not null`,
          overdueSql(now),
        ]
      : // Issues answered at the meeting name their cell as body but sit in no inbox (an admin
        // naming the cell included).
        [
          eq(issues.responsibleBodyId, bodyId),
          notInArray(issues.status, [...HELD_BY_NOBODY_STATUSES]),
        ];
  if (q.category) filters.push(eq(issues.category, q.category));
  if (q.cellId) filters.push(eq(issues.cellId, q.cellId));
  if (q.communeId) {
    filters.push(inSubtree(issues.cellId, q.communeId, { self: true }));
  }
  if (q.q) {
    const needle = normalizeForSearch(q.q);
    if (needle) filters.push(sql`${issues.searchText} like ${containsPattern(needle)}`);
  }
  if (q.overdue !== undefined)
    filters.push(q.overdue ? overdueSql(now) : sql`not ${overdueSql(now)}`);
  if (q.dueWithinDays !== undefined) {
    filters.push(
      lte(issues.dueAt, new Date(now.getTime() + q.dueWithinDays * 86_400_000)),
      sql`${issues.closedAt} is null`,
    );
  }
  const statusFilter = q.status?.length ? inArray(issues.status, q.status) : undefined;
  const page: SQL[] = [...filters];
  if (statusFilter) page.push(statusFilter);
  if (q.cursor) {
    // A row comparison, so that the keyset bound is an index condition on (body, due_at, id)
    // instead of a filter over every row before the cursor (EXPLAIN in test/bench).
    const [due, id] = readDueCursor(q.cursor);
    page.push(sql`(${issues.dueAt}, ${issues.id}) > (${timestamp(due)}, ${id}::uuid)`);
  }

  const [rows, counts] = await Promise.all([
    selectNamedIssues(db)
      .where(and(...page))
      .orderBy(asc(issues.dueAt), asc(issues.id))
      .limit(q.limit + 1),
    // Per-status counts cost a pass over every matching issue: only the first page carries
    // them (the extension keeps the first page's counts while it loads more).
    q.cursor
      ? null
      : db
          .select({ status: issues.status, n: count() })
          .from(issues)
          .where(and(...filters))
          .groupBy(issues.status),
  ]);
  const { page: shown, nextCursor } = keysetPage(rows, q.limit, (last) =>
    dueCursor(last.issue.dueAt, last.issue.id),
  );
  return {
    items: shown.map((r) => namedIssueView(r, now)),
    nextCursor,
    ...(counts ? { counts: Object.fromEntries(counts.map((r) => [r.status, Number(r.n)])) } : {}),
  };
}
