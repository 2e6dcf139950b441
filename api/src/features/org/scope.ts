import { asc, eq, sql } from 'drizzle-orm';
import { isIssueOverdue } from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { issues } from '../../db/schema.ts';

/**
 * Whether the caller may read an issue: its author, the body it sits with, a body above that one
 * while the issue is overdue (to take it over), a body it passed through, or an admin. Anything
 * else reads as 404.
 */
export async function canSeeIssue(db: Db, user: AuthUser, issue: { id: string; authorId: string; responsibleBodyId: string }, overdue: boolean) {
  if (user.role === 'admin' || issue.authorId === user.id) return true;
  // Observers belong to a committee too, but only its staff act for it.
  if (user.role === 'observer') return false;
  if (issue.responsibleBodyId === user.orgUnitId) return true;
  if (overdue && (await isAncestor(db, user.orgUnitId, issue.responsibleBodyId))) return true;
  // A body the issue passed through (it forwarded it on) keeps reading how it ends.
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select exists(select 1 from issue_events where issue_id = ${issue.id}
          and (to_body_id = ${user.orgUnitId} or from_body_id = ${user.orgUnitId})) as found`,
  );
  return rows[0]?.found === true;
}

/** Whether `ancestorId` is a strict ancestor of `id` in the org graph. */
export async function isAncestor(db: Db, ancestorId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`with recursive up as (
          select parent_id from org_units where id = ${id}
          union
          select o.parent_id from org_units o join up on o.id = up.parent_id
        ) select exists(select 1 from up where parent_id = ${ancestorId}) as found`,
  );
  return rows[0]?.found === true;
}

/**
 * Whether the caller may read a report: its author, an admin, or a body that may read at least one
 * of its issues (`reportIssuesFor`).
 */
export async function canSeeReport(db: Db, user: AuthUser, report: { id: string; authorId: string }, now: Date) {
  if (user.role === 'admin' || report.authorId === user.id) return true;
  if (user.role === 'observer') return false;
  return (await reportIssuesFor(db, user, report, now)) !== null;
}

type IssueRow = typeof issues.$inferSelect;

/**
 * The issues of a report the caller may read, in their order, by the rules of `canSeeIssue`: all of
 * them for its author and an admin; for a body, only those it holds, has held, or may take over.
 * A body never reads an issue routed elsewhere through the report that raised it. Null when the
 * caller may read none (the report is then a 404).
 */
export async function reportIssuesFor(db: Db, user: AuthUser, report: { id: string; authorId: string }, now: Date): Promise<IssueRow[] | null> {
  const all = await db.select().from(issues).where(eq(issues.reportId, report.id)).orderBy(asc(issues.position));
  if (user.role === 'admin' || report.authorId === user.id) return all;
  if (user.role === 'observer') return null;
  const passed = new Set(
    (
      await queryRows<{ issue_id: string }>(
        db,
        sql`select distinct e.issue_id from issue_events e join issues i on i.id = e.issue_id
             where i.report_id = ${report.id} and (e.to_body_id = ${user.orgUnitId} or e.from_body_id = ${user.orgUnitId})`,
      )
    ).map((r) => r.issue_id),
  );
  const above = new Map<string, boolean>();
  const out: IssueRow[] = [];
  for (const row of all) {
    let ok = row.responsibleBodyId === user.orgUnitId || passed.has(row.id);
    if (!ok && isIssueOverdue({ status: row.status, dueAt: row.dueAt, ackDueAt: row.ackDueAt }, now)) {
      if (!above.has(row.responsibleBodyId)) above.set(row.responsibleBodyId, await isAncestor(db, user.orgUnitId, row.responsibleBodyId));
      ok = above.get(row.responsibleBodyId)!;
    }
    if (ok) out.push(row);
  }
  return out.length ? out : null;
}
