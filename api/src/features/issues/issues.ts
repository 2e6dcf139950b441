import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Uuid, type Issue, type IssueWithEvents } from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { issues, orgUnits } from '../../db/schema.ts';
import { notFoundErrors } from '../../lib/errors.ts';
import { loadAncestry } from '../org/graph.ts';
import { canSeeIssue } from '../org/scope.ts';
import { loadEvents } from './events.ts';
import { issueView } from './view.ts';

const body = alias(orgUnits, 'body');

/** Issues with the names of their cell and responsible body: the query behind every issue list. */
export const selectNamedIssues = (db: Db) =>
  db
    .select({ issue: issues, cellName: orgUnits.name, bodyName: body.name })
    .from(issues)
    .innerJoin(orgUnits, eq(orgUnits.id, issues.cellId))
    .innerJoin(body, eq(body.id, issues.responsibleBodyId));

type NamedIssueRow = { issue: typeof issues.$inferSelect; cellName: string; bodyName: string };

/** A row of `selectNamedIssues` on the wire, `overdue` computed at `now`. */
export const namedIssueView = (r: NamedIssueRow, now: Date): Issue =>
  issueView(r.issue, now, { cellName: r.cellName, bodyName: r.bodyName });

/** The commune (or district) committee of each cell: the nearest such ancestor. */
export async function communesOf(
  db: Db,
  cellIds: readonly string[],
): Promise<Map<string, { communeId: string; communeName: string }>> {
  const unique = [...new Set(cellIds)];
  const index = await loadAncestry(db, unique);
  const out = new Map<string, { communeId: string; communeName: string }>();
  for (const id of unique) {
    const c = index.triageBodyOf(id);
    if (c) out.set(id, { communeId: c.id, communeName: c.name });
  }
  return out;
}

/** Loads an issue the caller may see, with its timeline; 404 for anything outside their scope. */
export async function loadVisibleIssue(
  db: Db,
  user: AuthUser,
  id: string,
  now: Date,
): Promise<IssueWithEvents> {
  if (!Uuid.safeParse(id).success) throw notFoundErrors.issue();
  const [row] = await selectNamedIssues(db).where(eq(issues.id, id));
  if (!row) throw notFoundErrors.issue();
  const view = namedIssueView(row, now);
  if (!(await canSeeIssue(db, user, row.issue, view.overdue))) throw notFoundErrors.issue();
  const commune = (await communesOf(db, [row.issue.cellId])).get(row.issue.cellId);
  return { ...view, ...commune, events: await loadEvents(db, id) };
}
