import { asc, eq, sql } from 'drizzle-orm';
import {
  actorKindsFor,
  hasRole,
  isIssueOverdue,
  needsAncestry,
  NO_ANCESTRY,
  type ActorKind,
  type IssueForActor,
} from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { issues } from '../../db/schema.ts';
import { loadAncestry } from './graph.ts';

/**
 * The caller's kinds towards an issue (shared `actorKindsFor`, the rule the extension applies
 * too), loading the responsible body's ancestry only when the rule asks for it.
 */
export async function actorKinds(
  db: Db,
  user: AuthUser,
  issue: IssueForActor,
): Promise<ActorKind[]> {
  const org = needsAncestry(user, issue)
    ? await loadAncestry(db, [issue.responsibleBodyId])
    : NO_ANCESTRY;
  return actorKindsFor(user, issue, org);
}

/**
 * Whether the caller may read an issue: its author, the body it sits with, a body above that one
 * while the issue is overdue (to take it over), a body it passed through, or an admin. Anything
 * else reads as 404.
 */
export async function canSeeIssue(
  db: Db,
  user: AuthUser,
  issue: { id: string; authorId: string; responsibleBodyId: string },
  overdue: boolean,
) {
  // Whoever may act on it (admin, author, holder, a parent while overdue) may read it.
  if ((await actorKinds(db, user, { ...issue, overdue })).length > 0) return true;
  // Observers belong to a committee too, but only its staff act for it.
  if (!hasRole(user, 'staff', 'leader')) return false;
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
  return ancestorId !== id && (await loadAncestry(db, [id])).isAncestorOrSelf(ancestorId, id);
}

/**
 * Whether the caller may read a report: its author, an admin, or a body that may read at least one
 * of its issues (`reportIssuesFor`).
 */
export async function canSeeReport(
  db: Db,
  user: AuthUser,
  report: { id: string; authorId: string },
  now: Date,
) {
  if (hasRole(user, 'admin') || report.authorId === user.id) return true;
  // Only staff and leaders read reports of others (for the issues their body holds).
  if (!hasRole(user, 'staff', 'leader')) return false;
  return (await reportIssuesFor(db, user, report, now)) !== null;
}

type IssueRow = typeof issues.$inferSelect;

/**
 * The issues of a report the caller may read, in their order, by the rules of `canSeeIssue`: all of
 * them for its author and an admin; for a body, only those it holds, has held, or may take over.
 * A body never reads an issue routed elsewhere through the report that raised it. Null when the
 * caller may read none (the report is then a 404).
 */
export async function reportIssuesFor(
  db: Db,
  user: AuthUser,
  report: { id: string; authorId: string },
  now: Date,
): Promise<IssueRow[] | null> {
  const all = await db
    .select()
    .from(issues)
    .where(eq(issues.reportId, report.id))
    .orderBy(asc(issues.position));
  if (hasRole(user, 'admin') || report.authorId === user.id) return all;
  if (!hasRole(user, 'staff', 'leader')) return null;
  const passed = new Set(
    (
      await queryRows<{ issue_id: string }>(
        db,
        sql`select distinct e.issue_id from issue_events e join issues i on i.id = e.issue_id
             where i.report_id = ${report.id} and (e.to_body_id = ${user.orgUnitId} or e.from_body_id = ${user.orgUnitId})`,
      )
    ).map((r) => r.issue_id),
  );
  const facts = all.map((row) => ({
    row,
    issue: {
      ...row,
      overdue: isIssueOverdue(
        { status: row.status, dueAt: row.dueAt, ackDueAt: row.ackDueAt },
        now,
      ),
    },
  }));
  // One query for the ancestry of every body the rule will ask about.
  const asked = [
    ...new Set(
      facts.filter((f) => needsAncestry(user, f.issue)).map((f) => f.row.responsibleBodyId),
    ),
  ];
  const org = asked.length ? await loadAncestry(db, asked) : NO_ANCESTRY;
  const out = facts
    .filter((f) => passed.has(f.row.id) || actorKindsFor(user, f.issue, org).length > 0)
    .map((f) => f.row);
  return out.length ? out : null;
}
