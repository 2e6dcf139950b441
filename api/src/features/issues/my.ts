import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import { toLocalIso, type EventFeed, type Issue, type IssueStatus } from '@duhop/shared';
import type { AuthUser } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { issueEvents, issues, users } from '../../db/schema.ts';
import { validationError } from '../../lib/errors.ts';
import { namedIssueView, selectNamedIssues } from './issues.ts';

/** The issues an observer raised, newest first. */
export async function listMyIssues(
  db: Db,
  user: AuthUser,
  q: { status?: IssueStatus | undefined; limit: number },
  now: Date,
): Promise<Issue[]> {
  const rows = await selectNamedIssues(db)
    .where(and(eq(issues.authorId, user.id), q.status ? eq(issues.status, q.status) : undefined))
    .orderBy(desc(issues.createdAt), asc(issues.position))
    .limit(q.limit);
  return rows.map((r) => namedIssueView(r, now));
}

/**
 * What happened to the observer's issues after the event id `after`, oldest first. Unlike the
 * keyset lists, the cursor always moves to the newest event read (or stays), so a client polls with it.
 */
export async function listMyEvents(
  db: Db,
  user: AuthUser,
  q: { after?: string | undefined; limit: number },
): Promise<EventFeed> {
  const mine = db.select({ id: issues.id }).from(issues).where(eq(issues.authorId, user.id));
  const after = q.after ? Number(q.after) : 0;
  if (!Number.isSafeInteger(after)) throw validationError({ after: ['Con trỏ không hợp lệ'] });
  const rows = await db
    .select({ e: issueEvents, actorName: users.displayName, issueTitle: issues.title })
    .from(issueEvents)
    .innerJoin(issues, eq(issues.id, issueEvents.issueId))
    .leftJoin(users, eq(users.id, issueEvents.actorId))
    .where(and(inArray(issueEvents.issueId, mine), gt(issueEvents.id, after)))
    .orderBy(asc(issueEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ e, actorName, issueTitle }) => ({
      id: String(e.id),
      issueId: e.issueId,
      issueTitle,
      type: e.type,
      actorId: e.actorId,
      actorName: actorName ?? null,
      at: toLocalIso(e.at),
      note: e.note,
      fromStatus: e.fromStatus as IssueStatus | null,
      toStatus: e.toStatus as IssueStatus | null,
      fromBodyId: e.fromBodyId,
      toBodyId: e.toBodyId,
    })),
    nextCursor: last ? String(last.e.id) : (q.after ?? null),
  };
}
