import { and, count, eq, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  AWAITING_ACK_STATUSES,
  HELD_BY_NOBODY_STATUSES,
  hasRole,
  InboxQuery,
  normalizeForSearch,
  Slug,
  Uuid,
  yearInRange,
  type InboxResponse,
  type InboxSort,
} from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/rows.ts';
import { nextDeadlineSql } from '../../db/predicates.ts';
import { issues } from '../../db/schema.ts';
import { forbidden } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor, keysetPage } from '../../lib/page.ts';
import { provinceOf } from '../admin/scope.ts';
import { communesOf, namedIssueView, selectNamedIssues } from '../issues/issues.ts';
import { overdueCondition as overdueSql, timestamp } from '../issues/overdue-sql.ts';
import { inSubtree } from '../org/sql.ts';

/** The inbox's query string: the shared filters, and for an admin the body whose inbox to read. */
export const InboxParams = InboxQuery.extend({ bodyId: Slug.optional() });
export type InboxParams = z.output<typeof InboxParams>;

type IssueRow = typeof issues.$inferSelect;
type Bound = Date | null;

/**
 * How each `sort` orders the inbox: the keys (all ascending or all descending, the id last as the
 * tie-break) and the bound a row gives for the next page. A null bound is "after every date"
 * (`infinity`): issues no longer awaiting acknowledgement under `ack`.
 */
const awaitingAck = sql`${issues.status} in (${sql.join(
  AWAITING_ACK_STATUSES.map((s) => sql`${s}`),
  sql`, `,
)})`;
const SORTS: Record<InboxSort, { keys: SQL[]; desc: boolean; bound: (r: IssueRow) => Bound[] }> = {
  due: { keys: [sql`${issues.dueAt}`], desc: false, bound: (r) => [r.dueAt] },
  // The expression of the indexes issues_body_next_idx (one body) and issues_next_idx (scope=all),
  // word for word: a page is an index scan (EXPLAIN in test/bench/explain.ts).
  next: {
    keys: [nextDeadlineSql()],
    desc: false,
    bound: (r) => [waitsForAck(r) ? r.ackDueAt : r.dueAt],
  },
  ack: {
    keys: [
      sql`coalesce(case when ${awaitingAck} then ${issues.ackDueAt} end, 'infinity'::timestamptz)`,
      sql`${issues.dueAt}`,
    ],
    desc: false,
    bound: (r) => [waitsForAck(r) ? r.ackDueAt : null, r.dueAt],
  },
  age: { keys: [sql`${issues.createdAt}`], desc: false, bound: (r) => [r.createdAt] },
  activity: { keys: [sql`${issues.updatedAt}`], desc: true, bound: (r) => [r.updatedAt] },
};
const waitsForAck = (r: IssueRow) => AWAITING_ACK_STATUSES.includes(r.status) && !!r.ackDueAt;

const encodeBound = (sort: InboxSort, bound: Bound[], id: string) =>
  encodeCursor(JSON.stringify([sort, ...bound.map((d) => d?.toISOString() ?? null), id]));

/**
 * The keyset bound of a cursor this API made for this sort. Anything else (not base64url JSON,
 * another sort's cursor, not an instant we could have written, not a uuid) is a 422 here, before
 * it reaches a `::uuid` or `::timestamptz` cast (a crafted cursor with year 275760 or 36 dashes
 * used to give a 500).
 */
const readCursor = (cursor: string, sort: InboxSort) =>
  decodeCursor(cursor, (text): [Bound[], string] | null => {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return null;
    // Cursors written before `sort` existed: [dueAt, id] of the default order.
    const [name, ...rest] = parsed.length === 2 ? ['due', ...parsed] : parsed;
    if (name !== sort || rest.length !== SORTS[sort].keys.length + 1) return null;
    const id = rest.pop();
    if (typeof id !== 'string' || !Uuid.safeParse(id).success) return null;
    const bound: Bound[] = [];
    for (const v of rest) {
      if (v === null && sort === 'ack' && bound.length === 0) {
        bound.push(null);
        continue;
      }
      if (typeof v !== 'string') return null;
      const date = new Date(v);
      if (Number.isNaN(date.getTime()) || date.toISOString() !== v || !yearInRange(v)) return null;
      bound.push(date);
    }
    return [bound, id];
  });

/** Issues sitting with the caller's body (an admin may name another), soonest due first. */
export async function listInbox(
  db: Db,
  user: AuthUser,
  q: InboxParams,
  now: Date,
): Promise<InboxResponse> {
  const isAdmin = hasRole(user, 'admin');
  const bodyId = isAdmin && q.bodyId ? q.bodyId : user.orgUnitId;
  if (q.scope === 'all' && !isAdmin)
    throw forbidden('Chỉ quản trị viên xem được kiến nghị của mọi cơ quan trong tỉnh');

  // Issues answered at the meeting name their cell as body but sit in no inbox (an admin naming
  // the cell included).
  const held = notInArray(issues.status, [...HELD_BY_NOBODY_STATUSES]);
  const filters: SQL[] =
    q.scope === 'escalated'
      ? // What bodies below the caller's let pass its deadline (the parent's overdue view).
        [
          inSubtree(issues.responsibleBodyId, bodyId, { self: false }),
          sql`${issues.escalatedAt} is not null`,
          overdueSql(now),
        ]
      : q.scope === 'all'
        ? // Every inbox of the admin's province (or of the province of the body named).
          [
            inSubtree(issues.responsibleBodyId, (await provinceOf(db, bodyId)) ?? bodyId, {
              self: true,
            }),
            held,
          ]
        : [eq(issues.responsibleBodyId, bodyId), held];
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
  const order = SORTS[q.sort];
  if (q.cursor) {
    // A row comparison, so that the keyset bound of the default order is an index condition on
    // (body, due_at, id) instead of a filter over every row before the cursor (EXPLAIN in
    // test/bench).
    const [bound, id] = readCursor(q.cursor, q.sort);
    const values = bound.map((d) => (d ? timestamp(d) : sql`'infinity'::timestamptz`));
    page.push(
      sql`(${sql.join([...order.keys, sql`${issues.id}`], sql`, `)}) ${sql.raw(order.desc ? '<' : '>')} (${sql.join([...values, sql`${id}::uuid`], sql`, `)})`,
    );
  }
  const dir = (k: SQL) => (order.desc ? sql`${k} desc` : sql`${k} asc`);

  const [rows, counts] = await Promise.all([
    selectNamedIssues(db)
      .where(and(...page))
      .orderBy(...order.keys.map(dir), dir(sql`${issues.id}`))
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
    encodeBound(q.sort, order.bound(last.issue), last.issue.id),
  );
  const communes = await communesOf(
    db,
    shown.map((r) => r.issue.cellId),
  );
  return {
    items: shown.map((r) => ({ ...namedIssueView(r, now), ...communes.get(r.issue.cellId) })),
    nextCursor,
    ...(counts ? { counts: Object.fromEntries(counts.map((r) => [r.status, Number(r.n)])) } : {}),
  };
}
