import { sql, type SQL } from 'drizzle-orm';
import { OVERDUE_SQL_STATUSES } from '@duhop/shared';

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
