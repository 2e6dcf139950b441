import { sql, type SQL } from 'drizzle-orm';
import { AWAITING_ACK_STATUSES, OVERDUE_SQL_STATUSES } from '@duhop/shared';

/**
 * `status not in ('resolved', …)`: an issue still with its body. The predicate of the partial index
 * `issues_body_with_body_idx` and the first term of `overdueCondition`, from this one function so
 * that they stay word for word the same (the planner proves the index usable only then). Literals,
 * not parameters: an index predicate cannot bind, and the statuses are a fixed enum.
 */
export function withBodyPredicate(): SQL {
  return sql.raw(
    `status not in (${OVERDUE_SQL_STATUSES.notWithBody.map((s) => `'${s}'`).join(', ')})`,
  );
}

/**
 * The deadline that matters now: the acknowledgement one while it is awaited, else the answer one
 * (the inbox's `sort=next`). The expression of the indexes `issues_body_next_idx` and
 * `issues_next_idx` and the inbox's sort key, from this one function, so that the planner matches
 * them (literals, not parameters, for the same reason as above); unqualified columns of `issues`.
 */
export function nextDeadlineSql(): SQL {
  return sql.raw(
    `(case when status in (${AWAITING_ACK_STATUSES.map((s) => `'${s}'`).join(', ')}) and ack_due_at is not null then ack_due_at else due_at end)`,
  );
}
