import { and, asc, count, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';

import { InboxQuery, InboxResponse, normalizeForSearch, Slug, Uuid, yearInRange } from '@duhop/shared';
import type { AppEnv } from '../../context.ts';
import { issues, orgUnits } from '../../db/schema.ts';
import { requireRole, requireUser } from '../../lib/auth.ts';
import { validationError } from '../../lib/errors.ts';
import { doc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { issueView } from '../issues/view.ts';
import { overdueCondition as overdueSql, timestamp } from '../issues/overdue-sql.ts';
import { inSubtree } from '../org/sql.ts';

const body = alias(orgUnits, 'body');

const encodeCursor = (dueAt: Date, id: string) => Buffer.from(JSON.stringify([dueAt.toISOString(), id])).toString('base64url');
/**
 * The keyset bound of a cursor this API made. Anything else (not base64url JSON, not an instant
 * we could have written, not a uuid) is a 422 here, before it reaches a `::uuid` or
 * `::timestamptz` cast (a crafted cursor with year 275760 or 36 dashes used to give a 500).
 */
function decodeCursor(cursor: string): [Date, string] {
  try {
    const [due, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof due !== 'string' || typeof id !== 'string' || !Uuid.safeParse(id).success) throw new Error('bad');
    const date = new Date(due);
    if (Number.isNaN(date.getTime()) || date.toISOString() !== due || !yearInRange(due)) throw new Error('bad');
    return [date, id];
  } catch {
    throw validationError({ cursor: ['Con trỏ phân trang không hợp lệ'] });
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export const inboxRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    describeRoute(doc("Issues sitting with the caller's body, soonest due first (keyset pagination)", InboxResponse)),
    requireRole('staff', 'leader', 'admin'),
    validate('query', InboxQuery.extend({ bodyId: Slug.optional() })),
    async (c) => {
      const { db, now: clock } = c.var.deps;
      const q = c.req.valid('query');
      const user = c.var.user;
      const now = clock();
      const bodyId = user.role === 'admin' && q.bodyId ? q.bodyId : user.orgUnitId;

      // `escalated`: what bodies below the caller's let pass its deadline (the parent's overdue view).
      const filters: SQL[] =
        q.scope === 'escalated'
          ? [
              inSubtree(issues.responsibleBodyId, bodyId, { self: false }),
              sql`${issues.escalatedAt} is not null`,
              overdueSql(now),
            ]
          : [eq(issues.responsibleBodyId, bodyId)];
      if (q.category) filters.push(eq(issues.category, q.category));
      if (q.cellId) filters.push(eq(issues.cellId, q.cellId));
      if (q.communeId) {
        filters.push(inSubtree(issues.cellId, q.communeId, { self: true }));
      }
      if (q.q) {
        const needle = normalizeForSearch(q.q);
        if (needle) filters.push(sql`${issues.searchText} like ${`%${escapeLike(needle)}%`}`);
      }
      if (q.overdue !== undefined) filters.push(q.overdue ? overdueSql(now) : sql`not ${overdueSql(now)}`);
      if (q.dueWithinDays !== undefined) {
        filters.push(lte(issues.dueAt, new Date(now.getTime() + q.dueWithinDays * 86_400_000)), sql`${issues.closedAt} is null`);
      }
      const statusFilter = q.status?.length ? inArray(issues.status, q.status) : undefined;
      const page: SQL[] = [...filters];
      if (statusFilter) page.push(statusFilter);
      if (q.cursor) {
        // A row comparison, so that the keyset bound is an index condition on (body, due_at, id)
        // instead of a filter over every row before the cursor (EXPLAIN in test/bench).
        const [due, id] = decodeCursor(q.cursor);
        page.push(sql`(${issues.dueAt}, ${issues.id}) > (${timestamp(due)}, ${id}::uuid)`);
      }

      const [rows, counts] = await Promise.all([
        db
          .select({ issue: issues, cellName: orgUnits.name, bodyName: body.name })
          .from(issues)
          .innerJoin(orgUnits, eq(orgUnits.id, issues.cellId))
          .innerJoin(body, eq(body.id, issues.responsibleBodyId))
          .where(and(...page))
          .orderBy(asc(issues.dueAt), asc(issues.id))
          .limit(q.limit + 1),
        // Per-status counts cost a pass over every matching issue: only the first page carries
        // them (the extension keeps the first page's counts while it loads more).
        q.cursor ? null : db.select({ status: issues.status, n: count() }).from(issues).where(and(...filters)).groupBy(issues.status),
      ]);
      const more = rows.length > q.limit;
      const pageRows = more ? rows.slice(0, q.limit) : rows;
      const last = pageRows[pageRows.length - 1];
      return c.json(
        {
          items: pageRows.map((r) => issueView(r.issue, now, { cellName: r.cellName, bodyName: r.bodyName })),
          nextCursor: more && last ? encodeCursor(last.issue.dueAt, last.issue.id) : null,
          ...(counts ? { counts: Object.fromEntries(counts.map((r) => [r.status, Number(r.n)])) } : {}),
        },
        200,
      );
    },
  );
