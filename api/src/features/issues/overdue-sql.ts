import { sql, type SQL } from 'drizzle-orm';
import { OVERDUE_SQL_STATUSES } from '@duhop/shared';
import { withBodyPredicate } from '../../db/predicates.ts';
import { statusList as list } from './status-sql.ts';

/**
 * SQL twin of the shared `isIssueOverdue`, on unqualified `issues` columns. Its first term is the
 * partial index's predicate (`withBodyPredicate`), so the overdue filter reads only that index.
 */
export function overdueCondition(now: Date): SQL {
  const at = timestamp(now);
  return sql`(${withBodyPredicate()} and (due_at < ${at}
    or (status in (${list(OVERDUE_SQL_STATUSES.waitingForAck)}) and ack_due_at < ${at})))`;
}

/** A Date as a bound `timestamptz` in raw SQL (postgres.js will not serialise a bare Date there). */
export const timestamp = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;
