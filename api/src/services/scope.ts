import { sql } from 'drizzle-orm';
import type { AuthUser } from '../context.ts';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

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
 * Whether the caller may read a report: its author, an admin, or a body that one of its issues
 * sits with or has passed through.
 */
export async function canSeeReport(db: Db, user: AuthUser, report: { id: string; authorId: string }) {
  if (user.role === 'admin' || report.authorId === user.id) return true;
  if (user.role === 'observer') return false;
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select exists(
          select 1 from issues i where i.report_id = ${report.id}
             and (i.responsible_body_id = ${user.orgUnitId}
                  or exists(select 1 from issue_events e where e.issue_id = i.id and e.to_body_id = ${user.orgUnitId}))
        ) as found`,
  );
  return rows[0]?.found === true;
}
