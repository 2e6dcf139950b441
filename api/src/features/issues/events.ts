import { asc, eq } from 'drizzle-orm';
import { toLocalIso, type IssueEvent } from '@duhop/shared';
import type { Db } from '../../db/client.ts';
import { issueEvents, users } from '../../db/schema.ts';

/** The timeline of an issue, oldest first, with the actors' names. */
export async function loadEvents(db: Db, issueId: string): Promise<IssueEvent[]> {
  const rows = await db
    .select({ e: issueEvents, actorName: users.displayName })
    .from(issueEvents)
    .leftJoin(users, eq(users.id, issueEvents.actorId))
    .where(eq(issueEvents.issueId, issueId))
    .orderBy(asc(issueEvents.id));
  return rows.map(({ e, actorName }) => ({
    id: String(e.id),
    issueId: e.issueId,
    type: e.type,
    actorId: e.actorId,
    actorName: actorName ?? null,
    at: toLocalIso(e.at),
    note: e.note,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    fromBodyId: e.fromBodyId,
    toBodyId: e.toBodyId,
    ...(typeof e.data?.targetDate === 'string' ? { targetDate: e.data.targetDate } : {}),
    ...(typeof e.data?.duplicateOf === 'string' ? { duplicateOf: e.data.duplicateOf } : {}),
  }));
}
