import { desc, eq, inArray } from 'drizzle-orm';
import { toLocalIso, Uuid, type CriteriaSet, type ReportView } from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { criteriaSets, orgUnits, reports, residenceMembers, users } from '../../db/schema.ts';
import { notFoundErrors } from '../../lib/errors.ts';
import { issueView } from '../issues/view.ts';
import { reportIssuesFor } from '../org/scope.ts';

/** The caller's own reports, newest first, as a summary line each. */
export async function listOwnReports(db: Db, user: AuthUser, limit: number) {
  const rows = await db
    .select({
      id: reports.id,
      cellId: reports.cellId,
      cellName: orgUnits.name,
      meetingDate: reports.meetingDate,
      score: reports.score,
      band: reports.band,
      onTime: reports.onTime,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .innerJoin(orgUnits, eq(orgUnits.id, reports.cellId))
    .where(eq(reports.authorId, user.id))
    .orderBy(desc(reports.submittedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, submittedAt: toLocalIso(r.submittedAt) }));
}

/** Names of units by id (the bodies a report's issues sit with). */
export async function unitNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await db
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(inArray(orgUnits.id, unique))
    : [];
  return new Map(rows.map((b) => [b.id, b.name]));
}

/**
 * A stored report with the issues the caller may see: all for its author and admins; for a body,
 * those it holds, held or may take over (never a sibling routed elsewhere). None: 404.
 */
export async function loadReportView(
  db: Db,
  user: AuthUser,
  id: string,
  now: Date,
): Promise<ReportView> {
  if (!Uuid.safeParse(id).success) throw notFoundErrors.report();
  const [row] = await db
    .select({
      report: reports,
      cellName: orgUnits.name,
      authorName: users.displayName,
      definition: criteriaSets.definition,
    })
    .from(reports)
    .innerJoin(orgUnits, eq(orgUnits.id, reports.cellId))
    .innerJoin(users, eq(users.id, reports.authorId))
    .innerJoin(criteriaSets, eq(criteriaSets.id, reports.criteriaSetId))
    .where(eq(reports.id, id));
  const issueRows = row ? await reportIssuesFor(db, user, row.report, now) : null;
  if (!row || !issueRows) throw notFoundErrors.report();
  const bodyName = await unitNames(
    db,
    issueRows.map((i) => i.responsibleBodyId),
  );
  const r = row.report;
  return {
    id: r.id,
    authorId: r.authorId,
    authorName: row.authorName,
    cellId: r.cellId,
    cellName: row.cellName,
    meetingDate: r.meetingDate,
    meetingType: r.meetingType,
    startedAt: toLocalIso(r.startedAt),
    endedAt: toLocalIso(r.endedAt),
    online: r.online,
    meetingFormat: r.meetingFormat,
    attendance: withBreakdown(r),
    residenceMembersPresent: await residenceNames(db, r.residenceMemberIds ?? []),
    criteriaSetId: r.criteriaSetId,
    scores: r.scores as Record<string, number>,
    groupNotes: r.groupNotes as Record<string, string>,
    notApplicable: markedItems(row.definition, r.notApplicable),
    score: r.score,
    groupScores: r.groupScores as Record<string, number>,
    band: r.band,
    cellSelfScore: r.cellSelfScore,
    suggestions: r.suggestions,
    onTime: r.onTime,
    submittedAt: toLocalIso(r.submittedAt),
    issues: issueRows.map((i) =>
      issueView(i, now, { cellName: row.cellName, bodyName: bodyName.get(i.responsibleBodyId) }),
    ),
  };
}

/** The attendance counts with the breakdown columns of a report merged in (those stated). */
export function withBreakdown(r: typeof reports.$inferSelect): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(r.attendance as Record<string, unknown>) };
  if (r.presentOnline != null) out.presentOnline = r.presentOnline;
  if (r.presentResidence != null) out.presentResidence = r.presentResidence;
  if (r.awayForWork != null) out.awayForWork = r.awayForWork;
  return out;
}

/** Names of the residence members ticked as present, sorted by name (Vietnamese collation). */
export async function residenceNames(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; fullName: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: residenceMembers.id, fullName: residenceMembers.fullName })
    .from(residenceMembers)
    .where(inArray(residenceMembers.id, [...ids]));
  return rows.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}

/** The items a report marked "Không áp dụng" by hand, in the set's order, by title with the reason. */
export function markedItems(
  set: Pick<CriteriaSet, 'groups'>,
  marked: Readonly<Record<string, string>>,
): ReportView['notApplicable'] {
  return set.groups.flatMap((g) =>
    g.items
      .filter((i) => Object.hasOwn(marked, i.id))
      .map((i) => ({ itemId: i.id, title: i.title, reason: marked[i.id] ?? '' })),
  );
}
